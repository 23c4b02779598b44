package board_test

import (
	"context"
	"net/http"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/board"
)

var ctx = context.Background()

// draft is a valid listing to start from.
func draft(title string) board.Draft {
	return board.Draft{
		Kind: board.Offer, Category: "goods.bicycles", Title: title, Description: "Gut erhalten, bitte abholen.",
		ContentLang: "de", Languages: []string{"de", "ar"}, Postcode: "34117", Place: "Kassel",
		Visibility: board.Public,
	}
}

// post creates a listing through the service.
func post(t testing.TB, e *apptest.Env, p *apptest.Person, d board.Draft) *board.Listing {
	t.Helper()
	l, err := apptest.Module[*board.Module](t, e).Create(ctx, p.Identity(), d)
	if err != nil {
		t.Fatalf("post %q: %v", d.Title, err)
	}
	return l
}

// apiTitles are the titles of the listings in an answer of the API.
func apiTitles(body map[string]any) []string {
	var out []string
	ls, _ := body["listings"].([]any)
	for _, l := range ls {
		out = append(out, l.(map[string]any)["title"].(string))
	}
	return out
}

// statusOf asks the API for a listing as the token's owner sees it.
func statusOf(t testing.TB, e *apptest.Env, token, id string) (int, map[string]any) {
	t.Helper()
	return e.API(t, token, http.MethodGet, "/api/v1/listings/"+id, nil)
}
