package board_test

import (
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
)

// TestRemovedMemberLosesControl: a volunteer who posted a request for an
// organisation and was then removed from it no longer reads its responses,
// decides on them or changes the listing, through the service, the web and
// the API; he leaves the organisation's conversations about it and hears of
// no new ones. An editor who is still a member keeps control.
func TestRemovedMemberLosesControl(t *testing.T) {
	rForEach(t, func(t *testing.T, e *rEnv) {
		owner := e.NewPerson(t, "owner", auth.Member)
		volunteer := e.NewPerson(t, "volunteer", auth.Member)
		editor := e.NewPerson(t, "editor", auth.Member)
		early := e.NewPerson(t, "Henrike", auth.Member)
		late := e.NewPerson(t, "Lorenz", auth.Member)
		o, err := e.Orgs.Create(ctx, owner.ID, testOrg("Tafel Nord"))
		if err != nil {
			t.Fatal(err)
		}
		e.Join(t, owner, volunteer, o.ID)
		e.Join(t, owner, editor, o.ID)
		d := rDraft(board.Request, "volunteering.events", "Helfende für die Ausgabe")
		d.OrganizationID = o.ID
		l := post(t, e.Env, volunteer, d)
		first := e.respond(t, early, l, "Ich kann dienstags.")
		token := volunteer.Token(t)
		if err := e.Orgs.RemoveMember(ctx, owner.ID, o.ID, volunteer.ID); err != nil {
			t.Fatal(err)
		}
		mailsBefore := e.MailCount(t, volunteer.Email)
		second := e.respond(t, late, l, "Meine Adresse: Weserstraße 5")
		if n := e.MailCount(t, volunteer.Email); n != mailsBefore {
			t.Errorf("the removed member was mailed about a new response: %d mails, %d before", n, mailsBefore)
		}

		// The service.
		me := volunteer.Identity()
		if e.Board.CanManage(ctx, l, me) {
			t.Error("the removed member still manages the listing")
		}
		_, err = e.Board.Responses(ctx, me, l.ID)
		apptest.WantCode(t, "responses", err, apperr.Forbidden)
		_, err = e.Board.Response(ctx, me, l.ID, second.ID)
		apptest.WantCode(t, "one response", err, apperr.Forbidden)
		_, err = e.Board.Accept(ctx, me, l.ID, second.ID)
		apptest.WantCode(t, "accept", err, apperr.Forbidden)
		_, err = e.Board.Update(ctx, me, l.ID, func(d board.Draft) board.Draft { d.Title = "Übernommen"; return d })
		apptest.WantCode(t, "update", err, apperr.Forbidden)
		_, err = e.Board.History(ctx, me, l.ID)
		apptest.WantCode(t, "history", err, apperr.Forbidden)
		mine, err := e.Board.Mine(ctx, me)
		if err != nil || len(mine) != 0 {
			t.Errorf("the removed member's listings: %v %d", err, len(mine))
		}

		// The web.
		page := volunteer.Web.Get("/listings/" + l.ID)
		apptest.WantStatus(t, "listing page", page.Status, http.StatusOK, page.Body)
		apptest.Lacks(t, "the removed member's listing page", page.Body, "Lorenz", "Henrike", "/responses/"+second.ID)
		for _, path := range []string{"/edit", "/fulfil", "/withdraw", "/extend",
			"/responses/" + second.ID + "/accept", "/responses/" + second.ID + "/decline"} {
			res := volunteer.Web.Post("/listings/"+l.ID+path, apptest.Form("title", "Übernommen"))
			apptest.WantStatus(t, "web POST "+path, res.Status, http.StatusForbidden, res.Body)
		}
		if res := volunteer.Web.Get("/listings/" + l.ID + "/edit"); res.Status != http.StatusForbidden {
			t.Errorf("edit form: %d", res.Status)
		}

		// The API, with a token taken while he was a member.
		api := "/api/v1/listings/" + l.ID
		for _, c := range []struct{ method, path string }{
			{http.MethodGet, api + "/responses"},
			{http.MethodGet, api + "/responses/" + second.ID},
			{http.MethodPost, api + "/responses/" + second.ID + "/accept"},
			{http.MethodPost, api + "/responses/" + first.ID + "/decline"},
			{http.MethodPatch, api},
			{http.MethodPost, api + "/withdraw"},
			{http.MethodGet, api + "/history"},
			{http.MethodGet, api + "/suggestions"},
		} {
			var body any
			if c.method == http.MethodPatch {
				body = map[string]any{"title": "Übernommen"}
			}
			status, got := e.API(t, token, c.method, c.path, body)
			apptest.WantStatus(t, c.method+" "+c.path, status, http.StatusForbidden, rFlat(got))
		}
		if status, body := e.API(t, token, http.MethodGet, "/api/v1/me/listings", nil); status != 200 || strings.Contains(rFlat(body), l.ID) {
			t.Errorf("the removed member's listings in the API: %d %s", status, rFlat(body))
		}

		// The conversations about the listing.
		for _, r := range []*board.Response{first, second} {
			if ok, err := e.Conv.CanSee(ctx, r.ConversationID, volunteer.ID); err != nil || ok {
				t.Errorf("the removed member sees the conversation with %s: %v %v", r.ResponderID, ok, err)
			}
			if res := volunteer.Web.Get("/conversations/" + r.ConversationID); res.Status != http.StatusNotFound {
				t.Errorf("conversation page: %d", res.Status)
			}
			if _, err := e.Conv.Post(ctx, r.ConversationID, volunteer.ID, "Noch da?"); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("the removed member writes into the conversation: %v", err)
			}
		}
		list := volunteer.Web.Get("/conversations")
		apptest.Lacks(t, "the removed member's conversations", list.Body, first.ConversationID, second.ConversationID)
		if n, err := e.Conv.Unread(ctx, volunteer.ID); err != nil || n != 0 {
			t.Errorf("the removed member's unread conversations: %d %v", n, err)
		}
		if _, err := e.Conv.Post(ctx, first.ConversationID, early.ID, "Hallo?"); err != nil {
			t.Fatal(err)
		}
		if n := e.MailCount(t, volunteer.Email); n != mailsBefore {
			t.Errorf("the removed member was mailed about a message: %d mails, %d before", n, mailsBefore)
		}

		// An editor who is still a member keeps control.
		rs, err := e.Board.Responses(ctx, editor.Identity(), l.ID)
		if err != nil || len(rs) != 2 {
			t.Fatalf("the editor's responses: %v %d", err, len(rs))
		}
		res := editor.Web.Post("/listings/"+l.ID+"/responses/"+second.ID+"/accept", nil)
		apptest.WantStatus(t, "the editor accepts", res.Status, http.StatusSeeOther, res.Body)
		if ok, err := e.Conv.CanSee(ctx, second.ConversationID, editor.ID); err != nil || !ok {
			t.Errorf("the editor does not see the conversation: %v %v", ok, err)
		}
		if status, body := editor.API(t, http.MethodPatch, api, map[string]any{"quantity": 3}); status != 200 {
			t.Errorf("the editor's PATCH: %d %s", status, rFlat(body))
		}
	})
}
