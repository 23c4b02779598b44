package organization_test

import (
	"testing"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/browsertest"
	"teilhabe.org/teilhabe/internal/organization"
)

func TestMain(m *testing.M) { browsertest.Main(m) }

// TestPagesInBrowser opens every page of the module in Chromium, with the
// demo's organisations, in German and Arabic: each passes axe, reflows to
// 320 px, is usable with the keyboard and asks no other host for anything.
func TestPagesInBrowser(t *testing.T) {
	e := newEnv(t, "sqlite")
	demo := app.NewDemo()
	if err := e.Accounts.SeedDemo(ctx, demo); err != nil {
		t.Fatal(err)
	}
	if err := e.Orgs.SeedDemo(ctx, demo); err != nil {
		t.Fatal(err)
	}
	owner := e.newPerson(t, "owner", auth.Member)
	staff := e.newPerson(t, "staff", auth.Coordinator)
	agency := demo.Orgs["agency"]
	if err := e.Orgs.Invite(ctx, demo.Users["agency"], agency, owner.Email, organization.Owner); err != nil {
		t.Fatal(err)
	}
	secret, _ := e.lastInvitation(t, owner.Email)
	if _, err := e.Orgs.AcceptInvitation(ctx, owner.ID, secret); err != nil {
		t.Fatal(err)
	}
	if err := e.Orgs.Invite(ctx, owner.ID, agency, "neu@example.org", organization.Editor); err != nil {
		t.Fatal(err)
	}
	link, _ := e.lastInvitation(t, "neu@example.org")
	org := e.URL + "/organizations/" + agency

	// Each person gets a browser of their own, so cookies stay apart.
	login := func(t *testing.T, p *person, lang string) *browsertest.Browser {
		tab := browsertest.New(t)
		tab.Go(e.URL + "/login")
		tab.Fill("#f-email", p.Email)
		tab.Fill("#f-password", apptest.Password)
		tab.Submit(`form[action="/login"]`)
		tab.Go(e.URL + "/organizations")
		tab.Select("#lang-select", lang)
		tab.Submit("form.lang")
		return tab
	}
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
			member := login(t, owner, lang)
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

			coordinator := login(t, staff, lang)
			for _, url := range []string{e.URL + "/admin/organizations", org} {
				coordinator.Go(url)
				coordinator.CheckAll(t)
			}
		})
	}
}
