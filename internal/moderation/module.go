// Package moderation is the coordinators' moderation: anybody logged in
// flags an item (a listing, a message, a pledge, ...) with a reason; the
// coordination office works through a queue and hides, restores or removes
// items, telling their owner why, dismisses flags that need no action and
// suspends accounts. First posts of new accounts that contain links, phone
// numbers or e-mail addresses wait for a coordinator's approval. Every
// decision is audit-logged.
//
// The package knows nothing of listings or messages: each module that
// holds moderated items registers a Target for its kind (Register), asks
// NeedsReview and ShouldHold when something is posted, and calls
// HoldForReview in the transaction that stores a held item hidden.
package moderation

import (
	"embed"
	"net/http"
	"sync"
	"time"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/ratelimit"
)

//go:embed migrations templates locales
var files embed.FS

// Module is the moderation module.
type Module struct {
	app.Folder
	s        *app.Services
	accounts *account.Module

	mu      sync.RWMutex
	targets map[string]Target
}

// New returns the moderation module; it learns names and addresses of
// owners and reporters only through the accounts module, and suspends
// accounts through it.
func New(s *app.Services, accounts *account.Module) *Module {
	return &Module{Folder: app.NewFolder("moderation", files), s: s, accounts: accounts, targets: map[string]Target{}}
}

// flagLimit bounds how many flags one account may send: enough for a
// person who meets a wave of spam, too few to flood the queue.
var flagLimit = ratelimit.Rule{Name: "moderation.flag", Limit: 20, Window: time.Hour}

// Routes registers the flag form and the coordinators' queue.
func (m *Module) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /flags/new", m.flagForm)
	mux.HandleFunc("POST /flags", m.flagSave)
	mux.HandleFunc("GET /flags/done", m.flagDone)
	mux.HandleFunc("GET /admin/moderation", m.queue)
	mux.HandleFunc("POST /admin/moderation/{kind}/{id}/{action}", m.decide)
}
