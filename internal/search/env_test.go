package search

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/geo/geotest"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

// start is the fake clock's start in these tests.
var start = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

// env is the search module on a fresh database.
type env struct {
	t     testing.TB
	m     *Module
	clock *clock.Fake
	d     *db.DB
}

func newEnv(t testing.TB, dialect db.Dialect) *env {
	t.Helper()
	d := dbtest.Open(t, dialect, []db.Migrations{geo.Migrations(), New(&app.Services{}, nil).Migrations()})
	clk := clock.NewFake(start)
	m := New(app.NewServices(d, clk, slog.New(slog.NewTextHandler(io.Discard, nil)), ""), geo.New(d))
	if err := m.AddTypes(testTypes...); err != nil {
		t.Fatal(err)
	}
	return &env{t: t, m: m, clock: clk, d: d}
}

// testTypes are the types of the documents these tests put, in the order
// of the platform's modules.
var testTypes = []searchdoc.Type{
	{Name: searchdoc.Offer, Label: "search.type.offer", Order: 10},
	{Name: searchdoc.Request, Label: "search.type.request", Order: 20},
	{Name: searchdoc.Opportunity, Label: "search.type.opportunity", Order: 30},
	{Name: searchdoc.Organization, Label: "search.type.organization", Order: 40},
	{Name: searchdoc.Service, Label: "search.type.service", Order: 50},
	{Name: searchdoc.Event, Label: "search.type.event", Order: 60},
	{Name: searchdoc.Pledge, Label: "search.type.pledge", Order: 70},
	{Name: searchdoc.Report, Label: "search.type.report", Order: 80},
}

// forEach runs fn on both databases.
func forEach(t *testing.T, fn func(t *testing.T, e *env)) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) *env { return newEnv(t, dialect) }, fn)
}

// importPlaces loads the real postcode file, or skips (fails under CI).
func (e *env) importPlaces() {
	e.t.Helper()
	f, err := os.Open(geotest.DataFile(e.t))
	if err != nil {
		e.t.Fatal(err)
	}
	defer f.Close()
	if _, err := e.m.places.Import(context.Background(), f); err != nil {
		e.t.Fatalf("import postcodes: %v", err)
	}
}

func (e *env) put(docs ...searchdoc.Doc) {
	e.t.Helper()
	err := e.d.Tx(context.Background(), func(tx *sql.Tx) error {
		for _, d := range docs {
			if d.CreatedAt.IsZero() {
				d.CreatedAt = e.clock.Now()
			}
			if d.UpdatedAt.IsZero() {
				d.UpdatedAt = d.CreatedAt
			}
			if d.Visibility == "" {
				d.Visibility = searchdoc.Public
			}
			if d.URL == "" {
				d.URL = "/" + d.Type + "s/" + d.ID
			}
			if err := e.m.Put(context.Background(), tx, d); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		e.t.Fatalf("put: %v", err)
	}
}

func (e *env) delete(docType, id string) {
	e.t.Helper()
	err := e.d.Tx(context.Background(), func(tx *sql.Tx) error { return e.m.Delete(context.Background(), tx, docType, id) })
	if err != nil {
		e.t.Fatalf("delete: %v", err)
	}
}

func (e *env) search(q Query, v Viewer) *Result {
	e.t.Helper()
	res, err := e.m.Search(context.Background(), q, v)
	if err != nil {
		e.t.Fatalf("search %+v: %v", q, err)
	}
	return res
}

// ids lists the hits as "type:id".
func ids(r *Result) []string {
	out := []string{}
	for _, h := range r.Hits {
		out = append(out, h.ID)
	}
	return out
}

func (e *env) expect(q Query, v Viewer, want ...string) *Result {
	e.t.Helper()
	r := e.search(q, v)
	if got := ids(r); !slices.Equal(got, want) {
		e.t.Errorf("search %s: got %v, want %v", describe(q), got, want)
	}
	return r
}

func describe(q Query) string {
	var parts []string
	if q.Q != "" {
		parts = append(parts, fmt.Sprintf("q=%q", q.Q))
	}
	if len(q.Types) > 0 {
		parts = append(parts, "type="+strings.Join(q.Types, ","))
	}
	for k, v := range map[string]string{"category": q.Category, "lang": q.Lang, "near": q.Near, "org_kind": q.OrgKind, "sort": q.Sort} {
		if v != "" {
			parts = append(parts, k+"="+v)
		}
	}
	slices.Sort(parts)
	return strings.Join(parts, " ")
}

func ptr[T any](v T) *T { return &v }
