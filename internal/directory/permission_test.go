package directory_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/directory"
)

// TestOnlyEditorsChangeEntries: another person, logged in or with a token,
// is refused every change of an organisation's services, locations and
// exceptions, on pages and in the API; the editor succeeds.
func TestOnlyEditorsChangeEntries(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		coord := e.NewPerson(t, "koord", auth.Coordinator)
		owner := e.NewPerson(t, "owner", auth.Member)
		stranger := e.NewPerson(t, "stranger", auth.Member)
		other := e.NewOrg(t, stranger, "Anderer Verein", "initiative", "34117", "Kassel", "de")
		mu := e.Municipality(t, coord, "06611000", "Kassel")
		o := e.NewOrg(t, owner, "Beratung Kassel", "welfare_association", "34117", "Kassel", "de")
		l := e.Location(t, owner, o.ID, mu.AGS, "Hauptstraße 1")
		s := e.Service(t, owner, o.ID, "Asylverfahrensberatung", "legal_advice.asylum_counselling", []string{"de"}, l.ID)
		closure, err := e.Dir.AddClosure(ctx, owner.ID, l.ID, directory.Closure{First: "2026-12-24", Closed: true})
		if err != nil {
			t.Fatal(err)
		}
		serviceForm := url.Values{"name": {"Übernommen"}, "category": {"health"}, "lang": {"de"}, "cost": {"free"},
			"access": {"walk_in"}, "languages": {"de"}}
		locationForm := url.Values{"street": {"Weg 2"}, "postcode": {"34117"}, "city": {"Kassel"}, "ags": {mu.AGS}}
		posts := []struct {
			path string
			form url.Values
		}{
			{"/organizations/" + o.ID + "/services/new", serviceForm},
			{"/services/" + s.ID + "/edit", serviceForm},
			{"/services/" + s.ID + "/confirm", nil},
			{"/services/" + s.ID + "/delete", nil},
			{"/organizations/" + o.ID + "/locations/new", locationForm},
			{"/locations/" + l.ID + "/edit", locationForm},
			{"/locations/" + l.ID + "/confirm", nil},
			{"/locations/" + l.ID + "/closures", url.Values{"first": {"2026-12-31"}, "kind": {"closed"}}},
			{"/locations/" + l.ID + "/closures/" + closure.ID + "/delete", nil},
			{"/locations/" + l.ID + "/delete", nil},
			{"/organizations/" + o.ID + "/seeking", url.Values{"what_for": {"alles"}}},
		}
		for _, p := range posts {
			if res := stranger.Web.Post(p.path, p.form); res.Status != http.StatusForbidden {
				t.Errorf("stranger POST %s: %d", p.path, res.Status)
			}
			visitor := e.Client(t)
			if res := visitor.Post(p.path, p.form); res.Status != http.StatusUnauthorized {
				t.Errorf("visitor POST %s: %d", p.path, res.Status)
			}
		}
		for _, path := range []string{"/organizations/" + o.ID + "/services/new", "/services/" + s.ID + "/edit",
			"/organizations/" + o.ID + "/locations/new", "/locations/" + l.ID + "/edit"} {
			if res := stranger.Web.Get(path); res.Status != http.StatusForbidden {
				t.Errorf("stranger GET %s: %d", path, res.Status)
			}
		}
		// An editor of another organisation cannot offer a service at this
		// organisation's location either.
		if _, err := e.Dir.CreateService(ctx, stranger.ID, other.ID, directory.ServiceInput{Name: "Fremd", Category: "health",
			Lang: "de", Cost: directory.Free, WalkIn: true, Languages: []string{"de"}, LocationIDs: []string{l.ID}}); apperr.As(err).Fields["locations"] != "directory.service.foreign_location" {
			t.Errorf("service at another organisation's location: %v", err)
		}

		token, ownerToken := e.Token(t, stranger.Email), e.Token(t, owner.Email)
		body := map[string]any{"name": "API", "category": "health", "lang": "de", "cost": "free", "access": []string{"walk_in"},
			"languages": []string{"de"}}
		locBody := map[string]any{"street": "Weg 3", "postcode": "34117", "city": "Kassel", "municipality_key": mu.AGS}
		calls := []struct {
			method, path string
			body         any
		}{
			{http.MethodPost, "/api/v1/organizations/" + o.ID + "/services", body},
			{http.MethodPut, "/api/v1/services/" + s.ID, body},
			{http.MethodDelete, "/api/v1/services/" + s.ID, nil},
			{http.MethodPost, "/api/v1/organizations/" + o.ID + "/locations", locBody},
			{http.MethodPut, "/api/v1/locations/" + l.ID, locBody},
			{http.MethodDelete, "/api/v1/locations/" + l.ID, nil},
		}
		for _, c := range calls {
			if status, _ := e.API(t, token, c.method, c.path, c.body); status != http.StatusForbidden {
				t.Errorf("stranger %s %s: %d", c.method, c.path, status)
			}
			if status, _ := e.API(t, "", c.method, c.path, c.body); status != http.StatusUnauthorized {
				t.Errorf("without token %s %s: %d", c.method, c.path, status)
			}
		}
		got, err := e.Dir.Service(ctx, s.ID)
		if err != nil || got.Name != "Asylverfahrensberatung" {
			t.Fatalf("the service changed: %v %v", got, err)
		}
		if loc, err := e.Dir.Location(ctx, l.ID); err != nil || len(loc.Closures) != 1 {
			t.Fatalf("the location changed: %v %v", loc, err)
		}

		// The editor may.
		status, created := e.API(t, ownerToken, http.MethodPost, "/api/v1/organizations/"+o.ID+"/services",
			map[string]any{"name": "Kleiderkammer", "category": "goods.clothing", "lang": "de", "cost": "free",
				"access": []string{"walk_in"}, "languages": []string{"de", "ar"}, "location_ids": []string{l.ID}})
		if status != http.StatusCreated || created["need"] != "arrived" {
			t.Errorf("editor creates a service: %d %v", status, created)
		}
		status, loc := e.API(t, ownerToken, http.MethodPost, "/api/v1/organizations/"+o.ID+"/locations",
			map[string]any{"street": "Weg 4", "postcode": "34117", "city": "Kassel", "municipality_key": mu.AGS,
				"hours": []map[string]any{{"day": 1, "opens": "09:00", "closes": "12:00"}}})
		if status != http.StatusCreated || loc["municipality"] != "Kassel" {
			t.Errorf("editor creates a location: %d %v", status, loc)
		}
		status, bad := e.API(t, ownerToken, http.MethodPost, "/api/v1/organizations/"+o.ID+"/locations",
			map[string]any{"street": " ", "postcode": "3411", "city": "Kassel", "municipality_key": "99999999",
				"hours": []map[string]any{{"day": 2, "opens": "12:00", "closes": "09:00"}}})
		if status != http.StatusUnprocessableEntity || !strings.Contains(jsonString(bad), "body.hours_2") ||
			!strings.Contains(jsonString(bad), "body.postcode") || !strings.Contains(jsonString(bad), "body.street") {
			t.Errorf("invalid location: %d %v", status, bad)
		}
		// An empty street is refused as the document's minLength says.
		status, bad = e.API(t, ownerToken, http.MethodPost, "/api/v1/organizations/"+o.ID+"/locations",
			map[string]any{"street": "", "postcode": "34117", "city": "Kassel", "municipality_key": mu.AGS})
		if status != http.StatusUnprocessableEntity || !strings.Contains(jsonString(bad), "body.street") {
			t.Errorf("location without street: %d %v", status, bad)
		}
		res := owner.Web.Post("/services/"+s.ID+"/edit", serviceForm)
		if res.Status != http.StatusSeeOther {
			t.Errorf("editor saves the service: %d", res.Status)
		}
		if res := owner.Web.Post("/locations/"+l.ID+"/delete", nil); res.Status != http.StatusSeeOther {
			t.Errorf("editor deletes the location: %d", res.Status)
		}
	})
}

func jsonString(v any) string {
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, v := range x {
				b.WriteString(k + " ")
				walk(v)
			}
		case []any:
			for _, v := range x {
				walk(v)
			}
		default:
			b.WriteString(strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(toString(x), "\n", " "), "\t", " ")) + " ")
		}
	}
	walk(v)
	return b.String()
}

func toString(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return ""
}

// TestMunicipalitiesAndFacts: only coordinators enter municipalities; the
// facts are kept by coordinators and the municipality's organisation's
// editors, nobody else.
func TestMunicipalitiesAndFacts(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		coord := e.NewPerson(t, "koord", auth.Coordinator)
		cityEditor := e.NewPerson(t, "stadt", auth.Member)
		stranger := e.NewPerson(t, "stranger", auth.Member)
		city := e.NewOrg(t, cityEditor, "Stadt Kassel", "municipality", "34117", "Kassel", "de")

		form := url.Values{"ags": {"06611000"}, "name": {"Kassel"}, "state": {"06"}, "organization_id": {city.ID}}
		if res := stranger.Web.Post("/municipalities/new", form); res.Status != http.StatusForbidden {
			t.Errorf("member creates a municipality: %d", res.Status)
		}
		if status, _ := e.API(t, e.Token(t, stranger.Email), http.MethodPost, "/api/v1/municipalities",
			map[string]any{"ags": "06611000", "name": "Kassel", "state": "06"}); status != http.StatusForbidden {
			t.Errorf("member creates a municipality in the API: %d", status)
		}
		res := coord.Web.Post("/municipalities/new", url.Values{"ags": {"0661100"}, "name": {"Kassel"}, "state": {"05"}})
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `value="0661100"`) ||
			!strings.Contains(res.Body, `id="f-ags-error"`) {
			t.Errorf("invalid key: %d", res.Status)
		}
		res = coord.Web.Post("/municipalities/new", url.Values{"ags": {"06611000"}, "name": {"Kassel"}, "state": {"05"}})
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `id="f-state-error"`) {
			t.Errorf("state of another key: %d", res.Status)
		}
		if res := coord.Web.Post("/municipalities/new", form); res.Status != http.StatusSeeOther ||
			res.Location() != "/municipalities/06611000" {
			t.Fatalf("coordinator creates: %d %s", res.Status, res.Body)
		}
		if res := coord.Web.Post("/municipalities/new", form); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("the same key twice: %d", res.Status)
		}

		fact := url.Values{"label": {"Geflüchtete in Unterkünften"}, "value": {"1 240"}, "as_of": {"2025-12-31"},
			"source": {"Sozialbericht"}, "fact_lang": {"de"}}
		if res := stranger.Web.Post("/municipalities/06611000/facts", fact); res.Status != http.StatusForbidden {
			t.Errorf("stranger adds a fact: %d", res.Status)
		}
		if res := stranger.Web.Get("/municipalities/06611000/facts"); res.Status != http.StatusForbidden {
			t.Errorf("stranger opens the facts page: %d", res.Status)
		}
		if res := cityEditor.Web.Post("/municipalities/06611000/facts", fact); res.Status != http.StatusSeeOther {
			t.Errorf("the city's editor adds a fact: %d", res.Status)
		}
		res = cityEditor.Web.Post("/municipalities/06611000/facts", url.Values{"label": {"Nur ein Titel"}, "as_of": {"31.12.2025"},
			"fact_lang": {"de"}})
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `value="Nur ein Titel"`) ||
			!strings.Contains(res.Body, `id="f-as_of-error"`) || !strings.Contains(res.Body, `id="f-value-error"`) {
			t.Errorf("incomplete fact: %d", res.Status)
		}
		if res := coord.Web.Post("/municipalities/06611000/links", url.Values{"title": {"Stadt"}, "url": {"https://kassel.example"},
			"link_lang": {"de"}}); res.Status != http.StatusSeeOther {
			t.Errorf("coordinator adds a link: %d", res.Status)
		}
		facts, _ := e.Dir.Facts(ctx, "06611000")
		links, _ := e.Dir.Links(ctx, "06611000")
		if len(facts) != 1 || len(links) != 1 {
			t.Fatalf("facts %v links %v", facts, links)
		}
		if res := stranger.Web.Post("/municipalities/06611000/facts/"+facts[0].ID+"/delete", nil); res.Status != http.StatusForbidden {
			t.Errorf("stranger deletes a fact: %d", res.Status)
		}
		page := e.Client(t).Get("/municipalities/06611000")
		if !strings.Contains(page.Body, "1 240") || !strings.Contains(page.Body, "Sozialbericht") || !strings.Contains(page.Body, "31.12.2025") ||
			!strings.Contains(page.Body, "https://kassel.example") {
			t.Errorf("the page lacks the fact or link")
		}
		status, detail := e.API(t, "", http.MethodGet, "/api/v1/municipalities/06611000", nil)
		if status != http.StatusOK || detail["name"] != "Kassel" || len(detail["facts"].([]any)) != 1 {
			t.Errorf("API municipality: %d %v", status, detail)
		}
		if status, _ := e.API(t, "", http.MethodGet, "/api/v1/municipalities/12345678", nil); status != http.StatusNotFound {
			t.Errorf("unknown municipality: %d", status)
		}
	})
}
