package db_test

import (
	"context"
	"database/sql"
	"slices"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
)

// Times must come back as the same instant in UTC on both engines, and compare
// and sort as instants: a text encoding would put "10:00:00" after
// "10:00:00.5", because the fraction is left out when it is zero.
func TestTimesRoundTripAndOrder(t *testing.T) {
	t.Parallel()
	base := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	moments := []struct {
		id int
		at time.Time
	}{ // in insertion order, which is not the order in time
		{1, base}, // no fraction
		{2, base.Add(time.Microsecond)},
		{3, base.Add(-time.Microsecond)},
		{4, base.Add(500 * time.Millisecond)},
		// The same kind of instant written from another zone.
		{5, time.Date(2026, 3, 1, 12, 0, 0, 250_000_000, time.FixedZone("UTC+2", 2*60*60))},
		{6, time.Date(1950, 6, 15, 12, 0, 0, 1000, time.UTC)},           // before 1970: a negative integer on SQLite
		{7, time.Date(2100, 12, 31, 23, 59, 59, 999_999_000, time.UTC)}, // far ahead
		{8, time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)},
	}
	chronological := []int{6, 8, 3, 1, 2, 5, 4, 7}

	dbtest.ForEach(t, fixture, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		for _, m := range moments {
			if _, err := d.ExecContext(ctx, "INSERT INTO moments (id, at) VALUES ($1, $2)", m.id, m.at); err != nil {
				t.Fatal(err)
			}
		}

		for _, m := range moments {
			var got time.Time
			if err := d.QueryRowContext(ctx, "SELECT at FROM moments WHERE id = $1", m.id).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if !got.Equal(m.at) || got.Location() != time.UTC {
				t.Errorf("moment %d: wrote %s, read %s (zone %s); want the same instant in UTC",
					m.id, m.at.Format(time.RFC3339Nano), got.Format(time.RFC3339Nano), got.Location())
			}
		}

		if got := momentIDs(t, d, "SELECT id FROM moments ORDER BY at"); !slices.Equal(got, chronological) {
			t.Errorf("ORDER BY at gave %v, want %v", got, chronological)
		}
		if got := momentIDs(t, d, "SELECT id FROM moments WHERE at < $1 ORDER BY at", base.Add(time.Microsecond)); !slices.Equal(got, []int{6, 8, 3, 1}) {
			t.Errorf("at < 10:00:00.000001 gave %v, want [6 8 3 1]", got)
		}
		if got := momentIDs(t, d, "SELECT id FROM moments WHERE at >= $1 AND at <= $2 ORDER BY at", base, base.Add(time.Second)); !slices.Equal(got, []int{1, 2, 5, 4}) {
			t.Errorf("10:00:00 <= at <= 10:00:01 gave %v, want [1 2 5 4]", got)
		}
		// A parameter in another zone still means the same instant.
		if got := momentIDs(t, d, "SELECT id FROM moments WHERE at = $1", base.In(time.FixedZone("UTC-5", -5*60*60))); !slices.Equal(got, []int{1}) {
			t.Errorf("at = 05:00-05:00 gave %v, want [1]", got)
		}
	})
}

func TestNullableTime(t *testing.T) {
	t.Parallel()
	dbtest.ForEach(t, fixture, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		at := time.Date(2026, 5, 4, 3, 2, 1, 123_456_000, time.UTC)
		if _, err := d.ExecContext(ctx, "INSERT INTO moments (id, at, until) VALUES (1, $1, NULL), (2, $1, $1)", at); err != nil {
			t.Fatal(err)
		}
		for id, want := range map[int]sql.Null[time.Time]{1: {}, 2: {V: at, Valid: true}} {
			var got sql.Null[time.Time]
			if err := d.QueryRowContext(ctx, "SELECT until FROM moments WHERE id = $1", id).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got.Valid != want.Valid || !got.V.Equal(want.V) {
				t.Errorf("moment %d: until = %+v, want %+v", id, got, want)
			}
		}
	})
}

func TestBooleansRoundTrip(t *testing.T) {
	t.Parallel()
	dbtest.ForEach(t, fixture, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		for id, done := range map[int]bool{1: true, 2: false} {
			if _, err := d.ExecContext(ctx, "INSERT INTO moments (id, at, done) VALUES ($1, $2, $3)", id, at, done); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := d.ExecContext(ctx, "INSERT INTO moments (id, at) VALUES (3, $1)", at); err != nil {
			t.Fatal(err)
		}
		for id, want := range map[int]bool{1: true, 2: false, 3: false} {
			var got bool
			if err := d.QueryRowContext(ctx, "SELECT done FROM moments WHERE id = $1", id).Scan(&got); err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("moment %d: done = %v, want %v", id, got, want)
			}
		}
		if got := momentIDs(t, d, "SELECT id FROM moments WHERE done = $1 ORDER BY id", true); !slices.Equal(got, []int{1}) {
			t.Errorf("done = true gave %v", got)
		}
		if got := momentIDs(t, d, "SELECT id FROM moments WHERE NOT done ORDER BY id"); !slices.Equal(got, []int{2, 3}) {
			t.Errorf("NOT done gave %v", got)
		}
	})
}

func momentIDs(t *testing.T, d *db.DB, query string, args ...any) []int {
	t.Helper()
	rows, err := d.QueryContext(context.Background(), query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var id int
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
