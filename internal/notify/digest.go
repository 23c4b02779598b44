package notify

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/mail"
)

// Digest names the messages of the daily mail that gathers the notices
// held for people who chose Daily. The module that offers the choice
// ships them.
type Digest struct {
	Subject  string // message id; it gets the number of notices as Count
	Greeting string // message id; it gets the recipient's name as Name
	Intro    string // message id; it gets Count
	More     string // message id of the line counting those not listed; it gets Count
	Action   string // message id of the button to the inbox
	Footer   string // message id; it gets the settings' address as Settings
	// Inbox and Settings are the paths of the inbox and of the page where
	// the choice is changed.
	Inbox, Settings string
}

// DigestShown is how many notices a digest lists; it counts the rest.
const DigestShown = 20

// SendDigests mails each person with held notices one digest of those not
// read yet, newest first, in their language, and releases the held
// notices; notices read in the meantime are not mailed. Each person's
// digest is claimed in its own transaction, so two runs at once mail once.
// A person who is gone is skipped; one failing digest does not stop the
// others.
func (n *Notifier) SendDigests(ctx context.Context, d Digest, now time.Time) error {
	if n.people == nil {
		return invalid("no People to look recipients up")
	}
	rows, err := n.db.QueryContext(ctx, "SELECT DISTINCT user_id FROM notifications WHERE mail_held")
	users, err := db.Collect(rows, err, func(s db.Scanner) (string, error) {
		var id string
		return id, s.Scan(&id)
	})
	if err != nil {
		return err
	}
	var errs []error
	for _, userID := range users {
		if err := n.digest(ctx, d, userID, now); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// digest claims and mails one person's held notices.
func (n *Notifier) digest(ctx context.Context, d Digest, userID string, now time.Time) error {
	p, err := n.people.Person(ctx, userID)
	gone := apperr.Is(err, apperr.NotFound)
	if err != nil && !gone {
		return err
	}
	return n.db.Tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT "+recordColumns+` FROM notifications
			WHERE user_id = $1 AND mail_held ORDER BY created_at DESC, id DESC`, userID)
		held, err := db.Collect(rows, err, scanRecord)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "UPDATE notifications SET mail_held = FALSE WHERE user_id = $1 AND mail_held", userID)
		if err != nil {
			return db.Err(err)
		}
		if claimed, _ := res.RowsAffected(); claimed == 0 || gone || p.Email == "" || p.Delivery == Never {
			return nil // another run got here first, or no mail is wanted
		}
		var unread []Record
		for _, r := range held {
			if r.Unread() {
				unread = append(unread, r)
			}
		}
		if len(unread) == 0 {
			return nil
		}
		return mail.Enqueue(ctx, tx, n.composeDigest(d, p, unread), now)
	})
}

// composeDigest writes the digest of records to p in p's language: one
// paragraph per notice with its inbox line and its link.
func (n *Notifier) composeDigest(d Digest, p Person, records []Record) mail.Message {
	l := n.cat.Localizer(p.Lang)
	count := len(records)
	body := mail.Body{
		Greeting:   l.T(d.Greeting, "Name", p.Name),
		Paragraphs: []string{l.T(d.Intro, "Count", count)},
		Action:     &mail.Action{Label: l.T(d.Action), URL: n.baseURL + d.Inbox},
		Footer:     l.T(d.Footer, "Settings", n.baseURL+d.Settings),
		Dir:        l.Dir(),
	}
	for i, r := range records {
		if i == DigestShown {
			body.Paragraphs = append(body.Paragraphs, l.T(d.More, "Count", count-DigestShown))
			break
		}
		body.Paragraphs = append(body.Paragraphs, n.digestEntry(l, r))
	}
	return mail.Message{To: p.Email, Lang: l.Lang(), Subject: l.T(d.Subject, "Count", count), Body: body}
}

// digestEntry is one notice in a digest: its line, and its page's address
// when it has one.
func (n *Notifier) digestEntry(l *i18n.Localizer, r Record) string {
	lines := []string{n.Line(l, r)}
	if r.Link != "" {
		lines = append(lines, n.baseURL+r.Link)
	}
	return strings.Join(lines, "\n")
}
