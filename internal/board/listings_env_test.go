package board_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/organization"
)

var ctx = context.Background()

// boardOf finds the board among the platform's modules.
func boardOf(t testing.TB, e *apptest.Env) *board.Module {
	t.Helper()
	for _, m := range e.P.App.Modules {
		if b, ok := m.(*board.Module); ok {
			return b
		}
	}
	t.Fatal("the board is not among the platform's modules")
	return nil
}

func orgsOf(t testing.TB, e *apptest.Env) *organization.Module {
	t.Helper()
	for _, m := range e.P.App.Modules {
		if o, ok := m.(*organization.Module); ok {
			return o
		}
	}
	t.Fatal("no organisation module")
	return nil
}

func moderationOf(t testing.TB, e *apptest.Env) *moderation.Module {
	t.Helper()
	for _, m := range e.P.App.Modules {
		if o, ok := m.(*moderation.Module); ok {
			return o
		}
	}
	t.Fatal("no moderation module")
	return nil
}

// person is an account with a logged-in browser client and an API token.
type person struct {
	ID, Email string
	Role      auth.Role
	Web       *apptest.Client
	Token     string
}

func (p *person) identity() *auth.Identity {
	return &auth.Identity{UserID: p.ID, Email: p.Email, Role: p.Role, Lang: "de"}
}

var people atomic.Int64

// newPerson creates a verified account, logs it in and takes a token.
func newPerson(t testing.TB, e *apptest.Env, name string, role auth.Role) *person {
	t.Helper()
	email := fmt.Sprintf("%s-%d@example.org", strings.ToLower(name), people.Add(1))
	u := e.NewUser(t, email, name, role)
	return &person{ID: u.ID, Email: email, Role: role, Web: e.LoggedIn(t, email), Token: e.Token(t, email)}
}

func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

func wantStatus(t testing.TB, what string, got, want int, body string) {
	t.Helper()
	if got != want {
		t.Errorf("%s: status %d, want %d\n%.3000s", what, got, want, body)
	}
}

// draft is a valid listing to start from.
func draft(title string) board.Draft {
	return board.Draft{
		Kind: board.Offer, Category: "goods.bicycles", Title: title, Description: "Gut erhalten, bitte abholen.",
		ContentLang: "de", Languages: []string{"de", "ar"}, Postcode: "34117", Place: "Kassel",
		Visibility: board.Public,
	}
}

// post creates a listing through the service.
func post(t testing.TB, e *apptest.Env, p *person, d board.Draft) *board.Listing {
	t.Helper()
	l, err := boardOf(t, e).Create(ctx, p.identity(), d)
	if err != nil {
		t.Fatalf("post %q: %v", d.Title, err)
	}
	return l
}

// apiListing is the JSON of one listing.
func apiTitles(body map[string]any) []string {
	var out []string
	ls, _ := body["listings"].([]any)
	for _, l := range ls {
		out = append(out, l.(map[string]any)["title"].(string))
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// statusOf asks the API for a listing as the token's owner sees it.
func statusOf(t testing.TB, e *apptest.Env, token, id string) (int, map[string]any) {
	t.Helper()
	return e.API(t, token, http.MethodGet, "/api/v1/listings/"+id, nil)
}

// addEditor makes p an editor of the organisation through an invitation.
func addEditor(t testing.TB, e *apptest.Env, owner *person, orgID string, p *person) {
	t.Helper()
	orgs := orgsOf(t, e)
	if err := orgs.Invite(ctx, owner.ID, orgID, p.Email, organization.Editor); err != nil {
		t.Fatal(err)
	}
	link := e.MailTo(t, p.Email).FirstURL(e.URL + "/invitations/")
	if _, err := orgs.AcceptInvitation(ctx, p.ID, strings.TrimPrefix(link, e.URL+"/invitations/")); err != nil {
		t.Fatalf("accept invitation: %v", err)
	}
}
