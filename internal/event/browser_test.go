package event_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/browsertest"
)

// TestOrganiserAnnouncesAnEvent is the events in Chromium: the owner of an
// organisation announces an info evening (after a form with mistakes), it
// shows in the list and the month view, and the pages pass axe, reflow to
// 320 px and work with the keyboard in German and Arabic; a visitor
// registers after logging in.
func TestOrganiserAnnouncesAnEvent(t *testing.T) {
	e := wrap(t, apptest.New(t, "sqlite"))
	b := browsertest.New(t)
	b.Go(e.URL + "/login")
	b.Fill("#f-email", e.Olga.Email)
	b.Fill("#f-password", apptest.Password)
	b.Submit(`form[action="/login"]`)

	b.Go(e.URL + "/events/new")
	b.CheckAll(t)
	b.Select("#f-organization_id", e.OrgID)
	b.Fill("#f-title", "Infoabend Ausbildung")
	b.Fill("#f-start_date", "10032026") // typed into the date picker: 10 March or 3 October, either in the future
	b.Fill("#f-start_time", "25:00")
	if status := b.Submit(`main form[method="post"]`); status != http.StatusUnprocessableEntity {
		t.Fatalf("a form with mistakes: %d", status)
	}
	if b.Value("#f-title") != "Infoabend Ausbildung" || b.Count(".error") < 2 {
		t.Errorf("the form lost the input or shows %d errors", b.Count(".error"))
	}
	b.CheckAll(t)
	b.Fill("#f-description", "Wege in die Ausbildung, mit Übersetzung ins Arabische.")
	b.Fill("#f-start_time", "18:00")
	b.Fill("#f-end_time", "19:00") // 13 to 19 o’clock type the same in 12- and 24-hour pickers
	b.Fill("#f-postcode", "34117")
	b.Fill("#f-place", "Kassel")
	b.Click("#f-lang-ar")
	b.Click("#f-registration")
	b.Fill("#f-capacity", "20")
	b.Submit(`main form[method="post"]`)
	if !strings.Contains(b.Text("h1"), "Infoabend Ausbildung") {
		t.Fatalf("after creating: %s %q: %s", b.URL(), b.Text("h1"), regexp.MustCompile(`class="error"[^>]*>[^<]*`).FindAllString(b.HTML(), -1))
	}
	page := b.URL()
	b.CheckAll(t)
	for _, p := range []string{e.URL + "/events", e.URL + "/events/month", page + "/edit", page + "/cancel", page + "/participants"} {
		b.Go(p)
		b.CheckAll(t)
	}
	if !strings.Contains(b.Text("main"), "Noch niemand") {
		t.Error("the participants page")
	}

	b.Select("#lang-select", "ar")
	b.Submit("form.lang")
	for _, p := range []string{page, e.URL + "/events", e.URL + "/events/month", page + "/edit", e.URL + "/events/new"} {
		b.Go(p)
		if b.Attr("html", "dir") != "rtl" {
			t.Errorf("%s is not right to left", p)
		}
		b.CheckAll(t)
	}

	visitor := browsertest.New(t)
	visitor.Go(page)
	visitor.CheckAll(t)
	visitor.Go(e.URL + "/login")
	visitor.Fill("#f-email", e.Mia.Email)
	visitor.Fill("#f-password", apptest.Password)
	visitor.Submit(`form[action="/login"]`)
	visitor.Go(page)
	visitor.Submit(`form[action$="/register"]`)
	if !strings.Contains(visitor.Text("main"), "Du bist angemeldet.") {
		t.Errorf("after registering: %q", visitor.Text("main"))
	}
	visitor.CheckAll(t)
	visitor.Go(page + "/registration/cancel")
	visitor.CheckAll(t)
}
