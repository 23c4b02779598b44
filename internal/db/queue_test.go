package db_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
)

var queue = []db.Migrations{migrations("queue", map[string]perDialect{
	"001_jobs.sql": same(`CREATE TABLE jobs (id INTEGER PRIMARY KEY, claimed_by TEXT)`),
})}

// Workers (on PostgreSQL: of several app servers) claim queued rows with
// ForUpdateSkipLocked; no row may go to two of them.
func TestForUpdateSkipLockedClaimsEachRowOnce(t *testing.T) {
	t.Parallel()
	dbtest.ForEach(t, queue, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		const jobs, workers = 30, 4
		for id := range jobs {
			if _, err := d.ExecContext(ctx, "INSERT INTO jobs (id) VALUES ($1)", id); err != nil {
				t.Fatal(err)
			}
		}
		claim := "SELECT id FROM jobs WHERE claimed_by IS NULL ORDER BY id LIMIT 1" + d.ForUpdateSkipLocked()
		errNoJob := errors.New("queue empty")

		var errs errorList
		var wg sync.WaitGroup
		for w := range workers {
			worker := fmt.Sprint("worker", w)
			wg.Go(func() {
				for {
					err := d.Tx(ctx, func(tx *sql.Tx) error {
						var id int
						if err := tx.QueryRowContext(ctx, claim).Scan(&id); errors.Is(err, sql.ErrNoRows) {
							return errNoJob
						} else if err != nil {
							return err
						}
						time.Sleep(2 * time.Millisecond) // hold the row while others look
						res, err := tx.ExecContext(ctx, "UPDATE jobs SET claimed_by = $1 WHERE id = $2 AND claimed_by IS NULL", worker, id)
						if err != nil {
							return err
						}
						if n, _ := res.RowsAffected(); n != 1 {
							return fmt.Errorf("%s selected job %d, which another worker had claimed", worker, id)
						}
						return nil
					})
					if errors.Is(err, errNoJob) {
						return
					}
					if err != nil {
						errs.add(err)
						return
					}
				}
			})
		}
		wg.Wait()
		errs.check(t)
		if n := count(t, d, "SELECT count(*) FROM jobs WHERE claimed_by IS NULL"); n != 0 {
			t.Errorf("%d jobs left unclaimed", n)
		}
	})
}
