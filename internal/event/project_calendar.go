package event

import (
	"context"
	"net/http"
	"time"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/feed"
)

// projectCalendarEntries are the projects the person holds a place at
// that overlap [from, to), for their personal calendar feed; those of a
// cancelled day are marked CANCELLED.
func (m *Module) projectCalendarEntries(ctx context.Context, userID string, from, to time.Time) ([]feed.Event, error) {
	mine, err := signedUpProjects(ctx, m.s.DB, userID, true)
	if err != nil {
		return nil, err
	}
	var out []feed.Event
	days := map[string]*Event{}
	for _, s := range mine {
		p := s.project
		if !p.End.After(from) || !p.Start.Before(to) {
			continue
		}
		day, ok := days[p.EventID]
		if !ok {
			if day, err = getEvent(ctx, m.s.DB, p.EventID); err != nil {
				return nil, err
			}
			days[p.EventID] = day
		}
		out = append(out, m.projectEvent(day, p))
	}
	return out, nil
}

// projectEvent is the project as a VEVENT: the day's title in its
// description, the project's address as LOCATION.
func (m *Module) projectEvent(day *Event, p *Project) feed.Event {
	ev := feed.Event{
		UID: p.ID + "@" + m.host(), Stamp: p.UpdatedAt, Sequence: int(p.UpdatedAt.Sub(p.CreatedAt).Seconds()),
		Start: p.Start, End: p.End, Summary: p.Title, Description: p.Description + "\n\n" + day.Title,
		Location: p.Address(), Lang: day.ContentLang, URL: m.s.BaseURL + "/events/" + p.EventID + "/projects/" + p.ID,
		Status: feed.Confirmed, Categories: []string{string(VolunteerDay)},
	}
	if day.Status == Cancelled || p.Status == Declined {
		ev.Status = feed.Cancelled
	}
	return ev
}

// projectCalendar answers /events/{id}/projects/{pid}.ics.
func (m *Module) projectCalendar(w http.ResponseWriter, r *http.Request, projectID string) {
	day, p, err := m.Project(r.Context(), auth.From(r.Context()), r.PathValue("id"), projectID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.writeCalendar(w, r, &feed.Calendar{Name: p.Title, Events: []feed.Event{m.projectEvent(day, p)}})
}
