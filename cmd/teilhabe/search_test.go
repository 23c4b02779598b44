package main

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/geo/geotest"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/platform"
	"teilhabe.org/teilhabe/internal/search"
)

// TestSearchReindex rebuilds the index from the organisations a database
// holds.
func TestSearchReindex(t *testing.T) {
	data := t.TempDir()
	if out, err := runCmd(t, "", "migrate", "--data", data); err != nil {
		t.Fatalf("migrate: %v %s", err, out)
	}
	ctx := context.Background()
	p, err := platform.Open(ctx, platform.Config{DataDir: data, Addr: "127.0.0.1:0"}, clock.System{}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	u, err := p.Accounts.CreateVerified(ctx, "owner@example.org", "Owner", "a long password", "de", "member")
	if err != nil {
		t.Fatal(err)
	}
	var orgs *organization.Module
	for _, m := range p.App.Modules {
		if o, ok := m.(*organization.Module); ok {
			orgs = o
		}
	}
	if _, err := orgs.Create(ctx, u.ID, organization.Profile{Name: "Tafel Nordstadt", Kind: "initiative"}); err != nil {
		t.Fatal(err)
	}
	p.Close()

	out, err := runCmd(t, "", "search", "reindex", "--data", data)
	if err != nil || !strings.Contains(out, "indexed 1 documents") {
		t.Fatalf("reindex: %v %s", err, out)
	}
	p, err = platform.Open(ctx, platform.Config{DataDir: data, Addr: "127.0.0.1:0"}, clock.System{}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	for _, m := range p.App.Modules {
		if s, ok := m.(*search.Module); ok {
			res, err := s.Search(ctx, search.Query{Q: "Tafel"}, search.Anyone)
			if err != nil || len(res.Hits) != 1 || res.Hits[0].Title != "Tafel Nordstadt" {
				t.Errorf("after reindex: %v %+v", err, res)
			}
		}
	}
	if _, err := runCmd(t, "", "search"); err == nil {
		t.Error("search without a subcommand accepted")
	}
}

// TestBenchSearch runs the benchmark on a tiny corpus.
func TestBenchSearch(t *testing.T) {
	csv := geotest.DataFile(t)
	out, err := runCmd(t, "", "bench", "search", "-listings", "300", "-queries", "2", "-http", "1s", "-postcodes", csv)
	if err != nil {
		t.Fatalf("bench: %v\n%s", err, out)
	}
	for _, want := range []string{"build: 324 documents", "| facets for a common word |", "GET /search (full page with facets)", "serving memory"} {
		if !strings.Contains(out, want) {
			t.Errorf("bench output lacks %q:\n%s", want, out)
		}
	}
	if _, err := runCmd(t, "", "bench"); err == nil {
		t.Error("bench without a subcommand accepted")
	}
}
