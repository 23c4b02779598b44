package pledge_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/pledge"
)

// demoEnv is an env with the accounts', organisations' and pledges' demo
// content.
type demoEnv struct {
	*env
	demo    *app.Demo
	pledges map[string]*pledge.Pledge // by the start of the promise
	report  string                    // the demo's published report
}

func newDemoEnv(t *testing.T) *demoEnv {
	t.Helper()
	e := newEnv(t, "sqlite")
	d := &demoEnv{env: e, demo: app.NewDemo(), pledges: map[string]*pledge.Pledge{}}
	for _, s := range []app.Seeder{e.P.Accounts, e.Orgs, e.Pledges} {
		if err := s.SeedDemo(ctx, d.demo); err != nil {
			t.Fatalf("demo: %v", err)
		}
	}
	staff := &auth.Identity{UserID: d.demo.Users["coordinator"], Role: auth.Coordinator}
	for _, handle := range []string{"company", "mso_tr", "municipality", "volunteer"} {
		mine, err := e.Pledges.Mine(ctx, d.demo.Users[handle])
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range mine {
			d.pledges[strings.Fields(p.Promise)[0]] = p
		}
	}
	for _, want := range []string{"20", "derneğimizin", "die", "zwei"} {
		if d.pledges[want] == nil {
			t.Fatalf("demo lacks the pledge %q: %v", want, d.pledges)
		}
	}
	r, err := e.Blog.Of(ctx, staff, "pledge", d.pledges["die"].ID)
	if err != nil || !r.Published() || !r.Featured {
		t.Fatalf("demo report: %+v %v", r, err)
	}
	d.report = r.ID
	return d
}

// login logs a demo person in.
func (d *demoEnv) login(t *testing.T, email string) *apptest.Client {
	t.Helper()
	c := d.Client(t)
	if res := c.Post("/login", url.Values{"email": {email}, "password": {account.DemoPassword}}); res.Status != http.StatusSeeOther {
		t.Fatalf("login as %s: %d", email, res.Status)
	}
	return c
}

// TestDemo checks what the demo shows: open pledges with progress, one
// redeemed with a published report, one waiting for approval.
func TestDemo(t *testing.T) {
	d := newDemoEnv(t)
	tablets, bikes := d.pledges["20"], d.pledges["die"]
	if tablets.Status != pledge.Active || tablets.Confirmed != 1 || tablets.Pending != 1 || tablets.OrgID != d.demo.Orgs["company"] {
		t.Errorf("tablets: %+v", tablets)
	}
	if bikes.Status != pledge.Successful || bikes.ConversationID == "" {
		t.Errorf("bikes: %+v", bikes)
	}
	if d.pledges["zwei"].Status != pledge.Submitted || d.pledges["derneğimizin"].Lang != "tr" {
		t.Error("demo pledges not as described")
	}
	res := d.Client(t).Get("/pledges/" + d.pledges["derneğimizin"].ID)
	apptest.Contains(t, "Turkish pledge", res.Body, `<p class="lead" lang="tr" dir="ltr">Söz veriyoruz: derneğimizin salonunu`)
	res = d.Client(t).Get("/blog")
	apptest.Contains(t, "blog", res.Body, "Zehn Räder, viele neue Schrauberinnen", `id="s-featured"`)
}

// TestEveryPageInEveryLanguage draws each page of the module, with and
// without form errors, in every interface language, and fails on a
// message that does not exist, a template that printed nothing, or a page
// no request drew.
func TestEveryPageInEveryLanguage(t *testing.T) {
	d := newDemoEnv(t)
	company := d.login(t, "chris@demo.teilhabe.example")
	volunteer := d.login(t, "jonas@demo.teilhabe.example")
	agency := d.login(t, "sabine@demo.teilhabe.example")
	staff := d.login(t, "koordination@demo.teilhabe.example")
	amal := d.login(t, "amal@demo.teilhabe.example")
	tablets, bikes, homework := d.pledges["20"], d.pledges["die"], d.pledges["zwei"]

	// A draft of the company's, and a redeemed pledge still without report.
	companyID := &auth.Identity{UserID: d.demo.Users["company"], Name: "Chris", Lang: "en"}
	draft, err := d.Pledges.Copy(ctx, companyID, bikes.ID)
	if err != nil {
		t.Fatal(err)
	}
	shelves := d.active(t, &apptest.Person{User: &account.User{ID: d.demo.Users["company"], Role: auth.Member, Lang: "de"}},
		&apptest.Person{User: &account.User{ID: d.demo.Users["coordinator"], Role: auth.Coordinator, Lang: "de"}}, 5, func(tm *pledge.Terms) {
			tm.Needed, tm.AutoConfirm, tm.Promise = 1, true, "Regale"
		})
	if _, err := d.Pledges.SignUp(ctx, &auth.Identity{UserID: d.demo.Users["volunteer"], Name: "Jonas"}, shelves.ID,
		pledge.SignupInput{Note: "Ich baue sie auf."}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Pledges.Close(ctx, companyID, shelves.ID); err != nil {
		t.Fatal(err)
	}
	questions, _ := d.Pledges.Questions(ctx, tablets.ID)
	answer := fmt.Sprintf("/pledges/%s/questions/%s/answer", tablets.ID, questions[0].ID)

	type page struct {
		who          *apptest.Client // nil: a visitor
		method, path string
		form         url.Values
		status       int
	}
	pages := []page{
		{nil, "GET", "/pledges", nil, 200},
		{nil, "GET", "/pledges?show=open&category=children&place=kassel", nil, 200},
		{nil, "GET", "/pledges/" + tablets.ID, nil, 200},
		{nil, "GET", "/pledges/" + bikes.ID, nil, 200},
		{nil, "GET", "/pledges/" + tablets.ID + "/flyer", nil, 200},
		{nil, "GET", "/blog", nil, 200},
		{nil, "GET", "/blog/" + d.report, nil, 200},
		{company, "GET", "/pledges/" + tablets.ID, nil, 200},
		{company, "GET", "/pledges/new", nil, 200},
		{company, "POST", "/pledges/new", apptest.Form("promise", "", "needed", "x", "deadline", "gestern"), 422},
		{company, "GET", "/pledges/" + draft.ID, nil, 200},
		{company, "GET", "/pledges/" + draft.ID + "/edit", nil, 200},
		{company, "POST", "/pledges/" + draft.ID + "/edit", apptest.Form("who", ""), 422},
		{company, "GET", "/me/pledges", nil, 200},
		{company, "GET", answer, nil, 200},
		{company, "POST", answer, apptest.Form("answer", ""), 422},
		{company, "GET", "/pledges/" + shelves.ID, nil, 200},
		{volunteer, "GET", "/pledges/" + homework.ID, nil, 200},
		{volunteer, "GET", "/pledges/" + tablets.ID, nil, 200},
		{volunteer, "GET", "/me/pledges", nil, 200},
		{volunteer, "GET", "/pledges/" + shelves.ID + "/report", nil, 200},
		{volunteer, "POST", "/pledges/" + shelves.ID + "/report", apptest.Form("title", "", "text", "x"), 422},
		{amal, "POST", "/pledges/" + tablets.ID + "/signups", apptest.Form("note", ""), 422},
		{amal, "POST", "/pledges/" + tablets.ID + "/questions", apptest.Form("question", ""), 422},
		{agency, "GET", "/blog/" + d.report, nil, 200},
		{agency, "GET", "/blog/" + d.report + "/edit", nil, 200},
		{agency, "POST", "/blog/" + d.report + "/edit", apptest.Form("title", ""), 422},
		{staff, "GET", "/admin/pledges", nil, 200},
		{staff, "GET", "/pledges/" + homework.ID, nil, 200},
		{staff, "GET", "/admin/pledges/" + homework.ID + "/decline", nil, 200},
		{staff, "POST", "/admin/pledges/" + homework.ID + "/decline", apptest.Form("reason", ""), 422},
		{staff, "GET", "/blog/" + d.report, nil, 200},
	}
	for _, lang := range i18n.Languages {
		t.Run(lang.Tag, func(t *testing.T) {
			visitor := d.Client(t)
			visitor.Lang = lang.Tag
			for _, c := range []*apptest.Client{company, volunteer, agency, staff, amal} {
				c.Post("/language", apptest.Form("lang", lang.Tag))
			}
			want := fmt.Sprintf(`<html lang="%s" dir="%s">`, lang.Tag, lang.Dir)
			for _, p := range pages {
				c := visitor
				if p.who != nil {
					c = p.who
				}
				var res *apptest.Response
				if p.method == http.MethodPost {
					res = c.Post(p.path, p.form)
				} else {
					res = c.Get(p.path)
				}
				if res.Status != p.status {
					t.Errorf("%s %s: %d, want %d\n%.1500s", p.method, p.path, res.Status, p.status, res.Body)
				}
				if !strings.Contains(res.Body, want) {
					t.Errorf("%s %s: no %s", p.method, p.path, want)
				}
				if strings.Contains(res.Body, "<no value>") || strings.Contains(res.Body, ">pledge.") || strings.Contains(res.Body, "\"pledge.") {
					t.Errorf("%s %s: a value or message is missing", p.method, p.path)
				}
			}
			feed := visitor.Get("/blog?format=atom")
			if feed.Status != 200 || !strings.Contains(feed.Body, "Zehn Räder") {
				t.Errorf("feed: %d", feed.Status)
			}
		})
	}
	var missing []string
	for _, m := range d.P.Services.Catalog.Missing() {
		if strings.Contains(m, ":pledge.") {
			missing = append(missing, m)
		}
	}
	if len(missing) > 0 {
		t.Errorf("messages asked for but missing:\n  %s", strings.Join(missing, "\n  "))
	}
	for _, p := range d.P.Services.Render.Unrendered() {
		if strings.HasPrefix(p, "pledge/") {
			t.Errorf("no request drew %s", p)
		}
	}
}
