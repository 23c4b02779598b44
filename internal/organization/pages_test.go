package organization_test

import (
	"regexp"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
)

// TestEveryPageInEveryLanguage draws each page of the module, with and
// without form errors, in every interface language, and fails on a message
// id that does not exist or a template that printed nothing.
func TestEveryPageInEveryLanguage(t *testing.T) {
	s := newDemoScene(t)
	e, owner, staff, link := s.env, s.owner, s.staff, s.invitation
	org := "/organizations/" + s.agency

	pages := []apptest.Page{
		apptest.Get(nil, "/organizations", 200),
		apptest.Get(nil, "/organizations?q=kassel&kind=migrant_organization&verified=false&sort=name", 200),
		apptest.Get(nil, org, 200),
		apptest.Get(nil, "/invitations/"+link, 200),
		apptest.Get(nil, "/invitations/used", 404),
		apptest.Get(owner, "/organizations", 200),
		apptest.Get(owner, org, 200),
		apptest.Get(owner, "/organizations/new", 200),
		apptest.Post(owner, "/organizations/new", apptest.Form("website", "x", "languages", "de"), 422),
		apptest.Get(owner, org+"/edit", 200),
		apptest.Post(owner, org+"/edit", apptest.Form("name", "", "postcode", "1"), 422),
		apptest.Get(owner, org+"/members", 200),
		apptest.Post(owner, org+"/members/invite", apptest.Form("email", "x"), 422),
		apptest.Get(owner, "/invitations/"+link, 200),
		apptest.Get(staff, "/admin/organizations", 200),
		apptest.Get(staff, "/admin/organizations?verified=true", 200),
		apptest.Get(staff, org, 200),
	}
	e.EveryLanguage(t, pages, regexp.MustCompile(`organization\.`))
}
