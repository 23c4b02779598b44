package organization_test

import (
	"testing"

	"teilhabe.org/teilhabe/internal/browsertest"
)

func TestMain(m *testing.M) { browsertest.Main(m) }

// TestPagesInBrowser opens every page of the module in Chromium, with the
// demo's organisations, in German and Arabic: each passes axe, reflows to
// 320 px, is usable with the keyboard and asks no other host for anything.
func TestPagesInBrowser(t *testing.T) {
	s := newDemoScene(t)
	e, owner, staff, link := s.env, s.owner, s.staff, s.invitation
	org := e.URL + "/organizations/" + s.agency

	for _, lang := range []string{"de", "ar"} {
		t.Run(lang, func(t *testing.T) {
			visitor := browsertest.New(t)
			visitor.Go(e.URL + "/organizations")
			visitor.Select("#lang-select", lang)
			visitor.Submit("form.lang")
			for _, url := range []string{e.URL + "/organizations?sort=name", org, e.URL + "/invitations/" + link} {
				visitor.Go(url)
				visitor.CheckAll(t)
			}
			member := owner.Browser(t, "/organizations", lang)
			for _, url := range []string{e.URL + "/organizations", org, org + "/edit", org + "/members", e.URL + "/organizations/new"} {
				member.Go(url)
				member.CheckAll(t)
			}
			// A form with errors.
			member.Go(org + "/edit")
			member.Fill("#f-website", "kein-link")
			member.Fill("#f-postcode", "1")
			member.Submit(`main form[method="post"]`)
			member.CheckAll(t)

			coordinator := staff.Browser(t, "/organizations", lang)
			for _, url := range []string{e.URL + "/admin/organizations", org} {
				coordinator.Go(url)
				coordinator.CheckAll(t)
			}
		})
	}
}
