package db_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
)

// items is a table with the kinds of optional columns modules have.
var items = []db.Migrations{migrations("items", map[string]perDialect{
	"001_items.sql": {
		sqlite: `CREATE TABLE items (
	id TEXT PRIMARY KEY,
	name TEXT NOT NULL,
	note TEXT,
	score DOUBLE PRECISION,
	removed_at TIMESTAMP,
	counter INTEGER NOT NULL DEFAULT 0)`,
		postgres: `CREATE TABLE items (
	id UUID PRIMARY KEY,
	name TEXT NOT NULL,
	note TEXT,
	score DOUBLE PRECISION,
	removed_at TIMESTAMPTZ,
	counter INTEGER NOT NULL DEFAULT 0)`,
	},
})}

func TestNullableValuesRoundTrip(t *testing.T) {
	t.Parallel()
	dbtest.ForEach(t, items, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		score := 2.5
		removed := time.Date(2026, 10, 25, 1, 30, 0, 0, time.FixedZone("CEST", 2*60*60))
		insert := "INSERT INTO items (id, name, note, score, removed_at) VALUES ($1, $2, $3, $4, $5)"
		empty, full := "0190a0a0-0000-7000-8000-000000000001", "0190a0a0-0000-7000-8000-000000000002"
		if _, err := d.ExecContext(ctx, insert, empty, "empty", db.NullString(""), db.NullPtr[float64](nil), db.NullPtr[time.Time](nil)); err != nil {
			t.Fatal(err)
		}
		if _, err := d.ExecContext(ctx, insert, full, "full", db.NullString("a note"), db.NullPtr(&score), db.NullPtr(&removed)); err != nil {
			t.Fatal(err)
		}
		if n := count(t, d, "SELECT count(*) FROM items WHERE note IS NULL AND score IS NULL AND removed_at IS NULL"); n != 1 {
			t.Errorf("%d rows with NULLs, want the empty one", n)
		}

		read := func(id string) (note sql.NullString, score sql.NullFloat64, at *time.Time) {
			var removedAt sql.NullTime
			if err := d.QueryRowContext(ctx, "SELECT note, score, removed_at FROM items WHERE id = $1", id).
				Scan(&note, &score, &removedAt); err != nil {
				t.Fatal(err)
			}
			return note, score, db.TimePtr(removedAt)
		}
		if note, sc, at := read(empty); note.Valid || sc.Valid || at != nil {
			t.Errorf("empty item: %v %v %v, want all NULL", note, sc, at)
		}
		note, sc, at := read(full)
		if note.String != "a note" || sc.Float64 != 2.5 || at == nil || !at.Equal(removed) || at.Location() != time.UTC {
			t.Errorf("full item: %v %v %v, want the note, 2.5 and %s in UTC", note, sc, at, removed.UTC())
		}
	})
}
