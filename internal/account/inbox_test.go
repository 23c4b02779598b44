package account_test

import (
	"context"
	"database/sql"
	"net/http"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/notify"
)

var ctx = context.Background()

// tell sends the person a notice of a kind some module registered, about
// a listing titled title, and returns the listing's path.
func tell(t *testing.T, e *apptest.Env, kind string, title string, to ...*apptest.Person) string {
	t.Helper()
	k, ok := e.P.Services.Notify.Kind(kind)
	if !ok {
		t.Fatalf("no notice kind %q", kind)
	}
	item := ids.New()
	x := notify.Notice{Kind: k, Item: notify.Item{Type: "listing", ID: item}, Link: "/listings/" + item,
		Params: []any{"Title", title}, Mail: notify.Mail{Args: []any{"Responder", "Jonas", "Poster", "Jonas"}}}
	for _, p := range to {
		x.To = append(x.To, p.ID)
	}
	err := e.P.DB.Tx(ctx, func(tx *sql.Tx) error { return e.P.Services.Notify.Send(ctx, tx, x, e.Clock.Now()) })
	if err != nil {
		t.Fatal(err)
	}
	return x.Link
}

// TestInbox: each person reads only their own notices, newest first, on
// the page and through the API; opening one marks it read and leads to
// its page; "mark all read" empties the count in the navigation. Other
// people and visitors are refused.
func TestInbox(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		greta := e.NewPersonLang(t, "greta", auth.Member, "de")
		amira := e.NewPersonLang(t, "amira", auth.Member, "ar")
		jonas := e.NewPersonLang(t, "jonas", auth.Member, "de")
		older := tell(t, e, "board/response_withdrawn", "Kinderbett", greta)
		e.Clock.Advance(time.Minute)
		newer := tell(t, e, "board/response_withdrawn", "Fahrrad", greta)
		tell(t, e, "board/response_withdrawn", "Sofa", amira)

		res := greta.Web.Get("/me/inbox")
		apptest.WantStatus(t, "Greta's inbox", res.Status, http.StatusOK, res.Body)
		apptest.Contains(t, "Greta's inbox", res.Body, "Dein Posteingang", "„Fahrrad“", "„Kinderbett“",
			`Posteingang <span class="badge">2 neu</span>`, `action="/me/inbox/read"`, "Alle als gelesen markieren")
		apptest.Lacks(t, "Greta's inbox", res.Body, "Sofa")
		if strings.Index(res.Body, "Fahrrad") > strings.Index(res.Body, "Kinderbett") {
			t.Error("the inbox does not show the newest first")
		}
		res = amira.Web.Get("/me/inbox")
		apptest.Contains(t, "Amira's inbox", res.Body, `dir="rtl"`, "صندوق الوارد الخاص بك", "«Sofa»")
		apptest.Lacks(t, "Amira's inbox", res.Body, "Fahrrad", "Kinderbett")
		apptest.Contains(t, "Jonas's empty inbox", jonas.Web.Get("/me/inbox").Body, "Gerade wartet nichts auf dich.")

		mine, err := e.P.Services.Notify.List(ctx, greta.ID, 10)
		if err != nil || len(mine) != 2 || mine[0].Link != newer || mine[1].Link != older {
			t.Fatalf("Greta's records: %+v %v", mine, err)
		}
		// Visitors and other people cannot open Greta's notice, and it stays unread.
		visitor := e.Client(t)
		for _, path := range []string{"/me/inbox", "/me/inbox/" + mine[0].ID} {
			if res := visitor.Get(path); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location(), "/login") {
				t.Errorf("a visitor at %s: %d %s", path, res.Status, res.Location())
			}
		}
		if res := visitor.Post("/me/inbox/read", nil); res.Status < 300 || res.Status == http.StatusSeeOther && res.Location() == "/me/inbox" {
			t.Errorf("a visitor marks all read: %d %s", res.Status, res.Location())
		}
		res = jonas.Web.Get("/me/inbox/" + mine[0].ID)
		apptest.WantStatus(t, "Jonas opens Greta's notice", res.Status, http.StatusNotFound, res.Body)
		if n, _ := e.P.Services.Notify.Unread(ctx, greta.ID); n != 2 {
			t.Fatalf("Greta has %d unread after others tried, want 2", n)
		}

		// Greta opens the newest: it is read and leads to its listing.
		res = greta.Web.Get("/me/inbox/" + mine[0].ID)
		if res.Status != http.StatusSeeOther || res.Location() != newer {
			t.Fatalf("opening a notice: %d %s", res.Status, res.Location())
		}
		apptest.Contains(t, "after opening one", greta.Web.Get("/me/inbox").Body, `Posteingang <span class="badge">1 neu</span>`)

		// Through the API, in each caller's language, a page at a time.
		status, body := e.API(t, amira.Token(t), http.MethodGet, "/api/v1/me/inbox", nil)
		items, _ := body["items"].([]any)
		if status != http.StatusOK || len(items) != 1 || body["unread"] != 1.0 {
			t.Fatalf("Amira's inbox: %d %v", status, body)
		}
		if item := items[0].(map[string]any); item["line"] != "ردّ Jonas بصفته مالكة على «Sofa»" && !strings.Contains(item["line"].(string), "«Sofa»") ||
			item["unread"] != true || item["item_type"] != "listing" {
			t.Errorf("Amira's item: %v", item)
		}
		status, body = e.API(t, greta.Token(t), http.MethodGet, "/api/v1/me/inbox?limit=1", nil)
		items, _ = body["items"].([]any)
		next, _ := body["next_cursor"].(string)
		if status != http.StatusOK || len(items) != 1 || next == "" || items[0].(map[string]any)["link"] != newer ||
			items[0].(map[string]any)["unread"] != false {
			t.Fatalf("Greta's first page: %d %v", status, body)
		}
		_, body = e.API(t, greta.Token(t), http.MethodGet, "/api/v1/me/inbox?limit=1&cursor="+next, nil)
		if items, _ = body["items"].([]any); len(items) != 1 || items[0].(map[string]any)["link"] != older || body["next_cursor"] != nil {
			t.Errorf("Greta's second page: %v", body)
		}
		status, _ = e.API(t, greta.Token(t), http.MethodGet, "/api/v1/me/inbox?cursor=gekapert", nil)
		apptest.WantStatus(t, "a bad cursor", status, http.StatusUnprocessableEntity, "")
		_, body = e.API(t, jonas.Token(t), http.MethodGet, "/api/v1/me/inbox", nil)
		if items, _ = body["items"].([]any); len(items) != 0 {
			t.Errorf("Jonas reads others' notices: %v", body)
		}
		status, _ = e.API(t, "", http.MethodGet, "/api/v1/me/inbox", nil)
		apptest.WantStatus(t, "a visitor's API inbox", status, http.StatusUnauthorized, "")
		status, _ = e.API(t, jonas.Token(t), http.MethodPost, "/api/v1/me/inbox/"+mine[1].ID+"/read", nil)
		apptest.WantStatus(t, "Jonas marks Greta's notice", status, http.StatusNotFound, "")
		if n, _ := e.P.Services.Notify.Unread(ctx, greta.ID); n != 1 {
			t.Errorf("Greta has %d unread after Jonas tried, want 1", n)
		}

		// Mark all read: the count leaves the navigation; Amira's stays.
		res = greta.Web.Post("/me/inbox/read", nil)
		if res.Status != http.StatusSeeOther || res.Location() != "/me/inbox" {
			t.Fatalf("mark all read: %d %s", res.Status, res.Location())
		}
		res = greta.Web.Get("/me/inbox")
		apptest.Contains(t, "after marking all read", res.Body, "Alle Mitteilungen sind als gelesen markiert.")
		apptest.Lacks(t, "after marking all read", res.Body, `Posteingang <span class="badge">`, `action="/me/inbox/read"`)
		if n, _ := e.P.Services.Notify.Unread(ctx, amira.ID); n != 1 {
			t.Errorf("Amira has %d unread after Greta marked hers, want 1", n)
		}
		status, _ = e.API(t, amira.Token(t), http.MethodPost, "/api/v1/me/inbox/read", nil)
		apptest.WantStatus(t, "Amira marks all read", status, http.StatusNoContent, "")
		if n, _ := e.P.Services.Notify.Unread(ctx, amira.ID); n != 0 {
			t.Errorf("Amira has %d unread after marking all read, want 0", n)
		}
	})
}
