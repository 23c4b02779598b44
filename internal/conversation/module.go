// Package conversation is the conversations module: people talk through
// the platform without showing each other their e-mail address or phone.
// Other modules open conversations about their things (a listing, a
// pledge) with Start and add people with AddParticipants; this module owns
// the messages, the pages /conversations, the API, notification mails,
// blocking, and the step-by-step sharing of contact details.
//
// A participant may speak for an organisation; the organisation's members
// then see and answer the conversation too. The module knows nothing of
// organisations beyond the membership question it is given.
package conversation

import (
	"context"
	"embed"
	"net/http"
	"time"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/ratelimit"
	"teilhabe.org/teilhabe/internal/web"
)

//go:embed migrations templates locales
var files embed.FS

// OrgMembers answers whether userID belongs to orgID (the organisation
// module's RoleOf, wrapped in platform).
type OrgMembers func(ctx context.Context, orgID, userID string) bool

// OrgLister lists the organisations a person belongs to (the organisation
// module's Memberships, wrapped in platform). Optional: without it the
// module asks OrgMembers about every organisation taking part in any
// conversation, which is slower.
type OrgLister func(ctx context.Context, userID string) ([]string, error)

// Module is the conversations module.
type Module struct {
	app.Folder
	s        *app.Services
	accounts *account.Module
	orgs     OrgMembers
	orgList  OrgLister
}

// postRule limits how many messages one account writes.
var postRule = ratelimit.Rule{Name: "conversation.post", Limit: 30, Window: 10 * time.Minute}

// New returns the conversations module. It learns names and addresses only
// through the accounts module and organisation membership only through
// orgs.
func New(s *app.Services, accounts *account.Module, orgs OrgMembers) *Module {
	return &Module{Folder: app.NewFolder("conversation", files), s: s, accounts: accounts, orgs: orgs}
}

// UseOrgLister lets the module list a person's organisations directly
// instead of asking about each one.
func (m *Module) UseOrgLister(l OrgLister) { m.orgList = l }

// Nav is the link to one's conversations, with the number of those
// with unread messages.
func (m *Module) Nav() []web.NavEntry {
	return []web.NavEntry{{Path: "/conversations", Label: "layout.nav.messages", Order: 50, Show: web.Members,
		Badge: m.unreadBadge, BadgeLabel: "layout.nav.messages.unread"}}
}

func (m *Module) unreadBadge(ctx context.Context, who *auth.Identity) (int, error) {
	return m.Unread(ctx, who.UserID)
}

// Routes registers the conversation pages.
func (m *Module) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /conversations", m.list)
	mux.HandleFunc("POST /conversations/settings", m.saveSettings)
	mux.HandleFunc("POST /conversations/unblock", m.unblock)
	mux.HandleFunc("GET /conversations/{id}", m.show)
	mux.HandleFunc("POST /conversations/{id}/messages", m.reply)
	mux.HandleFunc("POST /conversations/{id}/contact", m.shareContact)
	mux.HandleFunc("GET /conversations/{id}/block/{user}", m.blockForm)
	mux.HandleFunc("POST /conversations/{id}/block/{user}", m.block)
}
