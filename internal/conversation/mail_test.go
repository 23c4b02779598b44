package conversation_test

import (
	"database/sql"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/conversation"
	"teilhabe.org/teilhabe/internal/mail/mailtest"
)

// TestNotificationMails reads the mails as the SMTP server got them: in
// the recipient's language, without the message unless they chose it,
// never with anybody's address, and in link mode one per unread stretch.
func TestNotificationMails(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		anna, amal, olena := e.newPerson(t, "Anna", "de"), e.newPerson(t, "Amal", "ar"), e.newPerson(t, "Olena", "uk")
		first := "Hallo Amal, ist das Sofa noch da? Meine Nummer ist 0561 999 1234."
		convID := e.start(t, sofa, anna, first, part(amal))
		link := e.URL + "/conversations/" + convID

		m := e.MailTo(t, amal.Email)
		if m.Subject != "رسالة جديدة على teilhabe" || !strings.Contains(m.Text, "مرحبًا Amal،") ||
			!strings.Contains(m.Text, "حمايةً لخصوصيتك") || m.FirstURL(link) != link || !strings.Contains(m.HTML, `dir="rtl"`) {
			t.Errorf("link-only mail in Arabic:\nsubject %q\n%s", m.Subject, m.Text)
		}
		for _, secret := range []string{"Sofa", "0561", "Anna", anna.Email, sofa.Title} {
			if strings.Contains(m.Text, secret) || strings.Contains(m.HTML, secret) || strings.Contains(m.Subject, secret) {
				t.Errorf("link-only mail reveals %q", secret)
			}
		}
		if n := e.MailCount(t, anna.Email); n != 0 {
			t.Errorf("the author got %d mails", n)
		}

		// A second message before Amal read the first: no second mail.
		e.post(t, convID, anna, "Oder ist es schon weg?")
		if n := e.MailCount(t, amal.Email); n != 1 {
			t.Errorf("amal got %d mails for one unread stretch", n)
		}
		// Once she has read, the next message is announced again.
		if err := e.Conv.MarkRead(ctx, convID, amal.ID); err != nil {
			t.Fatal(err)
		}
		e.post(t, convID, anna, "Ich könnte morgen kommen.")
		if m := e.MailTo(t, amal.Email); m.Subject != "رسالة جديدة على teilhabe" {
			t.Errorf("second stretch: %q", m.Subject)
		}

		// Amal chooses mails with the text: every message comes, in Arabic,
		// with the text and Anna's name, still without addresses, even once
		// contact details are revealed.
		if res := amal.Web.Post("/conversations/settings", apptest.Form("notify", "text")); res.Status != 303 {
			t.Fatalf("settings: %d %s", res.Status, res.Body)
		}
		if err := e.P.DB.Tx(ctx, func(tx *sql.Tx) error { return e.Conv.EnableContactSharing(ctx, tx, convID) }); err != nil {
			t.Fatal(err)
		}
		for _, p := range []*apptest.Person{anna, amal} {
			if err := e.Conv.ShareContact(ctx, convID, p.ID, true); err != nil {
				t.Fatal(err)
			}
		}
		if th, _ := e.Conv.Read(ctx, convID, amal.ID, 0); len(th.Revealed) != 1 {
			t.Fatalf("contact details not revealed: %+v", th.Revealed)
		}
		e.post(t, convID, anna, "Super, dann bis morgen um 10!")
		e.post(t, convID, anna, "Ich bringe einen Freund zum Tragen mit.")
		// The two mails may arrive in either order.
		two := []mailtest.Message{e.MailTo(t, amal.Email), e.MailTo(t, amal.Email)}
		if strings.Contains(two[0].Text, "Ich bringe") {
			two[0], two[1] = two[1], two[0]
		}
		for i, want := range []string{"Super, dann bis morgen um 10!", "Ich bringe einen Freund zum Tragen mit."} {
			m := two[i]
			if m.Subject != "رسالة جديدة من Anna على teilhabe" || !strings.Contains(m.Text, want) ||
				!strings.Contains(m.Text, "كتب إليك Anna بخصوص «Sofa zu verschenken»:") {
				t.Errorf("mail with text:\nsubject %q\n%s", m.Subject, m.Text)
			}
			if strings.Contains(m.Text, anna.Email) || strings.Contains(m.HTML, anna.Email) ||
				strings.Contains(m.Text, amal.Email) {
				t.Error("a notification carries an e-mail address")
			}
		}

		// In a group each recipient reads their own language; without a
		// subject the intro names only the author.
		group := e.start(t, conversation.About{}, amal, "مرحبا بالجميع", part(anna), part(olena))
		if m := e.MailTo(t, olena.Email); m.Subject != "Нове повідомлення на teilhabe" || !strings.Contains(m.Text, "Вітаємо, Olena!") ||
			strings.Contains(m.Text, "مرحبا") || m.FirstURL(e.URL+"/conversations/"+group) == "" {
			t.Errorf("Ukrainian mail:\nsubject %q\n%s", m.Subject, m.Text)
		}
		if m := e.MailTo(t, anna.Email); m.Subject != "Neue Nachricht auf teilhabe" || !strings.Contains(m.Text, "Hallo Anna,") {
			t.Errorf("German mail:\nsubject %q\n%s", m.Subject, m.Text)
		}
		if err := e.Conv.SetMailText(ctx, olena.ID, true); err != nil {
			t.Fatal(err)
		}
		e.Clock.Advance(10e9)
		e.post(t, group, anna, "Hallo Olena!")
		if m := e.MailTo(t, olena.Email); m.Subject != "Нове повідомлення від Anna на teilhabe" ||
			!strings.Contains(m.Text, "Anna пише вам:") || !strings.Contains(m.Text, "Hallo Olena!") {
			t.Errorf("Ukrainian mail with text:\nsubject %q\n%s", m.Subject, m.Text)
		}
	})
}
