// Package coordination is the coordination office: the regions coordinators
// are responsible for (scopes, as official municipality keys) and the
// dashboard of what is unmet where, with its charts, the CSV of its figures
// and the dashboard API. Requests are counted by the board through
// app.RequestFigures and placed in regions through the postcode data (geo).
package coordination

import (
	"embed"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/directory"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/web"
)

//go:embed migrations templates locales
var files embed.FS

// Module is the coordination office.
type Module struct {
	app.Folder
	s         *app.Services
	accounts  *account.Module
	places    *geo.Gazetteer     // places postcodes in districts; nil: everything is unassigned
	requests  app.RequestFigures // the board's requests
	listings  *board.Module
	orgs      *organization.Module
	directory *directory.Module // the services requests are referred to
}

// New returns the coordination office over the board's requests, which
// it refers to the directory's services.
func New(s *app.Services, accounts *account.Module, orgs *organization.Module, places *geo.Gazetteer,
	listings *board.Module, dir *directory.Module) *Module {
	return &Module{Folder: app.NewFolder("coordination", files), s: s, accounts: accounts, places: places,
		requests: listings, listings: listings, orgs: orgs, directory: dir}
}

// Sections: who asked and staff see the places that can help on a
// request's page.
func (m *Module) Sections() []app.Section {
	return []app.Section{{Page: "listing", Draw: m.placesSection, Order: 20}}
}

// Nav is the dashboard's entry in the site navigation, for staff.
func (m *Module) Nav() []web.NavEntry {
	return []web.NavEntry{{Path: "/coordination", Label: "coordination.nav", Order: 68, Show: web.Staff}}
}

// Routes registers the dashboard, its export and the scopes' admin page.
func (m *Module) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /coordination", m.dashboardPage)
	mux.HandleFunc("GET /coordination/export.csv", m.exportCSV)
	mux.HandleFunc("POST /listings/{id}/referrals", m.referPage)
	mux.HandleFunc("GET /referrals/{id}", m.referralPage)
	mux.HandleFunc("POST /referrals/{id}/outcome", m.outcomePage)
	mux.HandleFunc("GET /admin/scopes", m.scopesPage)
	mux.HandleFunc("POST /admin/scopes", m.addScopePage)
	mux.HandleFunc("POST /admin/scopes/{user}/{region}/remove", m.removeScopePage)
}

// RegisterAPI adds the dashboard and the scopes to the API.
func (m *Module) RegisterAPI(a huma.API) {
	m.dashboardAPI(a)
	m.scopesAPI(a)
	m.referralsAPI(a)
}
