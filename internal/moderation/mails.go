package moderation

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/mail"
	"teilhabe.org/teilhabe/internal/notify"
)

// decisionKinds are the notices of the decisions about an item, each with
// and without the coordinator's reason: hide, restore, remove, approve.
var decisionKinds = func() map[string]notify.Kind {
	out := map[string]notify.Kind{}
	for _, action := range []Action{Hide, Restore, Remove, Approve} {
		prefix := "moderation.mail." + string(action)
		k := notify.Kind{
			Name:     "moderation/" + string(action),
			Subject:  prefix + ".subject",
			Greeting: "moderation.mail.greeting",
			Body:     []string{prefix + ".body"},
			Action:   "moderation.mail.view",
			Footer:   "moderation.mail.footer",
		}
		if action == Remove {
			k.Action = "" // nothing left to view
		}
		out[k.Name] = k
		k.Name, k.Body = k.Name+"_reasoned", append(k.Body, "moderation.mail.reason")
		out[k.Name] = k
	}
	return out
}()

// NotifyKinds are the notices the module sends.
func (m *Module) NotifyKinds() []notify.Kind {
	out := make([]notify.Kind, 0, len(decisionKinds))
	for _, k := range decisionKinds {
		out = append(out, k)
	}
	return out
}

// tellOwner tells the owner of an item what a coordinator decided and why,
// within the decision's transaction. The mail says how to object: a
// decision about somebody's words must be explained and open to challenge.
func (m *Module) tellOwner(ctx context.Context, tx *sql.Tx, action Action, kind, id string, item Item, reason string,
	now time.Time) error {
	if !ids.Valid(item.OwnerID) {
		return nil
	}
	x := notify.Notice{
		Kind:   decisionKinds["moderation/"+string(action)],
		Item:   notify.Item{Type: kind, ID: id},
		To:     []string{item.OwnerID},
		Params: []any{"Title", item.Title},
		Mail:   notify.Mail{Args: []any{"URL", m.s.BaseURL + "/legal/imprint"}},
	}
	if reason != "" {
		x.Kind = decisionKinds[x.Kind.Name+"_reasoned"]
		x.Mail.Args = append(x.Mail.Args, "Reason", reason)
	}
	if action != Remove && isLocalPath(item.URL) {
		x.Link = item.URL
	}
	return m.s.Notify.Send(ctx, tx, x, now)
}

func isLocalPath(s string) bool { return strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") }

// mailSuspended tells the owner of an item that their account was
// suspended because of it, with the reason. It is a direct mail to the
// address read before the account closed: a suspended person has no inbox
// to look at.
func (m *Module) mailSuspended(ctx context.Context, tx *sql.Tx, to *account.Contact, item Item, reason string,
	now time.Time) error {
	l := m.s.Catalog.Localizer(to.Lang)
	paragraphs := []string{l.T("moderation.mail.suspend.body", "Title", item.Title)}
	if reason != "" {
		paragraphs = append(paragraphs, l.T("moderation.mail.reason", "Reason", reason))
	}
	body := mail.Body{
		Greeting:   l.T("moderation.mail.greeting", "Name", to.Name),
		Paragraphs: paragraphs,
		Footer:     l.T("moderation.mail.footer", "URL", m.s.BaseURL+"/legal/imprint"),
		Dir:        l.Dir(),
	}
	return mail.Enqueue(ctx, tx, mail.Message{To: to.Email, Lang: l.Lang(), Subject: l.T("moderation.mail.suspend.subject"),
		Body: body}, now)
}
