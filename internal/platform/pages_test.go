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
	"teilhabe.org/teilhabe/internal/conformance"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/moderation/moderationtest"
)

// TestEveryPageInEveryLanguage renders every page of every module
// (app.Toured) in every interface language and fails on a missing
// message, a wrong lang/dir, or a page template that no request drew.
func TestEveryPageInEveryLanguage(t *testing.T) {
	e := apptest.New(t, "sqlite")
	demo, err := e.P.SeedDemoIfEmpty(context.Background())
	if err != nil || demo == nil {
		t.Fatalf("demo content: %v", err)
	}
	tr := &tour{t: t, e: e, demo: demo, clients: map[string]*apptest.Client{}, html: map[string]string{}}
	pages := moderationPages(moderationItem(t, e))
	for _, m := range e.P.App.Modules {
		if tm, ok := m.(app.Toured); ok {
			ps, err := tm.TourPages(tr)
			if err != nil {
				t.Fatalf("the tour of %s: %v", m.Name(), err)
			}
			pages = append(pages, ps...)
		}
	}
	for _, lang := range i18n.Languages {
		t.Run(lang.Tag, func(t *testing.T) {
			e.Clock.Advance(time.Hour) // a new window for the reset rate limits
			tr.t = t
			tr.speak(lang.Tag)
			for _, p := range pages {
				tr.visit(p, lang)
			}
		})
	}
	if missing := e.P.Services.Catalog.Missing(); len(missing) > 0 {
		t.Errorf("messages asked for but missing:\n  %s", strings.Join(missing, "\n  "))
	}
	if left := e.P.Services.Render.Unrendered(); len(left) > 0 {
		t.Errorf("pages no request drew (add them to their module's TourPages): %v", left)
	}
	validateTourHTML(t, tr.html)
}

// validateTourHTML runs the Nu HTML checker over the pages of the tour and reports
// each error once for all the languages it appears in.
func validateTourHTML(t *testing.T, pages map[string]string) {
	langs := map[string][]string{}
	var order []string
	for _, bad := range conformance.CheckHTML(t, pages) {
		lang, page, _ := strings.Cut(bad.Page, " ")
		key := page + ": " + bad.Message
		if langs[key] == nil {
			order = append(order, key)
		}
		langs[key] = append(langs[key], lang)
	}
	for _, key := range order {
		t.Errorf("Nu HTML checker (%s): %s", strings.Join(langs[key], " "), key)
	}
	t.Logf("Nu HTML checker: %d pages, %d errors", len(pages), len(order))
}

// describedPage matches the description search engines and link previews
// show of a page.
var describedPage = regexp.MustCompile(`<meta name="description" content="[^"]{20,}">`)

// tour is the running platform as modules find their pages on it
// (app.Tour): one client per demo person, logged in when first needed.
type tour struct {
	t       *testing.T
	e       *apptest.Env
	demo    *app.Demo
	lang    string
	clients map[string]*apptest.Client // by demo handle; "" the visitor
	html    map[string]string          // the HTML pages drawn, by language, method and path, for the Nu HTML checker
}

func (tr *tour) Demo() *app.Demo { return tr.demo }

func (tr *tour) Get(as, path string) (int, string) {
	res := tr.client(as).Get(tr.resolve(path))
	return res.Status, res.Body
}

func (tr *tour) Post(as, path string, form url.Values) (int, string) {
	res := tr.client(as).Post(tr.resolve(path), form)
	return res.Status, res.Location()
}

func (tr *tour) MailText(s string) (string, error) {
	var text string
	err := tr.e.P.DB.QueryRowContext(context.Background(), `SELECT body_text FROM mail_outbox
		WHERE body_text LIKE $1 ORDER BY created_at, id LIMIT 1`, "%"+s+"%").Scan(&text)
	if err != nil {
		return "", fmt.Errorf("no mail with %q: %w", s, err)
	}
	return text, nil
}

// MailedLink passes over other mails to address (reminders,
// notifications of the demo).
func (tr *tour) MailedLink(address, prefix string) (string, error) {
	for range 50 {
		if u := tr.e.MailTo(tr.t, address).FirstURL(tr.e.URL + prefix); u != "" {
			return strings.TrimPrefix(u, tr.e.URL), nil
		}
	}
	return "", fmt.Errorf("no mail to %s with a link %s", address, prefix)
}

func (tr *tour) RunJobs() error { return tr.e.P.App.Jobs.RunDue(context.Background()) }

// client returns the client of a demo person, logged in and speaking the
// tour's language.
func (tr *tour) client(as string) *apptest.Client {
	if c, ok := tr.clients[as]; ok {
		return c
	}
	c := tr.e.Client(tr.t)
	if as != "" {
		contact, err := tr.e.P.Accounts.ContactByID(context.Background(), tr.demo.Users[as])
		if err != nil {
			tr.t.Fatalf("demo person %q: %v", as, err)
		}
		res := c.Post("/login", url.Values{"email": {contact.Email}, "password": {account.DemoPassword}})
		if res.Status != http.StatusSeeOther {
			tr.t.Fatalf("login as %s: %d", contact.Email, res.Status)
		}
	}
	tr.clients[as] = c
	if tr.lang != "" {
		tr.switchTo(as, c)
	}
	return c
}

// speak switches every client to lang; the visitor starts afresh.
func (tr *tour) speak(lang string) {
	tr.lang = lang
	delete(tr.clients, "")
	for as, c := range tr.clients {
		tr.switchTo(as, c)
	}
}

func (tr *tour) switchTo(as string, c *apptest.Client) {
	c.Lang = tr.lang
	if as != "" {
		c.Post("/language", url.Values{"lang": {tr.lang}})
	}
}

// resolve fills in the demo objects a path names as {org:handle} or
// {listing:handle}.
func (tr *tour) resolve(path string) string {
	for handle, id := range tr.demo.Orgs {
		path = strings.ReplaceAll(path, "{org:"+handle+"}", id)
	}
	for handle, id := range tr.demo.Listings {
		path = strings.ReplaceAll(path, "{listing:"+handle+"}", id)
	}
	return path
}

// visit requests p in lang and checks the page.
func (tr *tour) visit(p app.TourPage, lang i18n.Language) {
	t := tr.t
	t.Helper()
	path := p.Path
	if p.Fresh != nil {
		var err error
		if path, err = p.Fresh(tr, lang.Tag); err != nil {
			t.Errorf("%s %v", p.Method, err)
			return
		}
	}
	path = tr.resolve(path)
	if path == "" {
		t.Errorf("%s: a page of the tour without path", p.Method)
		return
	}
	var res *apptest.Response
	if p.Method == http.MethodPost {
		res = tr.client(p.As).Post(path, p.Form)
	} else {
		res = tr.client(p.As).Get(path)
	}
	if res.Status != p.Status {
		t.Errorf("%s %s as %q: status %d, want %d", p.Method, path, p.As, res.Status, p.Status)
		return
	}
	if want := fmt.Sprintf(`<html lang="%s" dir="%s">`, lang.Tag, lang.Dir); !strings.Contains(res.Body, want) {
		t.Errorf("%s %s: no %s", p.Method, path, want)
	}
	if strings.Contains(res.Body, "<no value>") {
		t.Errorf("%s %s: a template printed <no value>", p.Method, path)
	}
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		tr.html[lang.Tag+" "+p.Method+" "+path] = res.Body
		if !describedPage.MatchString(res.Body) {
			t.Errorf("%s %s: no <meta name=\"description\"> with a text", p.Method, path)
		}
	}
}

// moderationItem registers a moderated kind of its own over a test table
// and returns an item of it, flagged, beside a held one, so the flag form
// and a full queue are drawn. (Modules' own kinds come with their pages.)
func moderationItem(t *testing.T, e *apptest.Env) string {
	t.Helper()
	mod := apptest.Module[*moderation.Module](t, e)
	items := moderationtest.New(t, e.P.DB, "tour")
	if err := mod.Register(items); err != nil {
		t.Fatal(err)
	}
	owner := e.NewUser(t, "tour-owner@example.org", "Tour", auth.Member)
	reporter := e.NewUser(t, "tour-reporter@example.org", "Tour", auth.Member)
	id := items.Create(t, owner.ID, "Winterjacken", "Abholung in Kassel")
	if err := mod.Flag(context.Background(), reporter.ID, "tour", id, "spam", "Werbung"); err != nil {
		t.Fatal(err)
	}
	items.CreateHeld(t, mod, owner.ID, "Fahrräder", "www.example.org")
	return id
}

func moderationPages(item string) []app.TourPage {
	return []app.TourPage{
		app.TourGet("admin", "/flags/new?kind=tour&id="+item, 200),
		app.TourPost("admin", "/flags", url.Values{"kind": {"tour"}, "id": {item}}, 422),
	}
}
