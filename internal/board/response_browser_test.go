package board_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/browsertest"
)

// TestBoardJourneyInBrowser: a volunteer posts an offer in German; a
// newcomer with the Arabic interface finds it on the board and responds;
// the volunteer accepts; both write in the conversation; the listing is
// marked fulfilled and both leave a note of thanks. Every page on the way
// passes axe, reflows to 320 px, is usable with the keyboard and asks no
// other host for anything.
func TestBoardJourneyInBrowser(t *testing.T) {
	e := rWrap(t, apptest.New(t, "sqlite"))
	volunteer := e.NewPersonLang(t, "volunteer", auth.Member, "de")
	newcomer := e.NewPersonLang(t, "newcomer", auth.Member, "ar")
	// Somebody near who asks for something alike, so the new offer has a
	// suggestion to show.
	post(t, e.Env, e.NewPersonLang(t, "learner", auth.Member, "fa"), rDraft(board.Request, "german_lessons.conversation", "Ich suche jemanden zum Deutschsprechen"))

	check := func(b *browsertest.Browser, what string, status, want int) {
		t.Helper()
		if status != want {
			t.Fatalf("%s: status %d, want %d\n%.3000s", what, status, want, b.HTML())
		}
		b.CheckAll(t)
	}

	// The volunteer posts an offer in German.
	vol := volunteer.Browser(t, "/board", "de")
	check(vol, "new listing form", vol.Go(e.URL+"/listings/new?kind=offer"), http.StatusOK)
	vol.Click("#f-kind-offer")
	vol.Select("#f-category", "german_lessons.conversation")
	vol.Fill("#f-title", "Deutsch üben beim Spaziergang an der Fulda")
	vol.Fill("#f-description", "Ich gehe gern spazieren und unterhalte mich dabei auf Deutsch. Einmal pro Woche, am liebsten sonntags.")
	vol.Select("#f-content_lang", "de")
	browsertest.Eval[bool](vol.Page, `document.querySelector('#f-lang-de').checked = true`)
	browsertest.Eval[bool](vol.Page, `document.querySelector('#f-lang-ar').checked = true`)
	vol.Fill("#f-postcode", "34117")
	vol.Fill("#f-place", "Kassel")
	vol.Click("#f-visibility-public")
	check(vol, "publish", vol.Submit(`main form[method="post"]`), http.StatusOK)
	listingURL := vol.URL()
	id := listingURL[strings.LastIndex(listingURL, "/")+1:]
	if !strings.Contains(listingURL, "/listings/") || vol.Count("#suggestions li") != 1 {
		t.Fatalf("after publishing: %s with %d suggestions", listingURL, vol.Count("#suggestions li"))
	}

	// The newcomer, in Arabic, finds it on the board and responds.
	nc := newcomer.Browser(t, "/board", "ar")
	if dir := nc.Attr("html", "dir"); dir != "rtl" {
		t.Fatalf("the Arabic interface has dir=%q", dir)
	}
	nc.Fill("#f-q", "Spaziergang")
	check(nc, "board filtered", nc.Submit(`form[role="search"]`), http.StatusOK)
	check(nc, "listing page", nc.ClickAndLoad(`a[href="/listings/`+id+`"]`), http.StatusOK)
	respond := `form[action="/listings/` + id + `/responses"]`
	check(nc, "empty response", nc.Submit(respond), http.StatusUnprocessableEntity)
	nc.Fill("#f-body", "مرحبًا! أريد أن أتحدث الألمانية أكثر. Sonntag passt mir gut.")
	check(nc, "response sent", nc.Submit(respond), http.StatusOK)
	if nc.Count(`#responses a[href^="/conversations/"]`) == 0 {
		t.Fatal("after responding the page shows no conversation")
	}

	// The volunteer accepts and writes in the conversation.
	check(vol, "listing with a response", vol.Go(listingURL), http.StatusOK)
	check(vol, "accepted", vol.Submit(`#responses form[action$="/accept"]`), http.StatusOK)
	check(vol, "conversation", vol.ClickAndLoad(`#responses a.button[href^="/conversations/"]`), http.StatusOK)
	convURL := vol.URL()
	vol.Fill("#f-body", "Wie schön! Treffen wir uns am Sonntag um 15 Uhr am Auedamm?")
	check(vol, "message sent", vol.Submit(`form[action$="/messages"]`), http.StatusOK)

	// The newcomer reads it from their responses and answers.
	check(nc, "my responses", nc.Go(e.URL+"/me/responses"), http.StatusOK)
	check(nc, "conversation", nc.ClickAndLoad(`main a[href^="/conversations/"]`), http.StatusOK)
	if !strings.Contains(nc.Text("main"), "Auedamm") {
		t.Error("the newcomer does not see the volunteer's message")
	}
	nc.Fill("#f-body", "نعم، إلى اللقاء! Bis Sonntag.")
	check(nc, "answer sent", nc.Submit(`form[action$="/messages"]`), http.StatusOK)
	vol.Go(convURL)
	if !strings.Contains(vol.Text("main"), "Bis Sonntag") {
		t.Error("the volunteer does not see the answer")
	}

	// Marked fulfilled; both leave a note of thanks.
	vol.Go(listingURL)
	check(vol, "fulfilled", vol.Submit(`form[action$="/fulfil"]`), http.StatusOK)
	check(vol, "fulfilled listing", vol.Go(listingURL), http.StatusOK)
	vol.Fill("#f-thanks-text", "Danke für die schönen Spaziergänge!")
	check(vol, "volunteer's thanks", vol.Submit(`form[action$="/thanks"]`), http.StatusOK)
	check(nc, "my responses after fulfilment", nc.Go(e.URL+"/me/responses"), http.StatusOK)
	check(nc, "thanks page", nc.ClickAndLoad(`a[href="/listings/`+id+`/thanks"]`), http.StatusOK)
	nc.Fill("#f-thanks-text", "شكرًا جزيلًا! Ich habe viel gelernt.")
	check(nc, "newcomer's thanks", nc.Submit(`form[action$="/thanks"]`), http.StatusOK)
	vol.Go(listingURL)
	if text := vol.Text("#thanks"); !strings.Contains(text, "Ich habe viel gelernt") || !strings.Contains(text, "Spaziergänge") {
		t.Errorf("the notes on the listing: %q", text)
	}

	// The saved searches and the page of a digest's link.
	if _, err := e.Board.SaveSearch(ctx, newcomer.Identity(), "", board.Filter{Q: "Deutsch"}); err != nil {
		t.Fatal(err)
	}
	check(nc, "saved searches", nc.Go(e.URL+"/me/searches"), http.StatusOK)
	check(nc, "digest off", nc.Submit(`form[action$="/digest"]`), http.StatusOK)
	check(nc, "digest on", nc.Submit(`form[action$="/digest"]`), http.StatusOK)
	e.Clock.Advance(time.Minute)
	post(t, e.Env, volunteer, rDraft(board.Offer, "german_lessons.courses", "Deutschkurs im Stadtteilzentrum"))
	e.Clock.Advance(24 * time.Hour)
	if err := e.P.App.Jobs.RunDue(ctx); err != nil {
		t.Fatal(err)
	}
	link := ""
	for range 6 {
		if link = e.MailTo(t, newcomer.Email).FirstURL(e.URL + "/searches/unsubscribe/"); link != "" {
			break
		}
	}
	visitor := browsertest.New(t)
	check(visitor, "unsubscribed", visitor.Go(link), http.StatusOK)
	check(visitor, "subscribed again", visitor.Submit(`main form[method="post"]`), http.StatusOK)
}
