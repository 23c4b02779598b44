package board_test

import (
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/board"
)

// TestBlockedCannotRespond: once the poster blocks a responder (from the
// response's block link), that person can neither write in the
// conversation nor respond to the poster's listings, and the poster's
// suggestions leave out their listings; a block the other way round
// stops responses too.
func TestBlockedCannotRespond(t *testing.T) {
	rForEach(t, func(t *testing.T, e *rEnv) {
		poster := e.person(t, "poster", "de")
		pest := e.person(t, "pest", "de")
		shy := e.person(t, "shy", "de")
		first := e.post(t, poster, rDraft(board.Request, "leisure.sport", "Laufpartnerin gesucht"))
		r := e.respond(t, pest, first, "Ich laufe mit!")
		conv := "/conversations/" + r.ConversationID

		// The block link on the poster's page leads to the conversation
		// module's form.
		blockPath := conv + "/block/" + pest.ID
		rContains(t, "poster's page", poster.Web.Get("/listings/"+first.ID).Body, `href="`+blockPath+`"`)
		rWant(t, "block form", poster.Web.Get(blockPath).Status, http.StatusOK, "")
		res := poster.Web.Post(blockPath, nil)
		rWant(t, "block", res.Status, http.StatusSeeOther, res.Body)

		res = pest.Web.Post(conv+"/messages", rForm("body", "Hallo?"))
		if res.Status < 400 {
			t.Errorf("a blocked person wrote in the conversation: %d", res.Status)
		}
		second := e.post(t, poster, rDraft(board.Request, "leisure.sport", "Fußball am Sonntag"))
		path := "/listings/" + second.ID
		res = pest.Web.Get(path)
		rContains(t, "blocked person's page", res.Body, "Du kannst auf diesen Eintrag nicht antworten.")
		rLacks(t, "blocked person's page", res.Body, `action="`+path+`/responses"`)
		res = pest.Web.Post(path+"/responses", rForm("body", "Ich will trotzdem"))
		rWant(t, "blocked response", res.Status, http.StatusForbidden, res.Body)
		rContains(t, "blocked response", res.Body, `role="alert"`, "Du kannst auf diesen Eintrag nicht antworten.")
		status, _ := pest.api(t, http.MethodPost, "/api/v1"+path+"/responses", map[string]any{"body": "Und jetzt?"})
		rWant(t, "blocked response through the API", status, http.StatusForbidden, "")

		// The other way round: shy blocks the poster first.
		if err := e.Conv.Block(rctx, shy.ID, poster.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Board.Respond(rctx, shy.id(), second.ID, board.ResponseInput{Body: "Hm"}); err == nil {
			t.Error("a person who blocked the poster could respond")
		}

		// Suggestions leave out listings of people either side blocked.
		e.post(t, pest, rDraft(board.Offer, "leisure.sport", "Ich biete Lauftraining"))
		e.post(t, shy, rDraft(board.Offer, "leisure.sport", "Ich biete Fußballtraining"))
		fine := e.post(t, e.person(t, "fine", "de"), rDraft(board.Offer, "leisure.sport", "Ich biete Yoga"))
		status, got := poster.api(t, http.MethodGet, "/api/v1"+path+"/suggestions", nil)
		list, _ := got["suggestions"].([]any)
		if status != 200 || len(list) != 1 || !strings.Contains(rFlat(got), fine.ID) {
			t.Errorf("suggestions with blocks: %d %v", status, got)
		}
	})
}
