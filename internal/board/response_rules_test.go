package board_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
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
		poster := e.NewPersonLang(t, "poster", auth.Member, "de")
		helper := e.NewPersonLang(t, "helper", auth.Member, "de")
		l := post(t, e.Env, poster, rDraft(board.Offer, "goods.bicycles", "Kinderfahrrad zu verschenken"))
		path := "/listings/" + l.ID

		res := poster.Web.Post(path+"/responses", apptest.Form("body", "Ich will mein eigenes Rad"))
		apptest.WantStatus(t, "own listing", res.Status, http.StatusForbidden, res.Body)
		status, _ := poster.API(t, http.MethodPost, "/api/v1"+path+"/responses", map[string]any{"body": "Ich"})
		apptest.WantStatus(t, "own listing through the API", status, http.StatusForbidden, "")

		// Somebody else's organisation: the error stands beside the field.
		other := e.NewPersonLang(t, "other", auth.Member, "de")
		o, err := e.Orgs.Create(ctx, other.ID, organization.Profile{Name: "Radwerkstatt Nord", Kind: "initiative"})
		if err != nil {
			t.Fatal(err)
		}
		res = helper.Web.Post(path+"/responses", apptest.Form("body", "Für unsere Werkstatt", "organization_id", o.ID))
		apptest.WantStatus(t, "foreign organisation", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "foreign organisation", res.Body, `id="f-organization_id-error"`, "Für unsere Werkstatt")

		e.respond(t, helper, l, "Mein Sohn würde sich freuen.")
		res = helper.Web.Post(path+"/responses", apptest.Form("body", "Noch einmal"))
		apptest.WantStatus(t, "second response", res.Status, http.StatusConflict, res.Body)
		apptest.Contains(t, "second response", res.Body, "Du hast dich auf diesen Eintrag schon gemeldet.")
		status, problem := helper.API(t, http.MethodPost, "/api/v1"+path+"/responses", map[string]any{"body": "Noch einmal"})
		if status != http.StatusConflict || !strings.Contains(rFlat(problem), "schon gemeldet") {
			t.Errorf("second response through the API: %d %v", status, problem)
		}

		// Closed listings: withdrawn, hidden by a coordinator, expired.
		late := e.NewPersonLang(t, "late", auth.Member, "de")
		staff := e.NewUser(t, "staff@example.org", "Staff", auth.Coordinator)
		staffID := &auth.Identity{UserID: staff.ID, Name: staff.Name, Role: auth.Coordinator, Lang: "de"}
		withdrawn := post(t, e.Env, poster, rDraft(board.Offer, "goods.furniture", "Sofa"))
		if _, err := e.Board.Withdraw(ctx, poster.Identity(), withdrawn.ID); err != nil {
			t.Fatal(err)
		}
		hidden := post(t, e.Env, poster, rDraft(board.Offer, "goods.clothing", "Winterjacken"))
		var mod *moderation.Module
		for _, m := range e.P.App.Modules {
			if mm, ok := m.(*moderation.Module); ok {
				mod = mm
			}
		}
		if err := mod.Hide(ctx, staffID, "listing", hidden.ID, "Test"); err != nil {
			t.Fatal(err)
		}
		expiring := post(t, e.Env, poster, rDraft(board.Offer, "goods.household", "Kochtöpfe"))
		e.Clock.Advance(31 * 24 * time.Hour)
		for _, c := range []*board.Listing{withdrawn, hidden, expiring} {
			res := late.Web.Post("/listings/"+c.ID+"/responses", apptest.Form("body", "Gibt es das noch?"))
			apptest.WantStatus(t, c.Title+" through the web", res.Status, http.StatusNotFound, res.Body)
			status, _ := late.API(t, http.MethodPost, "/api/v1/listings/"+c.ID+"/responses", map[string]any{"body": "Noch da?"})
			apptest.WantStatus(t, c.Title+" through the API", status, http.StatusNotFound, "")
			// Coordinators see such listings, and are still refused.
			if _, err := e.Board.Respond(ctx, staffID, c.ID, board.ResponseInput{Body: "Noch da?"}); err == nil {
				t.Errorf("%s: a coordinator could respond", c.Title)
			}
		}
		if rs, _ := e.Board.MyResponses(ctx, late.ID); len(rs) != 0 {
			t.Errorf("refused responses were stored: %+v", rs)
		}
	})
}

// TestResponseRateLimit allows ten responses an hour per account; the
// eleventh comes back with its message kept.
func TestResponseRateLimit(t *testing.T) {
	rForEach(t, func(t *testing.T, e *rEnv) {
		posters := []*apptest.Person{e.NewPersonLang(t, "poster1", auth.Member, "de"), e.NewPersonLang(t, "poster2", auth.Member, "de")}
		helper := e.NewPersonLang(t, "helper", auth.Member, "tr")
		var ls []*board.Listing
		for i := range 11 {
			ls = append(ls, post(t, e.Env, posters[i%2], rDraft(board.Request, "mobility.rides", fmt.Sprintf("Fahrt Nr. %d", i+1))))
		}
		for _, l := range ls[:10] {
			e.respond(t, helper, l, "Ich fahre dich.")
		}
		res := helper.Web.Post("/listings/"+ls[10].ID+"/responses", apptest.Form("body", "Ich fahre dich auch."))
		apptest.WantStatus(t, "eleventh response", res.Status, http.StatusTooManyRequests, res.Body)
		apptest.Contains(t, "eleventh response", res.Body, "Ich fahre dich auch.", `role="alert"`)
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
		poster := e.NewPersonLang(t, "poster", auth.Member, "de")
		helper := e.NewPersonLang(t, "helper", auth.Member, "de")
		colleague := e.NewPersonLang(t, "colleague", auth.Member, "de")
		stranger := e.NewPersonLang(t, "stranger", auth.Member, "de")
		o, err := e.Orgs.Create(ctx, helper.ID, organization.Profile{Name: "Fahrradwerkstatt Wesertor", Kind: "initiative"})
		if err != nil {
			t.Fatal(err)
		}
		if err := e.Orgs.Invite(ctx, helper.ID, o.ID, colleague.Email, organization.Editor); err != nil {
			t.Fatal(err)
		}
		link := e.MailTo(t, colleague.Email).FirstURL(e.URL + "/invitations/")
		if res := colleague.Web.Post(strings.TrimPrefix(link, e.URL), nil); res.Status != http.StatusSeeOther {
			t.Fatalf("accept invitation: %d", res.Status)
		}

		l := post(t, e.Env, poster, rDraft(board.Request, "mobility.bike_repair", "Fahrrad reparieren"))
		path := "/listings/" + l.ID
		apptest.Contains(t, "member's form", helper.Web.Get(path).Body, `name="organization_id"`, "Fahrradwerkstatt Wesertor")
		res := helper.Web.Post(path+"/responses", apptest.Form("body", "Kommt gern vorbei!", "organization_id", o.ID))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("respond for the organisation: %d\n%.2000s", res.Status, res.Body)
		}
		apptest.Contains(t, "poster's page", poster.Web.Get(path).Body, "für Fahrradwerkstatt Wesertor")
		r, _ := e.Board.MyResponses(ctx, helper.ID)
		conv := "/conversations/" + r[0].ConversationID
		apptest.WantStatus(t, "colleague opens the conversation", colleague.Web.Get(conv).Status, 200, "")
		apptest.WantStatus(t, "stranger opens the conversation", stranger.Web.Get(conv).Status, 404, "")

		// A listing posted for the organisation: the colleague, an editor,
		// lists and accepts responses; the stranger is refused.
		d := rDraft(board.Offer, "mobility.bike_repair", "Offene Werkstatt am Samstag")
		d.OrganizationID = o.ID
		ol := post(t, e.Env, helper, d)
		resp := e.respond(t, stranger, ol, "Ich komme mit meinem Rad.")
		status, got := colleague.API(t, http.MethodGet, "/api/v1/listings/"+ol.ID+"/responses", nil)
		if list, _ := got["responses"].([]any); status != 200 || len(list) != 1 {
			t.Errorf("editor lists responses: %d %v", status, got)
		}
		status, got = colleague.API(t, http.MethodPost, "/api/v1/listings/"+ol.ID+"/responses/"+resp.ID+"/accept", nil)
		if status != 200 || got["status"] != "accepted" {
			t.Errorf("editor accepts: %d %v", status, got)
		}
		// Responding to one's own organisation's listing is refused.
		res = colleague.Web.Post("/listings/"+ol.ID+"/responses", apptest.Form("body", "Ich auch"))
		apptest.WantStatus(t, "own organisation's listing", res.Status, http.StatusForbidden, res.Body)
	})
}
