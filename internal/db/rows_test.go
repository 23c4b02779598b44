package db_test

import (
	"context"
	"slices"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/ids"
)

type child struct {
	name string
	age  int
}

func scanChild(s db.Scanner) (child, error) {
	var c child
	err := s.Scan(&c.name, &c.age)
	return c, err
}

func TestCollectReadsEveryRowAndClosesThem(t *testing.T) {
	t.Parallel()
	dbtest.ForEach(t, fixture, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		parent := ids.New()
		if _, err := d.ExecContext(ctx, "INSERT INTO parents (id, name) VALUES ($1, 'Mira')", parent); err != nil {
			t.Fatal(err)
		}
		for i, name := range []string{"Sami", "Lea", "Omid"} {
			if _, err := d.ExecContext(ctx, "INSERT INTO children (id, parent_id, name, age) VALUES ($1, $2, $3, $4)",
				ids.New(), parent, name, 5+i); err != nil {
				t.Fatal(err)
			}
		}

		rows, err := d.QueryContext(ctx, "SELECT name, age FROM children ORDER BY name")
		got, err := db.Collect(rows, err, scanChild)
		want := []child{{"Lea", 6}, {"Omid", 7}, {"Sami", 5}}
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("Collect = %v, %v; want %v", got, err, want)
		}

		rows, err = d.QueryContext(ctx, "SELECT name FROM children WHERE age > $1 ORDER BY age", 5)
		names, err := db.Collect(rows, err, db.Value[string])
		if err != nil || !slices.Equal(names, []string{"Lea", "Omid"}) {
			t.Errorf("Collect(Value[string]) = %v, %v", names, err)
		}

		// A scan function for the table's columns reads a query that selects more.
		rows, err = d.QueryContext(ctx, "SELECT name, age, age * 2 FROM children WHERE age = 7")
		var doubled int
		if got, err := db.Collect(rows, err, func(s db.Scanner) (child, error) {
			return scanChild(db.WithExtra(s, &doubled))
		}); err != nil || len(got) != 1 || got[0] != (child{"Omid", 7}) || doubled != 14 {
			t.Errorf("WithExtra: %v, %d, %v", got, doubled, err)
		}

		rows, err = d.QueryContext(ctx, "SELECT name, age FROM children WHERE age > 99")
		if none, err := db.Collect(rows, err, scanChild); err != nil || len(none) != 0 {
			t.Errorf("no rows: %v, %v", none, err)
		}

		// The query's error and a scan error both come back classified.
		rows, err = d.QueryContext(ctx, "SELECT nothing FROM nowhere")
		if _, err := db.Collect(rows, err, scanChild); apperr.CodeOf(err) != apperr.Internal {
			t.Errorf("failed query: %v, want internal", err)
		}
		rows, err = d.QueryContext(ctx, "SELECT name FROM children")
		if got, err := db.Collect(rows, err, scanChild); apperr.CodeOf(err) != apperr.Internal || got != nil {
			t.Errorf("scan of too few columns: %v, %v; want no list and internal", got, err)
		}

		// Every row set was closed: no read connection is left in use.
		if read, _ := d.Stats(); read.InUse != 0 {
			t.Errorf("%d read connections still in use", read.InUse)
		}
	})
}

func TestEachFillsAMap(t *testing.T) {
	t.Parallel()
	dbtest.ForEach(t, fixture, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		for _, name := range []string{"Mira", "Jonas"} {
			if _, err := d.ExecContext(ctx, "INSERT INTO parents (id, name) VALUES ($1, $2)", ids.New(), name); err != nil {
				t.Fatal(err)
			}
		}
		byName := map[string]string{}
		rows, err := d.QueryContext(ctx, "SELECT id, name FROM parents")
		err = db.Each(rows, err, func(s db.Scanner) error {
			var id, name string
			if err := s.Scan(&id, &name); err != nil {
				return err
			}
			byName[name] = id
			return nil
		})
		if err != nil || len(byName) != 2 || !ids.Valid(byName["Mira"]) || !ids.Valid(byName["Jonas"]) {
			t.Errorf("Each: %v, %v", byName, err)
		}
		rows, err = d.QueryContext(ctx, "SELECT id FROM parents")
		stop := apperr.New(apperr.Conflict, "")
		if err := db.Each(rows, err, func(db.Scanner) error { return stop }); err != stop {
			t.Errorf("the callback's error is %v, want it unchanged", err)
		}
		if read, _ := d.Stats(); read.InUse != 0 {
			t.Errorf("%d read connections still in use", read.InUse)
		}
	})
}
