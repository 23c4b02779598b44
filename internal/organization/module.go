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
	"io/fs"
	"net/http"
	"time"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/jobs"
)

//go:embed migrations templates locales
var files embed.FS

// Module is the organisations module.
type Module struct {
	s        *app.Services
	accounts *account.Module
}

// New returns the organisations module; it learns about people (names,
// addresses to write to) only through the accounts module.
func New(s *app.Services, accounts *account.Module) *Module {
	return &Module{s: s, accounts: accounts}
}

func (m *Module) Name() string { return "organization" }

func (m *Module) Migrations() db.Migrations {
	return db.Migrations{Module: "organization", FS: sub("migrations")}
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

// Jobs removes invitations that can no longer be accepted.
func (m *Module) Jobs() []jobs.Job {
	return []jobs.Job{{Name: "organization.invitations.cleanup", Every: 6 * time.Hour, Run: m.deleteExpiredInvitations}}
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
