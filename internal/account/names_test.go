package account_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
)

// A display name is shown to others beside what the person writes: it may
// not reverse or hide its letters with invisible characters, and a member
// may not pass for the platform's staff.
func TestDisplayNamesCannotHideOrImitate(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		ctx := context.Background()
		nameOf := func(email string) string {
			t.Helper()
			u, err := e.P.Accounts.ContactByEmail(ctx, email)
			if err != nil {
				t.Fatal(err)
			}
			return u.Name
		}

		c := e.Client(t)
		if res := register(c, "amal@example.org", "\u200bAmal \u202Egnp.exe\u202C\u2066\u2069\ufeff", "ein langes Passwort"); res.Status != http.StatusSeeOther {
			t.Fatalf("register: %d\n%s", res.Status, res.Body)
		}
		if got := nameOf("amal@example.org"); got != "Amal gnp.exe" {
			t.Errorf("registered name %q", got)
		}

		e.NewUser(t, "jonas@example.org", "Jonas", auth.Member)
		jonas := e.LoggedIn(t, "jonas@example.org")
		save := func(name string) *apptest.Response {
			return jonas.Post("/settings/profile", url.Values{"name": {name}, "lang": {"de"}})
		}
		if res := save("Jonas\u00ad \u200dMüller\u200e\tKassel\x00"); res.Status != http.StatusSeeOther {
			t.Fatalf("save profile: %d\n%s", res.Status, res.Body)
		}
		if got := nameOf("jonas@example.org"); got != "Jonas Müller Kassel" {
			t.Errorf("saved name %q", got)
		}
		// Persian writes a zero-width non-joiner between letters; it stays there.
		if res := save("زهرا محمدی\u200cنژاد"); res.Status != http.StatusSeeOther {
			t.Fatalf("save Persian name: %d", res.Status)
		}
		if got := nameOf("jonas@example.org"); got != "زهرا محمدی\u200cنژاد" {
			t.Errorf("Persian name saved as %q", got)
		}

		for _, name := range []string{"Admin", "ADMIN", "Adm1n", "A.d.m.i.n", "\u0410dmin", "Koordination Kassel",
			"Moderator", "Team Moderation", "Administratorin Petra", "Coordinator", "المشرف", "مدير النظام", "مدیر",
			"Модератор", "Координаторка Олена", "Yönetici", "Koordinatör Ayşe", "Teilhabe"} {
			res := save(name)
			if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, "verwechselt") {
				t.Errorf("a member may call themselves %q: %d", name, res.Status)
			}
		}
		for _, name := range []string{"Adam Insel", "Madina", "Emine Yöney", "Moritz Odermatt"} {
			if res := save(name); res.Status != http.StatusSeeOther {
				t.Errorf("%q taken for staff: %d", name, res.Status)
			}
		}
		if res := register(e.Client(t), "admin@example.org", "Admin", "ein langes Passwort"); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("registered as Admin: %d", res.Status)
		}

		// Staff may say what they are.
		e.NewUser(t, "katrin@example.org", "Katrin", auth.Coordinator)
		coord := e.LoggedIn(t, "katrin@example.org")
		if res := coord.Post("/settings/profile", url.Values{"name": {"Koordination Kassel"}, "lang": {"de"}}); res.Status != http.StatusSeeOther {
			t.Errorf("a coordinator may not name the role: %d", res.Status)
		}
	})
}
