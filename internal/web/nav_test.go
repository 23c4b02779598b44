package web

import (
	"context"
	"errors"
	"html/template"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/i18n"
)

// testRenderer is a renderer with the layout's messages and the pages of
// a module "test"; prepare adds navigation, assets or functions before
// the templates are parsed.
func testRenderer(t *testing.T, pages fstest.MapFS, prepare func(r *Renderer) error) *Renderer {
	t.Helper()
	cat := i18n.NewCatalog()
	if err := cat.Load("web", Messages()); err != nil {
		t.Fatal(err)
	}
	r := NewRenderer(cat, nil, clock.NewFake(utc("2026-03-02T08:00:00Z")), slog.New(slog.NewTextHandler(io.Discard, nil)))
	r.Add("test", pages)
	if prepare != nil {
		if err := prepare(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := r.Parse(); err != nil {
		t.Fatal(err)
	}
	return r
}

func draw(r *Renderer, page string, who *auth.Identity) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	if who != nil {
		req = req.WithContext(auth.With(req.Context(), who))
	}
	w := httptest.NewRecorder()
	r.Page(w, req, http.StatusOK, page, nil, nil)
	return w
}

var (
	plainPage = fstest.MapFS{"page.html": {Data: []byte(`{{define "title"}}Seite{{end}}{{define "content"}}<p>Inhalt</p>{{end}}`)}}
	navLinks  = regexp.MustCompile(`<li><(?:a href|form method="post" action)="([^"]+)"`)
)

// TestNavigation: the layout draws the modules' entries ordered by Order,
// each to whom it is for, with a badge where the count is above zero and
// none where counting failed.
func TestNavigation(t *testing.T) {
	unread := 3
	r := testRenderer(t, plainPage, func(r *Renderer) error {
		r.AddNav(NavEntry{Path: "/settings", Label: "layout.nav.settings", Order: 60, Show: Members},
			NavEntry{Path: "/logout", Label: "layout.nav.logout", Order: 80, Show: Members, Post: true},
			NavEntry{Path: "/login", Label: "layout.nav.login", Order: 80, Show: Visitors})
		r.AddNav(NavEntry{Path: "/board", Label: "layout.nav.board", Order: 10},
			NavEntry{Path: "/admin", Label: "layout.nav.admin", Order: 70, Show: Staff},
			NavEntry{Path: "/conversations", Label: "layout.nav.messages", Order: 50, Show: Members,
				BadgeLabel: "layout.nav.messages.unread", Badge: func(_ context.Context, who *auth.Identity) (int, error) {
					if who.UserID == "broken" {
						return 7, errors.New("no database")
					}
					return unread, nil
				}})
		return nil
	})
	for _, c := range []struct {
		who   *auth.Identity
		want  []string
		badge bool
	}{
		{nil, []string{"/board", "/login"}, false},
		{&auth.Identity{UserID: "u", Role: auth.Member}, []string{"/board", "/conversations", "/settings", "/logout"}, true},
		{&auth.Identity{UserID: "c", Role: auth.Coordinator}, []string{"/board", "/conversations", "/settings", "/admin", "/logout"}, true},
		{&auth.Identity{UserID: "broken", Role: auth.Member}, []string{"/board", "/conversations", "/settings", "/logout"}, false},
	} {
		body := draw(r, "test/page", c.who).Body.String()
		nav := body[strings.Index(body, "<nav"):strings.Index(body, "</nav>")]
		var got []string
		for _, m := range navLinks.FindAllStringSubmatch(nav, -1) {
			got = append(got, m[1])
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%+v sees %v, want %v", c.who, got, c.want)
		}
		if badge := strings.Contains(body, `Nachrichten <span class="badge">3 ungelesen</span>`); badge != c.badge {
			t.Errorf("%+v: badge %v, want %v", c.who, badge, c.badge)
		}
		if strings.Contains(body, "7 ungelesen") {
			t.Errorf("a failed count is shown")
		}
	}
	unread = 0
	if body := draw(r, "test/page", &auth.Identity{UserID: "u"}).Body.String(); strings.Contains(body, `class="badge"`) {
		t.Errorf("a badge for nothing unread")
	}
}

// TestModuleAssets: a module's files are served under /static/<module>/
// for a year, linked by a URL with their content's hash; a page linking a
// file that does not exist fails.
func TestModuleAssets(t *testing.T) {
	pages := fstest.MapFS{
		"page.html":    {Data: []byte(`{{define "title"}}S{{end}}{{define "head"}}<link rel="stylesheet" href="{{asset "test/test.css"}}">{{end}}{{define "content"}}x{{end}}`)},
		"missing.html": {Data: []byte(`{{define "title"}}S{{end}}{{define "content"}}{{asset "test/none.css"}}{{end}}`)},
	}
	r := testRenderer(t, pages, func(r *Renderer) error {
		return r.AddAssets("test", fstest.MapFS{"test.css": {Data: []byte("p { margin: 0 }")}})
	})
	link := regexp.MustCompile(`href="(/static/test/test\.css\?v=[0-9a-f]{12})"`).FindStringSubmatch(draw(r, "test/page", nil).Body.String())
	if link == nil {
		t.Fatal("the page does not link the module's stylesheet")
	}
	static := r.Static()
	for path, want := range map[string]string{link[1]: "p { margin: 0 }", "/static/app.css": "body"} {
		w := httptest.NewRecorder()
		static.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), want) ||
			!strings.Contains(w.Header().Get("Cache-Control"), "immutable") {
			t.Errorf("%s: %d %q %q", path, w.Code, w.Header().Get("Cache-Control"), w.Body.String())
		}
	}
	if w := draw(r, "test/missing", nil); w.Code != http.StatusInternalServerError {
		t.Errorf("a page linking a missing file: %d", w.Code)
	}
	if err := NewRenderer(i18n.NewCatalog(), nil, nil, nil).AddAssets("app.css", fstest.MapFS{}); err == nil {
		t.Error("a module's files under the name of the layout's")
	}
}

// TestModuleFuncs: a module's template functions work in every template,
// and a name already taken stops the start.
func TestModuleFuncs(t *testing.T) {
	page := fstest.MapFS{"page.html": {Data: []byte(`{{define "title"}}S{{end}}{{define "content"}}<b>{{shout "hallo"}}</b>{{end}}`)}}
	r := testRenderer(t, page, func(r *Renderer) error {
		return r.AddFuncs("test", template.FuncMap{"shout": strings.ToUpper})
	})
	if body := draw(r, "test/page", nil).Body.String(); !strings.Contains(body, "<b>HALLO</b>") {
		t.Errorf("the module's function was not called:\n%s", body)
	}
	for _, name := range []string{"field", "asset", "shout"} {
		if err := r.AddFuncs("other", template.FuncMap{name: strings.ToLower}); err == nil {
			t.Errorf("%q taken twice", name)
		}
	}
}
