package account_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
)

// TestNoticeMails: each person chooses on the settings page when notices
// come by mail. At once is one mail per notice; daily is one digest a day,
// through the SMTP server, of what is still unread; never is the inbox
// only. Mails a person must get come whatever they chose: a cancelled
// event, a password reset.
func TestNoticeMails(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		anna := e.NewPersonLang(t, "anna", auth.Member, "de")
		greta := e.NewPersonLang(t, "greta", auth.Member, "de")
		amira := e.NewPersonLang(t, "amira", auth.Member, "ar")
		jonas := e.NewPersonLang(t, "jonas", auth.Member, "de")

		res := greta.Web.Post("/settings/notices", apptest.Form("notice_mails", "weekly"))
		apptest.WantStatus(t, "an unknown choice", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "an unknown choice", res.Body, `id="f-notice_mails-error"`, "Bitte wähle einen der angebotenen Werte.")
		for p, choice := range map[*apptest.Person]string{greta: "daily", amira: "daily", jonas: "never"} {
			res := p.Web.Post("/settings/notices", apptest.Form("notice_mails", choice))
			if res.Status != http.StatusSeeOther || res.Location() != "/settings" {
				t.Fatalf("choose %s: %d %s\n%.2000s", choice, res.Status, res.Location(), res.Body)
			}
		}
		apptest.Contains(t, "the settings page", greta.Web.Get("/settings").Body,
			`id="f-notice_mails-daily" name="notice_mails" value="daily" aria-describedby="f-notice_mails-daily-hint" checked`,
			"Deine Wahl für Mitteilungen ist gespeichert.")

		tell(t, e, "board/response_withdrawn", "Kinderbett", anna, greta, amira, jonas)
		e.Clock.Advance(time.Minute)
		sofa := tell(t, e, "board/response_withdrawn", "Sofa", greta)
		if m := e.MailTo(t, anna.Email); m.Subject != "Eine Rückmeldung zu „Kinderbett“ wurde zurückgezogen" {
			t.Errorf("Anna's mail at once: %q", m.Subject)
		}
		for _, p := range []*apptest.Person{greta, amira, jonas} {
			if n := e.MailCount(t, p.Email); n != 0 {
				t.Errorf("%s, who chose daily or never, got %d mails at once", p.Email, n)
			}
		}

		// A required notice comes at once to everybody.
		tell(t, e, "event/cancelled", "Sprachcafé", greta, jonas)
		for _, p := range []*apptest.Person{greta, jonas} {
			if m := e.MailTo(t, p.Email); m.Subject != "Abgesagt: „Sprachcafé“" {
				t.Errorf("a cancelled event to %s: %q", p.Email, m.Subject)
			}
		}

		// Greta reads the sofa's notice before the day is over; the
		// digest holds the rest, newest first, in each one's language.
		mine, _ := e.P.Services.Notify.List(ctx, greta.ID, 10)
		for _, r := range mine {
			if r.Link == sofa {
				greta.Web.Get("/me/inbox/" + r.ID)
			}
		}
		e.Clock.Advance(account.DigestEvery)
		if err := e.P.App.Jobs.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		m := e.MailTo(t, greta.Email)
		if m.Subject != "1 neue Mitteilung auf teilhabe" || !strings.Contains(m.Text, "Hallo Greta,") ||
			!strings.Contains(m.Text, "Eine Rückmeldung zu „Kinderbett“ wurde zurückgezogen") ||
			strings.Contains(m.Text, "Sofa") || strings.Contains(m.Text, "Sprachcafé") ||
			m.FirstURL(e.URL+"/me/inbox") == "" || !strings.Contains(m.Text, e.URL+"/settings#notices") {
			t.Errorf("Greta's digest: %q\n%s", m.Subject, m.Text)
		}
		if m := e.MailTo(t, amira.Email); m.Subject != "إشعار جديد على teilhabe" || !strings.Contains(m.Text, "«Kinderbett»") {
			t.Errorf("Amira's digest: %q\n%s", m.Subject, m.Text)
		}
		if n := e.MailCount(t, jonas.Email); n != 1 {
			t.Errorf("Jonas, who chose never, got %d mails, want only the cancelled event", n)
		}
		// The next day brings no second digest of the same notices.
		e.Clock.Advance(account.DigestEvery)
		if err := e.P.App.Jobs.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		if n := e.MailCount(t, greta.Email); n != 2 {
			t.Errorf("Greta has %d mails after a second day, want the cancelled event and one digest", n)
		}

		// Never does not stop a password reset.
		e.Client(t).Post("/password/forgot", apptest.Form("email", jonas.Email))
		if m := e.MailTo(t, jonas.Email); m.FirstURL(e.URL+"/password/reset/") == "" {
			t.Errorf("the reset mail to Jonas: %q\n%s", m.Subject, m.Text)
		}
	})
}
