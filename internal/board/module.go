// Package board is the offers-and-requests board: people and organisations
// publish what they offer and what they need, others respond, the two talk
// through the platform, and the platform suggests counterparts.
//
// The module is split by area: listings (posting, editing, lifecycle, the
// board page, the listings API, demo content) and responses (responding,
// accepting, contact reveal, thanks, suggestions, saved searches). Each area
// has its own files, templates (partials_<area>.html) and messages
// (locales/<area>.<lang>.json).
package board

import (
	"embed"
	"io/fs"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/conversation"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/jobs"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/searchdoc"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

//go:embed migrations templates locales
var files embed.FS

// Module is the board.
type Module struct {
	s             *app.Services
	accounts      *account.Module
	orgs          *organization.Module
	conversations *conversation.Module
	moderation    *moderation.Module
	places        *geo.Gazetteer    // resolves postcodes and places; nil: place text only
	index         searchdoc.Indexer // the search index, fed in each change's transaction; nil: none
	settings      Settings
	sections      app.SectionList // drawn by other modules on a listing's page
}

// Settings are the operator's choices for the board.
type Settings struct {
	// HoldFirstListings makes first listings of new accounts that contain
	// links, phone numbers or e-mail addresses wait for a coordinator (on by
	// default in the command; --hold-first-listings=false turns it off).
	HoldFirstListings bool
}

// listingSectionPage names a listing's page for other modules' sections
// (app.Section.Page); the id they draw for is the listing's.
const listingSectionPage = "listing"

// SectionPages: other modules draw sections on a listing's page, below
// its details (the coordination's places that can help).
func (m *Module) SectionPages() []string { return []string{listingSectionPage} }

// AddSection adds a section to every listing's page.
func (m *Module) AddSection(s app.Section) { m.sections.Add(s) }

// New returns the board.
func New(s *app.Services, accounts *account.Module, orgs *organization.Module, places *geo.Gazetteer,
	conversations *conversation.Module, mod *moderation.Module, settings Settings) *Module {
	return &Module{s: s, accounts: accounts, orgs: orgs, places: places, conversations: conversations,
		moderation: mod, settings: settings}
}

// SetSettings changes the settings of a running board, for tests that
// switch one on; the operator's come through New.
func (m *Module) SetSettings(s Settings) { m.settings = s }

func (m *Module) Name() string { return "board" }

// Nav is the board's entry in the site navigation.
func (m *Module) Nav() []web.NavEntry {
	return []web.NavEntry{{Path: "/board", Label: "layout.nav.board", Order: 10}}
}

// ModerationTargets makes listings a kind of content the moderation queue
// can hide and remove.
func (m *Module) ModerationTargets() []app.ModerationTarget {
	return []app.ModerationTarget{listingTarget{m}}
}

// SearchTypes are the types of the listings search finds (SearchDocs).
func (m *Module) SearchTypes() []searchdoc.Type {
	return []searchdoc.Type{
		{Name: searchdoc.Offer, Label: "search.type.offer", Order: 10},
		{Name: searchdoc.Request, Label: "search.type.request", Order: 20},
		{Name: searchdoc.Opportunity, Label: "search.type.opportunity", Order: 30},
	}
}

func (m *Module) Migrations() db.Migrations {
	return db.Migrations{Module: "board", FS: sub("migrations")}
}
func (m *Module) Messages() fs.FS  { return sub("locales") }
func (m *Module) Templates() fs.FS { return sub("templates") }

func sub(dir string) fs.FS {
	f, err := fs.Sub(files, dir)
	if err != nil {
		panic(err)
	}
	return f
}

// Routes registers the pages of both areas.
func (m *Module) Routes(mux *http.ServeMux) {
	m.listingRoutes(mux)
	m.responseRoutes(mux)
}

// RegisterAPI adds the operations of both areas.
func (m *Module) RegisterAPI(a huma.API) {
	m.listingAPI(a)
	m.responseAPI(a)
}

// Jobs are expiry and reminders (listings), saved-search digests
// (responses) and the listings' keys computed again under new folding
// rules.
func (m *Module) Jobs() []jobs.Job {
	return append(append(m.lifecycleJobs(), m.digestJobs()...), text.RekeyJob("board.listings.rekey", m.s.DB, m.s.Log, listingKeys))
}
