package moderation

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/mail"
)

// mailOwner tells the owner of an item what a coordinator decided and why,
// in the owner's language, within the decision's transaction. The mail
// says how to object: a decision about somebody's words must be explained
// and open to challenge.
func (m *Module) mailOwner(ctx context.Context, tx *sql.Tx, to *account.Contact, action Action, item Item, reason string,
	now time.Time) error {
	l := m.s.Catalog.Localizer(to.Lang)
	prefix := "moderation.mail." + string(action)
	paragraphs := []string{l.T(prefix+".body", "Title", item.Title)}
	if reason != "" {
		paragraphs = append(paragraphs, l.T("moderation.mail.reason", "Reason", reason))
	}
	body := mail.Body{
		Greeting:   l.T("moderation.mail.greeting", "Name", to.Name),
		Paragraphs: paragraphs,
		Footer:     l.T("moderation.mail.footer", "URL", m.s.BaseURL+"/legal/imprint"),
		Dir:        l.Dir(),
	}
	if action != Remove && action != Suspend && strings.HasPrefix(item.URL, "/") && !strings.HasPrefix(item.URL, "//") {
		body.Action = &mail.Action{Label: l.T("moderation.mail.view"), URL: m.s.BaseURL + item.URL}
	}
	return mail.Enqueue(ctx, tx, mail.Message{To: to.Email, Lang: l.Lang(), Subject: l.T(prefix + ".subject"), Body: body}, now)
}
