package jobs

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/db"
)

// State is one job's row, for the admin area. Times not reached yet are
// zero; LockedBy is empty while nobody runs the job.
type State struct {
	Name           string
	NextRunAt      time.Time
	LockedUntil    time.Time
	LockedBy       string
	LastStartedAt  time.Time
	LastFinishedAt time.Time
	LastError      string
}

// States lists every job the runners have seen, by name.
func States(ctx context.Context, q db.Querier) ([]State, error) {
	rows, err := q.QueryContext(ctx, `SELECT name, next_run_at, locked_until, locked_by,
			last_started_at, last_finished_at, last_error
		FROM job_runs ORDER BY name`)
	if err != nil {
		return nil, db.Err(err)
	}
	defer rows.Close()
	var out []State
	for rows.Next() {
		var s State
		var lockedUntil, started, finished sql.NullTime
		if err := rows.Scan(&s.Name, &s.NextRunAt, &lockedUntil, &s.LockedBy, &started, &finished, &s.LastError); err != nil {
			return nil, db.Err(err)
		}
		s.NextRunAt = s.NextRunAt.UTC()
		s.LockedUntil, s.LastStartedAt, s.LastFinishedAt = timeOrZero(lockedUntil), timeOrZero(started), timeOrZero(finished)
		out = append(out, s)
	}
	return out, db.Err(rows.Err())
}

func timeOrZero(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}
