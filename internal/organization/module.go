// Package organization is the organisations module: volunteer agencies,
// migrant organisations, welfare associations, municipalities, companies
// and others present themselves with a public profile; their members
// (owners and editors) keep it up to date and invite others by e-mail; the
// coordination office marks organisations as verified.
//
// Other modules act on behalf of an organisation through RoleOf, CanEdit,
// Memberships and Get.
package organization

import (
	"embed"
	"net/http"
	"time"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/jobs"
	"teilhabe.org/teilhabe/internal/searchdoc"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

//go:embed migrations templates locales
var files embed.FS

// Module is the organisations module.
type Module struct {
	app.Folder
	s        *app.Services
	accounts *account.Module
	places   *geo.Gazetteer    // places the organisations' postcodes for search; nil: no coordinates
	sections app.SectionList   // drawn by other modules on every organisation's page
	index    searchdoc.Indexer // the search index, fed in each change's transaction; nil: none
}

// SetIndex makes the module hand its organisations to a search index.
func (m *Module) SetIndex(ix searchdoc.Indexer) { m.index = ix }

// sectionPage names an organisation's page for other modules' sections
// (app.Section.Page); the id they draw for is the organisation's.
const sectionPage = "organization"

// SectionPages: other modules draw sections on an organisation's page
// (the directory its services and partnerships).
func (m *Module) SectionPages() []string { return []string{sectionPage} }

// AddSection adds a section to every organisation's page, below the
// contact details.
func (m *Module) AddSection(s app.Section) { m.sections.Add(s) }

// New returns the organisations module; it learns about people (names,
// addresses to write to) only through the accounts module.
func New(s *app.Services, accounts *account.Module, places *geo.Gazetteer) *Module {
	return &Module{Folder: app.NewFolder("organization", files), s: s, accounts: accounts, places: places}
}

// Nav is the organisations' entry in the site navigation.
func (m *Module) Nav() []web.NavEntry {
	return []web.NavEntry{{Path: "/organizations", Label: "layout.nav.organizations", Order: 20}}
}

// SearchTypes: search finds organisations (SearchDocs).
func (m *Module) SearchTypes() []searchdoc.Type {
	return []searchdoc.Type{{Name: searchdoc.Organization, Label: "search.type.organization", Order: 40}}
}

// Jobs removes invitations that can no longer be accepted and computes
// the name keys again when the folding rules change.
func (m *Module) Jobs() []jobs.Job {
	return []jobs.Job{{Name: "organization.invitations.cleanup", Every: 6 * time.Hour, Run: m.deleteExpiredInvitations},
		text.RekeyJob("organization.rekey", m.s.DB, m.s.Log, nameKeys)}
}

// Routes registers the organisation pages.
func (m *Module) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /organizations", m.list)
	mux.HandleFunc("GET /organizations/new", m.newForm)
	mux.HandleFunc("POST /organizations/new", m.create)
	mux.HandleFunc("GET /organizations/{id}", m.show)
	mux.HandleFunc("GET /organizations/{id}/edit", m.editForm)
	mux.HandleFunc("POST /organizations/{id}/edit", m.save)
	mux.HandleFunc("GET /organizations/{id}/members", m.members)
	mux.HandleFunc("POST /organizations/{id}/members/invite", m.invite)
	mux.HandleFunc("POST /organizations/{id}/members/{user}/role", m.changeRole)
	mux.HandleFunc("POST /organizations/{id}/members/{user}/remove", m.removeMember)
	mux.HandleFunc("POST /organizations/{id}/invitations/{invitation}/withdraw", m.withdrawInvitation)
	mux.HandleFunc("POST /organizations/{id}/leave", m.leave)
	mux.HandleFunc("GET /invitations/{token}", m.invitation)
	mux.HandleFunc("POST /invitations/{token}", m.acceptInvitation)
	mux.HandleFunc("GET /admin/organizations", m.admin)
	mux.HandleFunc("POST /admin/organizations/{id}/verify", m.verify)
	mux.HandleFunc("POST /admin/organizations/{id}/unverify", m.unverify)
}
