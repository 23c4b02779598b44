// Package notify is how a module tells a person that something waits for
// them: a response to their listing, a decision about their post, a pledge
// that was redeemed. The module names a registered Kind, the item, the link
// and the people; inside the module's transaction the Notifier stores one
// record per person (the inbox reads them) and writes a mail in each
// person's language into the outbox.
//
// Records never hold secrets nor other people's names: single-use links,
// texts people wrote and names travel in Notice.Mail, which only the mail
// carries. Mails whose point is a secret (confirming an address, resetting
// a password, an invitation to an address) stay direct mails of their
// module.
package notify

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/mail"
)

//go:embed migrations
var migrations embed.FS

// Migrations creates the notifications table.
func Migrations() db.Migrations {
	sub, _ := fs.Sub(migrations, "migrations")
	return db.Migrations{Module: "notify", FS: sub}
}

// Kind is one sort of notice a module sends, named by message ids of that
// module. The subject is also the inbox line, so it may use only the
// notice's Params; when the mail's subject needs more, Line names the
// inbox line instead.
type Kind struct {
	Name     string   // unique, "<module>/<name>" in lower case: "board/response_accepted"
	Subject  string   // message id of the mail's subject
	Line     string   // message id of the inbox line; "" when it is the subject
	Greeting string   // message id; it gets the recipient's name as Name
	Body     []string // message ids, one paragraph each
	Action   string   // message id of the button's label; "" for none
	Footer   string   // message id
	// Required notices are mailed at once whatever the person chose for
	// their notice mails: an event called off, an assembly's invitation,
	// the details of a payment owed.
	Required bool
}

func (k Kind) line() string {
	if k.Line != "" {
		return k.Line
	}
	return k.Subject
}

func (k Kind) messageIDs() []string {
	out := []string{k.Subject, k.Greeting, k.Footer}
	for _, id := range append([]string{k.Line, k.Action}, k.Body...) {
		if id != "" {
			out = append(out, id)
		}
	}
	return out
}

// Item is what a notice is about, named as the module names it.
type Item struct {
	Type string // "listing", "pledge", "conversation", ...
	ID   string
}

// Notice is one thing to tell one or more people.
type Notice struct {
	Kind Kind
	Item Item
	// Link is the path of the page where the thing waits, "/listings/…";
	// the mail's button and the inbox lead there. Never a secret. "" when
	// there is nothing left to see (a removed post).
	Link string
	// To are the user ids of the people to tell; each is told once.
	// Accounts that are gone or suspended are left out, and so is
	// anything that is not a user id.
	To []string
	// Params are name/value pairs for the messages, kept with the record:
	// the item's own words (a title, a promise), counts, dates. Values are
	// strings, integers, time.Time (shown as date and time in the reader's
	// language) or Translated.
	Params []any
	Mail   Mail
}

// Mail is what only the mail carries; none of it is stored.
type Mail struct {
	// Link replaces Notice.Link as the button's target, for a single-use
	// link such as one that extends a listing.
	Link string
	// Args are more name/value pairs for the mail's messages: other
	// people's names, a reason, the links in a footer.
	Args []any
	// Text are paragraphs people wrote (a question, a message) or lists,
	// shown as they are after the body's first paragraph, which
	// introduces them.
	Text []string
	// Attachment goes with the mail sent at once (an event's calendar
	// entry); a daily digest leaves it out.
	Attachment *mail.Attachment
}

// Translated is a parameter value that is itself a message id, translated
// into each reader's language.
type Translated string

// Person is how a notice reaches someone.
type Person struct {
	Email    string // "" tells the person only in the inbox
	Name     string
	Lang     string
	Delivery Delivery // when notice mails go out; "" is AtOnce
}

// Delivery is a person's choice of when notices come by mail. The inbox
// gets every notice either way, and required kinds are always mailed at
// once.
type Delivery string

const (
	AtOnce Delivery = "now"   // one mail per notice as it arrives
	Daily  Delivery = "daily" // one digest a day of the notices not read yet
	Never  Delivery = "never" // the inbox only
)

// Deliveries are the choices in the order a form offers them.
var Deliveries = []Delivery{AtOnce, Daily, Never}

// ValidDelivery reports whether s is one of the choices.
func ValidDelivery(s string) bool { return slices.Contains(Deliveries, Delivery(s)) }

// mailNow reports whether a notice of kind k is mailed to p as it
// arrives, and held whether it waits for p's daily digest.
func (p Person) mailNow(k Kind) (now, held bool) {
	switch {
	case p.Email == "":
		return false, false
	case k.Required || p.Delivery == AtOnce || p.Delivery == "":
		return true, false
	case p.Delivery == Daily:
		return false, true
	}
	return false, false
}

// People finds the people behind user ids; the account module is one.
type People interface {
	// Person returns an active account's address, name and language, or
	// an apperr NotFound for an account that is gone or suspended.
	Person(ctx context.Context, userID string) (Person, error)
}

// Notifier stores notices and mails them.
type Notifier struct {
	db      *db.DB
	cat     *i18n.Catalog
	baseURL string
	people  People
	kinds   map[string]Kind
}

// New returns a Notifier that writes links under baseURL (no trailing
// slash). It needs People before the first Send.
func New(d *db.DB, cat *i18n.Catalog, baseURL string) *Notifier {
	return &Notifier{db: d, cat: cat, baseURL: baseURL, kinds: map[string]Kind{}}
}

// UsePeople tells the Notifier where to look people up.
func (n *Notifier) UsePeople(p People) { n.people = p }

// Register adds kinds; it fails on a name given twice and on a message id
// the catalogue lacks, so call it after the messages are loaded, at start.
func (n *Notifier) Register(kinds ...Kind) error {
	for _, k := range kinds {
		if k.Name == "" || k.Subject == "" || k.Greeting == "" || k.Footer == "" || len(k.Body) == 0 {
			return fmt.Errorf("notify: kind %q lacks a name, subject, greeting, body or footer", k.Name)
		}
		if !validName(k.Name) {
			return fmt.Errorf("notify: kind name %q is not <module>/<name> in lower case", k.Name)
		}
		if _, ok := n.kinds[k.Name]; ok {
			return fmt.Errorf("notify: kind %q is registered twice", k.Name)
		}
		for _, id := range k.messageIDs() {
			if !n.cat.Has(id) {
				return fmt.Errorf("notify: kind %q uses message %q, which the catalogue lacks", k.Name, id)
			}
		}
		k.Body = slices.Clone(k.Body)
		n.kinds[k.Name] = k
	}
	return nil
}

// Kind returns the registered kind of that name.
func (n *Notifier) Kind(name string) (Kind, bool) {
	k, ok := n.kinds[name]
	return k, ok
}

// Send stores a record for every person in x.To and writes their mail, in
// their language, using q, which should be the caller's transaction: both
// exist only if the change behind them is committed. Who chose a daily
// digest gets the mail with the next digest (SendDigests), who chose
// never gets none; a required kind is mailed at once to everybody.
func (n *Notifier) Send(ctx context.Context, q db.Querier, x Notice, now time.Time) error {
	k, err := n.check(x)
	if err != nil {
		return err
	}
	params, err := encodeParams(x.Params)
	if err != nil {
		return err
	}
	now = now.UTC()
	seen := map[string]bool{}
	for _, userID := range x.To {
		if !ids.Valid(userID) || seen[userID] {
			continue
		}
		seen[userID] = true
		p, err := n.people.Person(ctx, userID)
		if apperr.Is(err, apperr.NotFound) {
			continue
		}
		if err != nil {
			return err
		}
		mailNow, held := p.mailNow(k)
		if _, err := q.ExecContext(ctx, `INSERT INTO notifications
			(id, user_id, kind, item_type, item_id, link, params, created_at, mail_held)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
			ids.New(), userID, k.Name, x.Item.Type, x.Item.ID, x.Link, params, now, held); err != nil {
			return db.Err(err)
		}
		if !mailNow {
			continue
		}
		if err := mail.Enqueue(ctx, q, n.compose(k, x, p), now); err != nil {
			return err
		}
	}
	return nil
}

// check finds x's kind and refuses a notice that would store what it must
// not: a link that leaves the platform, an inbox line that needs more than
// the stored params. Each is a mistake in the calling code.
func (n *Notifier) check(x Notice) (Kind, error) {
	if n.people == nil {
		return Kind{}, invalid("no People to look recipients up")
	}
	k, ok := n.kinds[x.Kind.Name]
	if !ok {
		return Kind{}, invalid("kind %q is not registered", x.Kind.Name)
	}
	if x.Item.Type == "" || x.Item.ID == "" {
		return Kind{}, invalid("notice of kind %q names no item", k.Name)
	}
	for _, link := range []string{x.Link, x.Mail.Link} {
		if link != "" && !isLocalPath(link) {
			return Kind{}, invalid("link %q is not a path on the platform", link)
		}
	}
	args, err := localArgs(n.cat.Localizer(i18n.Default), x.Params)
	if err != nil {
		return Kind{}, err
	}
	if line := n.cat.Localizer(i18n.Default).T(k.line(), args...); strings.Contains(line, "<no value>") {
		return Kind{}, invalid("the inbox line of kind %q needs more than the notice's Params: %q", k.Name, line)
	}
	if _, err := localArgs(n.cat.Localizer(i18n.Default), x.Mail.Args); err != nil {
		return Kind{}, err
	}
	return k, nil
}

// compose writes the mail to p in p's language.
func (n *Notifier) compose(k Kind, x Notice, p Person) mail.Message {
	l := n.cat.Localizer(p.Lang)
	params, _ := localArgs(l, x.Params) // checked in check
	extra, _ := localArgs(l, x.Mail.Args)
	args := append(params, extra...)
	body := mail.Body{
		Greeting: l.T(k.Greeting, "Name", p.Name),
		Footer:   l.T(k.Footer, args...),
		Dir:      l.Dir(),
	}
	for i, id := range k.Body {
		body.Paragraphs = append(body.Paragraphs, l.T(id, args...))
		if i == 0 {
			body.Paragraphs = append(body.Paragraphs, x.Mail.Text...)
		}
	}
	link := x.Link
	if x.Mail.Link != "" {
		link = x.Mail.Link
	}
	if k.Action != "" && link != "" {
		body.Action = &mail.Action{Label: l.T(k.Action, args...), URL: n.baseURL + link}
	}
	return mail.Message{To: p.Email, Lang: l.Lang(), Subject: l.T(k.Subject, args...), Body: body,
		Attachment: x.Mail.Attachment}
}

// validName accepts "module/name_of_kind": unlike a message id, which it
// must not be mistaken for.
func validName(s string) bool {
	module, name, ok := strings.Cut(s, "/")
	return ok && isWord(module) && isWord(name)
}

func isWord(s string) bool {
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return s != ""
}

// isLocalPath accepts "/x…" but not "//host" nor anything with a scheme,
// a backslash or spaces.
func isLocalPath(s string) bool {
	return strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//") &&
		!strings.ContainsAny(s, "\\ \t\r\n")
}

func invalid(format string, args ...any) error {
	return apperr.Wrap(apperr.Invalid, fmt.Errorf("notify: "+format, args...))
}
