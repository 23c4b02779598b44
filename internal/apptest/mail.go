package apptest

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/db"
)

// Mail is one message of the outbox as the platform wrote it.
type Mail struct{ To, Lang, Subject, Text string }

// Outbox returns the mails to addr in the outbox, delivered or not, oldest
// first.
func (e *Env) Outbox(t testing.TB, addr string) []Mail {
	t.Helper()
	rows, err := e.P.DB.QueryContext(context.Background(),
		"SELECT recipient, lang, subject, body_text FROM mail_outbox WHERE recipient = $1 ORDER BY created_at, id", addr)
	out, err := db.Collect(rows, err, func(row db.Scanner) (Mail, error) {
		var m Mail
		err := row.Scan(&m.To, &m.Lang, &m.Subject, &m.Text)
		return m, err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// MailCount delivers the outbox and counts every mail addr received so far.
func (e *Env) MailCount(t testing.TB, addr string) int {
	t.Helper()
	e.DeliverMail(t)
	n := 0
	for _, m := range e.SMTP.Messages() {
		for _, to := range m.To {
			if strings.EqualFold(to, addr) {
				n++
			}
		}
	}
	return n
}

var invitationLink = regexp.MustCompile(`/invitations/([A-Za-z0-9_-]+)`)

// LastInvitation returns the newest mail to addr and the invitation secret
// in its link.
func (e *Env) LastInvitation(t testing.TB, addr string) (secret string, m Mail) {
	t.Helper()
	mails := e.Outbox(t, addr)
	if len(mails) == 0 {
		t.Fatalf("no mail to %s", addr)
	}
	m = mails[len(mails)-1]
	match := invitationLink.FindStringSubmatch(m.Text)
	if match == nil {
		t.Fatalf("no invitation link in the mail to %s:\n%s", addr, m.Text)
	}
	return match[1], m
}
