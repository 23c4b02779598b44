// Package search is one search over everything public: listings (offers,
// requests, opportunities), organisations and, as their modules feed it,
// services, events, pledges and reports. Modules hand documents over in
// the transaction of each change (searchdoc.Indexer: Put, Delete); search
// never reads their tables.
//
// Text is analysed in Go (analyze.go) and stored in posting lists of its
// own (index.go, block.go), the same tables and SQL on SQLite and
// PostgreSQL; relevance is computed by teilhabe from stored buckets, term
// frequencies and age (search.go), so both engines give the same results
// in the same order. Lists are ordered strongest and newest first, so a
// page can stop early; filters, facets and pages run on an in-memory copy
// of the documents' attributes that is checked against the database on
// every query (cache.go).
//
// Out to the world: the page /search (also as an Atom feed with
// format=atom), GET /api/v1/search, and public opportunities as open data
// with deletions (opendata.go).
package search

import (
	"context"
	"embed"
	"net/http"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/jobs"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

//go:embed migrations templates locales
var files embed.FS

// Module is the search module.
type Module struct {
	app.Folder
	s       *app.Services
	places  *geo.Gazetteer // resolves the place searched around; nil: no radius search
	types   *docTypes
	cache   *cache
	fcache  *facetCache
	trusted func(ctx context.Context, userID string) bool
	sources []app.Searchable
	sets    []app.OpenDataSet // other modules' open data, served beside the opportunities
}

var (
	_ searchdoc.Indexer = (*Module)(nil)
	_ app.SearchIndex   = (*Module)(nil)
	_ app.OpenDataHost  = (*Module)(nil)
)

// New returns the search module. The modules that feed it are added by
// app.New (AddSource), each with its document types.
func New(s *app.Services, places *geo.Gazetteer) *Module {
	types := newDocTypes()
	return &Module{Folder: app.NewFolder("search", files), s: s, places: places, types: types, cache: newCache(s.DB, types), fcache: newFacetCache(DefaultFacetCache)}
}

// SetTrusted tells how to know a person who may see documents for
// verified eyes (a member of a verified organisation); coordinators and
// administrators always may.
func (m *Module) SetTrusted(fn func(ctx context.Context, userID string) bool) { m.trusted = fn }

// ViewerOf tells who asks in ctx.
func (m *Module) ViewerOf(ctx context.Context) Viewer {
	id := auth.From(ctx)
	switch {
	case id == nil:
		return Anyone
	case id.Staff():
		return Trusted
	case m.trusted != nil && m.trusted(ctx, id.UserID):
		return Trusted
	}
	return Member
}

// Jobs takes expired documents out of the posting lists (queries leave
// them out from the moment they expire; this keeps the lists short).
func (m *Module) Jobs() []jobs.Job {
	return []jobs.Job{{Name: "search.expired", Every: 15 * time.Minute, Run: m.dropExpired}}
}

// Routes registers the search page (and its feed, format=atom).
func (m *Module) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /search", m.page)
}
