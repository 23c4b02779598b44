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
	{"GET", "/admin/moderation", nil, 200},
	{"GET", "/flags/done", nil, 200},
	{"GET", "/organizations/new", nil, 200},
}

// ownerPages are drawn by the owner of the demo volunteer centre.
var ownerPages = []page{
	{"GET", "/organizations/{org:agency}/edit", nil, 200},
	{"POST", "/organizations/{org:agency}/edit", url.Values{"name": {""}}, 422},
	{"GET", "/organizations/{org:agency}/members", nil, 200},
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

			// Pages behind mailed links need fresh links.
			person := resetPeople[lang.Tag] + "@demo.teilhabe.example"
			visitor.Post("/password/forgot", url.Values{"email": {person}})
			reset := e.MailTo(t, person).FirstURL(e.URL + "/password/reset/")
			invitee := "invitee-" + lang.Tag + "@example.org"
			owner.Post(page{path: "/organizations/{org:agency}/members/invite"}.resolve(demo), url.Values{"email": {invitee}, "role": {"editor"}})
			invitation := e.MailTo(t, invitee).FirstURL(e.URL + "/invitations/")
			tour(t, visitor, []page{{"GET", strings.TrimPrefix(reset, e.URL), nil, 200}}, demo, lang)
			tour(t, admin, []page{{"GET", strings.TrimPrefix(invitation, e.URL), nil, 200}}, demo, lang)
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
