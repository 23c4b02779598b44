package board_test

import (
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
)

// TestBlockedCannotRespond: once the poster blocks a responder (from the
// response's block link), that person can neither write in the
// conversation nor respond to the poster's listings, and the poster's
// suggestions leave out their listings; a block the other way round
// stops responses too.
func TestBlockedCannotRespond(t *testing.T) {
	rForEach(t, func(t *testing.T, e *rEnv) {
		poster := e.NewPersonLang(t, "poster", auth.Member, "de")
		pest := e.NewPersonLang(t, "pest", auth.Member, "de")
		shy := e.NewPersonLang(t, "shy", auth.Member, "de")
		first := post(t, e.Env, poster, rDraft(board.Request, "leisure.sport", "Laufpartnerin gesucht"))
		r := e.respond(t, pest, first, "Ich laufe mit!")
		conv := "/conversations/" + r.ConversationID

		// The block link on the poster's page leads to the conversation
		// module's form.
		blockPath := conv + "/block/" + pest.ID
		apptest.Contains(t, "poster's page", poster.Web.Get("/listings/"+first.ID).Body, `href="`+blockPath+`"`)
		apptest.WantStatus(t, "block form", poster.Web.Get(blockPath).Status, http.StatusOK, "")
		res := poster.Web.Post(blockPath, nil)
		apptest.WantStatus(t, "block", res.Status, http.StatusSeeOther, res.Body)

		res = pest.Web.Post(conv+"/messages", apptest.Form("body", "Hallo?"))
		if res.Status < 400 {
			t.Errorf("a blocked person wrote in the conversation: %d", res.Status)
		}
		second := post(t, e.Env, poster, rDraft(board.Request, "leisure.sport", "Fußball am Sonntag"))
		path := "/listings/" + second.ID
		res = pest.Web.Get(path)
		apptest.Contains(t, "blocked person's page", res.Body, "Du kannst auf diesen Eintrag nicht antworten.")
		apptest.Lacks(t, "blocked person's page", res.Body, `action="`+path+`/responses"`)
		res = pest.Web.Post(path+"/responses", apptest.Form("body", "Ich will trotzdem"))
		apptest.WantStatus(t, "blocked response", res.Status, http.StatusForbidden, res.Body)
		apptest.Contains(t, "blocked response", res.Body, `role="alert"`, "Du kannst auf diesen Eintrag nicht antworten.")
		status, _ := pest.API(t, http.MethodPost, "/api/v1"+path+"/responses", map[string]any{"body": "Und jetzt?"})
		apptest.WantStatus(t, "blocked response through the API", status, http.StatusForbidden, "")

		// The other way round: shy blocks the poster first.
		if err := e.Conv.Block(ctx, shy.ID, poster.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Board.Respond(ctx, shy.Identity(), second.ID, board.ResponseInput{Body: "Hm"}); err == nil {
			t.Error("a person who blocked the poster could respond")
		}

		// Suggestions leave out listings of people either side blocked.
		post(t, e.Env, pest, rDraft(board.Offer, "leisure.sport", "Ich biete Lauftraining"))
		post(t, e.Env, shy, rDraft(board.Offer, "leisure.sport", "Ich biete Fußballtraining"))
		fine := post(t, e.Env, e.NewPersonLang(t, "fine", auth.Member, "de"), rDraft(board.Offer, "leisure.sport", "Ich biete Yoga"))
		status, got := poster.API(t, http.MethodGet, "/api/v1"+path+"/suggestions", nil)
		list, _ := got["suggestions"].([]any)
		if status != 200 || len(list) != 1 || !strings.Contains(rFlat(got), fine.ID) {
			t.Errorf("suggestions with blocks: %d %v", status, got)
		}
	})
}
