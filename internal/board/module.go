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
	"teilhabe.org/teilhabe/internal/jobs"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/searchdoc"
	"teilhabe.org/teilhabe/internal/text"
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
	index         searchdoc.Indexer // the search index, fed in each change's transaction; nil: none
}

// New returns the board. It registers listings as a kind of content the
// moderation queue can hide and remove.
func New(s *app.Services, accounts *account.Module, orgs *organization.Module,
	conversations *conversation.Module, mod *moderation.Module) *Module {
	m := &Module{s: s, accounts: accounts, orgs: orgs, conversations: conversations, moderation: mod}
	mod.Register(listingTarget{m})
	return m
}

func (m *Module) Name() string { return "board" }

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
