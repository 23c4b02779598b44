package board_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/conversation"
	"teilhabe.org/teilhabe/internal/organization"
)

// The helpers of the responses tests carry an "r" so they stay apart from
// the listings tests' own in this package.

var rctx = context.Background()

// rEnv is the whole platform with the modules these tests drive directly.
type rEnv struct {
	*apptest.Env
	Board *board.Module
	Conv  *conversation.Module
	Orgs  *organization.Module
}

// rForEach runs fn on a fresh platform on each database.
func rForEach(t *testing.T, fn func(t *testing.T, e *rEnv)) {
	t.Helper()
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) { fn(t, rWrap(t, e)) })
}

func rWrap(t testing.TB, e *apptest.Env) *rEnv {
	t.Helper()
	r := &rEnv{Env: e}
	for _, m := range e.P.App.Modules {
		switch m := m.(type) {
		case *board.Module:
			r.Board = m
		case *conversation.Module:
			r.Conv = m
		case *organization.Module:
			r.Orgs = m
		}
	}
	if r.Board == nil || r.Conv == nil || r.Orgs == nil {
		t.Fatal("the platform lacks the board, conversation or organisation module")
	}
	return r
}

// rPerson is an account with a logged-in browser-like client.
type rPerson struct {
	*account.User
	Web   *apptest.Client
	token string
	e     *rEnv
}

// person creates a verified account speaking lang and logs it in.
func (e *rEnv) person(t testing.TB, handle, lang string) *rPerson {
	t.Helper()
	u := e.NewUser(t, handle+"@example.org", strings.ToUpper(handle[:1])+handle[1:], auth.Member)
	if err := e.P.Accounts.SetLanguage(rctx, u.ID, lang); err != nil {
		t.Fatal(err)
	}
	u.Lang = lang
	p := &rPerson{User: u, Web: e.LoggedIn(t, u.Email), e: e}
	p.Web.Lang = lang
	return p
}

// id is the person as the services see them.
func (p *rPerson) id() *auth.Identity {
	return &auth.Identity{UserID: p.ID, Name: p.Name, Email: p.Email, Lang: p.Lang, Role: p.Role}
}

// api calls the API with the person's token.
func (p *rPerson) api(t testing.TB, method, path string, body any) (int, map[string]any) {
	t.Helper()
	if p.token == "" {
		p.token = p.e.Token(t, p.Email)
	}
	return p.e.API(t, p.token, method, path, body)
}

// rDraft is a public listing in Kassel in German, spoken in German and
// Arabic.
func rDraft(kind board.Kind, category, title string) board.Draft {
	return board.Draft{Kind: kind, Category: category, Title: title, Description: title + ". Bitte meldet euch.",
		ContentLang: "de", Languages: []string{"de", "ar"}, Postcode: "34117", Place: "Kassel", Visibility: board.Public}
}

// post publishes a listing for the person.
func (e *rEnv) post(t testing.TB, p *rPerson, d board.Draft) *board.Listing {
	t.Helper()
	l, err := e.Board.Create(rctx, p.id(), d)
	if err != nil {
		t.Fatalf("post %q: %v", d.Title, err)
	}
	return l
}

// respond answers a listing through the web form and returns the
// response as the listing's managers see it.
func (e *rEnv) respond(t testing.TB, p *rPerson, l *board.Listing, body string) *board.Response {
	t.Helper()
	res := p.Web.Post("/listings/"+l.ID+"/responses", rForm("body", body))
	if res.Status != http.StatusSeeOther {
		t.Fatalf("respond: %d\n%.3000s", res.Status, res.Body)
	}
	rs, err := e.Board.MyResponses(rctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.ListingID == l.ID {
			return &r.Response
		}
	}
	t.Fatalf("no response of %s to %s", p.Email, l.ID)
	return nil
}

func rForm(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

// rWant fails when got is not want.
func rWant(t testing.TB, what string, got, want int, body string) {
	t.Helper()
	if got != want {
		t.Errorf("%s: status %d, want %d\n%.3000s", what, got, want, body)
	}
}

// rContains fails for every piece missing from body.
func rContains(t testing.TB, what, body string, pieces ...string) {
	t.Helper()
	for _, p := range pieces {
		if !strings.Contains(body, p) {
			t.Errorf("%s lacks %q", what, p)
		}
	}
}

// rLacks fails for every piece present in body.
func rLacks(t testing.TB, what, body string, pieces ...string) {
	t.Helper()
	for _, p := range pieces {
		if strings.Contains(body, p) {
			t.Errorf("%s shows %q", what, p)
		}
	}
}

// mailsTo delivers the outbox and counts the mails addr received so far.
func (e *rEnv) mailsTo(t testing.TB, addr string) int {
	t.Helper()
	e.DeliverMail(t)
	n := 0
	for _, m := range e.SMTP.Messages() {
		for _, to := range m.To {
			if strings.EqualFold(to, addr) {
				n++
			}
		}
	}
	return n
}
