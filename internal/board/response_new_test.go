package board_test

import (
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/notify"
)

// TestResponseNewNotice: a response tells the listing's managers, and only
// them, that someone responded and waits for them to accept or decline:
// one record and one mail each, in their language, instead of the
// conversation's notice of the first message. For an organisation's
// listing they are its owners and editors, not a former member.
func TestResponseNewNotice(t *testing.T) {
	rForEach(t, func(t *testing.T, e *rEnv) {
		notices := e.P.Services.Notify
		amal := e.NewPersonLang(t, "amal", auth.Member, "ar")
		jonas := e.NewPersonLang(t, "jonas", auth.Member, "de")
		olena := e.NewPersonLang(t, "olena", auth.Member, "uk")
		sabine := e.NewPersonLang(t, "sabine", auth.Member, "de")
		gone := e.NewPersonLang(t, "gone", auth.Member, "de")
		bystander := e.NewPersonLang(t, "bystander", auth.Member, "de")

		responseNew := func(p *apptest.Person) []notify.Record { return e.Notices(t, p, "board/response_new") }

		// Amal's own listing: she alone is told, in Arabic, once.
		own := post(t, e.Env, amal, rDraft(board.Offer, "goods.baby", "Kinderbett abzugeben"))
		response := e.respond(t, jonas, own, "Ich hole es gern ab. GEHEIM-Nachricht")
		rs := responseNew(amal)
		if len(rs) != 1 || rs[0].Link != "/listings/"+own.ID+"#responses" || rs[0].Item != (notify.Item{Type: "listing", ID: own.ID}) {
			t.Fatalf("Amal's records: %+v", rs)
		}
		if line := notices.Line(e.P.Services.Catalog.Localizer("ar"), rs[0]); line != "ردّ جديد على «Kinderbett abzugeben»: اقبله أو ارفضه" {
			t.Errorf("Amal's inbox line %q", line)
		}
		m := e.MailTo(t, amal.Email)
		if m.Subject != "ردّ جديد على «Kinderbett abzugeben»: اقبله أو ارفضه" || !strings.Contains(m.Text, "مرحبًا Amal،") ||
			!strings.Contains(m.Text, "ردّ Jonas على الإعلان «Kinderbett abzugeben».") ||
			!strings.Contains(m.Text, "اقرأ الرسالة وقرّر هل تقبل الرد أم ترفضه.") ||
			!strings.Contains(m.Text, e.URL+"/listings/"+own.ID+"#responses") || strings.Contains(m.Text, "GEHEIM") {
			t.Errorf("Amal's mail: %q\n%s", m.Subject, m.Text)
		}
		if n := e.MailCount(t, amal.Email); n != 1 {
			t.Errorf("Amal got %d mails for one response, want 1", n)
		}
		if rs := responseNew(jonas); len(rs) != 0 || e.MailCount(t, jonas.Email) != 0 {
			t.Errorf("the responder was told of his own response: %+v", rs)
		}

		// Amal answers in the conversation: Jonas is told, and reading the
		// conversation marks the notice in his inbox read.
		if _, err := e.Conv.Post(ctx, response.ConversationID, amal.ID, "مرحبًا، متى تأتي؟"); err != nil {
			t.Fatal(err)
		}
		if n, _ := notices.Unread(ctx, jonas.ID); n != 1 {
			t.Fatalf("Jonas has %d unread notices after Amal's answer, want 1", n)
		}
		apptest.WantStatus(t, "Jonas reads the conversation", jonas.Web.Get("/conversations/"+response.ConversationID).Status, 200, "")
		if n, _ := notices.Unread(ctx, jonas.ID); n != 0 {
			t.Errorf("Jonas has %d unread notices after reading the conversation, want 0", n)
		}

		// Amal opens her listing, however she came there: the notice of
		// the response is read.
		apptest.WantStatus(t, "Amal opens her listing", amal.Web.Get("/listings/"+own.ID).Status, 200, "")
		if rs := responseNew(amal); len(rs) != 1 || rs[0].Unread() {
			t.Errorf("Amal's notice after she opened the listing: %+v", rs)
		}

		// An organisation's listing: its owner and editors are told, each
		// in their language; a member who left and a bystander are not.
		o, err := e.Orgs.Create(ctx, sabine.ID, testOrg("Tafel Nord"))
		if err != nil {
			t.Fatal(err)
		}
		e.Join(t, sabine, olena, o.ID)
		e.Join(t, sabine, gone, o.ID)
		if err := e.Orgs.RemoveMember(ctx, sabine.ID, o.ID, gone.ID); err != nil {
			t.Fatal(err)
		}
		d := rDraft(board.Request, "goods.furniture", "Tische gesucht")
		d.OrganizationID = o.ID
		orgListing := post(t, e.Env, sabine, d)
		e.respond(t, amal, orgListing, "لدي طاولتان.")
		for _, want := range []struct {
			p       *apptest.Person
			subject string
		}{{sabine, "Neue Rückmeldung zu „Tische gesucht“: annehmen oder ablehnen"},
			{olena, "Новий відгук на «Tische gesucht»: прийміть або відхиліть"}} {
			if rs := responseNew(want.p); len(rs) != 1 || rs[0].Item.ID != orgListing.ID {
				t.Errorf("%s's records: %+v", want.p.Email, rs)
			}
			if mails := e.Outbox(t, want.p.Email); mails[len(mails)-1].Subject != want.subject {
				t.Errorf("mail to %s: %q", want.p.Email, mails[len(mails)-1].Subject)
			}
		}
		for _, p := range []*apptest.Person{gone, bystander, amal} {
			for _, r := range responseNew(p) {
				if r.Item.ID == orgListing.ID {
					t.Errorf("%s was told of a response to the organisation's listing", p.Email)
				}
			}
		}
	})
}
