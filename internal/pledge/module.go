// Package pledge is the pledges module: companies, initiatives and people
// promise something ("we promise X, if N WHO Y"); a coordinator approves the
// pledge; volunteers and initiatives sign up to fulfil the condition; at the
// deadline the pledge has succeeded or failed. After success the redeemers
// write a short report, which the pledger confirms and the blog module
// publishes (report_owner.go). Good pledges are copied.
//
// Every change of a pledge's status goes through one state machine (Next in
// state.go). The deadline and the report reminder are jobs that are safe
// with several app servers: each change is a conditional UPDATE, and only
// the transaction that made it sends the mails.
package pledge

import (
	"embed"
	"net/http"
	"time"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/blog"
	"teilhabe.org/teilhabe/internal/conversation"
	"teilhabe.org/teilhabe/internal/flyer"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/jobs"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/searchdoc"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

//go:embed migrations templates locales
var files embed.FS

// Module is the pledges module.
type Module struct {
	app.Folder    // name, migrations, messages, pages
	s             *app.Services
	accounts      *account.Module
	orgs          *organization.Module
	conversations *conversation.Module
	moderation    *moderation.Module
	reports       *blog.Module
	places        *geo.Gazetteer    // places pledges for search; nil: no coordinates
	index         searchdoc.Indexer // the search index, fed in each change's transaction; nil: none
}

// New returns the pledges module. It learns about people only through the
// accounts module and about organisations only through the organisations
// module; it opens conversations through the conversations module, asks
// the moderation whether a post waits for review and publishes reports
// through the blog.
func New(s *app.Services, accounts *account.Module, orgs *organization.Module, places *geo.Gazetteer,
	conversations *conversation.Module, mod *moderation.Module, reports *blog.Module) *Module {
	return &Module{Folder: app.NewFolder("pledge", files), s: s, accounts: accounts, orgs: orgs, places: places,
		conversations: conversations, moderation: mod, reports: reports}
}

// Nav is the pledges' entry in the site navigation.
func (m *Module) Nav() []web.NavEntry {
	return []web.NavEntry{{Path: "/pledges", Label: "layout.nav.pledges", Order: 40}}
}

// ModerationTargets hand pledges and questions to the moderation queue.
func (m *Module) ModerationTargets() []app.ModerationTarget {
	return []app.ModerationTarget{pledgeTarget{m}, questionTarget{m}}
}

// SearchTypes: search finds pledges (SearchDocs).
func (m *Module) SearchTypes() []searchdoc.Type {
	return []searchdoc.Type{{Name: searchdoc.Pledge, Label: "search.type.pledge", Order: 70}}
}

// Jobs ends pledges whose deadline passed and reminds of missing reports.
func (m *Module) Jobs() []jobs.Job {
	return []jobs.Job{
		{Name: "pledge.deadlines", Every: 5 * time.Minute, Run: m.expireDue},
		{Name: "pledge.report_reminders", Every: time.Hour, Run: m.remindDue},
		text.RekeyJob("pledge.rekey", m.s.DB, m.s.Log, placeKeys),
	}
}

// Routes registers the pledge pages and, at a pledge's address, the
// blog's form for its report.
func (m *Module) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /pledges", m.list)
	mux.HandleFunc("GET /pledges/new", m.newForm)
	mux.HandleFunc("POST /pledges/new", m.create)
	mux.HandleFunc("GET /pledges/{id}", m.show)
	flyerPage, flyerPDF := flyer.Handlers(m.s.Render, "pledge/flyer", "/pledges/", m.flyerOf)
	mux.HandleFunc("GET /pledges/{id}/flyer", flyerPage)
	mux.HandleFunc("GET /pledges/{id}/flyer.pdf", flyerPDF)
	mux.HandleFunc("GET /pledges/{id}/edit", m.editForm)
	mux.HandleFunc("POST /pledges/{id}/edit", m.save)
	mux.HandleFunc("POST /pledges/{id}/image/remove", m.removeImage)
	mux.HandleFunc("POST /pledges/{id}/delete", m.deleteDraft)
	mux.HandleFunc("POST /pledges/{id}/submit", m.submit)
	mux.HandleFunc("POST /pledges/{id}/revise", m.revise)
	mux.HandleFunc("POST /pledges/{id}/close", m.closeEarly)
	mux.HandleFunc("POST /pledges/{id}/copy", m.copyPledge)
	mux.HandleFunc("POST /pledges/{id}/signups", m.signUp)
	mux.HandleFunc("POST /pledges/{id}/signups/withdraw", m.withdraw)
	mux.HandleFunc("POST /pledges/{id}/signups/{sid}/confirm", m.confirmSignup)
	mux.HandleFunc("POST /pledges/{id}/signups/{sid}/decline", m.declineSignup)
	mux.HandleFunc("POST /pledges/{id}/questions", m.ask)
	mux.HandleFunc("GET /pledges/{id}/questions/{qid}/answer", m.answerForm)
	mux.HandleFunc("POST /pledges/{id}/questions/{qid}/answer", m.answer)
	mux.HandleFunc("GET /pledges/{id}/report", m.reports.WriteForm(reportKind))
	mux.HandleFunc("POST /pledges/{id}/report", m.reports.WriteReport(reportKind))
	mux.HandleFunc("GET /me/pledges", m.mine)
	mux.HandleFunc("GET /admin/pledges", m.admin)
	mux.HandleFunc("POST /admin/pledges/{id}/approve", m.approve)
	mux.HandleFunc("GET /admin/pledges/{id}/decline", m.declineForm)
	mux.HandleFunc("POST /admin/pledges/{id}/decline", m.decline)
	mux.HandleFunc("POST /admin/pledges/questions/{qid}/approve", m.approveQuestion)
	mux.HandleFunc("POST /admin/pledges/questions/{qid}/reject", m.rejectQuestion)
}
