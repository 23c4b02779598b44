package event_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/browsertest"
)

// TestVolunteerDayInArabic is the volunteer day in Chromium, in the Arabic
// interface: two organisations add projects (one after a form with
// mistakes), the day's organiser approves them, a volunteer signs up for
// two slots and is refused a third that overlaps, with a message naming
// the project it clashes with, and the offering organisation sees the
// volunteer. Every page is right to left, passes axe, reflows to 320 px
// and works with the keyboard.
func TestVolunteerDayInArabic(t *testing.T) {
	d := newDay(t, wrap(t, apptest.New(t, "sqlite")))
	base := "/events/" + d.Day.ID + "/projects"
	check := func(b *browsertest.Browser) {
		t.Helper()
		if b.Attr("html", "dir") != "rtl" || b.Attr("html", "lang") != "ar" {
			t.Errorf("%s is not Arabic, right to left", b.URL())
		}
		b.CheckAll(t)
	}
	add := func(b *browsertest.Browser, org, title, from, to string) {
		t.Helper()
		b.Go(d.URL + base + "/new")
		check(b)
		b.Select("#f-organization_id", org)
		b.Fill("#f-title", title)
		b.Fill("#f-description", "نحتاج إلى مساعدتكم / Wir brauchen Hilfe.")
		b.Fill("#f-start_time", from)
		b.Fill("#f-end_time", to)
		b.Fill("#f-capacity", "3")
		b.Click("#f-lang-ar")
		b.Click("#f-without_german")
		if status := b.Submit(`main form[method="post"]`); status != http.StatusOK || !strings.Contains(b.Text("h1"), title) {
			t.Fatalf("adding %q: %d %s %q", title, status, b.URL(), b.Text("main"))
		}
		check(b)
	}

	petra := d.Petra.Browser(t, base+"/new", "ar")
	petra.Select("#f-organization_id", d.OrgB)
	petra.Fill("#f-title", "حديقة الحي")
	petra.Fill("#f-start_time", "15:00")
	petra.Fill("#f-end_time", "13:00")
	petra.Fill("#f-capacity", "كثير")
	if status := petra.Submit(`main form[method="post"]`); status != http.StatusUnprocessableEntity {
		t.Fatalf("a form with mistakes: %d", status)
	}
	if petra.Value("#f-title") != "حديقة الحي" || petra.Count(".error") < 3 {
		t.Errorf("the form lost the input or shows %d errors: %q", petra.Count(".error"), petra.Text("main"))
	}
	check(petra)
	add(petra, d.OrgB, "حديقة الحي", "13:00", "15:00")
	rolf := d.Rolf.Browser(t, base, "ar")
	add(rolf, d.OrgID, "ورشة الدراجات", "14:00", "16:00")
	add(rolf, d.OrgID, "القراءة للأطفال", "15:00", "16:00")

	olga := d.Olga.Browser(t, base, "ar")
	check(olga)
	for olga.Count(`form[action$="/approve"]`) > 0 {
		olga.Submit(`form[action$="/approve"]`)
	}
	check(olga)
	if n := olga.Count(`section[aria-labelledby="s-projects"] li.card`); n != 3 {
		t.Errorf("%d approved projects on the list: %q", n, olga.Text("main"))
	}

	xenia := d.Xenia.Browser(t, base, "ar")
	check(xenia)
	open := func(b *browsertest.Browser, title string) {
		t.Helper()
		b.Go(d.URL + base)
		m := regexp.MustCompile(`href="(` + base + `/[0-9a-f-]{36})"[^>]*>` + title + `<`).FindStringSubmatch(b.HTML())
		if m == nil {
			t.Fatalf("no link to %s on %q", title, b.Text("main"))
		}
		b.Go(d.URL + m[1])
	}
	for _, title := range []string{"حديقة الحي", "القراءة للأطفال"} {
		open(xenia, title)
		if status := xenia.Submit(`form[action$="/signup"]`); status != http.StatusOK {
			t.Fatalf("signing up for %s: %d", title, status)
		}
		if !strings.Contains(xenia.Text("main"), "أنت مسجّل.") {
			t.Errorf("after signing up for %s: %q", title, xenia.Text("main"))
		}
		check(xenia)
	}
	open(xenia, "ورشة الدراجات")
	if status := xenia.Submit(`form[action$="/signup"]`); status != http.StatusConflict {
		t.Fatalf("an overlapping slot: %d", status)
	}
	if msg := xenia.Text(`[role="alert"]`); !strings.Contains(msg, "تتداخل مع «حديقة الحي» (13:00–15:00)") {
		t.Errorf("the refusal says %q", msg)
	}
	check(xenia)

	garden := petra
	open(garden, "حديقة الحي")
	garden.ClickAndLoad(`a[href$="/volunteers"]`)
	if !strings.Contains(garden.Text("main"), "Xenia") {
		t.Errorf("the organisation does not see the volunteer: %q", garden.Text("main"))
	}
	check(garden)
	for _, p := range []string{base + "/programme", base + "/totals"} {
		olga.Go(d.URL + p)
		check(olga)
	}
}
