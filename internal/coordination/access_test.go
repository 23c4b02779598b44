package coordination_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
)

// TestAccess: members and visitors are refused the dashboard, its export
// and the scopes through the web and the API; a coordinator is refused a
// region outside their scopes unless the switch shows it to read.
func TestAccess(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		f := newFixture(t, e)
		city := f.coordinator(t, "katrin", "06611")
		visitor := e.Client(t)
		for _, path := range []string{"/coordination", "/coordination/export.csv", "/admin/scopes"} {
			if res := f.Member.Web.Get(path); res.Status != http.StatusForbidden {
				t.Errorf("member GET %s: %d", path, res.Status)
			}
			if res := visitor.Get(path); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location(), "/login") {
				t.Errorf("visitor GET %s: %d %s", path, res.Status, res.Location())
			}
		}
		if res := f.Member.Web.Post("/admin/scopes", apptest.Form("email", city.Email, "region", "06")); res.Status != http.StatusForbidden {
			t.Errorf("member adds a scope: %d", res.Status)
		}
		for _, path := range []string{"/api/v1/coordination/dashboard", "/api/v1/admin/scopes"} {
			if status, _ := f.Member.API(t, http.MethodGet, path, nil); status != http.StatusForbidden {
				t.Errorf("member GET %s: %d", path, status)
			}
			if status, _ := e.API(t, "", http.MethodGet, path, nil); status != http.StatusUnauthorized {
				t.Errorf("visitor GET %s: %d", path, status)
			}
		}
		if status, _ := f.Member.API(t, http.MethodPut, "/api/v1/admin/scopes/"+f.Member.ID, map[string]any{"regions": []string{"06"}}); status != http.StatusForbidden {
			t.Errorf("member sets scopes: %d", status)
		}
		if status, _ := city.API(t, http.MethodPut, "/api/v1/admin/scopes/"+city.ID, map[string]any{"regions": []string{"06"}}); status != http.StatusForbidden {
			t.Errorf("coordinator widens their own scopes: %d", status)
		}
		if res := city.Web.Get("/admin/scopes"); res.Status != http.StatusForbidden {
			t.Errorf("coordinator reads the scopes page: %d", res.Status)
		}

		// Outside the coordinator's region: refused, readable through the switch.
		for _, path := range []string{"/coordination?region=06633", "/coordination/export.csv?region=06", "/coordination?region=03"} {
			if res := city.Web.Get(path); res.Status != http.StatusForbidden {
				t.Errorf("coordinator of 06611 GET %s: %d", path, res.Status)
			}
		}
		if status, _ := city.API(t, http.MethodGet, "/api/v1/coordination/dashboard?region=06633", nil); status != http.StatusForbidden {
			t.Errorf("coordinator of 06611 asks the API for 06633: %d", status)
		}
		res := city.Web.Get("/coordination?region=06633&all=1")
		apptest.WantStatus(t, "06633 through the switch", res.Status, http.StatusOK, res.Body)
		apptest.Contains(t, "06633 through the switch", res.Body, "Diese Ansicht ist nur zum Lesen", "<svg")
		status, body := city.API(t, http.MethodGet, "/api/v1/coordination/dashboard?region=06633&all=true", nil)
		if status != http.StatusOK || body["read_only"] != true || body["open"] != 1.0 {
			t.Errorf("API 06633 through the switch: %d %v", status, body)
		}

		// The coordinator's own dashboard: their requests, charts and tables.
		res = city.Web.Get("/coordination")
		apptest.WantStatus(t, "own dashboard", res.Status, http.StatusOK, res.Body)
		apptest.Contains(t, "own dashboard", res.Body, "Offene Gesuche: 2", "Keine – alle Gesuche haben eine Antwort bekommen.",
			"<table", "<svg", "47,0 Std.", "10,0 Std.")
		apptest.Lacks(t, "own dashboard", res.Body, "Gesuch C", "Diese Ansicht ist nur zum Lesen")
		res = city.Web.Get("/coordination?all=1")
		apptest.Contains(t, "everything", res.Body, "Offene Gesuche: 7", "Davon keiner Region zugeordnet: 2",
			`href="/listings/`+f.Listings["C"].ID+`"`, "Gesuch C", "Gesuch D", "Gesuch E")
		if status, body := city.API(t, http.MethodGet, "/api/v1/coordination/dashboard?region=abc", nil); status != http.StatusUnprocessableEntity {
			t.Errorf("API with a bad region: %d %v", status, body)
		}
		if status, body := city.API(t, http.MethodGet, "/api/v1/coordination/dashboard?from=2026-04-10&to=2026-04-01", nil); status != http.StatusUnprocessableEntity {
			t.Errorf("API with the end before the start: %d %v", status, body)
		}
	})
}

// TestExport: the CSV holds the figures of the period and region.
func TestExport(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		f := newFixture(t, e)
		city := f.coordinator(t, "katrin", "06611")
		res := city.Web.Get("/coordination/export.csv?from=2026-03-23&to=2026-04-05")
		apptest.WantStatus(t, "export", res.Status, http.StatusOK, res.Body)
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
			t.Errorf("content type %q", ct)
		}
		apptest.Contains(t, "export", res.Body,
			"figure,region,category,week,count,answered,accepted,median_first_response_hours,median_acceptance_hours,period_from,period_to",
			"open_by_category,,german_lessons,,2,,,,,2026-03-23,2026-04-05",
			"open_by_region,06611,,,2,,,,,2026-03-23,2026-04-05",
			"timing_by_category,,german_lessons,,2,2,2,28.5,36.5,2026-03-23,2026-04-05",
			"timing_by_week,,,2026-03-23,1,1,1,47.0,49.0,",
			"timing_by_week,,,2026-03-30,1,1,1,10.0,24.0,")
		apptest.Lacks(t, "export", res.Body, "timing_by_week,,,2026-04-06")
	})
}

// TestScopesAdmin: administrators give and take regions through the page
// and the API; only coordinators can hold them.
func TestScopesAdmin(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		f := newFixture(t, e)
		katrin := f.coordinator(t, "katrin")
		res := f.Admin.Web.Post("/admin/scopes", apptest.Form("email", katrin.Email, "region", "06611"))
		apptest.WantStatus(t, "add a scope", res.Status, http.StatusSeeOther, res.Body)
		res = f.Admin.Web.Post("/admin/scopes", apptest.Form("email", f.Member.Email, "region", "0661"))
		apptest.WantStatus(t, "add a wrong scope", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "add a wrong scope", res.Body, "kein aktives Konto mit der Rolle Koordination", "2, 3, 5 oder 8 Ziffern", f.Member.Email, "0661")
		status, body := f.Admin.API(t, http.MethodGet, "/api/v1/admin/scopes", nil)
		if status != http.StatusOK || !strings.Contains(toJSON(body), `"regions":["06611"]`) {
			t.Errorf("list: %d %v", status, body)
		}
		if status, body := f.Admin.API(t, http.MethodPut, "/api/v1/admin/scopes/"+katrin.ID, map[string]any{"regions": []string{"066", "03159"}}); status != http.StatusOK {
			t.Errorf("set: %d %v", status, body)
		}
		if d := f.figures(t, katrin, "", false); d.Open != 4 { // A, B and G in 066; D in 03159
			t.Errorf("after setting 066 and 03159: %d", d.Open)
		}
		if status, _ := f.Admin.API(t, http.MethodPut, "/api/v1/admin/scopes/"+f.Member.ID, map[string]any{"regions": []string{"06"}}); status != http.StatusUnprocessableEntity {
			t.Errorf("scopes for a member: %d", status)
		}
		if status, _ := f.Admin.API(t, http.MethodPut, "/api/v1/admin/scopes/"+katrin.ID, map[string]any{"regions": []string{"0661"}}); status != http.StatusUnprocessableEntity {
			t.Errorf("a key of 4 digits: %d", status)
		}
		res = f.Admin.Web.Post("/admin/scopes/"+katrin.ID+"/066/remove", nil)
		apptest.WantStatus(t, "remove", res.Status, http.StatusSeeOther, res.Body)
		res = f.Admin.Web.Post("/admin/scopes/"+katrin.ID+"/066/remove", nil)
		apptest.WantStatus(t, "remove again", res.Status, http.StatusNotFound, res.Body)
		res = f.Admin.Web.Post("/admin/scopes/katrin/03159/remove", nil)
		apptest.WantStatus(t, "remove of no account", res.Status, http.StatusNotFound, res.Body)
		if status, body := f.Admin.API(t, http.MethodPut, "/api/v1/admin/scopes/"+katrin.ID, map[string]any{"regions": []string{}}); status != http.StatusOK {
			t.Errorf("clear: %d %v", status, body)
		}
		if d := f.figures(t, katrin, "", false); !d.Area.Everything || d.Open != 7 {
			t.Errorf("without regions again: %d %+v", d.Open, d.Area)
		}
	})
}

func toJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// TestScopesInExport: a coordinator's regions are part of their data and
// go with their account.
func TestScopesInExport(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		f := newFixture(t, e)
		katrin := f.coordinator(t, "katrin", "06611", "03")
		exp, err := e.P.Accounts.Export(ctx, katrin.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got := toJSON(exp); !strings.Contains(got, `"coordination":{"regions":["03","06611"]}`) {
			t.Errorf("export lacks the regions: %s", got)
		}
		if err := e.P.Accounts.Delete(ctx, katrin.ID, apptest.Password); err != nil {
			t.Fatal(err)
		}
		if regions, err := f.Coordination.ScopesOf(ctx, katrin.ID); err != nil || len(regions) != 0 {
			t.Errorf("regions after deletion: %v %v", regions, err)
		}
	})
}
