package platform_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/moderation/moderationtest"
)

// page is one request of the tour through every page.
type page struct {
	method, path string
	form         url.Values
	status       int
}

// visitorPages are the pages anybody can open, with the forms that show
// errors; adminPages need an administrator. Paths may name demo objects as
// {org:handle}.
var visitorPages = []page{
	{"GET", "/", nil, 200},
	{"GET", "/login", nil, 200},
	{"POST", "/login", url.Values{"email": {"x@example.org"}}, 401},
	{"GET", "/register", nil, 200},
	{"POST", "/register", url.Values{"email": {"bad"}}, 422},
	{"GET", "/register/done", nil, 200},
	{"GET", "/password/forgot", nil, 200},
	{"POST", "/password/forgot", url.Values{"email": {"nobody@example.org"}}, 200},
	{"GET", "/legal/imprint", nil, 200},
	{"GET", "/legal/privacy", nil, 200},
	{"GET", "/legal/terms", nil, 200},
	{"GET", "/no/such/page", nil, 404},
	{"GET", "/organizations", nil, 200},
	{"GET", "/organizations/{org:agency}", nil, 200},
	{"GET", "/search", nil, 200},
	{"GET", "/search?q=Freiwillige&type=organization&verified=true", nil, 200},
	{"GET", "/search?q=Deutsch&radius_km=500", nil, 422},
	{"GET", "/directory", nil, 200},
	{"GET", "/directory?q=99999", nil, 404},
	{"GET", "/municipalities/06611000?need=legal&open=1&lang=fa", nil, 200},
	{"GET", "/municipalities/06611000/print?need=language", nil, 200},
	{"GET", "/municipalities/06611000/print", nil, 200},
	{"GET", "/network?ags=06611000", nil, 200},
	{"GET", "/partnerships", nil, 200},
	{"GET", "/organizations/{org:agency}/services", nil, 200},
	{"GET", "/organizations/{org:agency}/partners", nil, 200},
	{"GET", "/pledges", nil, 200},
	{"GET", "/pledges?show=open&category=children&place=kassel", nil, 200},
	{"GET", "/blog", nil, 200},
	{"GET", "/board", nil, 200},
	{"GET", "/board?q=fahrrad&kind=offer&category=goods&near=34117&lang=ar&org_kind=company&verified=true", nil, 200},
	{"GET", "/board?sort=distance", nil, 422},
	{"GET", "/listings/{listing:bike_offer}", nil, 200},
}

var adminPages = []page{
	{"GET", "/settings", nil, 200},
	{"POST", "/settings/password", url.Values{"current_password": {"wrong"}}, 422},
	{"GET", "/settings/export", nil, 200},
	{"GET", "/admin", nil, 200},
	{"GET", "/admin/users", nil, 200},
	{"GET", "/admin/audit", nil, 200},
	{"GET", "/admin/mail", nil, 200},
	{"GET", "/admin/jobs", nil, 200},
	{"GET", "/admin/legal", nil, 200},
	{"GET", "/admin/legal/imprint/ar", nil, 200},
	{"GET", "/admin/organizations", nil, 200},
	{"GET", "/municipalities/new", nil, 200},
	{"POST", "/municipalities/new", url.Values{"ags": {"1"}}, 422},
	{"GET", "/municipalities/06611000/edit", nil, 200},
	{"GET", "/municipalities/06611000/facts", nil, 200},
	{"POST", "/municipalities/06611000/facts", url.Values{"label": {""}}, 422},
	{"GET", "/admin/pledges", nil, 200},
	{"GET", "/admin/moderation", nil, 200},
	{"GET", "/flags/done", nil, 200},
	{"GET", "/organizations/new", nil, 200},
}

// ownerPages are drawn by the owner of the demo volunteer centre.
var ownerPages = []page{
	{"GET", "/organizations/{org:agency}/edit", nil, 200},
	{"POST", "/organizations/{org:agency}/edit", url.Values{"name": {""}}, 422},
	{"GET", "/organizations/{org:agency}/members", nil, 200},
	{"GET", "/organizations/{org:agency}/services/new", nil, 200},
	{"POST", "/organizations/{org:agency}/services/new", url.Values{"name": {""}}, 422},
	{"GET", "/organizations/{org:agency}/locations/new", nil, 200},
	{"POST", "/organizations/{org:agency}/locations/new", url.Values{"postcode": {"1"}}, 422},
	{"GET", "/partnerships/new?org={org:agency}", nil, 200},
	{"POST", "/partnerships/new", url.Values{"org": {""}}, 422},
	{"GET", "/pledges/new", nil, 200},
	{"POST", "/pledges/new", url.Values{"promise": {""}}, 422},
	{"GET", "/me/pledges", nil, 200},
	{"GET", "/listings/new", nil, 200},
	{"POST", "/listings/new", url.Values{"kind": {"offer"}, "postcode": {"1"}}, 422},
	{"GET", "/me/listings", nil, 200},
	{"GET", "/listings/{listing:homework_volunteers}", nil, 200},
	{"GET", "/listings/{listing:homework_volunteers}/edit", nil, 200},
	{"POST", "/listings/{listing:homework_volunteers}/edit", url.Values{"title": {""}}, 422},
	{"GET", "/listings/{listing:homework_volunteers}/respond", nil, 200},
	{"GET", "/listings/{listing:homework_volunteers}/thanks", nil, 200},
	{"GET", "/listings/{listing:german_tandem}/respond", nil, 200},
	{"POST", "/listings/{listing:german_tandem}/responses", url.Values{"body": {""}}, 422},
	{"GET", "/me/responses", nil, 200},
	{"GET", "/me/searches", nil, 200},
	{"POST", "/me/searches", url.Values{"q": {"Fahrrad"}, "name": {strings.Repeat("x", 81)}}, 422},
}

// resetPeople get one reset link each: one person per language keeps the
// tour under the per-account limit of reset mails.
var resetPeople = map[string]string{
	"de": "jonas", "en": "chris", "ar": "amal", "fa": "reza", "uk": "olena", "tr": "yusuf",
}

func (p page) resolve(d *app.Demo) string {
	path := p.path
	for handle, id := range d.Orgs {
		path = strings.ReplaceAll(path, "{org:"+handle+"}", id)
	}
	for handle, id := range d.Listings {
		path = strings.ReplaceAll(path, "{listing:"+handle+"}", id)
	}
	return path
}

// TestEveryPageInEveryLanguage renders every page in every interface
// language and fails on a missing message, a wrong lang/dir, or a page
// template that no request drew.
func TestEveryPageInEveryLanguage(t *testing.T) {
	e := apptest.New(t, "sqlite")
	ctx := context.Background()
	demo, err := e.P.SeedDemoIfEmpty(ctx)
	if err != nil || demo == nil {
		t.Fatalf("demo content: %v", err)
	}
	admin := demoLogin(t, e, "admin")
	owner := demoLogin(t, e, "sabine")
	flagged := moderationItem(t, e)
	conversations := conversationPages(t, owner, demo)
	directoryTour := directoryPages(t, owner, demo)
	extend := listingExtendPage(t, e)
	extend = append(extend, savedSearchPages(t, e)...)
	pledgeTours := pledgePages(t, e, admin, owner)
	for _, lang := range i18n.Languages {
		t.Run(lang.Tag, func(t *testing.T) {
			e.Clock.Advance(time.Hour) // a new window for the reset rate limits
			visitor := e.Client(t)
			visitor.Lang = lang.Tag
			admin.Post("/language", url.Values{"lang": {lang.Tag}})
			owner.Post("/language", url.Values{"lang": {lang.Tag}})
			tour(t, visitor, visitorPages, demo, lang)
			tour(t, admin, adminPages, demo, lang)
			tour(t, owner, ownerPages, demo, lang)
			tour(t, admin, moderationPages(flagged), demo, lang)
			tour(t, owner, conversations, demo, lang)
			tour(t, owner, directoryTour, demo, lang)
			tour(t, visitor, extend, demo, lang)
			for _, pt := range pledgeTours {
				pt.c.Post("/language", url.Values{"lang": {lang.Tag}})
				tour(t, pt.c, pt.pages, demo, lang)
			}

			// Pages behind mailed links need fresh links.
			person := resetPeople[lang.Tag] + "@demo.teilhabe.example"
			visitor.Post("/password/forgot", url.Values{"email": {person}})
			reset := mailedURL(t, e, person, e.URL+"/password/reset/")
			invitee := "invitee-" + lang.Tag + "@example.org"
			owner.Post(page{path: "/organizations/{org:agency}/members/invite"}.resolve(demo), url.Values{"email": {invitee}, "role": {"editor"}})
			invitation := e.MailTo(t, invitee).FirstURL(e.URL + "/invitations/")
			tour(t, visitor, []page{{"GET", strings.TrimPrefix(reset, e.URL), nil, 200}}, demo, lang)
			tour(t, admin, []page{{"GET", strings.TrimPrefix(invitation, e.URL), nil, 200}}, demo, lang)
			mailPage := regexp.MustCompile(`href="(/admin/mail/[0-9a-f-]{36})"`).FindStringSubmatch(admin.Get("/admin/mail").Body)
			if mailPage == nil {
				t.Fatal("no mail in the outbox")
			}
			tour(t, admin, []page{{"GET", mailPage[1], nil, 200}}, demo, lang)
		})
	}
	if missing := e.P.Services.Catalog.Missing(); len(missing) > 0 {
		t.Errorf("messages asked for but missing:\n  %s", strings.Join(missing, "\n  "))
	}
	if left := e.P.Services.Render.Unrendered(); len(left) > 0 {
		t.Errorf("pages no request drew (add them to the tour): %v", left)
	}
}

func demoLogin(t *testing.T, e *apptest.Env, name string) *apptest.Client {
	t.Helper()
	c := e.Client(t)
	email := name + "@demo.teilhabe.example"
	if res := c.Post("/login", url.Values{"email": {email}, "password": {account.DemoPassword}}); res.Status != http.StatusSeeOther {
		t.Fatalf("login as %s: %d", email, res.Status)
	}
	return c
}

func tour(t *testing.T, c *apptest.Client, pages []page, demo *app.Demo, lang i18n.Language) {
	t.Helper()
	want := fmt.Sprintf(`<html lang="%s" dir="%s">`, lang.Tag, lang.Dir)
	for _, p := range pages {
		path := p.resolve(demo)
		var res *apptest.Response
		if p.method == "POST" {
			res = c.Post(path, p.form)
		} else {
			res = c.Get(path)
		}
		if res.Status != p.status {
			t.Errorf("%s %s: status %d, want %d", p.method, path, res.Status, p.status)
			continue
		}
		if !strings.Contains(res.Body, want) {
			t.Errorf("%s %s: no %s", p.method, path, want)
		}
		if strings.Contains(res.Body, "<no value>") {
			t.Errorf("%s %s: a template printed <no value>", p.method, path)
		}
	}
}

// moderationItem registers a moderated kind of its own over a test table
// and returns an item of it, flagged, beside a held one, so the flag form
// and a full queue are drawn. (Modules' own kinds come with their pages.)
func moderationItem(t *testing.T, e *apptest.Env) string {
	t.Helper()
	var mod *moderation.Module
	for _, m := range e.P.App.Modules {
		if mm, ok := m.(*moderation.Module); ok {
			mod = mm
		}
	}
	items := moderationtest.New(t, e.P.DB, "tour")
	mod.Register(items)
	owner := e.NewUser(t, "tour-owner@example.org", "Tour", auth.Member)
	reporter := e.NewUser(t, "tour-reporter@example.org", "Tour", auth.Member)
	id := items.Create(t, owner.ID, "Winterjacken", "Abholung in Kassel")
	if err := mod.Flag(context.Background(), reporter.ID, "tour", id, "spam", "Werbung"); err != nil {
		t.Fatal(err)
	}
	items.CreateHeld(t, mod, owner.ID, "Fahrräder", "www.example.org")
	return id
}

func moderationPages(item string) []page {
	return []page{
		{"GET", "/flags/new?kind=tour&id=" + item, nil, 200},
		{"POST", "/flags", url.Values{"kind": {"tour"}, "id": {item}}, 422},
	}
}

// conversationPages are the demo volunteer centre's conversation with a
// newcomer, as its owner sees it: the list, the conversation, its forms
// with errors, the block confirmation and the report form of a message.
func conversationPages(t *testing.T, owner *apptest.Client, demo *app.Demo) []page {
	t.Helper()
	list := owner.Get("/conversations").Body
	conv := regexp.MustCompile(`href="(/conversations/[0-9a-f-]{36})"`).FindStringSubmatch(list)
	if conv == nil {
		t.Fatalf("the demo owner has no conversation:\n%s", list)
	}
	report := regexp.MustCompile(`href="(/flags/new\?kind=message&amp;id=[0-9a-f-]{36})"`).FindStringSubmatch(owner.Get(conv[1]).Body)
	if report == nil {
		t.Fatal("the demo conversation has no message to report")
	}
	return []page{
		{"GET", "/conversations", nil, 200},
		{"POST", "/conversations/settings", url.Values{"notify": {"fax"}}, 422},
		{"GET", conv[1], nil, 200},
		{"POST", conv[1] + "/messages", url.Values{"body": {" "}}, 422},
		{"GET", conv[1] + "/block/" + demo.Users["newcomer_uk"], nil, 200},
		{"GET", strings.ReplaceAll(report[1], "&amp;", "&"), nil, 200},
	}
}

// listingExtendPage runs the jobs, so the demo listings that end within
// three days get their reminders, and returns the page that the link of
// one of them opens (opening it changes nothing).
func listingExtendPage(t *testing.T, e *apptest.Env) []page {
	t.Helper()
	if err := e.P.App.Jobs.RunDue(context.Background()); err != nil {
		t.Fatal(err)
	}
	var text string
	err := e.P.DB.QueryRowContext(context.Background(), `SELECT body_text FROM mail_outbox
		WHERE body_text LIKE '%/extend/%' ORDER BY created_at, id LIMIT 1`).Scan(&text)
	if err != nil {
		t.Fatalf("no reminder of a demo listing: %v", err)
	}
	link := regexp.MustCompile(`/listings/[0-9a-f-]{36}/extend/[A-Za-z0-9_-]+`).FindString(text)
	return []page{{"GET", link, nil, 200}}
}

// savedSearchPages are the pages a digest's unsubscribe link opens: the
// demo's saved searches are mailed on the first run of the jobs.
func savedSearchPages(t *testing.T, e *apptest.Env) []page {
	t.Helper()
	var text string
	err := e.P.DB.QueryRowContext(context.Background(), `SELECT body_text FROM mail_outbox
		WHERE body_text LIKE '%/searches/unsubscribe/%' ORDER BY created_at, id LIMIT 1`).Scan(&text)
	if err != nil {
		t.Fatalf("no digest of a demo saved search: %v", err)
	}
	link := regexp.MustCompile(`/searches/unsubscribe/[A-Za-z0-9_-]+`).FindString(text)
	return []page{{"GET", link, nil, 200}, {"POST", link, url.Values{"digest": {"off"}}, 200},
		{"POST", link, url.Values{"digest": {"on"}}, 200}}
}

// pledgeTour is a person's requests through the pledge pages.
type pledgeTour struct {
	c     *apptest.Client
	pages []page
}

var (
	uuidPath    = `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`
	declineLink = regexp.MustCompile(`/admin/pledges/` + uuidPath + `/decline`)
	answerLink  = regexp.MustCompile(`/pledges/` + uuidPath + `/questions/` + uuidPath + `/answer`)
	pledgeLink  = regexp.MustCompile(`^/pledges/(` + uuidPath + `)`)
	reportLink  = regexp.MustCompile(`/blog/` + uuidPath)
	tabletsLink = regexp.MustCompile(`href="(/pledges/` + uuidPath + `)" lang="de" dir="ltr">20 Tablets`)
)

// pledgePages finds the demo's pledges through the pages and plays one
// more through to success, so that every pledge page has something to
// show: the company's open pledge with a question to answer, the
// volunteer's pledge waiting for approval, the agency's published report,
// a draft and a redeemed pledge still without report.
func pledgePages(t *testing.T, e *apptest.Env, admin, owner *apptest.Client) []pledgeTour {
	t.Helper()
	company := demoLogin(t, e, "chris")
	tablets := tabletsLink.FindStringSubmatch(company.Get("/me/pledges").Body)
	if tablets == nil {
		t.Fatal("no demo pledge of the company")
	}
	answer := answerLink.FindString(company.Get(tablets[1]).Body)
	decline := declineLink.FindString(admin.Get("/admin/pledges").Body)
	report := reportLink.FindString(owner.Get("/blog").Body)
	draft := owner.Post(tablets[1]+"/copy", nil).Location()
	res := company.Post("/pledges/new", url.Values{"promise": {"Regale"}, "needed": {"1"}, "who": {"Initiative"},
		"condition": {"sie aufbaut"}, "deadline": {e.Clock.Now().Add(240 * time.Hour).Format("2006-01-02")},
		"category": {"housing.furnishing"}, "content_lang": {"de"}, "auto_confirm": {"1"}, "then": {"submit"}})
	shelves := pledgeLink.FindString(res.Location())
	admin.Post("/admin"+shelves+"/approve", nil)
	owner.Post(shelves+"/signups", url.Values{"note": {"Wir bauen sie auf."}})
	company.Post(shelves+"/close", nil)
	if answer == "" || decline == "" || report == "" || draft == "" || shelves == "" {
		t.Fatalf("demo pledges not found: %q %q %q %q %q", answer, decline, report, draft, shelves)
	}
	return []pledgeTour{
		{company, []page{
			{"GET", tablets[1], nil, 200},
			{"GET", answer, nil, 200},
			{"POST", answer, url.Values{"answer": {""}}, 422},
			{"GET", shelves, nil, 200},
		}},
		{admin, []page{
			{"GET", decline, nil, 200},
			{"POST", decline, url.Values{"reason": {""}}, 422},
			{"GET", strings.TrimSuffix(strings.TrimPrefix(decline, "/admin"), "/decline"), nil, 200},
		}},
		{owner, []page{
			{"GET", report, nil, 200},
			{"GET", report + "/edit", nil, 200},
			{"POST", report + "/edit", url.Values{"title": {""}}, 422},
			{"GET", draft, nil, 200},
			{"POST", strings.TrimSuffix(draft, "/edit") + "/edit", url.Values{"who": {""}}, 422},
			{"GET", shelves + "/report", nil, 200},
			{"POST", shelves + "/report", url.Values{"title": {""}}, 422},
			{"POST", tablets[1] + "/questions", url.Values{"question": {""}}, 422},
		}},
	}
}

// mailedURL returns the first link starting with prefix in the next mails
// to addr, passing over other mails the demo sent them (reminders,
// notifications).
func mailedURL(t *testing.T, e *apptest.Env, addr, prefix string) string {
	t.Helper()
	for range 50 {
		if u := e.MailTo(t, addr).FirstURL(prefix); u != "" {
			return u
		}
	}
	t.Fatalf("no mail to %s with a link %s", addr, prefix)
	return ""
}

// directoryPages are the directory's pages of one of the volunteer centre's
// services, locations and partnerships, found on its directory page.
func directoryPages(t *testing.T, owner *apptest.Client, demo *app.Demo) []page {
	t.Helper()
	body := owner.Get(page{path: "/organizations/{org:agency}/services"}.resolve(demo)).Body
	find := func(prefix string) string {
		m := regexp.MustCompile(prefix + `[0-9a-f-]{36}`).FindString(body)
		if m == "" {
			t.Fatalf("no %s on the volunteer centre's directory page", prefix)
		}
		return m
	}
	service, location, partnership := find("/services/"), find("/locations/"), find("/partnerships/")
	return []page{
		{"GET", service, nil, 200},
		{"GET", service + "/edit", nil, 200},
		{"POST", service + "/edit", url.Values{"name": {""}}, 422},
		{"GET", location, nil, 200},
		{"POST", location + "/closures", url.Values{"first": {"x"}}, 422},
		{"GET", location + "/edit", nil, 200},
		{"POST", location + "/edit", url.Values{"postcode": {"1"}}, 422},
		{"GET", partnership, nil, 200},
	}
}
