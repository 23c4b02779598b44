package board_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
)

// TestResponsesInExportAndErasure: a person's responses, notes of thanks
// and saved searches are in their data export and gone after they delete
// their account; the poster keeps the conversation, with a deleted account
// on the other side.
func TestResponsesInExportAndErasure(t *testing.T) {
	rForEach(t, func(t *testing.T, e *rEnv) {
		poster := e.NewPersonLang(t, "poster", auth.Member, "de")
		helper := e.NewPersonLang(t, "helper", auth.Member, "fa")
		l := post(t, e.Env, poster, rDraft(board.Offer, "goods.baby", "Babyschale"))
		r := e.respond(t, helper, l, "سلام، من علاقه‌مندم.")
		if _, err := e.Board.Accept(ctx, poster.Identity(), l.ID, r.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Board.Fulfil(ctx, poster.Identity(), l.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Board.Thank(ctx, helper.Identity(), l.ID, "ممنون!"); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Board.SaveSearch(ctx, helper.Identity(), "Kinderwagen", board.Filter{Q: "Kinderwagen"}); err != nil {
			t.Fatal(err)
		}

		status, raw := e.APIRaw(t, e.Token(t, helper.Email), http.MethodGet, "/api/v1/me/export", nil)
		if status != 200 {
			t.Fatalf("export: %d %s", status, raw)
		}
		var export struct {
			Modules struct {
				Board board.Export `json:"board"`
			} `json:"modules"`
		}
		if err := json.Unmarshal(raw, &export); err != nil {
			t.Fatal(err)
		}
		b := export.Modules.Board
		if b.ResponsesExport == nil || len(b.Responses) != 1 || b.Responses[0].ID != r.ID || b.Responses[0].Status != "accepted" ||
			b.Responses[0].ListingTitle != "Babyschale" || len(b.Thanks) != 1 || b.Thanks[0].Text != "ممنون!" ||
			len(b.SavedSearches) != 1 || b.SavedSearches[0].Query != "q=Kinderwagen" {
			t.Fatalf("export: %s", raw)
		}

		res := helper.Web.Post("/settings/delete", apptest.Form("delete_password", apptest.Password))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("delete account: %d\n%.2000s", res.Status, res.Body)
		}
		if rs, _ := e.Board.MyResponses(ctx, helper.ID); len(rs) != 0 {
			t.Errorf("responses after erasure: %+v", rs)
		}
		if ss, _ := e.Board.SavedSearches(ctx, helper.ID); len(ss) != 0 {
			t.Errorf("saved searches after erasure: %+v", ss)
		}
		if ts, _ := e.Board.ThanksFor(ctx, l, nil); len(ts) != 0 {
			t.Errorf("notes after erasure: %+v", ts)
		}
		var n int
		if err := e.P.DB.QueryRowContext(ctx, "SELECT count(*) FROM listing_thanks WHERE author_id = $1", helper.ID).Scan(&n); err != nil || n != 0 {
			t.Errorf("stored notes after erasure: %d %v", n, err)
		}
		res = poster.Web.Get("/conversations/" + r.ConversationID)
		apptest.WantStatus(t, "poster's conversation", res.Status, http.StatusOK, res.Body)
		apptest.Lacks(t, "poster's conversation", res.Body, helper.Email)
		if strings.Contains(poster.Web.Get("/listings/"+l.ID).Body, "Helper") {
			t.Error("the poster's page still names the erased responder")
		}
	})
}
