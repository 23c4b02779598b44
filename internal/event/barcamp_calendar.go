package event

import (
	"context"
	"net/http"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/feed"
)

// sessionCalendarEvent is a scheduled session as a VEVENT: its slot's
// times, its room at the camp's address, cancelled with the camp.
func (m *Module) sessionCalendarEvent(e *Event, b *Camp, s *Session) (feed.Event, bool) {
	slot, ok := b.slot(s.SlotID)
	room, ok2 := b.room(s.RoomID)
	if !ok || !ok2 || b.Published == nil {
		return feed.Event{}, false
	}
	ev := feed.Event{
		UID: s.ID + "@" + m.host(), Stamp: s.UpdatedAt, Start: slot.Start, End: slot.End, Summary: s.Title,
		Description: s.Description, Lang: s.Lang, URL: m.s.BaseURL + "/events/" + e.ID + "/sessions/" + s.ID,
		Status: feed.Confirmed, Categories: []string{string(Barcamp), string(s.Format)},
		Location: joinNonEmpty(", ", room.Name, e.address()),
	}
	if b.Published.After(ev.Stamp) {
		ev.Stamp = *b.Published
	}
	ev.Sequence = int(ev.Stamp.Sub(s.CreatedAt).Seconds())
	if e.Status == Cancelled {
		ev.Status = feed.Cancelled
	}
	return ev, true
}

// sessionCalendar answers /events/{id}/sessions/{sid}.ics: the session
// once it is in the published schedule.
func (m *Module) sessionCalendar(w http.ResponseWriter, r *http.Request, eventID, sessionID string) {
	e, b, s, _, err := m.Session(r.Context(), eventID, sessionID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	ev, ok := m.sessionCalendarEvent(e, b, s)
	if !ok {
		m.s.Render.Error(w, r, apperr.New(apperr.NotFound, "barcamp.session.not_scheduled"))
		return
	}
	m.writeCalendar(w, r, &feed.Calendar{Name: s.Title, Events: []feed.Event{ev}})
}

// sessionEntries are the sessions the person hosts or voted for that are
// in a published schedule and whose slot overlaps [from, to), for the
// personal calendar feed.
func (m *Module) sessionEntries(ctx context.Context, userID string, from, to time.Time) ([]feed.Event, error) {
	rows, err := m.s.DB.QueryContext(ctx, "SELECT "+sessionColumns+` FROM event_barcamp_sessions s
		JOIN event_barcamps c ON c.id = s.event_id AND c.published_at IS NOT NULL
		JOIN event_barcamp_slots sl ON sl.id = s.slot_id
		WHERE sl.ends_at >= $2 AND sl.starts_at < $3 AND s.room_id IS NOT NULL
		AND (EXISTS (SELECT 1 FROM event_barcamp_hosts h WHERE h.session_id = s.id AND h.user_id = $1)
		  OR EXISTS (SELECT 1 FROM event_barcamp_votes v WHERE v.session_id = s.id AND v.user_id = $1))
		ORDER BY sl.starts_at, s.id`, userID, from, to)
	sessions, err := db.Collect(rows, err, scanSession)
	if err != nil || len(sessions) == 0 {
		return nil, err
	}
	events, camps := map[string]*Event{}, map[string]*Camp{}
	var out []feed.Event
	for _, s := range sessions {
		if events[s.EventID] == nil {
			if events[s.EventID], err = getEvent(ctx, m.s.DB, s.EventID); err != nil {
				return nil, err
			}
			if camps[s.EventID], err = getBarcamp(ctx, m.s.DB, s.EventID); err != nil {
				return nil, err
			}
		}
		if ev, ok := m.sessionCalendarEvent(events[s.EventID], camps[s.EventID], s); ok {
			out = append(out, ev)
		}
	}
	return out, nil
}
