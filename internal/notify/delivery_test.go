package notify_test

import (
	"database/sql"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/notify"
	"teilhabe.org/teilhabe/internal/paging"
)

// The digest's messages, in the two languages the tests read.
var digestMessages = map[string]string{
	"de.json": `{
		"d.subject": {"one": "{{.Count}} Neuigkeit auf teilhabe", "other": "{{.Count}} Neuigkeiten auf teilhabe"},
		"d.greeting": "Hallo {{.Name}},",
		"d.intro": {"one": "das wartet auf dich:", "other": "das wartet auf dich:"},
		"d.more": "und {{.Count}} weitere",
		"d.action": "Zum Posteingang",
		"d.footer": "Einstellungen: {{.Settings}}"
	}`,
	"ar.json": `{
		"d.subject": {"zero": "{{.Count}} مستجدات على teilhabe", "one": "مستجد واحد على teilhabe", "two": "مستجدان على teilhabe", "few": "{{.Count}} مستجدات على teilhabe", "many": "{{.Count}} مستجدًا على teilhabe", "other": "{{.Count}} مستجد على teilhabe"},
		"d.greeting": "مرحبًا {{.Name}}،",
		"d.intro": "هذا ما ينتظرك:",
		"d.more": "و{{.Count}} أخرى",
		"d.action": "إلى صندوق الوارد",
		"d.footer": "الإعدادات: {{.Settings}}"
	}`,
}

var digest = notify.Digest{Subject: "d.subject", Greeting: "d.greeting", Intro: "d.intro", More: "d.more",
	Action: "d.action", Footer: "d.footer", Inbox: "/me/inbox", Settings: "/settings#notices"}

// required is the test kind that is mailed whatever people chose.
var required = func() notify.Kind { k := response; k.Name, k.Required = "t/required", true; return k }()

// deliveryNotifier is a notifier with both kinds and the digest's messages.
func deliveryNotifier(t *testing.T, d *db.DB, p people) *notify.Notifier {
	t.Helper()
	cat := catalog(t)
	fsys := fstest.MapFS{}
	for name, body := range digestMessages {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	if err := cat.Load("d", fsys); err != nil {
		t.Fatal(err)
	}
	n := notify.New(d, cat, base)
	n.UsePeople(p)
	if err := n.Register(response, required); err != nil {
		t.Fatal(err)
	}
	return n
}

func (p people) AddWith(email, name, lang string, delivery notify.Delivery) string {
	id := p.Add(email, name, lang)
	person := p[id]
	person.Delivery = delivery
	p[id] = person
	return id
}

func TestDelivery(t *testing.T) {
	t.Run("each choice mails at once, in a daily digest or never; required kinds always at once", func(t *testing.T) {
		dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) { choices(t, d) })
	})
	t.Run("the digest lists only unread notices, once", func(t *testing.T) {
		dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) { digestOnce(t, d) })
	})
	t.Run("pages of an inbox, one record, marking all read", func(t *testing.T) {
		dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) { pages(t, d) })
	})
}

func choices(t *testing.T, d *db.DB) {
	folk := people{}
	greta := folk.AddWith("greta@example.org", "Greta", "de", "")
	anna := folk.AddWith("anna@example.org", "Anna", "de", notify.AtOnce)
	amira := folk.AddWith("amira@example.org", "أميرة", "ar", notify.Daily)
	jonas := folk.AddWith("jonas@example.org", "Jonas", "de", notify.Never)
	n := deliveryNotifier(t, d, folk)
	send(t, d, n, notice(ids.New(), greta, anna, amira, jonas))
	mails := outbox(t, d)
	if len(mails) != 2 || mails["greta@example.org"].To == "" || mails["anna@example.org"].To == "" {
		t.Errorf("mails to %v, want Greta and Anna only", keys(mails))
	}
	for _, who := range []string{greta, anna, amira, jonas} {
		if rs := records(t, n, who); len(rs) != 1 {
			t.Errorf("%s has %d records, want 1: the inbox gets every notice", folk[who].Name, len(rs))
		}
	}

	x := notice(ids.New(), amira, jonas)
	x.Kind = required
	send(t, d, n, x)
	mails = outbox(t, d)
	if mails["amira@example.org"].Lang != "ar" || mails["jonas@example.org"].Lang != "de" {
		t.Errorf("a required notice did not reach those who chose daily and never at once: %v", keys(mails))
	}

	// The digest holds only Amira's ordinary notice: Jonas chose never,
	// and the required one went out already.
	if err := n.SendDigests(ctx, digest, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	entries := recentTo(t, d, "amira@example.org")
	if len(entries) != 2 || entries[1].Subject != "مستجد واحد على teilhabe" || strings.Contains(entries[1].Text, "Samstag") {
		t.Fatalf("Amira's mails: %+v", entries)
	}
	if got := len(recentTo(t, d, "jonas@example.org")); got != 1 {
		t.Errorf("Jonas, who chose never, has %d mails, want only the required one", got)
	}
}

func digestOnce(t *testing.T, d *db.DB) {
	folk := people{}
	greta := folk.AddWith("greta@example.org", "Greta", "de", notify.Daily)
	n := deliveryNotifier(t, d, folk)
	first, second, third := ids.New(), ids.New(), ids.New()
	for i, item := range []string{first, second, third} {
		x := notice(item, greta)
		x.Params[1] = []string{"Fahrrad", "Sofa", "Kinderbett"}[i]
		if err := d.Tx(ctx, func(tx *sql.Tx) error { return n.Send(ctx, tx, x, now.Add(time.Duration(i)*time.Minute)) }); err != nil {
			t.Fatal(err)
		}
	}
	if len(outbox(t, d)) != 0 {
		t.Fatal("a notice for a daily digest was mailed at once")
	}
	// Greta reads the sofa's notice before the digest: it is left out.
	if err := n.MarkItemRead(ctx, d, greta, notify.Item{Type: "listing", ID: second}, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := n.SendDigests(ctx, digest, now.Add(2*time.Hour)); err != nil {
		t.Fatal(err)
	}
	mails := recentTo(t, d, "greta@example.org")
	if len(mails) != 1 {
		t.Fatalf("%d digests, want 1", len(mails))
	}
	want := "Hallo Greta,\n\n" +
		"das wartet auf dich:\n\n" +
		"Neue Antwort auf „Kinderbett“\n" + base + "/listings/" + third + "\n\n" +
		"Neue Antwort auf „Fahrrad“\n" + base + "/listings/" + first + "\n\n" +
		"Zum Posteingang: " + base + "/me/inbox\n\n" +
		"-- \nEinstellungen: " + base + "/settings#notices\n"
	if m := mails[0]; m.Subject != "2 Neuigkeiten auf teilhabe" || m.Text != want || m.Lang != "de" {
		t.Errorf("digest %q\n%s\nwant\n%s", m.Subject, m.Text, want)
	}
	if strings.Contains(mails[0].Text, "Sofa") {
		t.Error("the digest lists a notice read before")
	}
	// The next run has nothing left to mail.
	if err := n.SendDigests(ctx, digest, now.Add(26*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got := len(recentTo(t, d, "greta@example.org")); got != 1 {
		t.Errorf("%d digests after a second run, want still 1", got)
	}
}

func pages(t *testing.T, d *db.DB) {
	folk := people{}
	greta := folk.Add("greta@example.org", "Greta", "de")
	jonas := folk.Add("jonas@example.org", "Jonas", "de")
	n := deliveryNotifier(t, d, folk)
	// Five notices, two of them in the same instant, and one for Jonas.
	for i := range 5 {
		at := now.Add(time.Duration(min(i, 3)) * time.Minute)
		if err := d.Tx(ctx, func(tx *sql.Tx) error { return n.Send(ctx, tx, notice(ids.New(), greta), at) }); err != nil {
			t.Fatal(err)
		}
	}
	send(t, d, n, notice(ids.New(), jonas))
	all := records(t, n, greta)
	var paged []notify.Record
	cursor := ""
	for range 4 {
		page, next, err := n.Page(ctx, greta, cursor, 2)
		if err != nil {
			t.Fatal(err)
		}
		paged = append(paged, page...)
		if cursor = next; cursor == "" {
			break
		}
	}
	if len(paged) != 5 || len(all) != 5 {
		t.Fatalf("paged %d records, listed %d, want 5", len(paged), len(all))
	}
	for i := range all {
		if paged[i].ID != all[i].ID {
			t.Errorf("record %d: paged %s, listed %s", i, paged[i].ID, all[i].ID)
		}
	}
	if _, _, err := n.Page(ctx, greta, "nonsense", 2); !paging.IsBadCursor(err) {
		t.Errorf("a bad cursor: %v", err)
	}
	if _, err := n.Record(ctx, jonas, all[0].ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("Jonas reads Greta's record: %v", err)
	}
	if r, err := n.Record(ctx, greta, all[0].ID); err != nil || r.ID != all[0].ID {
		t.Errorf("Greta's own record: %+v %v", r, err)
	}
	if err := n.MarkAllRead(ctx, greta, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if c, _ := n.Unread(ctx, greta); c != 0 {
		t.Errorf("Greta has %d unread after marking all read", c)
	}
	if c, _ := n.Unread(ctx, jonas); c != 1 {
		t.Errorf("marking Greta's notices read changed Jonas's: %d unread", c)
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// recentTo lists the mails to one address in the outbox, oldest first.
func recentTo(t *testing.T, d *db.DB, to string) []mailEntry {
	t.Helper()
	var out []mailEntry
	rows, err := d.QueryContext(ctx, "SELECT subject, body_text, lang FROM mail_outbox WHERE recipient = $1 ORDER BY created_at, id", to)
	err = db.Each(rows, err, func(s db.Scanner) error {
		var m mailEntry
		err := s.Scan(&m.Subject, &m.Text, &m.Lang)
		out = append(out, m)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

type mailEntry struct{ Subject, Text, Lang string }
