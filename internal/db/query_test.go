package db_test

import (
	"context"
	"slices"
	"testing"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/ids"
)

func TestWhereNumbersPlaceholders(t *testing.T) {
	t.Parallel()
	var w db.Where
	if w.SQL() != "" || len(w.Args()) != 0 {
		t.Errorf("empty Where: %q %v", w.SQL(), w.Args())
	}
	w.Add("removed_at IS NULL")
	w.Add("kind = ?", "offer")
	w.Add("category IN (?) AND lang = ?", []string{"goods", "goods.bikes"}, "de")
	w.Add("owner_id IN (?)", []string{})
	w.Add("(created_at, id) < (?, ?)", 17, "x")
	limit := w.Arg(20)
	want := " WHERE removed_at IS NULL AND kind = $1 AND category IN ($2, $3) AND lang = $4 AND owner_id IN (NULL)" +
		" AND (created_at, id) < ($5, $6)"
	if w.SQL() != want || limit != "$7" {
		t.Errorf("SQL = %q, limit %q\nwant  %q, $7", w.SQL(), limit, want)
	}
	if args := w.Args(); !slices.Equal(args, []any{"offer", "goods", "goods.bikes", "de", 17, "x", 20}) {
		t.Errorf("Args = %v", args)
	}
	for _, mismatch := range []func(){
		func() { w.Add("a = ?") },
		func() { w.Add("a = ?", 1, 2) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("a count of values unlike the count of ? was accepted")
				}
			}()
			mismatch()
		}()
	}
}

func TestInListsAndWhereOnBothEngines(t *testing.T) {
	t.Parallel()
	dbtest.ForEach(t, items, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		byName := map[string]string{}
		for _, name := range []string{"Apfel", "Birne", "Quitte", "Pflaume"} {
			byName[name] = ids.New()
			if _, err := d.ExecContext(ctx, "INSERT INTO items (id, name) VALUES ($1, $2)", byName[name], name); err != nil {
				t.Fatal(err)
			}
		}
		names := func(query string, args ...any) []string {
			t.Helper()
			rows, err := d.QueryContext(ctx, query, args...)
			got, err := db.Collect(rows, err, db.Value[string])
			if err != nil {
				t.Fatal(err)
			}
			return got
		}

		marks, args := db.In(2, []string{byName["Birne"], byName["Quitte"], ids.New()})
		got := names("SELECT name FROM items WHERE name <> $1 AND id IN ("+marks+") ORDER BY name", append([]any{"Quitte"}, args...)...)
		if !slices.Equal(got, []string{"Birne"}) {
			t.Errorf("In: %v, want [Birne]", got)
		}
		marks, args = db.In(1, []string(nil))
		if got := names("SELECT name FROM items WHERE id IN ("+marks+")", args...); len(got) != 0 {
			t.Errorf("an empty IN list matched %v", got)
		}

		var w db.Where
		w.Add("id IN (?)", []string{byName["Apfel"], byName["Pflaume"], byName["Quitte"]})
		w.Add("name <> ?", "Quitte")
		got = names("SELECT name FROM items"+w.SQL()+" ORDER BY name LIMIT "+w.Arg(5), w.Args()...)
		if !slices.Equal(got, []string{"Apfel", "Pflaume"}) {
			t.Errorf("Where: %v, want [Apfel Pflaume]", got)
		}
	})
}

// Wildcards and the escape character in user text match only themselves.
func TestLikePatternsMatchLiterally(t *testing.T) {
	t.Parallel()
	dbtest.ForEach(t, items, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		for _, name := range []string{"50% off", "500 off", "a_b", "axb", `c:\d`, `c:\\d`, "cd"} {
			if _, err := d.ExecContext(ctx, "INSERT INTO items (id, name) VALUES ($1, $2)", ids.New(), name); err != nil {
				t.Fatal(err)
			}
		}
		match := func(pattern string) []string {
			t.Helper()
			rows, err := d.QueryContext(ctx, `SELECT name FROM items WHERE name LIKE $1 ESCAPE '\' ORDER BY name`, pattern)
			got, err := db.Collect(rows, err, db.Value[string])
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		for pattern, want := range map[string][]string{
			db.LikeContains("0%"):  {"50% off"},
			db.LikeContains("_"):   {"a_b"},
			db.LikeContains(`:\d`): {`c:\d`},
			db.LikePrefix("50"):    {"50% off", "500 off"},
			db.LikePrefix("a_"):    {"a_b"},
			db.LikeEscape("cd"):    {"cd"},
		} {
			if got := match(pattern); !slices.Equal(got, want) {
				t.Errorf("LIKE %q: %v, want %v", pattern, got, want)
			}
		}
	})
}
