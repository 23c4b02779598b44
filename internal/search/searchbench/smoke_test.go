package searchbench

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/geo/geotest"
	"teilhabe.org/teilhabe/internal/search"
)

// now is when the smoke corpus stands.
var now = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

func target(t *testing.T, dialect db.Dialect, csv string) Target {
	t.Helper()
	m := search.New(&app.Services{}, nil)
	d := dbtest.Open(t, dialect, []db.Migrations{geo.Migrations(), m.Migrations()})
	s := app.NewServices(d, clock.NewFake(now), slog.New(slog.NewTextHandler(io.Discard, nil)), "")
	places := geo.New(d)
	f, err := os.Open(csv)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := places.Import(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	return Target{Name: string(dialect), DB: d, Search: search.New(s, places)}
}

// TestSearchSmoke is the benchmark made small enough for CI (20,000
// listings, or TEILHABE_SMOKE_LISTINGS): it loads the corpus into SQLite
// and PostgreSQL, runs every query class on both, and checks that both
// find the same documents in the same order with the same counts. It
// asserts no timings; the figures it logs are for looking at.
func TestSearchSmoke(t *testing.T) {
	csv := geotest.DataFile(t)
	listings := 20_000
	if s := os.Getenv("TEILHABE_SMOKE_LISTINGS"); s != "" {
		listings, _ = strconv.Atoi(s)
	}
	places, err := LoadPlaces(csv)
	if err != nil {
		t.Fatal(err)
	}
	c := &Corpus{Size: Scaled(listings), Seed: 1, Places: places, Now: now}
	ctx := context.Background()
	answers := map[db.Dialect][]string{}
	for _, dialect := range dbtest.Dialects {
		t.Run(string(dialect), func(t *testing.T) {
			tg := target(t, dialect, csv)
			br, err := Build(ctx, tg, c)
			if err != nil {
				t.Fatal(err)
			}
			if br.Stats.Docs != c.Size.Total() {
				t.Fatalf("built %d documents, want %d", br.Stats.Docs, c.Size.Total())
			}
			t.Logf("build: %d docs, %.0f docs/s, %d terms, %d postings, %d blocks, %d MB", br.Stats.Docs, br.DocsPerS,
				br.Stats.Terms, br.Stats.Postings, br.Stats.Blocks, br.DBBytes>>20)
			rep, err := RunQueries(ctx, tg, 20, true)
			if err != nil {
				t.Fatal(err)
			}
			for _, cr := range rep.Classes {
				t.Logf("%-28s p50 %6s p95 %6s | facets p95 %6s | found %d", cr.Name, cr.Plain.P50, cr.Plain.P95, cr.Faceted.P95, cr.Found)
				if cr.Found == 0 {
					t.Errorf("%s: the first query found nothing", cr.Name)
				}
			}
			// What every class finds, to compare the engines.
			for _, cl := range Classes() {
				for i := range 10 {
					q := cl.Query(i)
					q.Facets = true
					if cl.Page > 1 {
						if q.Cursor, err = cursorAt(ctx, tg.Search, q, 3); err != nil {
							t.Fatal(err)
						}
					}
					res, err := tg.Search.Search(ctx, q, search.Anyone)
					if err != nil {
						t.Fatalf("%s: %v", cl.Name, err)
					}
					var hits []string
					for _, h := range res.Hits {
						km := -1
						if h.DistanceKm != nil {
							km = *h.DistanceKm
						}
						hits = append(hits, fmt.Sprintf("%s/%d", h.ID, km))
					}
					answers[dialect] = append(answers[dialect], fmt.Sprintf("%s %d: total %d next %q corrected %q facets %v hits %v",
						cl.Name, i, res.Total, res.Next, res.Corrected, res.Facets, hits))
				}
			}
		})
	}
	if a, b := answers[db.SQLite], answers[db.Postgres]; a != nil && b != nil && !slices.Equal(a, b) {
		for i := range min(len(a), len(b)) {
			if a[i] != b[i] {
				t.Errorf("the engines differ:\nSQLite:     %s\nPostgreSQL: %s", a[i], b[i])
				break
			}
		}
	}
}
