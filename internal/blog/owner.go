package blog

import (
	"context"
	"database/sql"
	"html/template"
	"time"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/i18n"
)

// An owner is what a report tells about: a pledge now, later a funding
// campaign or an event. The module that holds owners of a kind implements
// Owner and is registered for the kind in platform/modules.go (Register).
// The blog asks it who may write and confirm a report and tells it when a
// report waits or is published; the owner tells the blog when everybody
// may see it or no longer (SetOwnerPublic) and when it is deleted
// (DeleteOwned). Neither reads the other's tables.
type Owner interface {
	// About describes the owner for the blog's pages; NotFound when it
	// is gone or the person may not see it.
	About(ctx context.Context, ownerID string) (*Subject, error)
	// Writer checks that the person may write the owner's report now
	// and says as what; its error is the refusal. In a transaction q it
	// locks the owner, so that the answer holds until the report is
	// stored.
	Writer(ctx context.Context, q db.Querier, ownerID string, actor *auth.Identity) (Writer, error)
	// Confirms reports whether the person confirms the owner's reports
	// (and so may change them).
	Confirms(ctx context.Context, ownerID, userID string) bool
	// Byline is the name a report is signed with when the owner decides
	// it (a signer who stays anonymous), in the language of ctx; "" lets
	// the blog sign with the organisation's or the author's name.
	Byline(ctx context.Context, r *Report) string
	// Waiting tells whoever confirms the owner's reports that r, which
	// author wrote, waits for them; Published tells r's author that it
	// is on the blog. Both run in the report's transaction.
	Waiting(ctx context.Context, tx *sql.Tx, r *Report, author string, now time.Time) error
	Published(ctx context.Context, tx *sql.Tx, r *Report, now time.Time) error
	// Section draws the owner's part of a report's page.
	Section(ctx context.Context, ownerID string) (template.HTML, error)
}

// Subject is an owner as the blog shows it.
type Subject struct {
	Title   string // short, for lists
	Summary string // the owner in a sentence, above the report form and in the feed
	Lang    string // of Title and Summary
	URL     string // the owner's page, a local path
}

// Dir is the writing direction of the subject's language.
func (s *Subject) Dir() string { return i18n.LanguageOf(s.Lang).Dir }

// Writer is how a person writes an owner's report.
type Writer struct {
	Confirms bool   // they confirm the owner's reports: theirs is published at once
	OrgID    string // the organisation they write for, if any
	Public   bool   // everybody may see the owner now
}

// Kind is a kind of owner: its name, the module that answers for it, and
// the message ids of what the blog says about reports of the kind.
type Kind struct {
	Name  string // "pledge": stored with each report
	Owner Owner
	Index string // the page listing the owners, linked from the blog
	Words Words
}

// Words are message ids in the owner module's catalogue.
type Words struct {
	Index       string // the link to Index
	About       string // before the owner's title in the blog's lists
	Back        string // the report form's link back to the owner
	Intro       string // the introduction of the report form
	Waiting     string // a report waits for whoever confirms it
	ConfirmAsk  string // asks whoever confirms to do so
	ConfirmOnly string // refuses anybody else to confirm
	AuthorOnly  string // refuses anybody but the author and whoever confirms to change a report
	Exists      string // refuses a second report of the same owner
}

// Register makes the blog publish reports of the kind. A kind registered
// twice is a mistake of the module list and stops the start.
func (m *Module) Register(k Kind) {
	if k.Name == "" || k.Owner == nil {
		panic("blog: a kind needs a name and an owner")
	}
	if _, dup := m.kinds[k.Name]; dup {
		panic("blog: kind " + k.Name + " registered twice")
	}
	m.kinds[k.Name] = k
	m.order = append(m.order, k.Name)
}
