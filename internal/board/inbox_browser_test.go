package board_test

import (
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
)

// TestInboxInBrowser: a poster with the Arabic interface finds the
// response to her listing in her inbox, opens it from there to the
// listing's responses, and marks the rest read, without script. The inbox
// passes axe, reflows to 320 px and is usable with the keyboard.
func TestInboxInBrowser(t *testing.T) {
	e := rWrap(t, apptest.New(t, "sqlite"))
	amal := e.NewPersonLang(t, "amal", auth.Member, "ar")
	jonas := e.NewPersonLang(t, "jonas", auth.Member, "de")
	l := post(t, e.Env, amal, rDraft(board.Offer, "goods.baby", "Kinderbett abzugeben"))
	e.respond(t, jonas, l, "Ich hole es gern ab.")
	e.respond(t, e.NewPersonLang(t, "olena", auth.Member, "uk"), post(t, e.Env, amal, rDraft(board.Offer, "goods.furniture", "Sofa")), "Можу забрати.")

	b := amal.Browser(t, "/me/inbox", "ar")
	if status := b.Go(e.URL + "/me/inbox"); status != http.StatusOK {
		t.Fatalf("inbox: %d", status)
	}
	if b.Attr("html", "dir") != "rtl" || b.Count("#inbox > li") != 2 || !strings.Contains(b.Text("#inbox"), "«Kinderbett abzugeben»") {
		t.Fatalf("the Arabic inbox:\n%.3000s", b.HTML())
	}
	b.CheckAll(t)
	status := b.ClickAndLoad("#inbox a")
	if status != http.StatusOK || !strings.Contains(b.URL(), "/listings/") || !strings.HasSuffix(b.URL(), "#responses") {
		t.Fatalf("opening the first notice: %d %s", status, b.URL())
	}
	b.Go(e.URL + "/me/inbox")
	b.Submit(`form[action="/me/inbox/read"]`)
	if b.Count(`form[action="/me/inbox/read"]`) != 0 || b.Count("#inbox .badge") != 0 {
		t.Errorf("after marking all read:\n%.3000s", b.HTML())
	}
	b.CheckAll(t)
}
