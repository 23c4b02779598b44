package pledge

import (
	"context"
	"database/sql"
	"html/template"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/blog"
	"teilhabe.org/teilhabe/internal/db"
)

// A successful pledge gets a report on the blog: its redeemers or its
// pledger write it, the pledger confirms it. The blog asks the pledges
// through reportOwner; the pledges call the blog's methods and read none
// of its tables.

// reportKind is the kind the blog stores pledges' reports under.
const reportKind = "pledge"

// ReportKind is what the blog is told of pledges (blog.Module.Register in
// platform/modules.go).
func (m *Module) ReportKind() blog.Kind {
	return blog.Kind{Name: reportKind, Owner: reportOwner{m}, Index: "/pledges", Words: blog.Words{
		Index: "pledge.list.title", About: "pledge.blog.about", Back: "pledge.back", Intro: "pledge.report.new.intro",
		Waiting: "pledge.report.waiting", ConfirmAsk: "pledge.report.confirm.ask", ConfirmOnly: "pledge.pledger_only",
		AuthorOnly: "pledge.report.author_only", Exists: "pledge.report.exists",
	}}
}

type reportOwner struct{ m *Module }

func (o reportOwner) About(ctx context.Context, pledgeID string) (*blog.Subject, error) {
	p, err := pledgeByID(ctx, o.m.s.DB, pledgeID)
	if err != nil {
		return nil, err
	}
	return &blog.Subject{Title: p.Title(), Summary: o.m.Sentence(p), Lang: p.Lang, URL: "/pledges/" + p.ID}, nil
}

// Writer: the pledge has succeeded, and the person is its pledger or one
// of its redeemers.
func (o reportOwner) Writer(ctx context.Context, q db.Querier, pledgeID string, actor *auth.Identity) (blog.Writer, error) {
	p, err := o.m.visible(ctx, q, actor, pledgeID, true)
	if err != nil {
		return blog.Writer{}, err
	}
	if p.Status != Successful {
		return blog.Writer{}, apperr.New(apperr.Conflict, "pledge.report.not_successful")
	}
	pledger, orgID, err := o.m.reportAuthor(ctx, q, p, actor.UserID)
	if err != nil {
		return blog.Writer{}, err
	}
	return blog.Writer{Confirms: pledger, OrgID: orgID, Public: p.Public()}, nil
}

func (o reportOwner) Confirms(ctx context.Context, pledgeID, userID string) bool {
	p, err := pledgeByID(ctx, o.m.s.DB, pledgeID)
	return err == nil && o.m.isPledger(ctx, p, userID)
}

// Byline: who signed up anonymously is named as such.
func (o reportOwner) Byline(ctx context.Context, r *blog.Report) string {
	s, err := o.m.MySignup(ctx, r.AuthorID, r.OwnerID)
	switch {
	case err != nil || !s.Anonymous:
		return ""
	case s.OrgID != "":
		return o.m.localizer(ctx).T("pledge.supporter.anonymous_org")
	default:
		return o.m.localizer(ctx).T("pledge.supporter.anonymous_person")
	}
}

func (o reportOwner) Waiting(ctx context.Context, tx *sql.Tx, r *blog.Report, author string, now time.Time) error {
	p, err := pledgeByID(ctx, tx, r.OwnerID)
	if err != nil {
		return err
	}
	return o.m.sendPledger(ctx, tx, p, letter{kind: reportWritten, item: blog.Item(r), path: "/blog/" + r.ID,
		args: []any{"Promise", p.Promise, "Title", r.Title}, names: []any{"Name", author}}, now)
}

func (o reportOwner) Published(ctx context.Context, tx *sql.Tx, r *blog.Report, now time.Time) error {
	p, err := pledgeByID(ctx, tx, r.OwnerID)
	if err != nil {
		return err
	}
	return o.m.send(ctx, tx, r.AuthorID, letter{kind: reportPublished, item: blog.Item(r), path: "/blog/" + r.ID,
		args: []any{"Promise", p.Promise, "Title", r.Title}}, now)
}

// Section: the pledge, its status and progress.
func (o reportOwner) Section(ctx context.Context, pledgeID string) (template.HTML, error) {
	p, err := pledgeByID(ctx, o.m.s.DB, pledgeID)
	if err != nil {
		return "", err
	}
	return o.m.s.Render.Fragment(ctx, "pledge/reportsection", o.m.card(ctx, p), nil)
}

// reportAuthor checks that the person may write the report of a
// successful pledge: its pledger or a redeemer. It tells which, and the
// organisation the report is then written for.
func (m *Module) reportAuthor(ctx context.Context, q db.Querier, p *Pledge, userID string) (pledger bool, orgID string, err error) {
	if m.isPledger(ctx, p, userID) {
		return true, p.OrgID, nil
	}
	if s, ok := m.redeemer(ctx, q, p, userID); ok {
		return false, s.OrgID, nil
	}
	return false, "", apperr.New(apperr.Forbidden, "pledge.report.redeemers_only")
}
