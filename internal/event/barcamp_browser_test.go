package event_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/browsertest"
)

var sessionPath = regexp.MustCompile(`/events/[0-9a-f-]{36}/sessions/([0-9a-f-]{36})$`)

// TestBarcampInUkrainian is a barcamp in Chromium in the Ukrainian
// interface: the organiser creates it with three rooms and three slots;
// two participants register, propose sessions (one with the other as
// co-host) and vote; the organiser accepts the proposed schedule; the
// public schedule shows it, and a participant's personal calendar feed
// holds the sessions she hosts and voted for. Every page passes axe,
// reflows to 320 px and works with the keyboard; the organisers' pages
// also in Arabic, right to left.
func TestBarcampInUkrainian(t *testing.T) {
	e := wrap(t, apptest.New(t, "sqlite"))
	ana := e.NewPerson(t, "ana", auth.Member)
	org := e.Olga.Browser(t, "/events/new", "uk")
	org.CheckAll(t)
	org.Select("#f-organization_id", e.OrgID)
	org.Select("#f-kind", "barcamp")
	org.Fill("#f-title", "Баркемп «Участь у Касселі»")
	org.Fill("#f-description", "День, коли програму складають учасники.")
	org.Fill("#f-start_date", "10032026") // 10 March or 3 October, either in the future
	org.Fill("#f-start_time", "13:00")
	org.Fill("#f-end_time", "18:00")
	org.Fill("#f-postcode", "34117")
	org.Fill("#f-place", "Kassel")
	org.Click("#f-registration")
	org.Submit(`main form[method="post"]`)
	if !strings.Contains(org.Text("h1"), "Баркемп") {
		t.Fatalf("after creating: %s %q", org.URL(), org.Text("main"))
	}
	camp := org.URL()
	org.CheckAll(t)

	org.Go(camp + "/barcamp")
	org.CheckAll(t)
	org.Fill("#f-name", "Мала зала")
	org.Fill("#f-size", "0")
	if status := org.Submit(`form[action$="/barcamp/rooms"]`); status != http.StatusUnprocessableEntity ||
		org.Value("#f-name") != "Мала зала" || !strings.Contains(org.Text("main"), "від 1 до 10 000") {
		t.Errorf("a room without places: %d %q", status, org.Text("main"))
	}
	org.CheckAll(t)
	for _, r := range [][2]string{{"Мала зала", "15"}, {"Велика зала", "80"}, {"Семінарська", "30"}} {
		org.Fill("#f-name", r[0])
		org.Fill("#f-size", r[1])
		org.Submit(`form[action$="/barcamp/rooms"]`)
	}
	for _, s := range [][2]string{{"14:00", "15:00"}, {"15:00", "16:00"}, {"16:00", "17:00"}} {
		org.Fill("#f-start_time", s[0])
		org.Fill("#f-end_time", s[1])
		org.Submit(`form[action$="/barcamp/slots"]`)
	}
	org.Fill("#f-start_time", "14:30")
	org.Fill("#f-end_time", "15:30")
	if status := org.Submit(`form[action$="/barcamp/slots"]`); status != http.StatusUnprocessableEntity ||
		!strings.Contains(org.Text("main"), "перетинається") {
		t.Errorf("an overlapping slot: %d %q", status, org.Text("main"))
	}
	org.Go(camp + "/barcamp")
	if n := org.Count(`form[action*="/barcamp/rooms/"]`); n != 3 {
		t.Errorf("%d rooms", n)
	}
	if n := org.Count(`form[action*="/barcamp/slots/"]`); n != 3 {
		t.Errorf("%d slots", n)
	}
	org.CheckAll(t)

	// Ana registers and proposes; Mia registers, proposes with Ana as
	// co-host and votes for Ana's session; Ana votes for Mia's.
	propose := func(b *browsertest.Browser, title string, coHost bool) string {
		t.Helper()
		b.Go(camp + "/sessions/new")
		b.CheckAll(t)
		b.Fill("#f-title", title)
		b.Fill("#f-description", "Коротко про тему сесії.")
		b.Click("#f-format-workshop")
		b.Select("#f-lang", "uk")
		if coHost {
			b.Click("#f-co_host-0")
		}
		b.Submit(`main form[method="post"]`)
		m := sessionPath.FindStringSubmatch(b.URL())
		if m == nil {
			t.Fatalf("after proposing %q: %s %q", title, b.URL(), b.Text("main"))
		}
		b.CheckAll(t)
		return m[1]
	}
	anaB := ana.Browser(t, strings.TrimPrefix(camp, e.URL), "uk")
	anaB.Submit(`form[action$="/register"]`)
	anaSession := propose(anaB, "Житло для переселенців", false)
	mia := e.Mia.Browser(t, strings.TrimPrefix(camp, e.URL), "uk")
	mia.Submit(`form[action$="/register"]`)
	miaSession := propose(mia, "Волонтерство без ідеальної німецької", true)
	if !strings.Contains(mia.Text("main"), "Ana") {
		t.Errorf("the co-host is not named: %q", mia.Text("main"))
	}
	mia.Go(camp + "/sessions")
	mia.CheckAll(t)
	mia.Submit(`form[action$="/sessions/` + anaSession + `/vote"]`)
	if !strings.Contains(mia.Text("main"), "Ваш голос враховано.") || !strings.Contains(mia.Text("main"), "2 з 3") {
		t.Errorf("after voting: %q", mia.Text("main"))
	}
	anaB.Go(camp + "/sessions/" + miaSession)
	anaB.Submit(`form[action$="/vote"]`)
	anaB.Fill("#f-body", "**Підсумок:** житло шукати разом.")
	anaB.Submit(`form[action$="/notes"]`)
	if !strings.Contains(anaB.Text("#notes"), "Підсумок:") {
		t.Errorf("the notes: %q", anaB.Text("#notes"))
	}
	anaB.CheckAll(t)

	// The organiser accepts the proposed schedule; moving Ana's session
	// to the slot of the one she co-hosts is refused.
	org.Go(camp + "/schedule/edit")
	org.CheckAll(t)
	org.Submit(`form[action$="/schedule/propose"]`)
	if !strings.Contains(org.Text("main"), "Розклад запропоновано.") {
		t.Errorf("after proposing: %q", org.Text("main"))
	}
	miaCell := org.Value("#cell-" + miaSession)
	anaCell := org.Value("#cell-" + anaSession)
	if miaCell == "" || anaCell == "" || strings.Split(miaCell, "/")[1] == strings.Split(anaCell, "/")[1] {
		t.Errorf("the proposal: Mia's session in %q, Ana's in %q", miaCell, anaCell)
	}
	org.CheckAll(t)
	clashCell := browsertest.Eval[string](org.Page, `[...document.querySelectorAll("#cell-`+anaSession+` option")].map(o => o.value).find(v => v && v.split("/")[1] === "`+strings.Split(miaCell, "/")[1]+`" && v !== "`+miaCell+`")`)
	org.Select("#cell-"+anaSession, clashCell)
	if status := org.Submit(`form:has(#cell-` + anaSession + `)`); status != http.StatusConflict ||
		!strings.Contains(org.Text(".alert"), "Не переміщено: Ana") {
		t.Errorf("a host in two rooms at once: %d %q", status, org.Text("main"))
	}
	org.CheckAll(t)
	org.Go(camp + "/schedule/edit")
	org.Submit(`form[action$="/schedule/publish"]`)
	if !strings.Contains(org.Text("main"), "Розклад опубліковано.") {
		t.Errorf("after publishing: %q", org.Text("main"))
	}

	visitor := browsertest.New(t)
	visitor.Go(camp + "/schedule")
	for _, title := range []string{"Житло для переселенців", "Волонтерство без ідеальної німецької", "Велика зала"} {
		if !strings.Contains(visitor.HTML(), title) {
			t.Errorf("the public schedule lacks %q", title)
		}
	}
	visitor.CheckAll(t)
	mia.Go(camp + "/schedule")
	mia.CheckAll(t)

	// Mia's personal feed holds the session she hosts and the one she
	// voted for.
	_, entries := feedEvents(t, e, calendarPath(t, e, e.Mia))
	if _, ok := entries[miaSession]; !ok {
		t.Errorf("Mia's feed lacks her session: %v", entries)
	}
	if _, ok := entries[anaSession]; !ok {
		t.Errorf("Mia's feed lacks the session she voted for: %v", entries)
	}

	org.Select("#lang-select", "ar")
	org.Submit("form.lang")
	for _, p := range []string{camp + "/barcamp", camp + "/schedule/edit", camp + "/schedule", camp + "/sessions/" + miaSession} {
		org.Go(p)
		if org.Attr("html", "dir") != "rtl" {
			t.Errorf("%s is not right to left", p)
		}
		org.CheckAll(t)
	}
}
