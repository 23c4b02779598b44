package event

import (
	"context"
	"database/sql"

	"teilhabe.org/teilhabe/internal/db"
)

// changesOf loads the changed dates of the events, by event id.
func changesOf(ctx context.Context, q db.Querier, eventIDs []string) (map[string][]DateChange, error) {
	out := map[string][]DateChange{}
	if len(eventIDs) == 0 {
		return out, nil
	}
	marks, args := db.In(1, eventIDs)
	rows, err := q.QueryContext(ctx, `SELECT event_id, day, status, starts_at, ends_at, updated_at FROM event_dates
WHERE event_id IN (`+marks+`) ORDER BY event_id, day`, args...)
	err = db.Each(rows, err, func(s db.Scanner) error {
		var id, status string
		var c DateChange
		if err := s.Scan(&id, &c.Day, &status, &c.Start, &c.End, &c.UpdatedAt); err != nil {
			return err
		}
		c.Status, c.Start, c.End, c.UpdatedAt = Status(status), c.Start.UTC(), c.End.UTC(), c.UpdatedAt.UTC()
		out[id] = append(out[id], c)
		return nil
	})
	return out, err
}

// changesOfEvent loads the changed dates of one event.
func changesOfEvent(ctx context.Context, q db.Querier, eventID string) ([]DateChange, error) {
	m, err := changesOf(ctx, q, []string{eventID})
	return m[eventID], err
}

// putChange writes a date's change, replacing one before.
func putChange(ctx context.Context, tx *sql.Tx, eventID string, c DateChange) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO event_dates (event_id, day, status, starts_at, ends_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id, day) DO UPDATE SET status = $3, starts_at = $4, ends_at = $5,
updated_at = $6`, eventID, c.Day, string(c.Status), c.Start, c.End, c.UpdatedAt)
	return db.Err(err)
}

// dropChange forgets a date's change: it takes place as the rule says.
func dropChange(ctx context.Context, tx *sql.Tx, eventID, day string) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM event_dates WHERE event_id = $1 AND day = $2`, eventID, day)
	return db.Err(err)
}

// writeSpan stores the earliest start and latest end of the event's dates,
// by which lists find it.
func writeSpan(ctx context.Context, tx *sql.Tx, e *Event, changes []DateChange) error {
	from, to := span(e.Dates(changes))
	_, err := tx.ExecContext(ctx, `UPDATE events SET span_starts_at = $1, span_ends_at = $2 WHERE id = $3`, from, to, e.ID)
	return db.Err(err)
}
