package volunteer_test

import (
	"net/http"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/volunteer"
)

func TestHoursFromShiftsAndByHand(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		sh := e.plan(t, e.Olga, e.draft())[0] // Wednesday 17–20
		kitchen := sh.Slots[0]
		for _, p := range []*apptest.Person{e.Mia, e.Wanda} {
			if _, err := e.Vol.Take(ctx, p.Identity(), sh.ID, kitchen.ID, false); err != nil {
				t.Fatal(err)
			}
		}
		mine := func(p *apptest.Person) int {
			t.Helper()
			entries, err := e.Vol.MyHours(ctx, p.Identity(), time.Time{}, time.Time{})
			if err != nil {
				t.Fatal(err)
			}
			total := 0
			for _, tt := range volunteer.Totals(entries, func(h volunteer.HoursEntry) (string, string) { return h.OrganizationID, "" }) {
				total += tt.Minutes
			}
			return total
		}
		if n := mine(e.Mia); n != 0 {
			t.Errorf("hours before the shift: %d minutes", n)
		}
		// No-shows are marked once the shift began; Wanda did not come.
		got, _ := e.Vol.Shift(ctx, e.Olga.Identity(), sh.ID)
		wanda := got.Slots[0].Helpers[1]
		err := e.Vol.MarkNoShow(ctx, e.Olga.Identity(), sh.ID, wanda.ID, true)
		apptest.WantCode(t, "no-show before the start", err, apperr.Conflict)
		e.Clock.Set(at(2026, 3, 4, 18, 0))
		if res := e.Mia.Web.Post("/shifts/"+sh.ID+"/helpers/"+wanda.ID+"/no-show", apptest.Form("no_show", "1")); !refused(res) {
			t.Errorf("a helper marks another: %d", res.Status)
		}
		res := e.Rolf.Web.Post("/shifts/"+sh.ID+"/helpers/"+wanda.ID+"/no-show", apptest.Form("no_show", "1"))
		apptest.WantStatus(t, "editor marks a no-show", res.Status, http.StatusSeeOther, res.Body)
		if n := mine(e.Mia); n != 0 {
			t.Errorf("hours while the shift runs: %d minutes", n)
		}
		e.Clock.Set(at(2026, 3, 4, 20, 0))
		if n := mine(e.Mia); n != 180 {
			t.Errorf("Mia's hours after the shift: %d minutes, want 180", n)
		}
		if n := mine(e.Wanda); n != 0 {
			t.Errorf("a no-show's hours: %d minutes", n)
		}

		// Hours by hand: only for an organisation one helps, pending until
		// the organisation approves them.
		status, out := e.Otto.API(t, "POST", "/api/v1/hours", map[string]any{"organization_id": e.OrgID, "day": "2026-03-03",
			"minutes": 90, "activity": "Spenden sortiert"})
		if status != http.StatusUnprocessableEntity {
			t.Errorf("a stranger adds hours: %d %v", status, out)
		}
		res = e.Mia.Web.Post("/me/hours", apptest.Form("organization_id", e.OrgID, "day", "03.03.2026", "hours", "1,5",
			"activity", "Spenden sortiert"))
		apptest.WantStatus(t, "mia adds hours", res.Status, http.StatusSeeOther, res.Body)
		res = e.Mia.Web.Post("/me/hours", apptest.Form("organization_id", e.OrgID, "day", "05.03.2026", "hours", "viel",
			"activity", "Zukunft"))
		apptest.WantStatus(t, "wrong hours", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "wrong hours", res.Body, `value="Zukunft"`, "Bitte Stunden von 0:01 bis 24:00 angeben")
		if n := mine(e.Mia); n != 180 {
			t.Errorf("pending hours count: %d", n)
		}
		page := e.Olga.Web.Get("/organizations/" + e.OrgID + "/hours").Body
		apptest.Contains(t, "organisation's hours", page, "Spenden sortiert", "Zu bestätigen", "3:00")
		status, out = e.Mia.API(t, "GET", "/api/v1/hours", nil)
		hours, _ := out["hours"].([]any)
		if status != http.StatusOK || len(hours) != 2 {
			t.Fatalf("my hours: %d %v", status, out)
		}
		var handID string
		for _, h := range hours {
			if h := h.(map[string]any); h["status"] == "pending" {
				handID = h["id"].(string)
			}
		}
		for _, p := range []*apptest.Person{e.Mia, e.Otto} {
			if status, _ := p.API(t, "POST", "/api/v1/hours/"+handID+"/approve", nil); status != http.StatusNotFound {
				t.Errorf("%s approves: %d", p.Email, status)
			}
		}
		if res := e.Otto.Web.Post("/organizations/"+e.OrgID+"/hours/"+handID+"/approve", nil); !refused(res) {
			t.Errorf("another organisation's owner approves: %d", res.Status)
		}
		if status, _ := e.Rolf.API(t, "POST", "/api/v1/hours/"+handID+"/approve", nil); status != http.StatusOK {
			t.Errorf("editor approves: %d", status)
		}
		if status, _ := e.Rolf.API(t, "POST", "/api/v1/hours/"+handID+"/reject", nil); status != http.StatusConflict {
			t.Errorf("deciding twice: %d", status)
		}
		if n := mine(e.Mia); n != 270 {
			t.Errorf("after the approval: %d minutes, want 270", n)
		}
		status, out = e.Olga.API(t, "GET", "/api/v1/organizations/"+e.OrgID+"/hours?from=2026-03-01&to=2026-03-31", nil)
		totals, _ := out["totals"].([]any)
		if status != http.StatusOK || len(totals) != 1 || totals[0].(map[string]any)["minutes"] != float64(270) {
			t.Errorf("organisation's totals: %d %v", status, out)
		}
		if status, _ := e.Mia.API(t, "GET", "/api/v1/organizations/"+e.OrgID+"/hours", nil); status != http.StatusForbidden {
			t.Errorf("a volunteer reads the organisation's hours: %d", status)
		}
	})
}
