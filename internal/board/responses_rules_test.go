package board_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/organization"
)

// TestResponseRefusals: not to one's own listing, not twice, not to a
// listing that is withdrawn, expired or hidden, not for an organisation
// one does not belong to, and not more often than the rate limit allows;
// every refusal through the web keeps what was typed.
func TestResponseRefusals(t *testing.T) {
	rForEach(t, func(t *testing.T, e *rEnv) {
		poster := e.person(t, "poster", "de")
		helper := e.person(t, "helper", "de")
		l := e.post(t, poster, rDraft(board.Offer, "goods.bicycles", "Kinderfahrrad zu verschenken"))
		path := "/listings/" + l.ID

		res := poster.Web.Post(path+"/responses", rForm("body", "Ich will mein eigenes Rad"))
		rWant(t, "own listing", res.Status, http.StatusForbidden, res.Body)
		status, _ := poster.api(t, http.MethodPost, "/api/v1"+path+"/responses", map[string]any{"body": "Ich"})
		rWant(t, "own listing through the API", status, http.StatusForbidden, "")

		// Somebody else's organisation: the error stands beside the field.
		other := e.person(t, "other", "de")
		o, err := e.Orgs.Create(rctx, other.ID, organization.Profile{Name: "Radwerkstatt Nord", Kind: "initiative"})
		if err != nil {
			t.Fatal(err)
		}
		res = helper.Web.Post(path+"/responses", rForm("body", "Für unsere Werkstatt", "organization_id", o.ID))
		rWant(t, "foreign organisation", res.Status, http.StatusUnprocessableEntity, res.Body)
		rContains(t, "foreign organisation", res.Body, `id="f-organization_id-error"`, "Für unsere Werkstatt")

		e.respond(t, helper, l, "Mein Sohn würde sich freuen.")
		res = helper.Web.Post(path+"/responses", rForm("body", "Noch einmal"))
		rWant(t, "second response", res.Status, http.StatusConflict, res.Body)
		rContains(t, "second response", res.Body, "Du hast dich auf diesen Eintrag schon gemeldet.")
		status, problem := helper.api(t, http.MethodPost, "/api/v1"+path+"/responses", map[string]any{"body": "Noch einmal"})
		if status != http.StatusConflict || !strings.Contains(rFlat(problem), "schon gemeldet") {
			t.Errorf("second response through the API: %d %v", status, problem)
		}

		// Closed listings: withdrawn, hidden by a coordinator, expired.
		late := e.person(t, "late", "de")
		staff := e.NewUser(t, "staff@example.org", "Staff", auth.Coordinator)
		staffID := &auth.Identity{UserID: staff.ID, Name: staff.Name, Role: auth.Coordinator, Lang: "de"}
		withdrawn := e.post(t, poster, rDraft(board.Offer, "goods.furniture", "Sofa"))
		if _, err := e.Board.Withdraw(rctx, poster.id(), withdrawn.ID); err != nil {
			t.Fatal(err)
		}
		hidden := e.post(t, poster, rDraft(board.Offer, "goods.clothing", "Winterjacken"))
		var mod *moderation.Module
		for _, m := range e.P.App.Modules {
			if mm, ok := m.(*moderation.Module); ok {
				mod = mm
			}
		}
		if err := mod.Hide(rctx, staffID, "listing", hidden.ID, "Test"); err != nil {
			t.Fatal(err)
		}
		expiring := e.post(t, poster, rDraft(board.Offer, "goods.household", "Kochtöpfe"))
		e.Clock.Advance(31 * 24 * time.Hour)
		for _, c := range []*board.Listing{withdrawn, hidden, expiring} {
			res := late.Web.Post("/listings/"+c.ID+"/responses", rForm("body", "Gibt es das noch?"))
			rWant(t, c.Title+" through the web", res.Status, http.StatusNotFound, res.Body)
			status, _ := late.api(t, http.MethodPost, "/api/v1/listings/"+c.ID+"/responses", map[string]any{"body": "Noch da?"})
			rWant(t, c.Title+" through the API", status, http.StatusNotFound, "")
			// Coordinators see such listings, and are still refused.
			if _, err := e.Board.Respond(rctx, staffID, c.ID, board.ResponseInput{Body: "Noch da?"}); err == nil {
				t.Errorf("%s: a coordinator could respond", c.Title)
			}
		}
		if rs, _ := e.Board.MyResponses(rctx, late.ID); len(rs) != 0 {
			t.Errorf("refused responses were stored: %+v", rs)
		}
	})
}

// TestResponseRateLimit allows ten responses an hour per account; the
// eleventh comes back with its message kept.
func TestResponseRateLimit(t *testing.T) {
	rForEach(t, func(t *testing.T, e *rEnv) {
		posters := []*rPerson{e.person(t, "poster1", "de"), e.person(t, "poster2", "de")}
		helper := e.person(t, "helper", "tr")
		var ls []*board.Listing
		for i := range 11 {
			ls = append(ls, e.post(t, posters[i%2], rDraft(board.Request, "mobility.rides", fmt.Sprintf("Fahrt Nr. %d", i+1))))
		}
		for _, l := range ls[:10] {
			e.respond(t, helper, l, "Ich fahre dich.")
		}
		res := helper.Web.Post("/listings/"+ls[10].ID+"/responses", rForm("body", "Ich fahre dich auch."))
		rWant(t, "eleventh response", res.Status, http.StatusTooManyRequests, res.Body)
		rContains(t, "eleventh response", res.Body, "Ich fahre dich auch.", `role="alert"`)
		e.Clock.Advance(time.Hour)
		e.respond(t, helper, ls[10], "Jetzt geht es.")
	})
}

// TestRespondForAnOrganisation: a member responds on behalf of their
// organisation; the poster sees it, and the organisation's other members
// see the conversation. On a listing posted for an organisation, its
// editors manage the responses like the poster.
func TestRespondForAnOrganisation(t *testing.T) {
	rForEach(t, func(t *testing.T, e *rEnv) {
		poster := e.person(t, "poster", "de")
		helper := e.person(t, "helper", "de")
		colleague := e.person(t, "colleague", "de")
		stranger := e.person(t, "stranger", "de")
		o, err := e.Orgs.Create(rctx, helper.ID, organization.Profile{Name: "Fahrradwerkstatt Wesertor", Kind: "initiative"})
		if err != nil {
			t.Fatal(err)
		}
		if err := e.Orgs.Invite(rctx, helper.ID, o.ID, colleague.Email, organization.Editor); err != nil {
			t.Fatal(err)
		}
		link := e.MailTo(t, colleague.Email).FirstURL(e.URL + "/invitations/")
		if res := colleague.Web.Post(strings.TrimPrefix(link, e.URL), nil); res.Status != http.StatusSeeOther {
			t.Fatalf("accept invitation: %d", res.Status)
		}

		l := e.post(t, poster, rDraft(board.Request, "mobility.bike_repair", "Fahrrad reparieren"))
		path := "/listings/" + l.ID
		rContains(t, "member's form", helper.Web.Get(path).Body, `name="organization_id"`, "Fahrradwerkstatt Wesertor")
		res := helper.Web.Post(path+"/responses", rForm("body", "Kommt gern vorbei!", "organization_id", o.ID))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("respond for the organisation: %d\n%.2000s", res.Status, res.Body)
		}
		rContains(t, "poster's page", poster.Web.Get(path).Body, "für Fahrradwerkstatt Wesertor")
		r, _ := e.Board.MyResponses(rctx, helper.ID)
		conv := "/conversations/" + r[0].ConversationID
		rWant(t, "colleague opens the conversation", colleague.Web.Get(conv).Status, 200, "")
		rWant(t, "stranger opens the conversation", stranger.Web.Get(conv).Status, 404, "")

		// A listing posted for the organisation: the colleague, an editor,
		// lists and accepts responses; the stranger is refused.
		d := rDraft(board.Offer, "mobility.bike_repair", "Offene Werkstatt am Samstag")
		d.OrganizationID = o.ID
		ol := e.post(t, helper, d)
		resp := e.respond(t, stranger, ol, "Ich komme mit meinem Rad.")
		status, got := colleague.api(t, http.MethodGet, "/api/v1/listings/"+ol.ID+"/responses", nil)
		if list, _ := got["responses"].([]any); status != 200 || len(list) != 1 {
			t.Errorf("editor lists responses: %d %v", status, got)
		}
		status, got = colleague.api(t, http.MethodPost, "/api/v1/listings/"+ol.ID+"/responses/"+resp.ID+"/accept", nil)
		if status != 200 || got["status"] != "accepted" {
			t.Errorf("editor accepts: %d %v", status, got)
		}
		// Responding to one's own organisation's listing is refused.
		res = colleague.Web.Post("/listings/"+ol.ID+"/responses", rForm("body", "Ich auch"))
		rWant(t, "own organisation's listing", res.Status, http.StatusForbidden, res.Body)
	})
}
