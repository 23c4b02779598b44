package platform_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/browsertest"
	"teilhabe.org/teilhabe/internal/i18n"
)

func TestMain(m *testing.M) { browsertest.Main(m) }

// TestNewcomerJourney is the foundation as a person meets it in Chromium:
// register, confirm the address from the mail, log in, switch to Arabic,
// create an organisation, invite a second person who accepts, export the
// data. Every page visited passes axe, reflows to 320 px and is usable with
// the keyboard.
func TestNewcomerJourney(t *testing.T) {
	e := apptest.New(t, "sqlite")
	b := browsertest.New(t)

	b.Go(e.URL + "/register")
	b.CheckAll(t)
	b.Fill("#f-name", "Amal")
	b.Fill("#f-email", "amal@example.org")
	b.Fill("#f-password", "ein langes Passwort")
	b.Fill("#f-password_again", "ein langes Passwort")
	b.Select("#f-lang", "de")
	b.Click("#f-consent")
	if status := b.Submit(`form[action="/register"]`); status != http.StatusOK || !strings.HasSuffix(b.URL(), "/register/done") {
		t.Fatalf("register: %d %s", status, b.URL())
	}
	b.CheckAll(t)

	link := e.MailTo(t, "amal@example.org").FirstURL(e.URL + "/verify/")
	if link == "" {
		t.Fatal("no verification link in the mail")
	}
	b.Go(link)
	b.CheckAll(t)
	if status := b.Submit(`form[action^="/verify/"]`); status != http.StatusOK || !strings.HasSuffix(b.URL(), "/login") {
		t.Fatalf("after confirming from the link's page: %d %s", status, b.URL())
	}
	b.CheckAll(t)
	b.Fill("#f-email", "amal@example.org")
	b.Fill("#f-password", "ein langes Passwort")
	b.Submit(`form[action="/login"]`)

	b.Select("#lang-select", "ar")
	b.Submit("form.lang")
	if dir := b.Attr("html", "dir"); dir != "rtl" || b.Attr("html", "lang") != "ar" {
		t.Fatalf("after choosing Arabic: lang=%s dir=%s", b.Attr("html", "lang"), dir)
	}
	b.CheckAll(t)

	b.Go(e.URL + "/organizations/new")
	b.CheckAll(t)
	b.Fill("#f-name", "بيت الجيرة كاسل")
	b.Select("#f-kind", "migrant_organization")
	b.Fill("#f-description", "نلتقي كل يوم جمعة ونساعد العائلات الجديدة في كاسل.")
	b.Fill("#f-postcode", "34117")
	b.Fill("#f-city", "Kassel")
	b.Click("#f-lang-ar")
	b.Submit(`form[action="/organizations/new"]`)
	if !strings.Contains(b.Text("h1"), "بيت الجيرة كاسل") {
		t.Fatalf("organisation page: %s %q", b.URL(), b.Text("h1"))
	}
	orgURL := b.URL()
	b.CheckAll(t)

	e.NewUser(t, "bernd@example.org", "Bernd", auth.Member)
	b.Go(orgURL + "/members")
	b.CheckAll(t)
	b.Fill("#f-email", "bernd@example.org")
	b.Submit(`form[action$="/members/invite"]`)
	invitation := e.MailTo(t, "bernd@example.org").FirstURL(e.URL + "/invitations/")
	if invitation == "" {
		t.Fatal("no invitation link in the mail")
	}

	bernd := browsertest.New(t)
	bernd.Go(e.URL + "/login")
	bernd.Fill("#f-email", "bernd@example.org")
	bernd.Fill("#f-password", apptest.Password)
	bernd.Submit(`form[action="/login"]`)
	bernd.Go(invitation)
	bernd.CheckAll(t)
	bernd.Submit(`main form[method="post"]`)
	if bernd.URL() != orgURL {
		t.Fatalf("after accepting: %s", bernd.URL())
	}
	b.Go(orgURL + "/members")
	if !strings.Contains(b.Text("main table"), "Bernd") {
		t.Errorf("Bernd is not listed as a member")
	}

	b.Go(e.URL + "/settings")
	b.CheckAll(t)
	b.Go(e.URL + "/settings/export")
	b.CheckAll(t)
	exported := browsertest.Eval[string](b.Page, `fetch("/settings/export.json").then(r => r.text())`)
	var export map[string]any
	if err := json.Unmarshal([]byte(exported), &export); err != nil {
		t.Fatalf("export is not JSON: %v", err)
	}
	if !strings.Contains(exported, "amal@example.org") || !strings.Contains(exported, "بيت الجيرة كاسل") {
		t.Errorf("the export lacks the account or the organisation:\n%s", exported)
	}
}

// TestLayoutInEveryLanguage checks the shared layout (header, language
// picker, footer) in every language: no sideways scrolling at 320 px, no
// axe violation, keyboard reachable.
func TestLayoutInEveryLanguage(t *testing.T) {
	e := apptest.New(t, "sqlite")
	e.NewUser(t, "jonas@example.org", "Jonas", auth.Member)
	for _, lang := range i18n.Languages {
		t.Run(lang.Tag, func(t *testing.T) {
			b := browsertest.New(t)
			b.Go(e.URL + "/login")
			b.Select("#lang-select", lang.Tag)
			b.Submit("form.lang")
			b.CheckAll(t)
			b.Fill("#f-email", "jonas@example.org")
			b.Fill("#f-password", apptest.Password)
			b.Submit(`form[action="/login"]`)
			b.Select("#lang-select", lang.Tag)
			b.Submit("form.lang")
			b.Go(e.URL + "/settings")
			b.CheckAll(t)
		})
	}
}

// TestHeaderIsOneLineOnPhones checks the header at 360 px in German and
// Arabic: brand, search and menu in one line, the navigation closed behind
// the menu until it is opened, and shown inline on a desktop.
func TestHeaderIsOneLineOnPhones(t *testing.T) {
	e := apptest.New(t, "sqlite")
	for _, lang := range []string{"de", "ar"} {
		t.Run(lang, func(t *testing.T) {
			b := browsertest.New(t)
			b.Go(e.URL + "/login")
			b.Select("#lang-select", lang)
			b.Submit("form.lang")
			b.SetViewport(360, 740)
			b.Go(e.URL + "/board")
			if h := browsertest.Eval[float64](b.Page, `document.querySelector("header.site").getBoundingClientRect().height`); h > 64 {
				t.Errorf("the header is %.0f px high at 360 px, want one line (≤ 64 px)", h)
			}
			if b.Text(`header.site nav a[href="/board"]`) != "" {
				t.Error("the navigation shows before the menu is opened")
			}
			b.Click("details.menu > summary")
			b.WaitVisible(`header.site nav a[href="/board"]`)
			b.WaitVisible("#lang-select")
			b.SetViewport(1280, 800)
			b.Go(e.URL + "/board")
			if b.Text(`header.site nav a[href="/board"]`) == "" {
				t.Error("the navigation is hidden on a wide screen")
			}
			if h := browsertest.Eval[float64](b.Page, `document.querySelector("header.site").getBoundingClientRect().height`); h > 140 {
				t.Errorf("the header is %.0f px high at 1280 px, want at most three lines", h)
			}
		})
	}
}

// TestFirstContentAboveTheFoldOnPhones opens the pages a newcomer starts
// from on a 360×740 phone, in German and Arabic, with the demo content: the
// first result or the page's own content starts without scrolling, and
// nothing scrolls sideways at 320 px.
func TestFirstContentAboveTheFoldOnPhones(t *testing.T) {
	e := apptest.NewDemo(t, "sqlite")
	top := func(b *browsertest.Browser, selector string) float64 {
		return browsertest.Eval[float64](b.Page, fmt.Sprintf(
			`(() => { const el = document.querySelector(%q); return el ? el.getBoundingClientRect().top : 1e9 })()`, selector))
	}
	for _, lang := range []string{"de", "ar"} {
		t.Run(lang, func(t *testing.T) {
			b := browsertest.New(t)
			b.Go(e.URL + "/login")
			b.Select("#lang-select", lang)
			b.Submit("form.lang")
			b.Go(e.URL + "/board")
			listing := b.Attr("main .list > li a", "href")
			b.Go(e.URL + "/organizations")
			org := b.Attr("main .list > li a", "href")
			for _, c := range []struct{ path, first string }{
				{"/?near=Kassel", "main h1 + *"},
				{"/board", "main .list > li"},
				{"/search?q=Fahrrad", "main .list > li"},
				{listing, "main h1 + *"},
				{org, "main h1 + *"},
			} {
				b.SetViewport(360, 740) // the reflow check below leaves the default size
				b.Go(e.URL + c.path)
				if y := top(b, c.first); y > 700 {
					t.Errorf("%s at 360×740: the first content (%s) starts %.0f px down", c.path, c.first, y)
				}
				b.CheckNoHorizontalScroll(t)
			}
		})
	}
}

// TestCountsKeepTheirDigitsTogetherAt320 opens the network's figures at
// 320 px in German and Arabic: no count in a table or list of facts
// breaks between its digits.
func TestCountsKeepTheirDigitsTogetherAt320(t *testing.T) {
	e := apptest.NewDemo(t, "sqlite")
	const broken = `[...document.querySelectorAll("td, th, dd")].filter(el => /^\d{2,}$/.test(el.textContent.trim())).filter(el => {
		const r = document.createRange(); r.selectNodeContents(el); return r.getClientRects().length > 1 }).length`
	for _, lang := range []string{"de", "ar"} {
		b := browsertest.New(t)
		b.Go(e.URL + "/login")
		b.Select("#lang-select", lang)
		b.Submit("form.lang")
		b.SetViewport(320, 740)
		b.Go(e.URL + "/network")
		if n := browsertest.Eval[int](b.Page, broken); n > 0 {
			t.Errorf("%s: %d counts on /network break between their digits at 320 px", lang, n)
		}
	}
}
