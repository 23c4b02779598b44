package account

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/mail"
)

// enqueue puts a mail in the outbox within tx, in the recipient's language.
func (m *Module) enqueue(ctx context.Context, tx *sql.Tx, to string, l *i18n.Localizer, subjectID, name string,
	paragraphs []string, actionLabel, path string, now time.Time) error {
	body := mail.Body{
		Greeting:   l.T("account.mail.greeting", "Name", name),
		Paragraphs: paragraphs,
		Footer:     l.T("account.mail.footer"),
		Dir:        l.Dir(),
	}
	if path != "" {
		body.Action = &mail.Action{Label: actionLabel, URL: m.s.BaseURL + path}
	}
	return mail.Enqueue(ctx, tx, mail.Message{To: to, Lang: l.Lang(), Subject: l.T(subjectID), Body: body}, now)
}

func (m *Module) mailVerification(ctx context.Context, tx *sql.Tx, u *User, now time.Time) error {
	secret, err := createAccountToken(ctx, tx, u.ID, purposeVerify, "", now)
	if err != nil {
		return err
	}
	l := m.s.Catalog.Localizer(u.Lang)
	return m.enqueue(ctx, tx, u.Email, l, "account.mail.verify.subject", u.Name,
		[]string{l.T("account.mail.verify.body")}, l.T("account.mail.verify.action"), "/verify/"+secret, now)
}

func (m *Module) mailAlreadyRegistered(ctx context.Context, tx *sql.Tx, u *User, now time.Time) error {
	if u.DeletedAt != nil {
		return nil
	}
	l := m.s.Catalog.Localizer(u.Lang)
	return m.enqueue(ctx, tx, u.Email, l, "account.mail.exists.subject", u.Name,
		[]string{l.T("account.mail.exists.body")}, l.T("account.mail.exists.action"), "/password/forgot", now)
}

func (m *Module) mailReset(ctx context.Context, tx *sql.Tx, u *User, now time.Time) error {
	secret, err := createAccountToken(ctx, tx, u.ID, purposeReset, "", now)
	if err != nil {
		return err
	}
	l := m.s.Catalog.Localizer(u.Lang)
	return m.enqueue(ctx, tx, u.Email, l, "account.mail.reset.subject", u.Name,
		[]string{l.T("account.mail.reset.body")}, l.T("account.mail.reset.action"), "/password/reset/"+secret, now)
}
