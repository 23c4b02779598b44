package account

import (
	"fmt"
	"net/url"

	"teilhabe.org/teilhabe/internal/app"
)

// TourPages are the account pages for the page tour (app.Toured).
func (m *Module) TourPages(app.Tour) ([]app.TourPage, error) {
	return []app.TourPage{
		app.TourGet("", "/login", 200),
		app.TourPost("", "/login", url.Values{"email": {"x@example.org"}}, 401),
		app.TourGet("", "/register", 200),
		app.TourPost("", "/register", url.Values{"email": {"bad"}}, 422),
		app.TourGet("", "/register/done", 200),
		app.TourGet("", "/password/forgot", 200),
		app.TourPost("", "/password/forgot", url.Values{"email": {"nobody@example.org"}}, 200),
		{Method: "GET", Status: 200, Fresh: resetPage},
		app.TourGet("", "/verify/unknown", 404),
		{Method: "GET", Status: 200, Fresh: verifyPage},
		app.TourGet("", "/settings/email/unknown", 404),
		{Method: "GET", Status: 200, Fresh: emailConfirmPage},
		app.TourGet("admin", "/settings", 200),
		app.TourPost("admin", "/settings/password", url.Values{"current_password": {"wrong"}}, 422),
		app.TourGet("admin", "/settings/export", 200),
		app.TourGet("admin", "/me/inbox", 200),
		app.TourGet("admin", "/settings/calendar", 200),
		app.TourPost("admin", "/settings/calendar", nil, 200),
		app.TourGet("admin", "/admin/users", 200),
	}, nil
}

// resetPeople get one reset link each: one demo person per language keeps
// the tour under the per-account limit of reset mails.
var resetPeople = map[string]string{
	"de": "jonas", "en": "chris", "ar": "amal", "fa": "reza", "uk": "olena", "tr": "yusuf",
}

// resetPage is the page a mailed reset link opens.
func resetPage(tour app.Tour, lang string) (string, error) {
	name, ok := resetPeople[lang]
	if !ok {
		return "", fmt.Errorf("no demo person to reset a password in %s", lang)
	}
	person := name + "@demo.teilhabe.example"
	tour.Post("", "/password/forgot", url.Values{"email": {person}})
	return tour.MailedLink(person, "/password/reset/")
}

// verifyPage is the page the link mailed to a new account opens: one new
// account per language.
func verifyPage(tour app.Tour, lang string) (string, error) {
	person := "tour-" + lang + "@example.org"
	tour.Post("", "/register", url.Values{"email": {person}, "name": {"Tour " + lang}, "password": {DemoPassword},
		"password_again": {DemoPassword}, "lang": {lang}, "consent": {"yes"}})
	return tour.MailedLink(person, "/verify/")
}

// emailConfirmPage is the page the link confirming a changed address
// opens; the demo account keeps its address, as the link is only opened.
func emailConfirmPage(tour app.Tour, lang string) (string, error) {
	address := "martin-" + lang + "@example.org"
	tour.Post("municipality", "/settings/email", url.Values{"new_email": {address}, "email_password": {DemoPassword}})
	return tour.MailedLink(address, "/settings/email/")
}
