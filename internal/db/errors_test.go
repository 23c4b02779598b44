package db_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/ids"
)

func TestErrMapsDriverErrorsToCodes(t *testing.T) {
	t.Parallel()
	dbtest.ForEach(t, fixture, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		parent := ids.New()
		if _, err := d.ExecContext(ctx, "INSERT INTO parents (id, name) VALUES ($1, $2)", parent, "Mira"); err != nil {
			t.Fatal(err)
		}
		insertChild := "INSERT INTO children (id, parent_id, name, age) VALUES ($1, $2, $3, $4)"

		cases := []struct {
			name  string
			query string
			args  []any
			want  apperr.Code
		}{
			{"duplicate primary key", "INSERT INTO parents (id, name) VALUES ($1, $2)", []any{parent, "Other"}, apperr.Conflict},
			{"duplicate unique column", "INSERT INTO parents (id, name) VALUES ($1, $2)", []any{ids.New(), "Mira"}, apperr.Conflict},
			{"unknown foreign key", insertChild, []any{ids.New(), ids.New(), "Sami", 7}, apperr.Conflict},
			{"null in a NOT NULL column", insertChild, []any{ids.New(), parent, nil, 7}, apperr.Invalid},
			{"check constraint", insertChild, []any{ids.New(), parent, "Sami", -1}, apperr.Invalid},
			{"syntax error", "INSERT INTO parents VALUES ((", nil, apperr.Internal},
		}
		for _, c := range cases {
			_, err := d.ExecContext(ctx, c.query, c.args...)
			if got := apperr.CodeOf(err); got != c.want {
				t.Errorf("%s: code %q (%v), want %q", c.name, got, err, c.want)
			}
		}

		var name string
		err := db.Err(d.QueryRowContext(ctx, "SELECT name FROM parents WHERE id = $1", ids.New()).Scan(&name))
		if !apperr.Is(err, apperr.NotFound) {
			t.Errorf("missing row: %v, want not_found", err)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			t.Errorf("the cause sql.ErrNoRows is lost: %v", err)
		}
		if db.Err(nil) != nil {
			t.Error("Err(nil) is not nil")
		}

		if dialect := d.Dialect(); dialect == db.Postgres {
			// PostgreSQL checks UUID syntax; handlers validate ids, but a slip is the caller's fault.
			err := db.Err(d.QueryRowContext(ctx, "SELECT name FROM parents WHERE id = $1", "not-a-uuid").Scan(&name))
			if !apperr.Is(err, apperr.Invalid) {
				t.Errorf("malformed uuid: %v, want invalid", err)
			}
		}

		cancelled, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := d.QueryContext(cancelled, "SELECT 1"); !apperr.Is(err, apperr.Unavailable) {
			t.Errorf("cancelled context: %v, want unavailable", err)
		}
	})
}

func TestTxClassifiesErrorsAndRollsBack(t *testing.T) {
	t.Parallel()
	dbtest.ForEach(t, fixture, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		taken := ids.New()
		if _, err := d.ExecContext(ctx, "INSERT INTO parents (id, name) VALUES ($1, 'taken')", taken); err != nil {
			t.Fatal(err)
		}

		fresh := ids.New()
		err := d.Tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, "INSERT INTO parents (id, name) VALUES ($1, 'fresh')", fresh); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, "INSERT INTO parents (id, name) VALUES ($1, 'again')", taken)
			return err
		})
		if !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("duplicate inside Tx: %v, want conflict", err)
		}
		if n := count(t, d, "SELECT count(*) FROM parents WHERE id = $1", fresh); n != 0 {
			t.Error("the insert before the failure was committed")
		}

		forbidden := apperr.New(apperr.Forbidden, "error.not_yours")
		err = d.Tx(ctx, func(tx *sql.Tx) error { return forbidden })
		if err != forbidden {
			t.Errorf("a classified error from fn came back as %v", err)
		}

		err = d.Tx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, "INSERT INTO parents (id, name) VALUES ($1, 'kept')", fresh)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if n := count(t, d, "SELECT count(*) FROM parents WHERE id = $1", fresh); n != 1 {
			t.Error("a successful Tx was not committed")
		}
	})
}
