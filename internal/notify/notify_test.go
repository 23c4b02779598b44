package notify_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/mail"
	"teilhabe.org/teilhabe/internal/notify"
)

var (
	ctx  = context.Background()
	now  = time.Date(2026, 3, 10, 17, 0, 0, 0, time.UTC)
	sets = []db.Migrations{mail.Migrations(), notify.Migrations()}
)

const base = "https://teilhabe.test"

// The messages of a small module "t", in the languages the tests read.
var messages = map[string]string{
	"de.json": `{
		"t.subject": "Neue Antwort auf „{{.Title}}“",
		"t.greeting": "Hallo {{.Name}},",
		"t.body": "{{.Responder}} hat als {{.Role}} auf „{{.Title}}“ geantwortet.",
		"t.until": "Die Anzeige läuft bis {{.Date}}; noch {{.Count}} Plätze.",
		"t.action": "Antwort ansehen",
		"t.footer": "Einstellungen: {{.Settings}}",
		"t.named": "{{.Responder}} hat geantwortet",
		"t.role": "Inhaberin"
	}`,
	"en.json": `{
		"t.subject": "New response to “{{.Title}}”",
		"t.greeting": "Hello {{.Name}},",
		"t.body": "{{.Responder}} responded as {{.Role}} to “{{.Title}}”.",
		"t.until": "The listing runs until {{.Date}}; {{.Count}} places left.",
		"t.action": "View the response",
		"t.footer": "Settings: {{.Settings}}",
		"t.named": "{{.Responder}} responded",
		"t.role": "owner"
	}`,
	"ar.json": `{
		"t.subject": "رد جديد على «{{.Title}}»",
		"t.greeting": "مرحبًا {{.Name}}،",
		"t.body": "ردّ {{.Responder}} بصفته {{.Role}} على «{{.Title}}».",
		"t.until": "يبقى الإعلان منشورًا حتى {{.Date}}؛ تبقى {{.Count}} أماكن.",
		"t.action": "عرض الرد",
		"t.footer": "الإعدادات: {{.Settings}}",
		"t.named": "ردّ {{.Responder}}",
		"t.role": "مالكة"
	}`,
}

var response = notify.Kind{
	Name:     "t/response",
	Subject:  "t.subject",
	Greeting: "t.greeting",
	Body:     []string{"t.body", "t.until"},
	Action:   "t.action",
	Footer:   "t.footer",
}

// people is a table of accounts in place of the account module, which a
// test of plumbing does not import. Who is not in it is gone.
type people map[string]notify.Person

func (p people) Add(email, name, lang string) string {
	id := ids.New()
	p[id] = notify.Person{Email: email, Name: name, Lang: lang}
	return id
}

func (p people) Person(_ context.Context, userID string) (notify.Person, error) {
	if person, ok := p[userID]; ok {
		return person, nil
	}
	return notify.Person{}, apperr.New(apperr.NotFound, "")
}

func catalog(t *testing.T) *i18n.Catalog {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, body := range messages {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	cat := i18n.NewCatalog()
	if err := cat.Load("t", fsys); err != nil {
		t.Fatal(err)
	}
	return cat
}

func notifier(t *testing.T, d *db.DB, p people) *notify.Notifier {
	t.Helper()
	n := notify.New(d, catalog(t), base)
	n.UsePeople(p)
	if err := n.Register(response); err != nil {
		t.Fatal(err)
	}
	return n
}

// notice is a response to a listing, for the people in to.
func notice(itemID string, to ...string) notify.Notice {
	return notify.Notice{
		Kind:   response,
		Item:   notify.Item{Type: "listing", ID: itemID},
		Link:   "/listings/" + itemID,
		To:     to,
		Params: []any{"Title", "Fahrräder für Kinder", "Date", now.Add(48 * time.Hour), "Count", 3, "Role", notify.Translated("t.role")},
		Mail: notify.Mail{
			Args: []any{"Responder", "Jonas", "Settings", base + "/settings"},
			Text: []string{"Ich kann am Samstag helfen."},
		},
	}
}

func send(t *testing.T, d *db.DB, n *notify.Notifier, x notify.Notice) {
	t.Helper()
	if err := d.Tx(ctx, func(tx *sql.Tx) error { return n.Send(ctx, tx, x, now) }); err != nil {
		t.Fatal(err)
	}
}

func outbox(t *testing.T, d *db.DB) map[string]mail.Entry {
	t.Helper()
	entries, err := mail.Recent(ctx, d, 100)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]mail.Entry{}
	for _, e := range entries {
		if _, twice := out[e.To]; twice {
			t.Errorf("two mails to %s", e.To)
		}
		out[e.To] = e
	}
	return out
}

func records(t *testing.T, n *notify.Notifier, userID string) []notify.Record {
	t.Helper()
	rs, err := n.List(ctx, userID, 50)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestNotices(t *testing.T) {
	t.Run("each person gets a record and a mail in their language", func(t *testing.T) {
		dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) { eachInTheirLanguage(t, d) })
	})
	t.Run("people who are gone, repeated or without address", func(t *testing.T) {
		dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) { leftOut(t, d) })
	})
	t.Run("a rolled back change leaves no record and no mail", func(t *testing.T) {
		dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) { rolledBack(t, d) })
	})
	t.Run("each person reads their own records", func(t *testing.T) {
		dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) { readPerPerson(t, d) })
	})
	t.Run("export and erasure", func(t *testing.T) {
		dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) { exportAndErase(t, d) })
	})
}

func eachInTheirLanguage(t *testing.T, d *db.DB) {
	folk := people{}
	greta := folk.Add("greta@example.org", "Greta", "de")
	amira := folk.Add("amira@example.org", "أميرة", "ar")
	n := notifier(t, d, folk)
	item := ids.New()
	send(t, d, n, notice(item, greta, amira))

	link := base + "/listings/" + item
	mails := outbox(t, d)
	for _, want := range []mail.Entry{{
		To: "greta@example.org", Lang: "de", Subject: "Neue Antwort auf „Fahrräder für Kinder“",
		Text: "Hallo Greta,\n\n" +
			"Jonas hat als Inhaberin auf „Fahrräder für Kinder“ geantwortet.\n\n" +
			"Ich kann am Samstag helfen.\n\n" +
			"Die Anzeige läuft bis 12.03.2026 18:00; noch 3 Plätze.\n\n" +
			"Antwort ansehen: " + link + "\n\n" +
			"-- \nEinstellungen: " + base + "/settings\n",
	}, {
		To: "amira@example.org", Lang: "ar", Subject: "رد جديد على «Fahrräder für Kinder»",
		Text: "مرحبًا أميرة،\n\n" +
			"ردّ Jonas بصفته مالكة على «Fahrräder für Kinder».\n\n" +
			"Ich kann am Samstag helfen.\n\n" +
			"يبقى الإعلان منشورًا حتى 2026-03-12 18:00؛ تبقى 3 أماكن.\n\n" +
			"عرض الرد: " + link + "\n\n" +
			"-- \nالإعدادات: " + base + "/settings\n",
	}} {
		got := mails[want.To]
		if got.Lang != want.Lang || got.Subject != want.Subject || got.Text != want.Text {
			t.Errorf("mail to %s: lang %q, subject %q, text\n%s\nwant %q, %q,\n%s", want.To, got.Lang, got.Subject, got.Text,
				want.Lang, want.Subject, want.Text)
		}
	}

	rs := records(t, n, amira)
	if len(rs) != 1 {
		t.Fatalf("Amira has %d records, want 1", len(rs))
	}
	r := rs[0]
	if r.Kind != "t/response" || r.Item != (notify.Item{Type: "listing", ID: item}) || r.Link != "/listings/"+item ||
		!r.CreatedAt.Equal(now) || !r.Unread() || r.UserID != amira {
		t.Errorf("record %+v", r)
	}
	// The record keeps the item's words and their types, and nothing of
	// what only the mail carries.
	if got := n.Line(catalog(t).Localizer("ar"), r); got != "رد جديد على «Fahrräder für Kinder»" {
		t.Errorf("Arabic inbox line %q", got)
	}
	stored := map[string]any{}
	for i := 0; i < len(r.Params); i += 2 {
		stored[r.Params[i].(string)] = r.Params[i+1]
	}
	if stored["Title"] != "Fahrräder für Kinder" || stored["Count"] != 3 || stored["Role"] != notify.Translated("t.role") ||
		!stored["Date"].(time.Time).Equal(now.Add(48*time.Hour)) || len(stored) != 4 {
		t.Errorf("stored params %v", r.Params)
	}
}

func leftOut(t *testing.T, d *db.DB) {
	folk := people{}
	greta := folk.Add("greta@example.org", "Greta", "de")
	quiet := folk.Add("", "Quiet", "de")
	gone := ids.New() // not among the people: deleted or suspended
	n := notifier(t, d, folk)
	send(t, d, n, notice(ids.New(), greta, gone, greta, "", quiet))
	if mails := outbox(t, d); len(mails) != 1 || mails["greta@example.org"].To == "" {
		t.Errorf("mails %v, want one to Greta", mails)
	}
	if got := len(records(t, n, greta)); got != 1 {
		t.Errorf("Greta has %d records, want 1", got)
	}
	if got := len(records(t, n, quiet)); got != 1 {
		t.Errorf("a person without address has %d records, want 1 (the inbox still tells them)", got)
	}
	if got := len(records(t, n, gone)); got != 0 {
		t.Errorf("a gone account has %d records", got)
	}
}

func rolledBack(t *testing.T, d *db.DB) {
	folk := people{}
	greta := folk.Add("greta@example.org", "Greta", "de")
	n := notifier(t, d, folk)
	failed := errors.New("the change failed")
	err := d.Tx(ctx, func(tx *sql.Tx) error {
		if err := n.Send(ctx, tx, notice(ids.New(), greta), now); err != nil {
			return err
		}
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatal(err)
	}
	if len(outbox(t, d)) != 0 || len(records(t, n, greta)) != 0 {
		t.Error("a rolled back change left a mail or a record")
	}
}

func readPerPerson(t *testing.T, d *db.DB) {
	folk := people{}
	greta := folk.Add("greta@example.org", "Greta", "de")
	jonas := folk.Add("jonas@example.org", "Jonas", "de")
	n := notifier(t, d, folk)
	first, second := ids.New(), ids.New()
	send(t, d, n, notice(first, greta, jonas))
	send(t, d, n, notice(second, greta))
	unread := func(userID string) int {
		t.Helper()
		count, err := n.Unread(ctx, userID)
		if err != nil {
			t.Fatal(err)
		}
		return count
	}
	if unread(greta) != 2 || unread(jonas) != 1 {
		t.Fatalf("unread: Greta %d, Jonas %d; want 2 and 1", unread(greta), unread(jonas))
	}
	rs := records(t, n, greta)
	if len(rs) != 2 {
		t.Fatalf("Greta has %d records", len(rs))
	}
	// Jonas cannot mark Greta's record; Greta can.
	if err := n.MarkRead(ctx, d, jonas, rs[0].ID, now); err != nil {
		t.Fatal(err)
	}
	if unread(greta) != 2 {
		t.Error("another person marked Greta's record read")
	}
	if err := n.MarkRead(ctx, d, greta, rs[0].ID, now.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if unread(greta) != 1 {
		t.Errorf("Greta has %d unread after reading one, want 1", unread(greta))
	}
	// Opening the first item marks Greta's records about it read and
	// leaves Jonas's unread.
	if err := n.MarkItemRead(ctx, d, greta, notify.Item{Type: "listing", ID: first}, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if unread(greta) != 0 || unread(jonas) != 1 {
		t.Errorf("unread after opening the item: Greta %d, Jonas %d; want 0 and 1", unread(greta), unread(jonas))
	}
	for _, r := range records(t, n, greta) {
		if r.Unread() {
			t.Errorf("record %s still unread", r.ID)
		}
	}
	// Forgetting an item takes everybody's records about it.
	if err := n.Forget(ctx, d, notify.Item{Type: "listing", ID: first}); err != nil {
		t.Fatal(err)
	}
	if rs := records(t, n, greta); len(rs) != 1 || rs[0].Item.ID != second {
		t.Errorf("Greta's records after forgetting the first item: %+v", rs)
	}
	if len(records(t, n, jonas)) != 0 {
		t.Error("Jonas's record about the forgotten item stays")
	}
}

func exportAndErase(t *testing.T, d *db.DB) {
	folk := people{}
	greta := folk.Add("greta@example.org", "Greta", "de")
	jonas := folk.Add("jonas@example.org", "Jonas", "de")
	n := notifier(t, d, folk)
	item := ids.New()
	send(t, d, n, notice(item, greta, jonas))
	p := n.UserData()
	got, err := p.Export(ctx, greta)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	var export []map[string]any
	if err := json.Unmarshal(b, &export); err != nil {
		t.Fatal(err)
	}
	if len(export) != 1 || export[0]["kind"] != "t/response" || export[0]["item_id"] != item ||
		!strings.Contains(string(b), "Fahrräder für Kinder") {
		t.Errorf("export %s", b)
	}
	if strings.Contains(string(b), "Jonas") || strings.Contains(string(b), "Samstag") {
		t.Errorf("the export holds what only the mail carried: %s", b)
	}
	if err := p.CheckErase(ctx, greta); err != nil {
		t.Fatal(err)
	}
	if err := d.Tx(ctx, func(tx *sql.Tx) error { return p.Erase(ctx, tx, greta) }); err != nil {
		t.Fatal(err)
	}
	if len(records(t, n, greta)) != 0 {
		t.Error("Greta's records survive erasure")
	}
	if len(records(t, n, jonas)) != 1 {
		t.Error("erasing Greta took Jonas's record")
	}
	got, err = p.Export(ctx, greta)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := json.Marshal(got); string(b) != "[]" {
		t.Errorf("export after erasure %s", b)
	}
}

// Mistakes in calling code are refused before anything is written.
func TestRefusals(t *testing.T) {
	folk := people{}
	greta := folk.Add("greta@example.org", "Greta", "de")
	n := notify.New(nil, catalog(t), base)
	n.UsePeople(folk)
	if err := n.Register(response); err != nil {
		t.Fatal(err)
	}
	named := notify.Kind{Name: "t/named", Subject: "t.named", Greeting: "t.greeting", Body: []string{"t.body"}, Footer: "t.footer"}
	if err := n.Register(named); err != nil {
		t.Fatal(err)
	}
	cases := map[string]func(x *notify.Notice){
		"an unregistered kind":            func(x *notify.Notice) { x.Kind.Name = "t/other" },
		"no item":                         func(x *notify.Notice) { x.Item.ID = "" },
		"a link to another site":          func(x *notify.Notice) { x.Link = "https://example.org/x" },
		"a link without scheme":           func(x *notify.Notice) { x.Link = "//example.org/x" },
		"a mail link to another site":     func(x *notify.Notice) { x.Mail.Link = "https://example.org/x" },
		"an odd parameter list":           func(x *notify.Notice) { x.Params = append(x.Params, "Extra") },
		"a parameter of an unknown type":  func(x *notify.Notice) { x.Params = []any{"Title", 1.5} },
		"a mail argument of unknown type": func(x *notify.Notice) { x.Mail.Args = []any{"Responder", []string{"a"}} },
		"an inbox line that needs a name": func(x *notify.Notice) { x.Kind = named },
	}
	for name, spoil := range cases {
		t.Run(name, func(t *testing.T) {
			x := notice(ids.New(), greta)
			spoil(&x)
			// A nil transaction: the refusal comes before any write.
			if err := n.Send(ctx, nil, x, now); !apperr.Is(err, apperr.Invalid) {
				t.Errorf("Send: %v, want Invalid", err)
			}
		})
	}
}

func TestRegister(t *testing.T) {
	n := notify.New(nil, catalog(t), base)
	if err := n.Register(response); err != nil {
		t.Fatal(err)
	}
	if err := n.Register(response); err == nil {
		t.Error("a kind registered twice was accepted")
	}
	missing := response
	missing.Name, missing.Body = "t/missing", []string{"t.body", "t.nowhere"}
	if err := n.Register(missing); err == nil || !strings.Contains(err.Error(), "t.nowhere") {
		t.Errorf("a kind with an unknown message: %v", err)
	}
	bare := notify.Kind{Name: "t/bare", Subject: "t.subject"}
	if err := n.Register(bare); err == nil {
		t.Error("a kind without greeting, body and footer was accepted")
	}
	for _, name := range []string{"t.dotted", "t/", "/x", "T/Upper", "t/a/b", "t/a b"} {
		odd := response
		odd.Name = name
		if err := n.Register(odd); err == nil {
			t.Errorf("a kind named %q was accepted", name)
		}
	}
	if _, ok := n.Kind("t/missing"); ok {
		t.Error("a refused kind was registered")
	}
}
