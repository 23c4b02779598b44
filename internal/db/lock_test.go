package db_test

import (
	"context"
	"database/sql"
	"strings"
	"sync"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/ids"
)

// Read, check and write inside a transaction that locked the row first:
// no increment may be lost, as it would be on PostgreSQL (read committed)
// when two transactions read the same counter before either writes.
func TestLockRowSerialisesReadModifyWrite(t *testing.T) {
	t.Parallel()
	dbtest.ForEach(t, items, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		id := ids.New()
		if _, err := d.ExecContext(ctx, "INSERT INTO items (id, name) VALUES ($1, 'counter')", id); err != nil {
			t.Fatal(err)
		}
		const workers, rounds = 8, 10
		var errs errorList
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for range rounds {
					errs.add(d.Tx(ctx, func(tx *sql.Tx) error {
						if err := db.LockRow(ctx, tx, "items", id); err != nil {
							return err
						}
						var n int
						if err := tx.QueryRowContext(ctx, "SELECT counter FROM items WHERE id = $1", id).Scan(&n); err != nil {
							return err
						}
						_, err := tx.ExecContext(ctx, "UPDATE items SET counter = $1 WHERE id = $2", n+1, id)
						return err
					}))
				}
			})
		}
		wg.Wait()
		errs.check(t)
		if n := count(t, d, "SELECT counter FROM items WHERE id = $1", id); n != workers*rounds {
			t.Errorf("counter = %d after %d increments: updates were lost", n, workers*rounds)
		}
	})
}

func TestLockRowFindsOnlyLiveRows(t *testing.T) {
	t.Parallel()
	dbtest.ForEach(t, items, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		live, removed := ids.New(), ids.New()
		if _, err := d.ExecContext(ctx, `INSERT INTO items (id, name, removed_at) VALUES ($1, 'live', NULL),
			($2, 'removed', CURRENT_TIMESTAMP)`, live, removed); err != nil {
			t.Fatal(err)
		}
		lock := func(id string, conditions ...string) error {
			return d.Tx(ctx, func(tx *sql.Tx) error { return db.LockRow(ctx, tx, "items", id, conditions...) })
		}
		for _, c := range []struct {
			name       string
			id         string
			conditions []string
			want       apperr.Code
		}{
			{"a row", live, nil, ""},
			{"an id in upper case", strings.ToUpper(live), nil, ""},
			{"a row meeting the condition", live, []string{"removed_at IS NULL"}, ""},
			{"a row failing the condition", removed, []string{"removed_at IS NULL"}, apperr.NotFound},
			{"an unknown id", ids.New(), nil, apperr.NotFound},
			{"no id at all", "1 OR 1=1", nil, apperr.NotFound},
		} {
			if got := apperr.CodeOf(lock(c.id, c.conditions...)); got != c.want {
				t.Errorf("%s: %q, want %q", c.name, got, c.want)
			}
		}
	})
}
