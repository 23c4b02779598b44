package apptest

import (
	"context"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/organization"
)

// Module returns the platform's module of type T, so a test can call a
// module's operations directly; the test fails when none is registered.
func Module[T app.Module](t testing.TB, e *Env) T {
	t.Helper()
	for _, m := range e.P.App.Modules {
		if found, ok := m.(T); ok {
			return found
		}
	}
	var none T
	t.Fatalf("no module of type %T among the platform's modules", none)
	return none
}

// Person is a verified account with a browser-like client logged in as it.
type Person struct {
	*account.User
	Web   *Client
	e     *Env
	token string
}

// NewPerson creates a German-speaking account for handle (mail
// handle@example.org, the name spelt with a capital) and logs it in.
func (e *Env) NewPerson(t testing.TB, handle string, role auth.Role) *Person {
	t.Helper()
	return e.NewPersonLang(t, handle, role, "de")
}

// NewPersonLang is NewPerson for someone who chose the language lang; the
// client asks for pages in lang too.
func (e *Env) NewPersonLang(t testing.TB, handle string, role auth.Role, lang string) *Person {
	t.Helper()
	email := strings.ToLower(handle) + "@example.org"
	first, size := utf8.DecodeRuneInString(handle)
	name := string(unicode.ToUpper(first)) + handle[size:]
	u, err := e.P.Accounts.CreateVerified(context.Background(), email, name, Password, lang, role)
	if err != nil {
		t.Fatalf("create %s: %v", handle, err)
	}
	web := e.LoggedIn(t, email)
	web.Lang = lang
	return &Person{User: u, Web: web, e: e}
}

// Identity is the person as a request of their browser session carries
// them, for calling a module's operations directly.
func (p *Person) Identity() *auth.Identity { return p.User.Identity("session") }

// Token is the person's API token, taken on first use.
func (p *Person) Token(t testing.TB) string {
	t.Helper()
	if p.token == "" {
		p.token = p.e.Token(t, p.Email)
	}
	return p.token
}

// API calls the JSON API with the person's token.
func (p *Person) API(t testing.TB, method, path string, body any) (int, map[string]any) {
	t.Helper()
	return p.e.API(t, p.Token(t), method, path, body)
}

// Join makes who an editor of the organisation: owner invites them and they
// accept with the secret from the mail.
func (e *Env) Join(t testing.TB, owner, who *Person, orgID string) {
	t.Helper()
	orgs := Module[*organization.Module](t, e)
	if err := orgs.Invite(context.Background(), owner.ID, orgID, who.Email, organization.Editor); err != nil {
		t.Fatalf("invite %s: %v", who.Email, err)
	}
	secret, _ := e.LastInvitation(t, who.Email)
	if _, err := orgs.AcceptInvitation(context.Background(), who.ID, secret); err != nil {
		t.Fatalf("accept invitation: %v", err)
	}
}
