package event

import (
	"context"
	"time"

	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/feed"
)

// CalendarEntries are the person's entries for their personal calendar
// feed (app.CalendarSource) that overlap [from, to): the events they
// registered for and the volunteer-day projects they signed up for.
func (m *Module) CalendarEntries(ctx context.Context, userID string, from, to time.Time) ([]feed.Event, error) {
	out, err := m.registrationEntries(ctx, userID, from, to)
	if err != nil {
		return nil, err
	}
	projects, err := m.projectCalendarEntries(ctx, userID, from, to)
	return append(out, projects...), err
}

// registrationEntries are the events the person holds a place at (not those
// they wait for or gave back) that overlap [from, to), for their personal
// calendar feed (app.CalendarSource). Cancelled events stay in, marked
// CANCELLED, so calendar programs take them out.
func (m *Module) registrationEntries(ctx context.Context, userID string, from, to time.Time) ([]feed.Event, error) {
	claims, err := capacity.Holding(ctx, m.s.DB, userID)
	if err != nil {
		return nil, err
	}
	var eventIDs []string
	for _, c := range claims {
		if c.Pool.Kind == poolKind && c.Status == capacity.Registered {
			eventIDs = append(eventIDs, c.Pool.ID)
		}
	}
	if len(eventIDs) == 0 {
		return nil, nil
	}
	events, err := eventsBetween(ctx, m.s.DB, eventIDs, from, to)
	if err != nil {
		return nil, err
	}
	out := make([]feed.Event, len(events))
	for i, e := range events {
		out[i] = m.calendarEvent(e)
	}
	return out, nil
}

// eventsBetween loads the events of ids that overlap [from, to), soonest
// first.
func eventsBetween(ctx context.Context, q db.Querier, ids []string, from, to time.Time) ([]*Event, error) {
	marks, args := db.In(3, ids)
	rows, err := q.QueryContext(ctx, "SELECT "+eventColumns+` FROM events e
WHERE e.ends_at >= $1 AND e.starts_at < $2 AND e.id IN (`+marks+`) ORDER BY e.starts_at, e.id`,
		append([]any{from, to}, args...)...)
	return db.Collect(rows, err, scanEvent)
}
