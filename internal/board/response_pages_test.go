package board_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/i18n"
)

// rScene is a board with everything the responses area shows: an open
// listing with a pending and an accepted response and suggestions, a
// fulfilled one with notes of thanks, a saved search with a mailed
// unsubscribe link.
type rScene struct {
	poster, helper, other *apptest.Person
	open, fulfilled       *board.Listing
	unsubscribe           string // path of a digest's link
}

func rSetScene(t testing.TB, e *rEnv) *rScene {
	t.Helper()
	s := &rScene{poster: e.NewPersonLang(t, "poster", auth.Member, "de"), helper: e.NewPersonLang(t, "helper", auth.Member, "ar"), other: e.NewPersonLang(t, "other", auth.Member, "fa")}
	s.open = post(t, e.Env, s.poster, rDraft(board.Request, "german_lessons.conversation", "Gesprächspartner für Deutsch gesucht"))
	post(t, e.Env, s.other, rDraft(board.Offer, "german_lessons.tutoring", "Nachhilfe in Deutsch"))
	e.respond(t, s.helper, s.open, "Ich kann helfen.")
	accepted := e.respond(t, s.other, s.open, "Ich auch.")
	if _, err := e.Board.Accept(ctx, s.poster.Identity(), s.open.ID, accepted.ID); err != nil {
		t.Fatal(err)
	}
	s.fulfilled = post(t, e.Env, s.poster, rDraft(board.Offer, "goods.bicycles", "Fahrrad zu verschenken"))
	r := e.respond(t, s.helper, s.fulfilled, "Ich hätte es gern.")
	if _, err := e.Board.Accept(ctx, s.poster.Identity(), s.fulfilled.ID, r.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Board.Fulfil(ctx, s.poster.Identity(), s.fulfilled.ID); err != nil {
		t.Fatal(err)
	}
	for _, p := range []*apptest.Person{s.poster, s.helper} {
		if _, err := e.Board.Thank(ctx, p.Identity(), s.fulfilled.ID, "Danke!\nEs war schön."); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.Board.SaveSearch(ctx, s.helper.Identity(), "", board.Filter{Kind: board.Offer, Q: "Deutsch", Near: "34117"}); err != nil {
		t.Fatal(err)
	}
	e.Clock.Advance(time.Minute)
	post(t, e.Env, s.other, rDraft(board.Offer, "german_lessons.courses", "Deutschkurs am Abend"))
	e.Clock.Advance(24 * time.Hour)
	if err := e.P.App.Jobs.RunDue(ctx); err != nil {
		t.Fatal(err)
	}
	link := ""
	for range 5 {
		if link = e.MailTo(t, s.helper.Email).FirstURL(e.URL + "/searches/unsubscribe/"); link != "" {
			break
		}
	}
	if link == "" {
		t.Fatal("no unsubscribe link in the digest")
	}
	s.unsubscribe = strings.TrimPrefix(link, e.URL)
	return s
}

// TestResponsePagesInEveryLanguage draws every page and form of the
// responses area, with and without errors, in every interface language,
// and fails on a message id that does not exist or a value that printed
// nothing.
func TestResponsePagesInEveryLanguage(t *testing.T) {
	e := rWrap(t, apptest.New(t, "sqlite"))
	s := rSetScene(t, e)
	open, done := "/listings/"+s.open.ID, "/listings/"+s.fulfilled.ID
	type page struct {
		who          *apptest.Person // nil: a visitor
		method, path string
		form         url.Values
		status       int
		want         string
	}
	pages := []page{
		{nil, "GET", open, nil, 200, `id="responses"`},
		{s.poster, "GET", open, nil, 200, `id="suggestions"`},
		{s.helper, "GET", open, nil, 200, "/withdraw"},
		{s.other, "GET", open, nil, 200, `/conversations/`},
		{s.poster, "GET", done, nil, 200, `id="thanks"`},
		{s.helper, "GET", done + "/thanks", nil, 200, `id="f-thanks-text"`},
		{s.helper, "POST", done + "/thanks", apptest.Form("text", strings.Repeat("x", 501)), 422, `id="f-thanks-text-error"`},
		{s.poster, "GET", done + "/thanks", nil, 200, "<blockquote>"},
		{s.poster, "GET", open + "/respond", nil, 200, "<h1>"},
		{s.helper, "POST", open + "/responses", apptest.Form("body", "x"), 409, `role="alert"`},
		{s.poster, "POST", "/listings/" + s.fulfilled.ID + "/responses", apptest.Form("body", ""), 403, ""},
		{s.helper, "GET", "/me/responses", nil, 200, done + "/thanks"},
		{s.poster, "GET", "/me/responses", nil, 200, "/board"},
		{s.helper, "GET", "/me/searches", nil, 200, "/digest"},
		{s.poster, "GET", "/me/searches", nil, 200, "/board"},
		{s.helper, "POST", "/me/searches", apptest.Form("from", "/board?kind=offer&q=Deutsch&near=34117"), 409, `name="from"`},
		{s.poster, "POST", "/me/searches", apptest.Form("q", "Fahrrad", "name", strings.Repeat("n", 81)), 422, `id="f-name-error"`},
		{nil, "GET", s.unsubscribe, nil, 200, `method="post"`},
		{nil, "POST", s.unsubscribe, apptest.Form("digest", "off"), 200, "/me/searches"},
		{nil, "POST", s.unsubscribe, apptest.Form("digest", "on"), 200, "/me/searches"},
		{nil, "GET", "/searches/unsubscribe/abgelaufen", nil, 404, ""},
	}
	for _, lang := range i18n.Languages {
		t.Run(lang.Tag, func(t *testing.T) {
			visitor := e.Client(t)
			visitor.Lang = lang.Tag
			for _, p := range []*apptest.Person{s.poster, s.helper, s.other} {
				p.Web.Post("/language", apptest.Form("lang", lang.Tag))
			}
			want := fmt.Sprintf(`<html lang="%s" dir="%s">`, lang.Tag, lang.Dir)
			for _, p := range pages {
				c := visitor
				if p.who != nil {
					c = p.who.Web
				}
				var res *apptest.Response
				if p.method == http.MethodPost {
					res = c.Post(p.path, p.form)
				} else {
					res = c.Get(p.path)
				}
				what := p.method + " " + p.path
				if res.Status != p.status {
					t.Errorf("%s: %d, want %d\n%.1500s", what, res.Status, p.status, res.Body)
				}
				apptest.Contains(t, what, res.Body, want, p.want)
				apptest.Lacks(t, what, res.Body, "<no value>", "board.response.", "board.suggest.", "board.saved.", "board.thanks.")
			}
		})
	}
	if missing := e.P.Services.Catalog.Missing(); len(missing) > 0 {
		t.Errorf("messages asked for but missing:\n  %s", strings.Join(missing, "\n  "))
	}
}
