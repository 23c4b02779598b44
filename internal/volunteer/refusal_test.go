package volunteer_test

import (
	"net/http"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
)

// refused reports whether a page answer refuses: 401, 403, 404 or the login.
func refused(res *apptest.Response) bool {
	switch res.Status {
	case http.StatusUnauthorized, http.StatusForbidden, http.StatusNotFound:
		return true
	case http.StatusSeeOther:
		return len(res.Location()) >= 6 && res.Location()[:6] == "/login"
	}
	return false
}

// newShiftJSON is a valid body to plan a shift.
var newShiftJSON = map[string]any{"title": "Gekapert", "start": "2026-03-20T09:00:00Z", "end": "2026-03-20T10:00:00Z",
	"slots": []any{map[string]any{"task": "x", "needed": 1}}}

// TestOthersAreRefused tries a roster-only shift, its change, the form to
// plan shifts and giving back another's place as another user, a member
// removed from the organisation and a visitor, through pages and the API.
func TestOthersAreRefused(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		d := e.draft()
		d.Public = false
		d.Title = "Interne Schicht GEHEIM"
		sh := e.plan(t, e.Rolf, d)[0]
		slot := sh.Slots[0].ID
		e.Join(t, e.Olga, e.Wanda, e.OrgID)
		if _, err := e.Vol.Take(ctx, e.Wanda.Identity(), sh.ID, slot, false); err != nil {
			t.Fatal(err)
		}
		if res := e.Olga.Web.Post("/organizations/"+e.OrgID+"/members/"+e.Rolf.ID+"/remove", nil); res.Status != http.StatusSeeOther {
			t.Fatalf("remove rolf: %d", res.Status)
		}
		visitor := e.Client(t)
		shift := "/shifts/" + sh.ID
		leave := shift + "/slots/" + slot + "/leave"
		plan := "/organizations/" + e.OrgID + "/shifts"
		for who, c := range map[string]*apptest.Client{"another user": e.Mia.Web, "removed member": e.Rolf.Web,
			"owner of another organisation": e.Otto.Web, "visitor": visitor} {
			for _, path := range []string{shift, leave, plan + "/new"} {
				if res := c.Get(path); !refused(res) {
					t.Errorf("%s GET %s: %d", who, path, res.Status)
				}
			}
			if res := c.Post(leave, apptest.Form("reason", "x")); !refused(res) {
				t.Errorf("%s leaves Wanda's place: %d", who, res.Status)
			}
			if res := c.Post("/shifts/"+sh.ID+"/slots/"+slot+"/take", nil); !refused(res) {
				t.Errorf("%s takes a roster-only slot: %d", who, res.Status)
			}
			if res := c.Post(plan+"/new", apptest.Form("title", "Gekapert", "start_date", "2026-03-20", "start_time", "10:00",
				"end_time", "12:00", "slot0_task", "x", "slot0_needed", "1")); !refused(res) {
				t.Errorf("%s plans for the shelter: %d", who, res.Status)
			}
			apptest.Lacks(t, who+" plan page", c.Get(plan).Body, "GEHEIM")
		}
		for who, p := range map[string]*apptest.Person{"another user": e.Mia, "removed member": e.Rolf, "owner of another organisation": e.Otto} {
			for _, call := range []struct {
				method, path string
				body         any
			}{
				{"GET", "/api/v1/shifts/" + sh.ID, nil},
				{"PATCH", "/api/v1/shifts/" + sh.ID, map[string]any{"title": "Gekapert"}},
				{"POST", "/api/v1/shifts/" + sh.ID + "/slots/" + slot + "/leave", map[string]any{}},
				{"POST", "/api/v1/shifts/" + sh.ID + "/slots/" + slot + "/take", map[string]any{}},
				{"POST", "/api/v1/organizations/" + e.OrgID + "/shifts", newShiftJSON},
			} {
				if status, _ := p.API(t, call.method, call.path, call.body); status != http.StatusForbidden && status != http.StatusNotFound {
					t.Errorf("%s %s %s: %d", who, call.method, call.path, status)
				}
			}
			_, raw := e.APIRaw(t, p.Token(t), "GET", "/api/v1/organizations/"+e.OrgID+"/shifts", nil)
			apptest.Lacks(t, who+" API list", string(raw), "GEHEIM")
		}
		for _, call := range []struct {
			method, path string
			body         any
		}{
			{"PATCH", "/api/v1/shifts/" + sh.ID, map[string]any{"title": "Gekapert"}},
			{"POST", "/api/v1/shifts/" + sh.ID + "/slots/" + slot + "/leave", map[string]any{}},
			{"POST", "/api/v1/organizations/" + e.OrgID + "/shifts", newShiftJSON},
		} {
			if status, _ := e.API(t, "", call.method, call.path, call.body); status != http.StatusUnauthorized {
				t.Errorf("visitor %s %s: %d", call.method, call.path, status)
			}
		}
		if status, _ := e.API(t, "", "GET", "/api/v1/shifts/"+sh.ID, nil); status != http.StatusNotFound {
			t.Errorf("visitor reads a roster-only shift: %d", status)
		}
		// Nothing changed: the title, Wanda's place.
		got, err := e.Vol.Shift(ctx, e.Olga.Identity(), sh.ID)
		if err != nil || got.Title != "Interne Schicht GEHEIM" || got.Slots[0].Taken != 1 {
			t.Errorf("after the refusals: %+v %v", got, err)
		}
		// Wanda, in the organisation now, sees the roster-only shift; the
		// owner changes it.
		apptest.WantStatus(t, "member sees it", e.Wanda.Web.Get(shift).Status, http.StatusOK, "")
		if status, out := e.Olga.API(t, "PATCH", "/api/v1/shifts/"+sh.ID, map[string]any{"public": true}); status != http.StatusOK || out["public"] != true {
			t.Errorf("owner patches: %d %v", status, out)
		}
	})
}
