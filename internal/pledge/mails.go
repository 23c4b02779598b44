package pledge

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/notify"
)

// letter is a notice of the module: one of its kinds, translated for each
// recipient into their language, with the same arguments.
type letter struct {
	kind  notify.Kind
	item  notify.Item
	quote string // text a person wrote (a reason, an answer), shown as is
	path  string // where the link goes
	args  []any  // name/value pairs of the pledge's own words, for every message
	names []any  // name/value pairs of people's names, only in the mail
}

// letterKind is a notice whose subject is pledge.mail.<subject>.subject.
func letterKind(name, subject, action string, body ...string) notify.Kind {
	return notify.Kind{Name: "pledge/" + name, Subject: "pledge.mail." + subject + ".subject", Greeting: "pledge.mail.greeting",
		Body: body, Action: action, Footer: "pledge.mail.footer"}
}

var (
	pledgeApproved   = letterKind("approved", "approved", "pledge.mail.show", "pledge.mail.approved.body")
	pledgeDeclined   = letterKind("declined", "declined", "pledge.mail.show", "pledge.mail.declined.body")
	signupToConfirm  = letterKind("signup", "signup", "pledge.mail.show", "pledge.mail.signup.confirm")
	signupAuto       = letterKind("signup_auto", "signup", "pledge.mail.show", "pledge.mail.signup.auto")
	signupConfirmed  = letterKind("signup_confirmed", "signup_confirmed", "pledge.mail.show", "pledge.mail.signup_confirmed.body")
	signupDeclined   = letterKind("signup_declined", "signup_declined", "pledge.mail.show", "pledge.mail.signup_declined.body")
	succeededPledger = letterKind("succeeded_pledger", "succeeded", "pledge.mail.succeeded.action",
		"pledge.mail.succeeded.pledger", "pledge.mail.succeeded.report")
	succeededSigner = letterKind("succeeded_signer", "succeeded", "pledge.mail.succeeded.action",
		"pledge.mail.succeeded.signer", "pledge.mail.succeeded.report")
	failedPledger    = letterKind("failed_pledger", "failed", "pledge.mail.failed.copy", "pledge.mail.failed.pledger")
	failedSigner     = letterKind("failed_signer", "failed", "pledge.mail.failed.more", "pledge.mail.failed.signer")
	reportDue        = letterKind("report_due", "reminder", "pledge.mail.reminder.action", "pledge.mail.reminder.body")
	questionAsked    = letterKind("question", "question", "pledge.mail.question.action", "pledge.mail.question.body")
	questionAnswered = letterKind("answered", "answered", "pledge.mail.show", "pledge.mail.answered.body")
	reportWritten    = letterKind("report_written", "report_written", "pledge.mail.report_written.action",
		"pledge.mail.report_written.body")
	reportPublished = letterKind("report_published", "report_published", "pledge.mail.report_published.action",
		"pledge.mail.report_published.body")
)

// NotifyKinds are the notices the module sends.
func (m *Module) NotifyKinds() []notify.Kind {
	return []notify.Kind{pledgeApproved, pledgeDeclined, signupToConfirm, signupAuto, signupConfirmed, signupDeclined,
		succeededPledger, succeededSigner, failedPledger, failedSigner, reportDue, questionAsked, questionAnswered,
		reportWritten, reportPublished}
}

func pledgeItem(p *Pledge) notify.Item { return notify.Item{Type: "pledge", ID: p.ID} }

// send tells the person of the letter within tx, in their language;
// accounts that are gone are told nothing.
func (m *Module) send(ctx context.Context, tx *sql.Tx, userID string, lt letter, now time.Time) error {
	return m.sendAll(ctx, tx, []string{userID}, lt, now)
}

// sendPledger sends the letter to the person who made the pledge while they
// still act as its pledger: not after they left the organisation it was
// made for.
func (m *Module) sendPledger(ctx context.Context, tx *sql.Tx, p *Pledge, lt letter, now time.Time) error {
	if !m.isPledger(ctx, p, p.OwnerID) {
		return nil
	}
	return m.send(ctx, tx, p.OwnerID, lt, now)
}

// sendAll tells each person of the letter once.
func (m *Module) sendAll(ctx context.Context, tx *sql.Tx, userIDs []string, lt letter, now time.Time) error {
	x := notify.Notice{Kind: lt.kind, Item: lt.item, Link: lt.path, To: userIDs, Params: lt.args, Mail: notify.Mail{Args: lt.names}}
	if lt.quote != "" {
		x.Mail.Text = []string{lt.quote}
	}
	return m.s.Notify.Send(ctx, tx, x, now)
}
