package board_test

import (
	"net/http"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/conversation"
	"teilhabe.org/teilhabe/internal/organization"
)

// The helpers of the responses tests carry an "r" so they stay apart from
// the listings tests' own in this package.

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
	return &rEnv{Env: e, Board: apptest.Module[*board.Module](t, e), Conv: apptest.Module[*conversation.Module](t, e),
		Orgs: apptest.Module[*organization.Module](t, e)}
}

// rDraft is a public listing in Kassel in German, spoken in German and
// Arabic.
func rDraft(kind board.Kind, category, title string) board.Draft {
	return board.Draft{Kind: kind, Category: category, Title: title, Description: title + ". Bitte meldet euch.",
		ContentLang: "de", Languages: []string{"de", "ar"}, Postcode: "34117", Place: "Kassel", Visibility: board.Public}
}

// respond answers a listing through the web form and returns the
// response as the listing's managers see it.
func (e *rEnv) respond(t testing.TB, p *apptest.Person, l *board.Listing, body string) *board.Response {
	t.Helper()
	res := p.Web.Post("/listings/"+l.ID+"/responses", apptest.Form("body", body))
	if res.Status != http.StatusSeeOther {
		t.Fatalf("respond: %d\n%.3000s", res.Status, res.Body)
	}
	rs, err := e.Board.MyResponses(ctx, p.ID)
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
