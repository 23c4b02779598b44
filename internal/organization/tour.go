package organization

import (
	"net/url"

	"teilhabe.org/teilhabe/internal/app"
)

// TourPages are the organisation pages, as a visitor, an administrator
// and the owner of the demo volunteer centre see them (app.Toured).
func (m *Module) TourPages(app.Tour) ([]app.TourPage, error) {
	return []app.TourPage{
		app.TourGet("", "/organizations", 200),
		app.TourGet("", "/organizations/{org:agency}", 200),
		app.TourGet("admin", "/admin/organizations", 200),
		app.TourGet("admin", "/organizations/new", 200),
		app.TourGet("agency", "/organizations/{org:agency}/edit", 200),
		app.TourPost("agency", "/organizations/{org:agency}/edit", url.Values{"name": {""}}, 422),
		app.TourGet("agency", "/organizations/{org:agency}/members", 200),
		{As: "admin", Method: "GET", Status: 200, Fresh: invitationPage},
	}, nil
}

// invitationPage is the page a mailed invitation opens: the volunteer
// centre invites a new address in each language.
func invitationPage(tour app.Tour, lang string) (string, error) {
	invitee := "invitee-" + lang + "@example.org"
	tour.Post("agency", "/organizations/{org:agency}/members/invite", url.Values{"email": {invitee}, "role": {"editor"}})
	return tour.MailedLink(invitee, "/invitations/")
}
