package conversation_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/conversation"
)

func TestWebConversation(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		anna, ben, stranger := e.newPerson(t, "Anna", "de"), e.newPerson(t, "Ben", "de"), e.newPerson(t, "Fremd", "de")
		visitor := e.Client(t)
		convID := e.start(t, sofa, anna, "Ist das Sofa noch da?", part(ben))
		page := "/conversations/" + convID

		// The header counts unread conversations; the list shows the count.
		res := ben.Web.Get("/conversations")
		apptest.WantStatus(t, "list", res.Status, 200, res.Body)
		for _, want := range []string{`<a href="/conversations">Nachrichten <span class="badge">1 ungelesen</span></a>`,
			`<a href="` + page + `">Sofa zu verschenken</a>`, "Mit <bdi>Anna</bdi>", "1 ungelesene Nachricht", `value="link" aria-describedby="f-notify-link-hint" checked`} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("ben's list lacks %s", want)
			}
		}
		if res := stranger.Web.Get("/conversations"); strings.Contains(res.Body, convID) || strings.Contains(res.Body, "ungelesen") {
			t.Error("a stranger's list shows the conversation")
		}

		// Opening shows the messages, marks them read and clears the header.
		res = ben.Web.Get(page)
		apptest.WantStatus(t, "page", res.Status, 200, res.Body)
		for _, want := range []string{`<h1 dir="auto">Sofa zu verschenken</h1>`, `<a href="` + sofa.URL + `">`, "In diesem Gespräch: <bdi>Anna</bdi> und du.",
			"<strong><bdi>Anna</bdi></strong>", "Ist das Sofa noch da?", `<span class="badge ok">neu</span>`, `<time datetime="2026-03-02T08:00:00Z">02.03.2026 09:00</time>`,
			`href="/flags/new?kind=message&amp;id=`, `action="` + page + `/messages"`, `href="` + page + `/block/` + anna.ID + `"`,
			"Wenn eine Antwort angenommen wurde"} {
			if !strings.Contains(res.Body, want) {
				t.Errorf("ben's page lacks %s", want)
			}
		}
		if strings.Contains(res.Body, anna.Email) || strings.Contains(res.Body, `action="`+page+`/contact"`) {
			t.Error("contact details or the share form before sharing is enabled")
		}
		if res = ben.Web.Get(page); strings.Contains(res.Body, `class="badge`) {
			t.Error("still new or counted after opening")
		}
		if strings.Contains(anna.Web.Get(page).Body, "/flags/new") {
			t.Error("anna may report her own message")
		}

		// Replies: errors beside the field, text kept.
		res = ben.Web.Post(page+"/messages", apptest.Form("body", "   "))
		apptest.WantStatus(t, "empty reply", res.Status, http.StatusUnprocessableEntity, res.Body)
		if !strings.Contains(res.Body, `id="f-body-error">Bitte schreib eine Nachricht.`) || !strings.Contains(res.Body, `aria-invalid="true"`) {
			t.Error("empty reply: no error beside the field")
		}
		long := strings.Repeat("Sehr lang. ", 400)
		res = ben.Web.Post(page+"/messages", apptest.Form("body", long))
		apptest.WantStatus(t, "long reply", res.Status, http.StatusUnprocessableEntity, res.Body)
		if !strings.Contains(res.Body, long+"</textarea>") || !strings.Contains(res.Body, "höchstens 4000 Zeichen") {
			t.Error("long reply: text lost or no error")
		}
		res = ben.Web.Post(page+"/messages", apptest.Form("body", "Ja, komm gern vorbei.\nAb 10 Uhr."))
		if res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location(), page+"#m-") {
			t.Fatalf("reply: %d %s\n%s", res.Status, res.Location(), res.Body)
		}
		if body := anna.Web.Get(page).Body; !strings.Contains(body, "Ja, komm gern vorbei.<br>Ab 10 Uhr.") {
			t.Error("reply not shown with its line break")
		}

		// Strangers and visitors: nothing.
		for _, c := range []struct {
			method, path string
			f            url.Values
		}{
			{"GET", page, nil},
			{"GET", page + "?before=2", nil},
			{"POST", page + "/messages", apptest.Form("body", "Ich auch")},
			{"POST", page + "/contact", apptest.Form("share", "1")},
			{"GET", page + "/block/" + anna.ID, nil},
			{"POST", page + "/block/" + anna.ID, nil},
			{"GET", "/conversations/nope", nil},
		} {
			var res *apptest.Response
			if c.method == "GET" {
				res = stranger.Web.Get(c.path)
			} else {
				res = stranger.Web.Post(c.path, c.f)
			}
			apptest.WantStatus(t, "stranger "+c.method+" "+c.path, res.Status, http.StatusNotFound, res.Body)
			if strings.Contains(res.Body, "Ist das Sofa") || strings.Contains(res.Body, "Sofa zu verschenken") {
				t.Errorf("stranger %s %s sees content", c.method, c.path)
			}
		}
		if res := visitor.Get(page); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location(), "/login?next=") {
			t.Errorf("visitor page: %d %s", res.Status, res.Location())
		}
		if res := visitor.Post(page+"/messages", apptest.Form("body", "x")); res.Status != http.StatusUnauthorized {
			t.Errorf("visitor posts: %d", res.Status)
		}
		if th, _ := e.Conv.Read(ctx, convID, anna.ID, 0); len(th.Messages) != 2 {
			t.Errorf("%d messages after refusals", len(th.Messages))
		}

		// Settings: a wrong value is refused beside the field; the right one kept.
		res = ben.Web.Post("/conversations/settings", apptest.Form("notify", "fax"))
		apptest.WantStatus(t, "bad setting", res.Status, http.StatusUnprocessableEntity, res.Body)
		if !strings.Contains(res.Body, `id="f-notify-error"`) {
			t.Error("bad setting: no error")
		}
		if res = ben.Web.Post("/conversations/settings", apptest.Form("notify", "text")); res.Status != http.StatusSeeOther {
			t.Fatalf("setting: %d", res.Status)
		}
		if on, _ := e.Conv.MailText(ctx, ben.ID); !on {
			t.Error("setting not stored")
		}
		if body := ben.Web.Get("/conversations").Body; !strings.Contains(body, `value="text" aria-describedby="f-notify-text-hint" checked`) ||
			!strings.Contains(body, "Deine Einstellung ist gespeichert.") {
			t.Error("setting not shown")
		}
	})
}

func TestWebBlock(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		anna, ben, carl := e.newPerson(t, "Anna", "de"), e.newPerson(t, "Ben", "de"), e.newPerson(t, "Carl", "de")
		convID := e.start(t, sofa, anna, "Hallo", part(ben))
		page := "/conversations/" + convID

		// Only people of the conversation can be blocked from it.
		if res := anna.Web.Get(page + "/block/" + carl.ID); res.Status != http.StatusNotFound {
			t.Errorf("block form for an outsider: %d", res.Status)
		}
		if res := anna.Web.Post(page+"/block/"+carl.ID, nil); res.Status != http.StatusNotFound {
			t.Errorf("blocking an outsider: %d", res.Status)
		}
		if res := anna.Web.Get(page + "/block/" + anna.ID); res.Status != http.StatusNotFound {
			t.Errorf("block form for oneself: %d", res.Status)
		}
		res := anna.Web.Get(page + "/block/" + ben.ID)
		apptest.WantStatus(t, "confirmation", res.Status, 200, res.Body)
		if !strings.Contains(res.Body, "<h1><bdi>Ben</bdi> blockieren?</h1>") || !strings.Contains(res.Body, `<button class="danger">Ja, Ben blockieren</button>`) {
			t.Errorf("confirmation page:\n%s", section(res.Body, "main"))
		}
		if b, _ := e.Conv.Blocked(ctx, anna.ID, ben.ID); b {
			t.Fatal("opening the confirmation blocked")
		}
		res = anna.Web.Post(page+"/block/"+ben.ID, nil)
		if res.Status != http.StatusSeeOther || res.Location() != page {
			t.Fatalf("block: %d %s", res.Status, res.Location())
		}
		res = ben.Web.Get(page)
		if !strings.Contains(res.Body, "kannst du nicht mehr schreiben") || strings.Contains(res.Body, `action="`+page+`/messages"`) {
			t.Error("ben still gets the reply form")
		}
		res = ben.Web.Post(page+"/messages", apptest.Form("body", "Warum?"))
		apptest.WantStatus(t, "blocked reply", res.Status, http.StatusForbidden, res.Body)
		if !strings.Contains(res.Body, "Eine Person in diesem Gespräch hat die andere blockiert") {
			t.Error("blocked reply: no reason shown")
		}
		body := anna.Web.Get(page).Body
		if !strings.Contains(body, "Du hast <bdi>Ben</bdi> blockiert.") {
			t.Error("anna's page does not say she blocked ben")
		}
		if body := anna.Web.Get("/conversations").Body; !strings.Contains(body, `<span id="blocked-`+ben.ID+`"><bdi>Ben</bdi></span>`) {
			t.Error("blocked people not listed")
		}
		// Ben cannot lift anna's block; anna can, from the conversation.
		ben.Web.Post("/conversations/unblock", apptest.Form("user", anna.ID))
		if b, _ := e.Conv.Blocked(ctx, anna.ID, ben.ID); !b {
			t.Error("the block is gone")
		}
		res = anna.Web.Post("/conversations/unblock", apptest.Form("user", ben.ID, "next", page))
		if res.Status != http.StatusSeeOther || res.Location() != page {
			t.Fatalf("unblock: %d %s", res.Status, res.Location())
		}
		if res := anna.Web.Post("/conversations/unblock", apptest.Form("user", ben.ID, "next", "https://evil.example/")); res.Location() != "/conversations" {
			t.Errorf("unblock followed an outside next: %s", res.Location())
		}
		if res := ben.Web.Post(page+"/messages", apptest.Form("body", "Danke.")); res.Status != http.StatusSeeOther {
			t.Errorf("reply after unblocking: %d", res.Status)
		}
	})
}

func TestWebOrganisationMember(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		sabine, olena, jonas := e.newPerson(t, "Sabine", "de"), e.newPerson(t, "Olena", "uk"), e.newPerson(t, "Jonas", "de")
		org := e.newOrg(t, sabine, "Freiwilligenzentrum")
		e.Join(t, sabine, jonas, org)
		convID := e.start(t, conversation.About{}, olena, "Добрий день!", conversation.Participant{UserID: sabine.ID, OrgID: org})
		page := "/conversations/" + convID

		res := jonas.Web.Get(page)
		apptest.WantStatus(t, "member page", res.Status, 200, res.Body)
		if !strings.Contains(res.Body, `<h1 dir="auto">Mit Olena, Sabine</h1>`) && !strings.Contains(res.Body, `<h1 dir="auto">Mit Sabine, Olena</h1>`) {
			t.Errorf("jonas's page has no title naming both:\n%s", section(res.Body, "main"))
		}
		if !strings.Contains(res.Body, "weil du zu einer beteiligten Organisation gehörst") || !strings.Contains(res.Body, "In diesem Gespräch: ") ||
			strings.Contains(res.Body, " und du.") {
			t.Errorf("jonas's page does not explain why he sees it:\n%s", section(res.Body, "main"))
		}
		if res := jonas.Web.Post(page+"/messages", apptest.Form("body", "Hallo Olena, hier Jonas vom Zentrum.")); res.Status != http.StatusSeeOther {
			t.Fatalf("member replies: %d", res.Status)
		}
		if body := olena.Web.Get(page).Body; !strings.Contains(body, "<strong><bdi>Jonas</bdi></strong>") {
			t.Error("olena does not see jonas's answer")
		}
	})
}
