package volunteer_test

import (
	"net/http"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/volunteer"
)

func TestRosterJoinStatusAndWhoSeesIt(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		plan := "/organizations/" + e.OrgID + "/shifts"
		roster := "/organizations/" + e.OrgID + "/volunteers"
		res := e.Mia.Web.Post(roster+"/join", nil)
		apptest.WantStatus(t, "mia joins", res.Status, http.StatusSeeOther, res.Body)
		if status, out := e.Wanda.API(t, "POST", "/api/v1/organizations/"+e.OrgID+"/volunteers", nil); status != http.StatusCreated ||
			out["status"] != "active" || out["joined_via"] != "application" {
			t.Fatalf("wanda joins: %d %v", status, out)
		}
		if status, _ := e.Wanda.API(t, "POST", "/api/v1/organizations/"+e.OrgID+"/volunteers", nil); status != http.StatusConflict {
			t.Errorf("joining twice: %d", status)
		}
		apptest.Contains(t, "plan page of a volunteer", e.Mia.Web.Get(plan).Body, "Du bist hier als Ehrenamtliche*r dabei.")

		// The roster: the owner, the editor and the coordinator see it;
		// the volunteers themselves, others and visitors do not.
		for _, p := range []*apptest.Person{e.Olga, e.Rolf, e.Cora} {
			body := p.Web.Get(roster).Body
			apptest.Contains(t, p.Email+" roster", body, "Mia", "Wanda", "aktiv")
		}
		for _, c := range []*apptest.Client{e.Mia.Web, e.Otto.Web, e.Client(t)} {
			if res := c.Get(roster); !refused(res) {
				t.Errorf("roster shown: %d", res.Status)
			}
		}
		if status, _ := e.Mia.API(t, "GET", "/api/v1/organizations/"+e.OrgID+"/volunteers", nil); status != http.StatusForbidden {
			t.Errorf("a volunteer reads the roster through the API: %d", status)
		}
		status, out := e.Rolf.API(t, "GET", "/api/v1/organizations/"+e.OrgID+"/volunteers", nil)
		if vs, _ := out["volunteers"].([]any); status != http.StatusOK || len(vs) != 2 {
			t.Errorf("roster API: %d %v", status, out)
		}

		// The editor pauses Mia; Mia cannot make herself active again, but
		// may end.
		res = e.Rolf.Web.Post(roster+"/"+e.Mia.ID+"/status", apptest.Form("status", "paused"))
		apptest.WantStatus(t, "pause", res.Status, http.StatusSeeOther, res.Body)
		_, err := e.Vol.SetStatus(ctx, e.Mia.Identity(), e.OrgID, e.Mia.ID, volunteer.Active)
		apptest.WantCode(t, "mia reactivates herself", err, apperr.Forbidden)
		if status, _ := e.Mia.API(t, "PATCH", "/api/v1/organizations/"+e.OrgID+"/volunteers/"+e.Wanda.ID,
			map[string]any{"status": "ended"}); status != http.StatusForbidden {
			t.Errorf("mia ends wanda: %d", status)
		}
		res = e.Mia.Web.Post(roster+"/leave", nil)
		apptest.WantStatus(t, "mia leaves", res.Status, http.StatusSeeOther, res.Body)
		if r, _ := e.Vol.MyRosterEntry(ctx, e.Mia.ID, e.OrgID); r.Status != volunteer.Ended {
			t.Errorf("mia after leaving: %+v", r)
		}
		// Once removed from the organisation, Rolf sees the roster no more.
		e.Olga.Web.Post("/organizations/"+e.OrgID+"/members/"+e.Rolf.ID+"/remove", nil)
		if res := e.Rolf.Web.Get(roster); !refused(res) {
			t.Errorf("removed member sees the roster: %d", res.Status)
		}
		if res := e.Rolf.Web.Post(roster+"/"+e.Wanda.ID+"/status", apptest.Form("status", "ended")); !refused(res) {
			t.Errorf("removed member changes a status: %d", res.Status)
		}
	})
}

func TestRosterOnlyShiftsForTheRoster(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		d := e.draft()
		d.Public, d.Title = false, "Nur für uns"
		sh := e.plan(t, e.Olga, d)[0]
		page := "/shifts/" + sh.ID
		if res := e.Mia.Web.Get(page); res.Status != http.StatusNotFound {
			t.Fatalf("stranger sees a roster-only shift: %d", res.Status)
		}
		if _, err := e.Vol.Join(ctx, e.Mia.Identity(), e.OrgID); err != nil {
			t.Fatal(err)
		}
		apptest.Contains(t, "roster member", e.Mia.Web.Get(page).Body, "Nur für uns")
		if _, err := e.Vol.Take(ctx, e.Mia.Identity(), sh.ID, sh.Slots[0].ID, false); err != nil {
			t.Errorf("roster member takes: %v", err)
		}
		if _, err := e.Vol.SetStatus(ctx, e.Olga.Identity(), e.OrgID, e.Mia.ID, volunteer.Paused); err != nil {
			t.Fatal(err)
		}
		if res := e.Mia.Web.Get(page); res.Status != http.StatusNotFound {
			t.Errorf("paused volunteer sees a roster-only shift: %d", res.Status)
		}
	})
}

func TestProfileNeverPublic(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		res := e.Mia.Web.Post("/me/volunteer-profile", apptest.Form("skills", "translation", "lang0", "fa", "level0", "native",
			"lang1", "de", "level1", "basic", "available", "2evening", "available", "5morning", "postcode", "3411",
			"place", "Kassel", "radius_km", "zehn", "latin_name", "Mina Ahmadi"))
		apptest.WantStatus(t, "wrong profile", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "wrong profile", res.Body, `value="Mina Ahmadi"`, "Bitte eine ganze Zahl angeben.")
		res = e.Mia.Web.Post("/me/volunteer-profile", apptest.Form("skills", "translation", "lang0", "fa", "level0", "native",
			"lang1", "de", "level1", "basic", "available", "2evening", "available", "5morning", "postcode", "34117",
			"place", "Kassel", "radius_km", "10", "max_hours_month", "12", "contact", "message", "latin_name", "Mina Ahmadi"))
		apptest.WantStatus(t, "profile", res.Status, http.StatusSeeOther, res.Body)
		status, out := e.Mia.API(t, "GET", "/api/v1/me/volunteer-profile", nil)
		av, _ := out["availability"].(map[string]any)
		if status != http.StatusOK || out["exists"] != true || out["radius_km"] != float64(10) ||
			len(av["wednesday"].([]any)) != 1 || av["wednesday"].([]any)[0] != "evening" {
			t.Fatalf("profile API: %d %v", status, out)
		}
		volunteerPage := "/organizations/" + e.OrgID + "/volunteers/" + e.Mia.ID
		// Not on the roster: the organisation does not see her.
		if res := e.Olga.Web.Get(volunteerPage); res.Status != http.StatusNotFound {
			t.Errorf("profile of a stranger shown to an organisation: %d", res.Status)
		}
		if _, err := e.Vol.Join(ctx, e.Mia.Identity(), e.OrgID); err != nil {
			t.Fatal(err)
		}
		body := e.Olga.Web.Get(volunteerPage).Body
		apptest.Contains(t, "profile for the organisation", body, "Persisch", "Muttersprache", "Übersetzen und Begleitung", "34117 Kassel", "bis 10 km")
		for _, c := range []*apptest.Client{e.Wanda.Web, e.Otto.Web, e.Client(t), e.Mia.Web} {
			if res := c.Get(volunteerPage); !refused(res) {
				t.Errorf("volunteer page shown to a non-planner: %d", res.Status)
			}
		}
		// The API writes it whole.
		status, out = e.Mia.API(t, "PUT", "/api/v1/me/volunteer-profile", map[string]any{"skills": []string{"nonsense"},
			"languages": []any{}, "availability": map[string]any{"monday": []string{}, "tuesday": []string{}, "wednesday": []string{},
				"thursday": []string{}, "friday": []string{}, "saturday": []string{}, "sunday": []string{}},
			"postcode": "", "place": "", "radius_km": 0, "max_hours_month": 0, "contact": "email", "latin_name": ""})
		if status != http.StatusUnprocessableEntity {
			t.Errorf("unknown skill: %d %v", status, out)
		}
	})
}
