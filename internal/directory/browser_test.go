package directory_test

import (
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/browsertest"
	"teilhabe.org/teilhabe/internal/organization"
)

func TestMain(m *testing.M) { browsertest.Main(m) }

// TestNewcomerFindsCounsellingInFarsi: a newcomer whose interface is Farsi
// finds their town, filters "open now" and "speaks Farsi", and finds the
// asylum counselling. Every page passes axe, reflows to 320 px, works with
// the keyboard and asks no other host for anything.
func TestNewcomerFindsCounsellingInFarsi(t *testing.T) {
	e := newEnv(t, "sqlite")
	e.seedDemo(t)
	reza := e.NewPersonLang(t, "reza", auth.Member, "fa")
	b := browsertest.New(t)
	b.Go(e.URL + "/login")
	b.Fill("#f-email", reza.Email)
	b.Fill("#f-password", apptest.Password)
	b.Submit(`form[action="/login"]`)

	b.Go(e.URL + "/directory")
	if b.Attr("html", "lang") != "fa" || b.Attr("html", "dir") != "rtl" {
		t.Fatalf("interface: lang=%s dir=%s", b.Attr("html", "lang"), b.Attr("html", "dir"))
	}
	b.CheckAll(t)
	b.Fill("#f-q", "Kassel")
	b.Submit(`form[action="/directory"]`)
	if !strings.HasSuffix(b.URL(), "/municipalities/06611000") {
		t.Fatalf("after searching Kassel: %s", b.URL())
	}
	b.CheckAll(t)
	all := b.Count(".card h3")

	b.Select("#f-lang", "fa")
	b.Click("#f-open")
	b.Submit(`form[role="search"]`)
	if u := b.URL(); !strings.Contains(u, "lang=fa") || !strings.Contains(u, "open=1") {
		t.Fatalf("filtered URL: %s", u)
	}
	b.CheckAll(t)
	found := b.Count(".card h3")
	if found == 0 || found >= all {
		t.Fatalf("%d of %d services after filtering", found, all)
	}
	text := b.Text("main")
	if !strings.Contains(text, "Asylverfahrensberatung") || strings.Contains(text, "Beratung auf Dari und Farsi") {
		t.Errorf("filtered list:\n%s", text)
	}
	b.Go(browsertest.Eval[string](b.Page, `Array.from(document.querySelectorAll('.card h3 a'))
		.find(a => a.textContent.includes('Asylverfahrensberatung')).href`))
	if !strings.Contains(b.Text("h1"), "Asylverfahrensberatung") {
		t.Fatalf("first result: %s", b.Text("h1"))
	}
	b.CheckAll(t)
	checkJSONLDAllowedByCSP(t, b.Page)

	for _, path := range []string{"/municipalities/06611000/print?need=legal", "/network?ags=06611000", "/partnerships",
		"/municipalities/05315000?need=health"} {
		b.Go(e.URL + path)
		b.CheckAll(t)
	}
}

// checkJSONLDAllowedByCSP shows that our Content-Security-Policy
// (script-src 'self') neither blocks nor reports a JSON-LD data block,
// while it does refuse inline script: a control that the check works.
func checkJSONLDAllowedByCSP(t *testing.T, p *browsertest.Page) {
	t.Helper()
	if n := p.Count(`script[type="application/ld+json"]`); n != 1 {
		t.Errorf("%d JSON-LD blocks on the service page", n)
	}
	// First the data block alone, then inline code as the control.
	violations := browsertest.Eval[[]int](p, `new Promise(resolve => {
		let seen = 0;
		document.addEventListener('securitypolicyviolation', () => seen++);
		const data = document.createElement('script');
		data.type = 'application/ld+json';
		data.textContent = '{"@context":"https://schema.org","@type":"Thing","name":"data"}';
		document.body.appendChild(data);
		setTimeout(() => {
			const afterData = seen;
			const code = document.createElement('script');
			code.textContent = 'window.inlineRan = true;';
			document.body.appendChild(code);
			setTimeout(() => resolve([afterData, seen]), 300);
		}, 300);
	})`)
	if violations[0] != 0 || violations[1] != 1 {
		t.Errorf("CSP reports after the JSON-LD block: %d, after inline script: %d (want 0 and 1)", violations[0], violations[1])
	}
	if browsertest.Eval[bool](p, "window.inlineRan === true") {
		t.Errorf("inline script ran despite the CSP")
	}
	parsed := browsertest.Eval[string](p, `JSON.parse(document.querySelector('script[type="application/ld+json"]').textContent)["@type"]`)
	if parsed != "Service" {
		t.Errorf("JSON-LD @type: %q", parsed)
	}
}

// TestEditorPagesInBrowser opens the editor's pages, with and without form
// errors, in German and Arabic.
func TestEditorPagesInBrowser(t *testing.T) {
	e := newEnv(t, "sqlite")
	demo := e.seedDemo(t)
	editor := e.NewPerson(t, "editor", auth.Member)
	coord := e.NewPerson(t, "koord", auth.Coordinator)
	diakonie := demo.Orgs["diakonie"]
	if err := e.Orgs.Invite(ctx, demo.Users["coordinator"], diakonie, editor.Email, organization.Editor); err != nil {
		t.Fatal(err)
	}
	secret, _ := e.LastInvitation(t, editor.Email)
	if _, err := e.Orgs.AcceptInvitation(ctx, editor.ID, secret); err != nil {
		t.Fatal(err)
	}
	locs, _ := e.Dir.LocationsOf(ctx, diakonie)
	svcs, _ := e.Dir.ServicesOf(ctx, diakonie)
	for _, lang := range []string{"de", "ar"} {
		t.Run(lang, func(t *testing.T) {
			b := editor.Browser(t, "/directory", lang)
			for _, path := range []string{"/organizations/" + diakonie, "/organizations/" + diakonie + "/services",
				"/organizations/" + diakonie + "/partners", "/services/" + svcs[0].ID + "/edit", "/locations/" + locs[0].ID,
				"/locations/" + locs[0].ID + "/edit", "/organizations/" + diakonie + "/services/new", "/partnerships/new?org=" + diakonie} {
				b.Go(e.URL + path)
				b.CheckAll(t)
			}
			b.Go(e.URL + "/locations/" + locs[0].ID + "/edit")
			b.Fill("#f-postcode", "1")
			b.Fill("#f-h1_1_opens", "1800")
			b.Submit(`main form[method="post"]`)
			b.CheckAll(t)
			b.Go(e.URL + "/organizations/" + diakonie + "/services/new")
			b.Submit(`main form[method="post"]`)
			b.CheckAll(t)

			staff := coord.Browser(t, "/directory", lang)
			for _, path := range []string{"/municipalities/new", "/municipalities/06611000/facts", "/municipalities/06611000/edit"} {
				staff.Go(e.URL + path)
				staff.CheckAll(t)
			}
		})
	}
}
