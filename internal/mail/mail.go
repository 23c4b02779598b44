// Package mail sends the platform's e-mail through an outbox table.
//
// A module that causes a mail calls Enqueue inside its own transaction, so the
// mail exists if and only if the change behind it was committed. A Worker on
// any app server later claims due rows, delivers them through a Sender (SMTP,
// or the log when no SMTP server is configured) and retries failures with
// growing pauses. Modules describe a mail as a Body of already translated
// strings; this package renders it to plain text and HTML, so no module
// writes mail markup.
package mail

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"mime"
	netmail "net/mail"
	"net/url"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

//go:embed migrations
var migrations embed.FS

// Migrations creates the mail_outbox table.
func Migrations() db.Migrations {
	sub, _ := fs.Sub(migrations, "migrations")
	return db.Migrations{Module: "mail", FS: sub}
}

// Message is one mail to one person, in that person's language.
type Message struct {
	To      string // a bare address, e.g. "amira@example.org"
	Lang    string // language tag of the recipient, e.g. "ar"; "de" when empty
	Subject string
	Body    Body
	// Unsubscribe is an absolute http(s) URL that stops this kind of mail
	// with one POST (RFC 8058); mail programs offer it as their own
	// button. "" for mail one cannot unsubscribe from (a password reset).
	Unsubscribe string
	// Attachment is a file sent with the mail (an event's calendar entry);
	// nil for none.
	Attachment *Attachment
}

// Attachment is a small file a mail carries.
type Attachment struct {
	Name string // the file name the mail program shows, e.g. "event.ics"
	Type string // its media type, e.g. "text/calendar"
	Data []byte
}

// MaxAttachment bounds an attachment: mails carry calendar entries, not
// documents.
const MaxAttachment = 256 << 10

// Body is the content of a mail. Every string is already translated.
type Body struct {
	Greeting   string
	Paragraphs []string // a "\n" inside a paragraph is kept as a line break
	Action     *Action  // the one thing the recipient should do, if any
	Footer     string
	Dir        string // "rtl" or "ltr"; when empty it follows Message.Lang
}

// Action is a link the mail asks the recipient to follow.
type Action struct {
	Label string
	URL   string // absolute http or https URL
}

// Enqueue puts m into the outbox using q, which should be the caller's
// transaction: the mail then goes out only if that transaction commits.
func Enqueue(ctx context.Context, q db.Querier, m Message, now time.Time) error {
	m, err := normalise(m)
	if err != nil {
		return err
	}
	r, err := render(m)
	if err != nil {
		return err
	}
	now = now.UTC()
	var name, typ string
	var data []byte
	if a := m.Attachment; a != nil {
		name, typ, data = a.Name, a.Type, a.Data
	}
	_, err = q.ExecContext(ctx, `INSERT INTO mail_outbox
		(id, recipient, lang, subject, body_text, body_html, list_unsubscribe, created_at, next_attempt_at,
		attachment_name, attachment_type, attachment_data)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, $10, $11)`,
		ids.New(), m.To, m.Lang, r.Subject, r.Text, r.HTML, r.ListUnsubscribe, now, name, typ, data)
	return db.Err(err)
}

// normalise checks m and fills defaults; an error means a mistake in the
// calling code or an address a person typed, so it is Invalid.
func normalise(m Message) (Message, error) {
	addr, err := netmail.ParseAddress(strings.TrimSpace(m.To))
	if err != nil || addr.Name != "" {
		return m, invalid("recipient %q is not a bare e-mail address", m.To)
	}
	m.To = addr.Address
	if m.Lang == "" {
		m.Lang = "de"
	}
	if !isLanguageTag(m.Lang) {
		return m, invalid("language %q is not a language tag", m.Lang)
	}
	m.Subject = strings.TrimSpace(m.Subject)
	if m.Subject == "" || strings.ContainsAny(m.Subject, "\r\n") {
		return m, invalid("subject must be one non-empty line")
	}
	if m.Body.Dir == "" {
		m.Body.Dir = directionOf(m.Lang)
	}
	if m.Body.Dir != "ltr" && m.Body.Dir != "rtl" {
		return m, invalid("direction %q is neither ltr nor rtl", m.Body.Dir)
	}
	if a := m.Body.Action; a != nil && !absoluteURL(a.URL) {
		return m, invalid("action URL %q is not an absolute http(s) URL", a.URL)
	}
	if m.Unsubscribe != "" && !absoluteURL(m.Unsubscribe) {
		return m, invalid("unsubscribe URL %q is not an absolute http(s) URL", m.Unsubscribe)
	}
	if a := m.Attachment; a != nil {
		if a.Name == "" || len(a.Name) > 100 || strings.ContainsAny(a.Name, "\"/\\\r\n") {
			return m, invalid("attachment name %q", a.Name)
		}
		if mt, _, err := mime.ParseMediaType(a.Type); err != nil || mt != a.Type {
			return m, invalid("attachment type %q is not a media type", a.Type)
		}
		if len(a.Data) == 0 || len(a.Data) > MaxAttachment {
			return m, invalid("attachment of %d bytes", len(a.Data))
		}
	}
	return m, nil
}

func absoluteURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" && !strings.ContainsAny(s, "<>\r\n")
}

func invalid(format string, args ...any) error {
	return apperr.Wrap(apperr.Invalid, fmt.Errorf("mail: "+format, args...))
}

func isLanguageTag(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return len(s) <= 35
}

// directionOf gives the writing direction of the languages the platform
// speaks that are written right to left.
func directionOf(lang string) string {
	base, _, _ := strings.Cut(strings.ToLower(lang), "-")
	switch base {
	case "ar", "fa", "he", "ur", "ps", "ckb":
		return "rtl"
	}
	return "ltr"
}
