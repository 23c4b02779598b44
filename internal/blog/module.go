// Package blog is the reports blog: after a pledge succeeded (later a
// funding campaign or an event ended) the people who made it happen write
// a short report with photos in a small Markdown subset; whoever confirms
// the owner's reports publishes it, and /blog shows it with an Atom feed,
// coordinators feature the best. The blog knows nothing of pledges: each
// kind of owner answers through the Owner contract (owner.go) and is
// registered in platform/modules.go.
package blog

import (
	"context"
	"embed"
	"net/http"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/searchdoc"
	"teilhabe.org/teilhabe/internal/web"
)

//go:embed migrations templates locales
var files embed.FS

// Module is the blog module.
type Module struct {
	app.Folder // name, migrations, messages, pages
	s          *app.Services
	accounts   *account.Module
	orgs       *organization.Module
	index      searchdoc.Indexer // the search index, fed in each change's transaction; nil: none
	kinds      map[string]Kind
	order      []string // kinds in the order they were registered
}

// New returns the blog module. It names authors through the accounts and
// organisation modules; the kinds of owners are registered with Register.
func New(s *app.Services, accounts *account.Module, orgs *organization.Module) *Module {
	return &Module{Folder: app.NewFolder("blog", files), s: s, accounts: accounts, orgs: orgs, kinds: map[string]Kind{}}
}

// kind returns the registered kind of a report's owner; a kind nobody
// registered has no reports anybody can see.
func (m *Module) kind(name string) (Kind, error) {
	k, ok := m.kinds[name]
	if !ok {
		return Kind{}, apperr.New(apperr.NotFound, "")
	}
	return k, nil
}

// localizer is the page's translator.
func (m *Module) localizer(ctx context.Context) *i18n.Localizer {
	if l := web.Localizer(ctx); l != nil {
		return l
	}
	return m.s.Catalog.Localizer(i18n.Default)
}

// Routes registers the blog, its reports' pages and the feed.
func (m *Module) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /blog", m.blog)
	mux.HandleFunc("GET /blog/{id}", m.reportShow)
	mux.HandleFunc("GET /blog/{id}/edit", m.reportEditForm)
	mux.HandleFunc("POST /blog/{id}/edit", m.reportSave)
	mux.HandleFunc("POST /blog/{id}/photos/{upload}/remove", m.reportRemovePhoto)
	mux.HandleFunc("POST /blog/{id}/confirm", m.reportConfirm)
	mux.HandleFunc("POST /blog/{id}/feature", m.reportFeature)
	mux.HandleFunc("POST /blog/{id}/unfeature", m.reportUnfeature)
}
