package event

import (
	"context"
	"time"

	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/feed"
)

// CalendarEntries are the dates of events the person holds a place at
// (not those they wait for or gave back) that overlap [from, to), for
// their personal calendar feed (app.CalendarSource). Cancelled dates stay
// in, marked CANCELLED, so calendar programs take them out. Each date of
// a series is an entry of its own: the person registered for it alone.
func (m *Module) CalendarEntries(ctx context.Context, userID string, from, to time.Time) ([]feed.Event, error) {
	sessions, err := m.sessionEntries(ctx, userID, from, to) // barcamp sessions they host or voted for
	if err != nil {
		return nil, err
	}
	slots, err := m.projectCalendarEntries(ctx, userID, from, to) // volunteer-day slots they signed up for
	if err != nil {
		return nil, err
	}
	sessions = append(sessions, slots...)
	claims, err := capacity.Holding(ctx, m.s.DB, userID)
	if err != nil {
		return nil, err
	}
	days := map[string]map[string]bool{}
	var eventIDs []string
	for _, c := range claims {
		eventID, day, ok := poolDate(c.Pool)
		if !ok || c.Status != capacity.Registered {
			continue
		}
		if days[eventID] == nil {
			days[eventID] = map[string]bool{}
			eventIDs = append(eventIDs, eventID)
		}
		days[eventID][day] = true
	}
	if len(eventIDs) == 0 {
		return sessions, nil
	}
	events, err := eventsBetween(ctx, m.s.DB, eventIDs, from, to)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	changes, err := changesOf(ctx, m.s.DB, ids)
	if err != nil {
		return nil, err
	}
	var out []feed.Event
	for _, e := range events {
		for _, d := range e.Dates(changes[e.ID]) {
			if days[e.ID][d.Date] && !d.End.Before(from) && d.Start.Before(to) {
				out = append(out, m.calendarDate(d))
			}
		}
	}
	return append(out, sessions...), nil
}

// eventsBetween loads the events of ids with dates that overlap
// [from, to), soonest first.
func eventsBetween(ctx context.Context, q db.Querier, ids []string, from, to time.Time) ([]*Event, error) {
	marks, args := db.In(3, ids)
	rows, err := q.QueryContext(ctx, "SELECT "+eventColumns+` FROM events e
WHERE e.span_ends_at >= $1 AND e.span_starts_at < $2 AND e.id IN (`+marks+`) ORDER BY e.span_starts_at, e.id`,
		append([]any{from, to}, args...)...)
	return db.Collect(rows, err, scanEvent)
}
