// Package directory is where to go in a town.
//
// Organisations (of the organisation module) publish services — what they
// offer, in which languages, for whom, at what cost, how to get in — and
// locations with opening hours (weekly periods in German local time, with
// exceptions such as holidays). A service can be offered at several
// locations. Every location lies in a municipality, named by its official
// key (AGS), which coordinators enter; a municipality's page lists the
// services there grouped by need, with "open now" and "speaks my language"
// filters, local facts with date and source, useful links, and a printable
// one-page overview per need for notice boards. Entries show when an
// editor last confirmed them; the editors get a reminder when an entry is
// six months old. A CSV lists what volunteers look for; organisation and
// service pages carry schema.org JSON-LD.
//
// The module reads no other module's tables: it asks the organisation
// module (Get, List, CanEdit, Members) and the accounts module (contact
// data for reminder mails). Other modules build on its exported methods:
// the network (Footprints) and the HSDS exchange (Entries, the Import
// methods); they draw their parts of its pages as sections
// (organization_pages.go).
package directory

import (
	"embed"
	"io/fs"
	"net/http"
	"time"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/flyer"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/jobs"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/searchdoc"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

//go:embed migrations templates locales static
var files embed.FS

// Module is the directory module.
type Module struct {
	app.Folder // name, migrations, messages, pages
	s          *app.Services
	orgs       *organization.Module
	accounts   *account.Module
	places     *geo.Gazetteer               // resolves postcodes and places; nil: place text only
	search     searchdoc.Indexer            // the search index, fed in each change's transaction; nil: none
	sections   map[string][]app.SectionFunc // other modules' parts of its pages, by page (AddSection)
	// partnerSearch says what organisations look for partners for; nil: nothing
	partnerSearch PartnerSearch
}

// New returns the directory module.
func New(s *app.Services, orgs *organization.Module, accounts *account.Module, places *geo.Gazetteer) *Module {
	return &Module{Folder: app.NewFolder("directory", files), s: s, orgs: orgs, accounts: accounts, places: places}
}

// Nav is the directory's entry in the site navigation.
func (m *Module) Nav() []web.NavEntry {
	return []web.NavEntry{{Path: "/directory", Label: "layout.nav.directory", Order: 30}}
}

// Sections: an organisation's page shows its services.
func (m *Module) Sections() []app.Section {
	return []app.Section{{Page: "organization", Draw: m.orgSection}}
}

// Assets are the directory's own styles (opening-hour fields, the
// network's legend, the printable overviews), linked by the pages that
// need them.
func (m *Module) Assets() fs.FS {
	f, err := fs.Sub(files, "static")
	if err != nil {
		panic(err)
	}
	return f
}

// SearchTypes: search finds services (SearchDocs).
func (m *Module) SearchTypes() []searchdoc.Type {
	return []searchdoc.Type{{Name: searchdoc.Service, Label: "search.type.service", Order: 50}}
}

// Jobs reminds editors of entries nobody confirmed for six months and
// computes the name keys again when the folding rules change.
func (m *Module) Jobs() []jobs.Job {
	return []jobs.Job{{Name: "directory.reminders", Every: 24 * time.Hour, Run: m.remind},
		text.RekeyJob("directory.rekey", m.s.DB, m.s.Log, nameKeys...)}
}

// Routes registers the directory's pages.
func (m *Module) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /directory", m.index)
	mux.HandleFunc("GET /directory/export.csv", m.exportCSV)

	mux.HandleFunc("GET /municipalities/new", m.municipalityNew)
	mux.HandleFunc("POST /municipalities/new", m.municipalityCreate)
	mux.HandleFunc("GET /municipalities/{ags}", m.municipalityShow)
	mux.HandleFunc("GET /municipalities/{ags}/print", m.municipalityPrint)
	mux.HandleFunc("GET /municipalities/{ags}/edit", m.municipalityEdit)
	mux.HandleFunc("POST /municipalities/{ags}/edit", m.municipalitySave)
	mux.HandleFunc("GET /municipalities/{ags}/facts", m.factsPage)
	mux.HandleFunc("POST /municipalities/{ags}/facts", m.factAdd)
	mux.HandleFunc("POST /municipalities/{ags}/facts/{id}/delete", m.factDelete)
	mux.HandleFunc("POST /municipalities/{ags}/links", m.linkAdd)
	mux.HandleFunc("POST /municipalities/{ags}/links/{id}/delete", m.linkDelete)

	mux.HandleFunc("GET /organizations/{id}/services", m.orgPage)
	mux.HandleFunc("GET /organizations/{id}/services/new", m.serviceNew)
	mux.HandleFunc("POST /organizations/{id}/services/new", m.serviceCreate)
	mux.HandleFunc("GET /organizations/{id}/locations/new", m.locationNew)
	mux.HandleFunc("POST /organizations/{id}/locations/new", m.locationCreate)

	mux.HandleFunc("GET /services/{id}", m.serviceShow)
	flyerPage, flyerPDF := flyer.Handlers(m.s.Render, "directory/flyer", "/services/", m.serviceFlyerOf)
	mux.HandleFunc("GET /services/{id}/flyer", flyerPage)
	mux.HandleFunc("GET /services/{id}/flyer.pdf", flyerPDF)
	mux.HandleFunc("GET /services/{id}/edit", m.serviceEdit)
	mux.HandleFunc("POST /services/{id}/edit", m.serviceSave)
	mux.HandleFunc("POST /services/{id}/confirm", m.serviceConfirm)
	mux.HandleFunc("POST /services/{id}/delete", m.serviceDelete)

	mux.HandleFunc("GET /locations/{id}", m.locationShow)
	mux.HandleFunc("GET /locations/{id}/edit", m.locationEdit)
	mux.HandleFunc("POST /locations/{id}/edit", m.locationSave)
	mux.HandleFunc("POST /locations/{id}/confirm", m.locationConfirm)
	mux.HandleFunc("POST /locations/{id}/delete", m.locationDelete)
	mux.HandleFunc("POST /locations/{id}/closures", m.closureAdd)
	mux.HandleFunc("POST /locations/{id}/closures/{closure}/delete", m.closureDelete)
}
