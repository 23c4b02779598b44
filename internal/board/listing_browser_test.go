package board_test

import (
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/browsertest"
)

// TestVolunteerPostsAnOffer is the listings area in Chromium: a volunteer
// posts an offer in German (after a form with mistakes), it shows on the
// board, and its pages pass axe, reflow to 320 px and work with the
// keyboard in German and Arabic, for its poster and for a visitor.
func TestVolunteerPostsAnOffer(t *testing.T) {
	e := apptest.New(t, "sqlite")
	jonas := e.NewPerson(t, "Jonas", auth.Member)
	b := browsertest.New(t)
	b.Go(e.URL + "/login")
	b.Fill("#f-email", jonas.Email)
	b.Fill("#f-password", apptest.Password)
	b.Submit(`form[action="/login"]`)

	b.Go(e.URL + "/board")
	b.CheckAll(t)
	b.Go(e.URL + "/listings/new?kind=offer")
	b.CheckAll(t)
	b.Fill("#f-title", "Kinderfahrrad zu verschenken")
	b.Fill("#f-postcode", "341")
	if status := b.Submit(`main form[method="post"]`); status != http.StatusUnprocessableEntity {
		t.Fatalf("a form with mistakes: %d", status)
	}
	if b.Value("#f-title") != "Kinderfahrrad zu verschenken" || b.Count(".error") < 3 {
		t.Errorf("the form lost the input or shows %d errors", b.Count(".error"))
	}
	b.CheckAll(t)
	b.Select("#f-category", "goods.bicycles")
	b.Fill("#f-description", "Blaues Kinderfahrrad, 20 Zoll, mit Klingel. Abholung in Wehlheiden.")
	b.Fill("#f-postcode", "34121")
	b.Fill("#f-place", "Kassel")
	b.Click("#f-lang-ar")
	b.Submit(`main form[method="post"]`)
	if !strings.Contains(b.Text("h1"), "Kinderfahrrad zu verschenken") {
		t.Fatalf("after posting: %s %q", b.URL(), b.Text("h1"))
	}
	listing := b.URL()
	b.CheckAll(t)

	b.Go(e.URL + "/board")
	if !strings.Contains(b.Text("main"), "Kinderfahrrad zu verschenken") {
		t.Error("the offer is not on the board")
	}
	b.Go(e.URL + "/board?q=kinderfahrrad&kind=offer&category=goods")
	if !strings.Contains(b.Text("main"), "Kinderfahrrad zu verschenken") {
		t.Error("the filtered board lacks the offer")
	}
	b.CheckAll(t)
	for _, page := range []string{listing + "/edit", e.URL + "/me/listings"} {
		b.Go(page)
		b.CheckAll(t)
	}

	b.Select("#lang-select", "ar")
	b.Submit("form.lang")
	for _, page := range []string{listing, e.URL + "/board", listing + "/edit", e.URL + "/me/listings", e.URL + "/listings/new"} {
		b.Go(page)
		if b.Attr("html", "dir") != "rtl" {
			t.Errorf("%s is not right to left", page)
		}
		b.CheckAll(t)
	}

	for _, lang := range []string{"de", "ar"} {
		visitor := browsertest.New(t)
		visitor.Go(e.URL + "/board")
		visitor.Select("#lang-select", lang)
		visitor.Submit("form.lang")
		visitor.Go(listing)
		if !strings.Contains(visitor.Text("h1"), "Kinderfahrrad") || visitor.Attr("html", "lang") != lang {
			t.Errorf("visitor in %s: %q", lang, visitor.Text("h1"))
		}
		visitor.CheckAll(t)
	}
}
