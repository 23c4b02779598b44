package account_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/session"
)

func register(c *apptest.Client, email, name, password string) *apptest.Response {
	return c.Post("/register", url.Values{
		"email": {email}, "name": {name}, "password": {password}, "password_again": {password},
		"lang": {"ar"}, "consent": {"yes"},
	})
}

func TestRegisterVerifyLogin(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		c := e.Client(t)
		res := register(c, "Amal@Example.org", "Amal", "ein langes Passwort")
		if res.Status != http.StatusSeeOther || res.Location() != "/register/done" {
			t.Fatalf("register: %d %s\n%s", res.Status, res.Location(), res.Body)
		}
		msg := e.MailTo(t, "amal@example.org")
		if !strings.Contains(msg.Subject, "بريد") {
			t.Errorf("verification mail not in Arabic: %q", msg.Subject)
		}
		link := msg.FirstURL(e.URL + "/verify/")
		if link == "" {
			t.Fatalf("no verification link in mail:\n%s", msg.Text)
		}

		// Before confirming, the right password says so (and sends the link again).
		res = c.Post("/login", url.Values{"email": {"amal@example.org"}, "password": {"ein langes Passwort"}})
		if res.Status != http.StatusForbidden {
			t.Fatalf("login before verification: %d", res.Status)
		}
		e.MailTo(t, "amal@example.org")

		res = c.Post(strings.TrimPrefix(link, e.URL), nil)
		if res.Status != http.StatusSeeOther || res.Location() != "/login" {
			t.Fatalf("verify: %d %s", res.Status, res.Location())
		}
		if again := c.Get(strings.TrimPrefix(link, e.URL)); again.Status != http.StatusNotFound {
			t.Errorf("a used link still works: %d", again.Status)
		}
		res = c.Post("/login", url.Values{"email": {"amal@example.org"}, "password": {"ein langes Passwort"}, "next": {"/settings"}})
		if res.Status != http.StatusSeeOther || res.Location() != "/settings" {
			t.Fatalf("login: %d %s\n%s", res.Status, res.Location(), res.Body)
		}
		page := c.Get("/settings")
		if page.Status != http.StatusOK || !strings.Contains(page.Body, "amal@example.org") {
			t.Fatalf("settings: %d", page.Status)
		}
		if !strings.Contains(page.Body, `<html lang="ar" dir="rtl">`) {
			t.Errorf("the account's language does not rule the page")
		}
	})
}

func TestRegisterShowsErrorsAndKeepsInput(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		c := e.Client(t)
		res := c.Post("/register", url.Values{
			"email": {"not-an-address"}, "name": {"Jonas Müller"}, "password": {"short"}, "password_again": {"other"},
			"lang": {"de"},
		})
		if res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("status %d", res.Status)
		}
		for _, want := range []string{
			"Das ist keine gültige E-Mail-Adresse.",
			"mindestens 10 Zeichen",
			"stimmen nicht überein",
			"Bitte stimme der Datenschutzerklärung zu",
			`value="not-an-address"`,
			`value="Jonas Müller"`,
			`aria-invalid="true"`,
		} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("form page lacks %q", want)
			}
		}
		if strings.Contains(res.Body, `value="short"`) {
			t.Error("a password is echoed back into the page")
		}
	})
}

func TestNoAccountEnumeration(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		e.NewUser(t, "bernd@example.org", "Bernd", auth.Member)
		c := e.Client(t)

		res := register(c, "bernd@example.org", "Someone", "ein langes Passwort")
		if res.Status != http.StatusSeeOther || res.Location() != "/register/done" {
			t.Fatalf("registering a taken address answers differently: %d %s", res.Status, res.Location())
		}
		if msg := e.MailTo(t, "bernd@example.org"); msg.FirstURL(e.URL+"/password/forgot") == "" {
			t.Errorf("the owner is not told about the attempt:\n%s", msg.Text)
		}

		unknown := c.Post("/login", url.Values{"email": {"nobody@example.org"}, "password": {"whatever123"}})
		wrong := c.Post("/login", url.Values{"email": {"bernd@example.org"}, "password": {"whatever123"}})
		if unknown.Status != wrong.Status || !strings.Contains(unknown.Body, "E-Mail-Adresse oder Passwort stimmen nicht") ||
			!strings.Contains(wrong.Body, "E-Mail-Adresse oder Passwort stimmen nicht") {
			t.Errorf("login tells unknown (%d) from wrong password (%d)", unknown.Status, wrong.Status)
		}

		a := c.Post("/password/forgot", url.Values{"email": {"nobody@example.org"}})
		b := c.Post("/password/forgot", url.Values{"email": {"bernd@example.org"}})
		if a.Status != http.StatusOK || a.Body != b.Body {
			t.Errorf("password reset tells whether an account exists")
		}
	})
}

func TestPasswordReset(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		e.NewUser(t, "olena@example.org", "Olena", auth.Member)
		old := e.LoggedIn(t, "olena@example.org")

		c := e.Client(t)
		c.Post("/password/forgot", url.Values{"email": {"olena@example.org"}})
		link := e.MailTo(t, "olena@example.org").FirstURL(e.URL + "/password/reset/")
		if link == "" {
			t.Fatal("no reset link")
		}
		path := strings.TrimPrefix(link, e.URL)
		if res := c.Get(path); res.Status != http.StatusOK {
			t.Fatalf("reset form: %d", res.Status)
		}
		res := c.Post(path, url.Values{"password": {"ein neues Passwort"}, "password_again": {"ein neues Passwort"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("reset: %d\n%s", res.Status, res.Body)
		}
		if res := old.Get("/settings"); res.Status != http.StatusSeeOther {
			t.Errorf("a session from before the reset still works: %d", res.Status)
		}
		if res := c.Post(path, url.Values{"password": {"noch ein Passwort"}, "password_again": {"noch ein Passwort"}}); res.Status != http.StatusNotFound {
			t.Errorf("a used reset link works again: %d", res.Status)
		}
		if res := c.Post("/login", url.Values{"email": {"olena@example.org"}, "password": {"ein neues Passwort"}}); res.Status != http.StatusSeeOther {
			t.Errorf("login with the new password: %d", res.Status)
		}

		// A link expires after an hour.
		c.Post("/password/forgot", url.Values{"email": {"olena@example.org"}})
		link = e.MailTo(t, "olena@example.org").FirstURL(e.URL + "/password/reset/")
		e.Clock.Advance(61 * time.Minute)
		if res := c.Get(strings.TrimPrefix(link, e.URL)); res.Status != http.StatusNotFound {
			t.Errorf("an expired link works: %d", res.Status)
		}
	})
}

func TestLoginRateLimited(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		e.NewUser(t, "reza@example.org", "Reza", auth.Member)
		c := e.Client(t)
		var last *apptest.Response
		for range 11 {
			last = c.Post("/login", url.Values{"email": {"reza@example.org"}, "password": {"wrong password"}})
		}
		if last.Status != http.StatusTooManyRequests || !strings.Contains(last.Body, "Zu viele Versuche") {
			t.Fatalf("11th wrong login: %d", last.Status)
		}
		// From a browser that never logged in to the account, even the right
		// password waits for the next attempt the throttle allows: minutes,
		// not the end of the window.
		if res := c.Post("/login", url.Values{"email": {"reza@example.org"}, "password": {apptest.Password}}); res.Status != http.StatusTooManyRequests {
			t.Errorf("right password while throttled: %d", res.Status)
		}
		e.Clock.Advance(3 * time.Minute)
		if res := c.Post("/login", url.Values{"email": {"reza@example.org"}, "password": {apptest.Password}}); res.Status != http.StatusSeeOther {
			t.Errorf("login at the next allowed attempt: %d", res.Status)
		}
	})
}

func TestTokensAndMe(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		e.NewUser(t, "amal@example.org", "Amal", auth.Member)
		e.NewUser(t, "bernd@example.org", "Bernd", auth.Member)
		amal := e.Token(t, "amal@example.org")
		bernd := e.Token(t, "bernd@example.org")

		status, me := e.API(t, amal, http.MethodGet, "/api/v1/me", nil)
		if status != http.StatusOK || me["email"] != "amal@example.org" {
			t.Fatalf("me: %d %v", status, me)
		}
		if status, _ := e.API(t, "thb_not-a-token", http.MethodGet, "/api/v1/me", nil); status != http.StatusUnauthorized {
			t.Errorf("bad token: %d", status)
		}
		status, body := e.API(t, "", http.MethodPost, "/api/v1/tokens", map[string]any{"email": "amal@example.org", "password": "wrong one!!"})
		if status != http.StatusUnauthorized || body["detail"] == nil {
			t.Errorf("token with a wrong password: %d %v", status, body)
		}

		// Bernd cannot see or revoke Amal's tokens, through the API or the web.
		_, list := e.API(t, amal, http.MethodGet, "/api/v1/tokens", nil)
		tokenID := list["tokens"].([]any)[0].(map[string]any)["id"].(string)
		if status, _ := e.API(t, bernd, http.MethodDelete, "/api/v1/tokens/"+tokenID, nil); status != http.StatusNotFound {
			t.Errorf("Bernd revoked Amal's token through the API: %d", status)
		}
		_, berndList := e.API(t, bernd, http.MethodGet, "/api/v1/tokens", nil)
		for _, tok := range berndList["tokens"].([]any) {
			if tok.(map[string]any)["id"] == tokenID {
				t.Error("Bernd's token list shows Amal's token")
			}
		}
		web := e.LoggedIn(t, "bernd@example.org")
		if res := web.Post("/settings/tokens/"+tokenID+"/revoke", nil); res.Status != http.StatusUnprocessableEntity && res.Status != http.StatusNotFound {
			t.Errorf("Bernd revoked Amal's token through the web: %d", res.Status)
		}
		if status, _ := e.API(t, amal, http.MethodGet, "/api/v1/me", nil); status != http.StatusOK {
			t.Fatalf("Amal's token stopped working: %d", status)
		}
		if status, _ := e.API(t, amal, http.MethodDelete, "/api/v1/tokens/"+tokenID, nil); status != http.StatusNoContent {
			t.Errorf("Amal revokes her own token: %d", status)
		}
		if status, _ := e.API(t, amal, http.MethodGet, "/api/v1/me", nil); status != http.StatusUnauthorized {
			t.Errorf("a revoked token works: %d", status)
		}
	})
}

func TestExportAndDelete(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		e.NewUser(t, "jonas@example.org", "Jonas", auth.Member)
		c := e.LoggedIn(t, "jonas@example.org")
		res := c.Get("/settings/export.json")
		if res.Status != http.StatusOK || !strings.Contains(res.Body, `"email": "jonas@example.org"`) {
			t.Fatalf("export: %d\n%s", res.Status, res.Body)
		}
		if res := c.Get("/settings/export"); res.Status != http.StatusOK || !strings.Contains(res.Body, "jonas@example.org") {
			t.Errorf("readable export: %d", res.Status)
		}
		if res := e.Client(t).Get("/settings/export.json"); res.Status != http.StatusSeeOther {
			t.Errorf("a visitor gets an export: %d", res.Status)
		}
		token := e.Token(t, "jonas@example.org")
		if status, body := e.API(t, token, http.MethodGet, "/api/v1/me/export", nil); status != http.StatusOK || body["account"] == nil {
			t.Errorf("API export: %d %v", status, body)
		}

		if res := c.Post("/settings/delete", url.Values{"delete_password": {"not my password"}}); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("delete with a wrong password: %d", res.Status)
		}
		if res := c.Post("/settings/delete", url.Values{"delete_password": {apptest.Password}}); res.Status != http.StatusSeeOther {
			t.Fatalf("delete: %d\n%s", res.Status, res.Body)
		}
		if res := c.Get("/settings"); res.Status != http.StatusSeeOther {
			t.Errorf("the deleted account's session still works: %d", res.Status)
		}
		if status, _ := e.API(t, token, http.MethodGet, "/api/v1/me", nil); status != http.StatusUnauthorized {
			t.Errorf("the deleted account's token still works: %d", status)
		}
		if res := e.Client(t).Post("/login", url.Values{"email": {"jonas@example.org"}, "password": {apptest.Password}}); res.Status != http.StatusUnauthorized {
			t.Errorf("login to a deleted account: %d", res.Status)
		}
		// The address is free again.
		e.NewUser(t, "jonas@example.org", "Jonas again", auth.Member)
	})
}

func TestCrossSiteFormRefused(t *testing.T) {
	e := apptest.New(t, "sqlite")
	req, _ := http.NewRequest(http.MethodPost, e.URL+"/login", strings.NewReader("email=a%40b.c&password=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site login post: %d", res.StatusCode)
	}
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"} {
		if res.Header.Get(h) == "" {
			t.Errorf("missing %s", h)
		}
	}
}

func TestLanguageChoice(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		c := e.Client(t)
		c.Lang = "tr"
		if res := c.Get("/"); !strings.Contains(res.Body, `<html lang="tr" dir="ltr">`) {
			t.Errorf("Accept-Language tr not used")
		}
		c.Post("/language", url.Values{"lang": {"fa"}, "next": {"/login"}})
		if res := c.Get("/login"); !strings.Contains(res.Body, `<html lang="fa" dir="rtl">`) {
			t.Errorf("the picked language does not stick")
		}
		if res := c.Post("/language", url.Values{"lang": {"xx"}}); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("unknown language: %d", res.Status)
		}
		if res := c.Post("/language", url.Values{"lang": {"de"}, "next": {"//evil.example/"}}); res.Location() != "/" {
			t.Errorf("open redirect through next: %q", res.Location())
		}

		e.NewUser(t, "nour@example.org", "Nour", auth.Member)
		u := e.LoggedIn(t, "nour@example.org")
		u.Lang = "en"
		u.Post("/language", url.Values{"lang": {"ar"}})
		fresh := e.LoggedIn(t, "nour@example.org")
		fresh.Lang = "en"
		if res := fresh.Get("/settings"); !strings.Contains(res.Body, `<html lang="ar" dir="rtl">`) {
			t.Errorf("a logged-in person's pick is not saved to the account")
		}
	})
}

func TestAdminUsers(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		e.NewUser(t, "katrin@example.org", "Katrin", auth.Coordinator)
		target := e.NewUser(t, "member@example.org", "Member", auth.Member)
		member := e.LoggedIn(t, "member@example.org")
		if res := member.Get("/admin/users"); res.Status != http.StatusForbidden {
			t.Errorf("a member sees the user admin: %d", res.Status)
		}
		if res := member.Post("/admin/users/"+target.ID+"/suspend", nil); res.Status != http.StatusForbidden {
			t.Errorf("a member suspends: %d", res.Status)
		}
		coord := e.LoggedIn(t, "katrin@example.org")
		if res := coord.Get("/admin/users"); res.Status != http.StatusOK || !strings.Contains(res.Body, "member@example.org") {
			t.Fatalf("coordinator user list: %d", res.Status)
		}
		if res := coord.Post("/admin/users/"+target.ID+"/role", url.Values{"role": {"admin"}}); res.Status != http.StatusForbidden {
			t.Errorf("a coordinator makes an administrator: %d", res.Status)
		}
		if res := coord.Post("/admin/users/"+target.ID+"/suspend", nil); res.Status != http.StatusSeeOther {
			t.Fatalf("suspend: %d", res.Status)
		}
		if res := member.Get("/settings"); res.Status != http.StatusSeeOther {
			t.Errorf("a suspended person stays logged in: %d", res.Status)
		}
		entries, err := audit.List(context.Background(), e.P.DB, audit.Filter{ObjectID: target.ID})
		if err != nil || len(entries) != 1 || entries[0].Action != "user.suspend" {
			t.Errorf("suspension not audit-logged: %v %+v", err, entries)
		}
	})
}

// A "next" that a browser would read as another host (tab and newline are
// dropped, a backslash is a slash) must not leave the site.
func TestNextStaysOnSite(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		e.NewUser(t, "amal@example.org", "Amal", auth.Member)
		tricks := []string{"/\t/evil.example", "/\n/evil.example", "/\\evil.example", "//evil.example", "https://evil.example",
			"/%2F%2Fevil.example", "/%5Cevil.example", "javascript:alert(1)"}

		if res := e.Client(t).Get("/login?next=/%09/evil.example"); res.Status != http.StatusOK ||
			!strings.Contains(res.Body, `<input type="hidden" name="next" value="/">`) {
			t.Errorf("the login form carries the foreign next on: %d", res.Status)
		}
		in := e.LoggedIn(t, "amal@example.org")
		for _, next := range tricks {
			if res := in.Get("/login?next=" + url.QueryEscape(next)); res.Status != http.StatusSeeOther || res.Location() != "/" {
				t.Errorf("GET /login?next=%q: %d to %q", next, res.Status, res.Location())
			}
			if res := in.Post("/language", url.Values{"lang": {"de"}, "next": {next}}); res.Location() != "/" {
				t.Errorf("POST /language next=%q: to %q", next, res.Location())
			}
			res := e.Client(t).Post("/login", url.Values{"email": {"amal@example.org"}, "password": {apptest.Password}, "next": {next}})
			if res.Status != http.StatusSeeOther || res.Location() != "/" {
				t.Errorf("POST /login next=%q: %d to %q", next, res.Status, res.Location())
			}
		}
		if res := in.Get("/login?next=%2Fsettings%3Ftab%3Dtokens"); res.Location() != "/settings?tab=tokens" {
			t.Errorf("a local next is not followed: %q", res.Location())
		}
	})
}

// A token is a way in like a session: a new password, set with the old one
// or through a reset link, ends it.
func TestNewPasswordEndsTokens(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		e.NewUser(t, "olena@example.org", "Olena", auth.Member)
		before := e.Token(t, "olena@example.org")
		web := e.LoggedIn(t, "olena@example.org")
		res := web.Post("/settings/password", url.Values{"current_password": {apptest.Password},
			"new_password": {"ein neues Passwort"}, "new_password_again": {"ein neues Passwort"}})
		if res.Status != http.StatusSeeOther {
			t.Fatalf("change password: %d\n%s", res.Status, res.Body)
		}
		if status, _ := e.API(t, before, http.MethodGet, "/api/v1/me", nil); status != http.StatusUnauthorized {
			t.Errorf("a token from before the password change works: %d", status)
		}
		if res := web.Get("/settings"); res.Status != http.StatusOK {
			t.Errorf("the session that changed the password ended: %d", res.Status)
		}

		status, body := e.API(t, "", http.MethodPost, "/api/v1/tokens", map[string]any{"email": "olena@example.org", "password": "ein neues Passwort"})
		if status != http.StatusCreated {
			t.Fatalf("token with the new password: %d %v", status, body)
		}
		before = body["token"].(string)
		c := e.Client(t)
		c.Post("/password/forgot", url.Values{"email": {"olena@example.org"}})
		link := e.MailTo(t, "olena@example.org").FirstURL(e.URL + "/password/reset/")
		if res := c.Post(strings.TrimPrefix(link, e.URL), url.Values{"password": {"noch ein Passwort"}, "password_again": {"noch ein Passwort"}}); res.Status != http.StatusSeeOther {
			t.Fatalf("reset: %d\n%s", res.Status, res.Body)
		}
		if status, _ := e.API(t, before, http.MethodGet, "/api/v1/me", nil); status != http.StatusUnauthorized {
			t.Errorf("a token from before the reset works: %d", status)
		}

		// A suspension ends sessions for good, and tokens with them.
		olena := e.NewUser(t, "olena2@example.org", "Olena", auth.Member)
		before = e.Token(t, "olena2@example.org")
		e.NewUser(t, "katrin@example.org", "Katrin", auth.Coordinator)
		coord := e.LoggedIn(t, "katrin@example.org")
		coord.Post("/admin/users/"+olena.ID+"/suspend", nil)
		coord.Post("/admin/users/"+olena.ID+"/restore", nil)
		if status, _ := e.API(t, before, http.MethodGet, "/api/v1/me", nil); status != http.StatusUnauthorized {
			t.Errorf("a token from before a suspension works after the restore: %d", status)
		}
	})
}

// While the database cannot be asked who someone is, the answer is "try
// again shortly", never "nobody": a 401 or a login page would make clients
// drop their credentials, and the session must survive the outage.
func TestDatabaseOutageIsNoLogout(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		ctx := context.Background()
		e.NewUser(t, "amal@example.org", "Amal", auth.Member)
		web := e.LoggedIn(t, "amal@example.org")
		token := e.Token(t, "amal@example.org")
		rename := func(from, to string) {
			t.Helper()
			if _, err := e.P.DB.ExecContext(ctx, "ALTER TABLE "+from+" RENAME TO "+to); err != nil {
				t.Fatal(err)
			}
		}
		wantUnavailablePage := func(when string) {
			t.Helper()
			res := web.Get("/settings")
			if res.Status != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" ||
				!strings.Contains(res.Body, "nicht erreichbar") {
				t.Errorf("%s: page answered %d, Retry-After %q", when, res.Status, res.Header.Get("Retry-After"))
			}
			for _, c := range res.Header.Values("Set-Cookie") {
				if strings.HasPrefix(c, session.CookieName+"=;") || strings.Contains(c, "Max-Age=0") {
					t.Errorf("%s: the session cookie is cleared: %s", when, c)
				}
			}
		}
		wantUnavailableAPI := func(when string) {
			t.Helper()
			req, _ := http.NewRequest(http.MethodGet, e.URL+"/api/v1/me", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var problem struct{ Status int }
			err = json.NewDecoder(res.Body).Decode(&problem)
			if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" ||
				res.Header.Get("Content-Type") != "application/problem+json" || err != nil || problem.Status != 503 {
				t.Errorf("%s: API answered %d, Retry-After %q, %s, %v", when, res.StatusCode,
					res.Header.Get("Retry-After"), res.Header.Get("Content-Type"), err)
			}
		}

		// The accounts cannot be read, the sessions can.
		rename("users", "users_away")
		wantUnavailablePage("users unreadable")
		wantUnavailableAPI("users unreadable")
		rename("users_away", "users")
		if res := web.Get("/settings"); res.Status != http.StatusOK {
			t.Errorf("logged out by the outage: %d", res.Status)
		}
		if status, _ := e.API(t, token, http.MethodGet, "/api/v1/me", nil); status != http.StatusOK {
			t.Errorf("the token stopped working after the outage: %d", status)
		}

		// Nothing can be read.
		e.P.DB.Close()
		wantUnavailablePage("database closed")
		wantUnavailableAPI("database closed")
	})
}
