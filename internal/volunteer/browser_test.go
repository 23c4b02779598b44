package volunteer_test

import (
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/browsertest"
)

// TestPlanAndTakeInTheBrowser is the shift plans in Chromium: the owner
// plans a weekly shift after a form with mistakes; a volunteer takes a
// slot, fills the profile in Farsi and gives the slot back; every page
// passes axe, reflows to 320 px and works with the keyboard, left to right
// and right to left.
func TestPlanAndTakeInTheBrowser(t *testing.T) {
	e := wrap(t, apptest.New(t, "sqlite"))
	login := func(b *browsertest.Browser, email string) {
		b.Go(e.URL + "/login")
		b.Fill("#f-email", email)
		b.Fill("#f-password", apptest.Password)
		b.Submit(`form[action="/login"]`)
	}
	b := browsertest.New(t)
	login(b, e.Olga.Email)
	plan := e.URL + "/organizations/" + e.OrgID + "/shifts"
	b.Go(plan + "/new")
	b.CheckAll(t)
	b.Fill("#f-title", "Abenddienst")
	b.Fill("#f-start_time", "25:00")
	b.Fill("#f-slot0_task", "Küche")
	if status := b.Submit(`main form[method="post"]`); status != http.StatusUnprocessableEntity {
		t.Fatalf("a form with mistakes: %d", status)
	}
	if b.Value("#f-slot0_task") != "Küche" || b.Count(".error") < 2 {
		t.Errorf("the form lost the input or shows %d errors", b.Count(".error"))
	}
	b.CheckAll(t)
	b.Fill("#f-start_date", "11112026") // typed into the date picker: 11 November in either order
	b.Fill("#f-start_time", "16:00")    // 13 to 19 o'clock type the same in 12- and 24-hour pickers
	b.Fill("#f-end_time", "19:00")
	b.Click("#f-weekly")
	b.Fill("#f-repeat_until", "12122026")
	b.Fill("#f-slot0_needed", "2")
	b.Submit(`main form[method="post"]`)
	if !strings.Contains(b.Text("main"), "Abenddienst") {
		t.Fatalf("after planning: %s %q", b.URL(), b.Text("main"))
	}
	b.CheckAll(t)
	shifts, err := e.Vol.OrgShifts(ctx, nil, e.OrgID, at(2026, 3, 1, 0, 0), at(2027, 1, 1, 0, 0))
	if err != nil || len(shifts) < 2 {
		t.Fatalf("planned %d shifts: %v", len(shifts), err)
	}
	shift := e.URL + "/shifts/" + shifts[0].ID

	v := browsertest.New(t)
	login(v, e.Mia.Email)
	v.Go(shift)
	v.CheckAll(t)
	v.Submit(`form[action$="/take"]`)
	if !strings.Contains(v.Text("main"), "Du bist hier eingetragen.") {
		t.Errorf("after taking: %q", v.Text("main"))
	}
	v.Select("#lang-select", "fa")
	v.Submit("form.lang")
	for _, p := range []string{shift, e.URL + "/shifts", plan, e.URL + "/me/volunteer-profile", e.URL + "/me/hours",
		e.URL + "/me/certificates"} {
		v.Go(p)
		if v.Attr("html", "dir") != "rtl" {
			t.Errorf("%s is not right to left", p)
		}
		v.CheckAll(t)
	}
	v.Go(e.URL + "/me/volunteer-profile")
	v.Click("#f-skill-translation")
	v.Select("#f-lang0", "fa")
	v.Select("#f-level0", "native")
	v.Click("#f-av-2evening")
	v.Fill("#f-postcode", "34117")
	v.Submit(`main form[method="post"]`)
	p, ok, err := e.Vol.MyProfile(ctx, e.Mia.Identity())
	if err != nil || !ok || len(p.Languages) != 1 || p.Languages[0].Lang != "fa" || !p.Availability[2][2] {
		t.Errorf("profile from the browser: %+v %v", p, err)
	}
	v.Go(shift + "/slots/" + shifts[0].Slots[0].ID + "/leave")
	v.CheckAll(t)
	v.Submit(`main form[method="post"]`)

	for _, page := range []string{plan, e.URL + "/organizations/" + e.OrgID + "/volunteers", e.URL + "/organizations/" + e.OrgID + "/hours",
		e.URL + "/organizations/" + e.OrgID + "/certificates", e.URL + "/organizations/" + e.OrgID + "/background-checks"} {
		b.Go(page)
		b.CheckAll(t)
	}
}
