package account_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
)

// linkAsks checks the page a mailed link opens with GET: a button that
// posts back to the link, and no referrer that would carry the secret away.
func linkAsks(t *testing.T, res *apptest.Response, path, title string) {
	t.Helper()
	apptest.WantStatus(t, "opening the link", res.Status, http.StatusOK, res.Body)
	apptest.Contains(t, "the link's page", res.Body, title, `<form method="post" action="`+path+`">`, "<button>")
	if got := res.Header.Get("Referrer-Policy"); got != "no-referrer" {
		t.Errorf("Referrer-Policy %q on a page opened from a secret link", got)
	}
}

// TestOpeningVerifyLinkConfirmsNothing: mail scanners open every link of a
// mail, so opening the confirmation link only asks; the button confirms.
func TestOpeningVerifyLinkConfirmsNothing(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		c := e.Client(t)
		register(c, "tarik@example.org", "Tarik", "ein langes Passwort")
		link := strings.TrimPrefix(e.MailTo(t, "tarik@example.org").FirstURL(e.URL+"/verify/"), e.URL)
		if link == "" {
			t.Fatal("no verification link in the mail")
		}
		login := url.Values{"email": {"tarik@example.org"}, "password": {"ein langes Passwort"}}

		linkAsks(t, c.Get(link), link, "E-Mail-Adresse bestätigen")
		arabic := e.Client(t)
		arabic.Lang = "ar"
		linkAsks(t, arabic.Get(link), link, "تأكيد عنوان بريدك الإلكتروني")
		if res := e.Client(t).Post("/login", login); res.Status != http.StatusForbidden {
			t.Fatalf("opening the link verified the account: login %d", res.Status)
		}

		res := c.Post(link, nil)
		if res.Status != http.StatusSeeOther || res.Location() != "/login" {
			t.Fatalf("pressing the button: %d %s", res.Status, res.Location())
		}
		if res := e.Client(t).Post("/login", login); res.Status != http.StatusSeeOther {
			t.Fatalf("login after confirming: %d", res.Status)
		}
		res = c.Get(link)
		apptest.WantStatus(t, "a used link", res.Status, http.StatusNotFound, res.Body)
	})
}

// TestOpeningEmailLinkChangesNothing: the same for the link that confirms
// a changed address.
func TestOpeningEmailLinkChangesNothing(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		e.NewUser(t, "selin@example.org", "Selin", auth.Member)
		c := e.LoggedIn(t, "selin@example.org")
		res := c.Post("/settings/email", url.Values{"new_email": {"selin@neu.example.org"}, "email_password": {apptest.Password}})
		apptest.WantStatus(t, "asking for the change", res.Status, http.StatusSeeOther, res.Body)
		link := strings.TrimPrefix(e.MailTo(t, "selin@neu.example.org").FirstURL(e.URL+"/settings/email/"), e.URL)
		if link == "" {
			t.Fatal("no confirmation link in the mail")
		}

		linkAsks(t, e.Client(t).Get(link), link, "Neue E-Mail-Adresse bestätigen")
		linkAsks(t, c.Get(link), link, "Neue E-Mail-Adresse bestätigen")
		page := c.Get("/settings")
		apptest.Contains(t, "settings after opening the link", page.Body, "selin@example.org")
		apptest.Lacks(t, "settings after opening the link", page.Body, "selin@neu.example.org")

		res = c.Post(link, nil)
		if res.Status != http.StatusSeeOther || res.Location() != "/settings" {
			t.Fatalf("pressing the button: %d %s", res.Status, res.Location())
		}
		apptest.Contains(t, "settings after confirming", c.Get("/settings").Body, "selin@neu.example.org", "Deine E-Mail-Adresse wurde geändert.")
		res = c.Get(link)
		apptest.WantStatus(t, "a used link", res.Status, http.StatusNotFound, res.Body)
	})
}

// TestUnknownMailedLinkAnswersAtOnce: a wrong or expired link says so when
// it is opened, not only after the button.
func TestUnknownMailedLinkAnswersAtOnce(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		c := e.Client(t)
		for _, path := range []string{"/verify/unknown-secret", "/settings/email/unknown-secret"} {
			res := c.Get(path)
			apptest.WantStatus(t, "GET "+path, res.Status, http.StatusNotFound, res.Body)
			apptest.Contains(t, "GET "+path, res.Body, "Dieser Link ist ungültig, schon benutzt oder abgelaufen.")
			apptest.Lacks(t, "GET "+path, res.Body, `action="`+path+`"`)
			res = c.Post(path, nil)
			apptest.WantStatus(t, "POST "+path, res.Status, http.StatusNotFound, res.Body)
		}
	})
}
