// Package coop holds cooperatives (eG under the German Cooperatives Act,
// GenG): the cooperative profile of an organisation of kind cooperative
// with its statutes' data, board and supervisory board offices, the
// applications to join, the member list (§ 30) as an append-only journal
// that reproduces the list as of any day, the share journal, and general
// assemblies with proxies, open and secret ballots and their counting.
//
// The module reads no other module's tables: it asks the organisation
// module for the organisation's kind and the person's role (StandingOf).
package coop

import (
	"context"
	"embed"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/web"
)

//go:embed migrations templates locales
var files embed.FS

// Module is the cooperatives module.
type Module struct {
	app.Folder // name, migrations, messages, pages
	s          *app.Services
	orgs       *organization.Module
	names      Names
}

// Names returns the display names of user ids (account.Module.Names).
type Names func(ctx context.Context, userIDs []string) (map[string]string, error)

// New returns the cooperatives module.
func New(s *app.Services, orgs *organization.Module, names Names) *Module {
	return &Module{Folder: app.NewFolder("coop", files), s: s, orgs: orgs, names: names}
}

// Nav is the cooperatives' entry in the site navigation.
func (m *Module) Nav() []web.NavEntry {
	return []web.NavEntry{{Path: "/coops", Label: "coop.nav", Order: 35}}
}
