// Package network is the cooperation network: who works with whom.
//
// Organisations form partnerships (goal, contributions, benefit, start); a
// proposal becomes active and public when every partner confirmed it. An
// organisation may say that it looks for partners. A partner finder
// suggests complementary organisations with a documented score
// (finder.go), and the network view draws who works with whom as SVG on
// the server, with figures on how well migrant organisations are
// connected with established actors.
//
// The module reads no other module's tables: it asks the organisation
// module (Get, List, CanEdit) and the directory (where organisations have
// places, what they offer, which languages they speak: Footprints). Its
// parts of an organisation's directory page and of the directory's section
// on the organisation's page are sections the directory hosts.
package network

import (
	"embed"
	"io/fs"
	"net/http"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/directory"
	"teilhabe.org/teilhabe/internal/organization"
)

//go:embed migrations templates locales static
var files embed.FS

// Module is the network module.
type Module struct {
	app.Folder // name, migrations, messages, pages
	s          *app.Services
	orgs       *organization.Module
	dir        *directory.Module
}

// New returns the network module.
func New(s *app.Services, orgs *organization.Module, dir *directory.Module) *Module {
	return &Module{Folder: app.NewFolder("network", files), s: s, orgs: orgs, dir: dir}
}

// Assets are the network view's styles (the legend, the drawing).
func (m *Module) Assets() fs.FS {
	f, err := fs.Sub(files, "static")
	if err != nil {
		panic(err)
	}
	return f
}

// Sections: the partnerships and whether an organisation looks for
// partners, on its directory page and in the directory's section of its
// page.
func (m *Module) Sections() []app.Section {
	return []app.Section{
		{Page: directory.SectionPage, Draw: m.sectionPart},
		{Page: directory.OrganizationPage, Draw: m.organizationPart},
	}
}

// Routes registers the network's pages.
func (m *Module) Routes(mux *http.ServeMux) {
	mux.HandleFunc("POST /organizations/{id}/seeking", m.seekingSave)
	mux.HandleFunc("GET /organizations/{id}/partners", m.finderPage)

	mux.HandleFunc("GET /partnerships", m.partnershipList)
	mux.HandleFunc("GET /partnerships/new", m.partnershipNew)
	mux.HandleFunc("POST /partnerships/new", m.partnershipCreate)
	mux.HandleFunc("GET /partnerships/{id}", m.partnershipShow)
	mux.HandleFunc("POST /partnerships/{id}/confirm", m.partnershipConfirm)
	mux.HandleFunc("POST /partnerships/{id}/withdraw", m.partnershipWithdraw)
	mux.HandleFunc("POST /partnerships/{id}/end", m.partnershipEnd)

	mux.HandleFunc("GET /network", m.networkPage)
}
