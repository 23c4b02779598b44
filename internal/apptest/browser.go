package apptest

import (
	"testing"

	"teilhabe.org/teilhabe/internal/browsertest"
)

// Browser opens a fresh Chromium context (browsertest.New), logs in through
// the login form as email with password, then opens page (a path) and
// chooses lang with its language picker, as a person would.
func (e *Env) Browser(t testing.TB, email, password, page, lang string) *browsertest.Browser {
	t.Helper()
	b := browsertest.New(t)
	b.Go(e.URL + "/login")
	b.Fill("#f-email", email)
	b.Fill("#f-password", password)
	b.Submit(`form[action="/login"]`)
	b.Go(e.URL + page)
	b.Select("#lang-select", lang)
	b.Submit("form.lang")
	return b
}

// Browser is Env.Browser for the person.
func (p *Person) Browser(t testing.TB, page, lang string) *browsertest.Browser {
	t.Helper()
	return p.e.Browser(t, p.Email, Password, page, lang)
}
