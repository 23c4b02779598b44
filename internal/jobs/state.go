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
	return db.Collect(rows, err, func(row db.Scanner) (State, error) {
		var s State
		var lockedUntil, started, finished sql.NullTime
		err := row.Scan(&s.Name, &s.NextRunAt, &lockedUntil, &s.LockedBy, &started, &finished, &s.LastError)
		s.NextRunAt = s.NextRunAt.UTC()
		s.LockedUntil, s.LastStartedAt, s.LastFinishedAt = timeOrZero(lockedUntil), timeOrZero(started), timeOrZero(finished)
		return s, err
	})
}

func timeOrZero(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}
