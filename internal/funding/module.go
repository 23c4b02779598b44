// Package funding holds the funding campaigns of organisations: all or
// nothing, with donations, cooperative shares or rewards, and matchfunding
// by other organisations. The platform never touches money: supporters
// reserve, and only when a campaign reached its goal at its deadline do
// they transfer to the organisation's account, with a creditor reference
// and a GiroCode; the organisation's bank statements tell the platform
// what arrived, and its open ledger shows what came in and went out.
//
// The module reads no other module's tables: it asks the organisation
// module who may act for an organisation (StandingOf).
package funding

import (
	"context"
	"embed"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/jobs"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/searchdoc"
	"teilhabe.org/teilhabe/internal/web"
)

//go:embed migrations templates locales
var files embed.FS

// Module is the funding module.
type Module struct {
	app.Folder
	s     *app.Services
	orgs  *organization.Module
	names Names
	index searchdoc.Indexer // the search index, fed in each change's transaction; nil: none
}

// Names returns the display names of user ids (account.Module.Names).
type Names func(ctx context.Context, userIDs []string) (map[string]string, error)

// New returns the funding module.
func New(s *app.Services, orgs *organization.Module, names Names) *Module {
	return &Module{Folder: app.NewFolder("funding", files), s: s, orgs: orgs, names: names}
}

// Nav is the campaigns' entry in the site navigation.
func (m *Module) Nav() []web.NavEntry {
	return []web.NavEntry{{Path: "/campaigns", Label: "funding.nav", Order: 45}}
}

// Jobs judges campaigns at their deadline and reminds unpaid supporters.
func (m *Module) Jobs() []jobs.Job {
	return []jobs.Job{{Name: "funding.deadlines", Every: 5 * time.Minute, Run: m.JudgeDue}, m.reminderJob()}
}
