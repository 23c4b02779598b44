package board_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
)

// TestRespondAcceptShareAndThank follows a response from the form to the
// notes of thanks: the poster is told, no address shows before the poster
// accepts and both choose to share, the responder learns of the decision
// in their own language, and both thank each other on the fulfilled
// listing.
func TestRespondAcceptShareAndThank(t *testing.T) {
	rForEach(t, func(t *testing.T, e *rEnv) {
		poster := e.NewPersonLang(t, "poster", auth.Member, "de")
		helper := e.NewPersonLang(t, "helper", auth.Member, "ar")
		visitor := e.Client(t)
		l := post(t, e.Env, poster, rDraft(board.Request, "german_lessons.conversation", "Gesprächspartnerin für Deutsch gesucht"))
		path := "/listings/" + l.ID

		// Visitors are asked to log in; the poster gets no form; the
		// helper does, in Arabic, with the privacy note.
		res := visitor.Get(path)
		apptest.Contains(t, "visitor's page", res.Body, `/login?next=%2Flistings%2F`+l.ID)
		apptest.Lacks(t, "visitor's page", res.Body, `action="/listings/`+l.ID+`/responses"`)
		res = poster.Web.Get(path)
		apptest.WantStatus(t, "poster's page", res.Status, 200, res.Body)
		apptest.Lacks(t, "poster's page", res.Body, `action="/listings/`+l.ID+`/responses"`)
		apptest.Contains(t, "poster's page", res.Body, "Es hat sich noch niemand gemeldet")
		res = helper.Web.Get(path)
		apptest.Contains(t, "helper's page", res.Body, `action="/listings/`+l.ID+`/responses"`, "أستطيع المساعدة", `id="f-body"`)

		// An empty message comes back beside its field.
		res = helper.Web.Post(path+"/responses", apptest.Form("body", "  "))
		apptest.WantStatus(t, "empty response", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "empty response", res.Body, `id="f-body-error"`, `aria-invalid="true"`, `dir="rtl"`)

		before := e.MailCount(t, poster.Email)
		r := e.respond(t, helper, l, "مرحبًا! Ich kann dienstags nach 17 Uhr.")
		if r.Status != board.ResponsePending || r.ConversationID == "" {
			t.Fatalf("response %+v", r)
		}
		if e.MailCount(t, poster.Email) != before+1 {
			t.Error("the poster got no notification of the response")
		}
		conv := "/conversations/" + r.ConversationID

		// The poster sees the response with accept and decline, and the
		// person's name, never an address.
		res = poster.Web.Get(path)
		apptest.Contains(t, "poster's page", res.Body, "Helper", path+"/responses/"+r.ID+"/accept", path+"/responses/"+r.ID+"/decline",
			`href="`+conv+`"`, conv+"/block/"+helper.ID, "Wartet auf Entscheidung")
		apptest.Lacks(t, "poster's page", res.Body, helper.Email)
		res = helper.Web.Get(path)
		apptest.Contains(t, "helper's page", res.Body, "بانتظار القرار", path+"/responses/"+r.ID+"/withdraw")
		apptest.Lacks(t, "helper's page", res.Body, `action="/listings/`+l.ID+`/responses"`, poster.Email)

		// The conversation relays messages; contact details cannot be
		// shared before the poster accepts.
		res = helper.Web.Get(conv)
		apptest.WantStatus(t, "helper's conversation", res.Status, 200, res.Body)
		apptest.Lacks(t, "helper's conversation", res.Body, poster.Email)
		res = helper.Web.Post(conv+"/contact", apptest.Form("share", "1"))
		apptest.WantStatus(t, "sharing before acceptance", res.Status, http.StatusConflict, res.Body)

		res = poster.Web.Post(path+"/responses/"+r.ID+"/accept", nil)
		if res.Status != http.StatusSeeOther || res.Location() != path+"#responses" {
			t.Fatalf("accept: %d %s\n%.2000s", res.Status, res.Location(), res.Body)
		}
		m := e.MailTo(t, helper.Email)
		apptest.Contains(t, "acceptance mail", m.Subject, "قُبل ردّك", l.Title)
		apptest.Contains(t, "acceptance mail", m.Text, e.URL+conv, "Poster")
		apptest.Lacks(t, "acceptance mail", m.Text, poster.Email)
		if got, _ := e.Board.Response(ctx, poster.Identity(), l.ID, r.ID); got.Status != board.ResponseAccepted || got.DecidedAt == nil {
			t.Errorf("after accepting: %+v", got)
		}
		// Accepting again changes nothing; declining an accepted one is refused.
		apptest.WantStatus(t, "accept twice", poster.Web.Post(path+"/responses/"+r.ID+"/accept", nil).Status, http.StatusSeeOther, "")
		apptest.WantStatus(t, "decline accepted", poster.Web.Post(path+"/responses/"+r.ID+"/decline", nil).Status, http.StatusConflict, "")

		// Both choose to share: only then each sees the other's address.
		apptest.WantStatus(t, "helper shares", helper.Web.Post(conv+"/contact", apptest.Form("share", "1")).Status, http.StatusSeeOther, "")
		apptest.Lacks(t, "conversation with one side sharing", helper.Web.Get(conv).Body, poster.Email)
		apptest.WantStatus(t, "poster shares", poster.Web.Post(conv+"/contact", apptest.Form("share", "1")).Status, http.StatusSeeOther, "")
		apptest.Contains(t, "helper's conversation after sharing", helper.Web.Get(conv).Body, poster.Email)
		apptest.Contains(t, "poster's conversation after sharing", poster.Web.Get(conv).Body, helper.Email)

		// Thanks wait for the listing to be fulfilled.
		res = helper.Web.Post(path+"/thanks", apptest.Form("text", "Danke!"))
		apptest.WantStatus(t, "thanks on an open listing", res.Status, http.StatusConflict, res.Body)
		apptest.Contains(t, "thanks on an open listing", res.Body, `role="alert"`, `>Danke!</textarea>`)
		late := e.NewPersonLang(t, "late", auth.Member, "tr")
		lateResponse := e.respond(t, late, l, "Ben de yardım edebilirim.")
		res = poster.Web.Post(path+"/fulfil", nil)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("fulfil: %d\n%.2000s", res.Status, res.Body)
		}
		// Within a quarter of an hour the responder who waited learns
		// that the listing is closed, and the helper is invited to thank.
		e.Clock.Advance(15 * time.Minute)
		if err := e.P.App.Jobs.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		m = e.MailTo(t, late.Email)
		apptest.Contains(t, "mail to the waiting responder", m.Subject, "kapandı")
		if got, _ := e.Board.Response(ctx, late.Identity(), l.ID, lateResponse.ID); got.Status != board.ResponseDeclined {
			t.Errorf("waiting response after fulfilment: %+v", got)
		}
		m = e.MailTo(t, helper.Email)
		apptest.Contains(t, "invitation to thank", m.Text, e.URL+path+"/thanks")
		if err := e.P.App.Jobs.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		e.Clock.Advance(15 * time.Minute)
		if err := e.P.App.Jobs.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		if n := e.MailCount(t, late.Email); n != 1 {
			t.Errorf("the waiting responder got %d mails", n)
		}

		// Too long a note keeps what was typed; then both leave one.
		long := strings.Repeat("شكرًا ", 120)
		res = helper.Web.Post(path+"/thanks", apptest.Form("text", long))
		apptest.WantStatus(t, "too long a note", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "too long a note", res.Body, `id="f-thanks-text-error"`, strings.TrimSpace(long))
		res = helper.Web.Post(path+"/thanks", apptest.Form("text", "شكرًا جزيلًا – es war sehr schön!"))
		if res.Status != http.StatusSeeOther {
			t.Fatalf("helper's thanks: %d\n%.2000s", res.Status, res.Body)
		}
		apptest.Contains(t, "helper's thanks page", helper.Web.Get(res.Location()).Body, "شكرًا جزيلًا – es war sehr schön!")
		res = poster.Web.Post(path+"/thanks", apptest.Form("text", "Vielen Dank für die schönen Gespräche!"))
		if res.Status != http.StatusSeeOther || res.Location() != path+"#thanks" {
			t.Fatalf("poster's thanks: %d %s", res.Status, res.Location())
		}
		res = poster.Web.Get(path)
		apptest.Contains(t, "fulfilled listing", res.Body, `id="thanks"`, "Vielen Dank für die schönen Gespräche!", "شكرًا جزيلًا – es war sehr schön!")
		// Replacing a note keeps one per person.
		helper.Web.Post(path+"/thanks", apptest.Form("text", "Danke, Poster!"))
		status, got := helper.API(t, http.MethodGet, "/api/v1/listings/"+l.ID+"/thanks", nil)
		notes, _ := got["thanks"].([]any)
		if status != 200 || len(notes) != 2 || !strings.Contains(rFlat(got), "Danke, Poster!") {
			t.Errorf("thanks through the API: %d %v", status, got)
		}
		// Somebody who did not take part may read the fulfilled listing but
		// cannot leave a note.
		stranger := e.NewPersonLang(t, "stranger", auth.Member, "de")
		res = stranger.Web.Post(path+"/thanks", apptest.Form("text", "Ich auch!"))
		apptest.WantStatus(t, "stranger's thanks", res.Status, http.StatusForbidden, res.Body)
		// The helper's own list says where things stand and links the note.
		res = helper.Web.Get("/me/responses")
		apptest.Contains(t, "my responses", res.Body, l.Title, "مقبول", path+"/thanks", `href="`+conv+`"`)
	})
}

func rFlat(v any) string {
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, y := range x {
				b.WriteString(k + "=")
				walk(y)
				b.WriteString(" ")
			}
		case []any:
			for _, y := range x {
				walk(y)
				b.WriteString(" ")
			}
		case string:
			b.WriteString(x)
		}
	}
	walk(v)
	return b.String()
}
