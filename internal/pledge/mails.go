package pledge

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/mail"
)

// letter is a mail the module sends: message ids, translated for each
// recipient into their language, with the same arguments.
type letter struct {
	subject string   // message id
	body    []string // message ids, one paragraph each
	quote   string   // text a person wrote (a reason, an answer), shown as is
	action  string   // message id of the link's label
	path    string   // where the link goes
	args    []any    // name/value pairs for every message
}

// send puts the letter into the outbox within tx, in the language of the
// person; nothing is sent to accounts that are gone.
func (m *Module) send(ctx context.Context, tx *sql.Tx, userID string, lt letter, now time.Time) error {
	c, err := m.accounts.ContactByID(ctx, userID)
	if apperr.Is(err, apperr.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	l := m.s.Catalog.Localizer(c.Lang)
	body := mail.Body{
		Greeting: l.T("pledge.mail.greeting", "Name", c.Name),
		Footer:   l.T("pledge.mail.footer"),
		Dir:      l.Dir(),
	}
	for _, id := range lt.body {
		body.Paragraphs = append(body.Paragraphs, l.T(id, lt.args...))
	}
	if lt.quote != "" {
		body.Paragraphs = append(body.Paragraphs, lt.quote)
	}
	if lt.path != "" {
		body.Action = &mail.Action{Label: l.T(lt.action, lt.args...), URL: m.s.BaseURL + lt.path}
	}
	return mail.Enqueue(ctx, tx, mail.Message{To: c.Email, Lang: l.Lang(), Subject: l.T(lt.subject, lt.args...), Body: body}, now)
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

// sendAll sends the letter to each person once.
func (m *Module) sendAll(ctx context.Context, tx *sql.Tx, userIDs []string, lt letter, now time.Time) error {
	seen := map[string]bool{}
	for _, id := range userIDs {
		if seen[id] {
			continue
		}
		seen[id] = true
		if err := m.send(ctx, tx, id, lt, now); err != nil {
			return err
		}
	}
	return nil
}
