package organization_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/i18n"
)

// TestEveryPageInEveryLanguage draws each page of the module, with and
// without form errors, in every interface language, and fails on a message
// id that does not exist or a template that printed nothing.
func TestEveryPageInEveryLanguage(t *testing.T) {
	s := newDemoScene(t)
	e, owner, staff, link := s.env, s.owner, s.staff, s.invitation
	org := "/organizations/" + s.agency

	type page struct {
		who          *apptest.Person // nil: a visitor
		method, path string
		form         url.Values
		status       int
	}
	pages := []page{
		{nil, "GET", "/organizations", nil, 200},
		{nil, "GET", "/organizations?q=kassel&kind=migrant_organization&verified=false&sort=name", nil, 200},
		{nil, "GET", org, nil, 200},
		{nil, "GET", "/invitations/" + link, nil, 200},
		{nil, "GET", "/invitations/used", nil, 404},
		{owner, "GET", "/organizations", nil, 200},
		{owner, "GET", org, nil, 200},
		{owner, "GET", "/organizations/new", nil, 200},
		{owner, "POST", "/organizations/new", apptest.Form("website", "x", "languages", "de"), 422},
		{owner, "GET", org + "/edit", nil, 200},
		{owner, "POST", org + "/edit", apptest.Form("name", "", "postcode", "1"), 422},
		{owner, "GET", org + "/members", nil, 200},
		{owner, "POST", org + "/members/invite", apptest.Form("email", "x"), 422},
		{owner, "GET", "/invitations/" + link, nil, 200},
		{staff, "GET", "/admin/organizations", nil, 200},
		{staff, "GET", "/admin/organizations?verified=true", nil, 200},
		{staff, "GET", org, nil, 200},
	}
	for _, lang := range i18n.Languages {
		t.Run(lang.Tag, func(t *testing.T) {
			visitor := e.Client(t)
			visitor.Lang = lang.Tag
			for _, p := range []*apptest.Person{owner, staff} {
				p.Web.Post("/language", apptest.Form("lang", lang.Tag))
			}
			want := fmt.Sprintf(`<html lang="%s" dir="%s">`, lang.Tag, lang.Dir)
			for _, p := range pages {
				c := visitor
				if p.who != nil {
					c = p.who.Web
				}
				res := c.Get(p.path)
				if p.method == http.MethodPost {
					res = c.Post(p.path, p.form)
				}
				if res.Status != p.status {
					t.Errorf("%s %s: %d, want %d", p.method, p.path, res.Status, p.status)
				}
				if !strings.Contains(res.Body, want) {
					t.Errorf("%s %s: no %s", p.method, p.path, want)
				}
				if strings.Contains(res.Body, "<no value>") || strings.Contains(res.Body, "organization.") {
					t.Errorf("%s %s: a value or message is missing", p.method, p.path)
				}
			}
		})
	}
	if missing := e.P.Services.Catalog.Missing(); len(missing) > 0 {
		t.Errorf("messages asked for but missing:\n  %s", strings.Join(missing, "\n  "))
	}
}
