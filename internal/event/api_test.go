package event_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
)

func (e *env) eventJSON(extra string) json.RawMessage {
	return json.RawMessage(`{"organization_id":"` + e.OrgID + `","title":"Sprachcafé","description":"Deutsch und Arabisch",` +
		`"kind":"language_cafe","start":"2026-03-10T17:00:00Z","end":"2026-03-10T19:00:00Z","postcode":"34117",` +
		`"place":"Kassel","content_lang":"de","languages":["de","ar"]` + extra + `}`)
}

func TestAPICreateReadChangeCancel(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		status, out := e.Rolf.API(t, http.MethodPost, "/api/v1/events", e.eventJSON(`,"place_kind":"address","cost":"2 €"`))
		if status != http.StatusCreated || out["status"] != "scheduled" || out["manage"] != true || out["free"] != false {
			t.Fatalf("create: %d %v", status, out)
		}
		id := out["id"].(string)
		status, out = e.API(t, "", http.MethodGet, "/api/v1/events/"+id, nil)
		if status != http.StatusOK || out["title"] != "Sprachcafé" || out["start"] != "2026-03-10T17:00:00Z" || out["manage"] != false {
			t.Errorf("read: %d %v", status, out)
		}

		status, out = e.Mia.API(t, http.MethodPatch, "/api/v1/events/"+id, json.RawMessage(`{"title":"Gekapert"}`))
		if status != http.StatusForbidden {
			t.Errorf("stranger's change: %d %v", status, out)
		}
		status, out = e.Olga.API(t, http.MethodPatch, "/api/v1/events/"+id, json.RawMessage(`{"start":"2026-03-11T17:00:00Z","end":"2026-03-11T19:00:00Z"}`))
		if status != http.StatusOK || out["status"] != "moved" || out["title"] != "Sprachcafé" {
			t.Errorf("move: %d %v", status, out)
		}
		status, out = e.Olga.API(t, http.MethodPatch, "/api/v1/events/"+id, json.RawMessage(`{"end":"2026-03-11T16:00:00Z"}`))
		if status != http.StatusUnprocessableEntity || !strings.Contains(fmtJSON(t, out), "body.end") {
			t.Errorf("end before start: %d %v", status, out)
		}

		status, _ = e.Mia.API(t, http.MethodPost, "/api/v1/events/"+id+"/cancel", nil)
		if status != http.StatusForbidden {
			t.Errorf("stranger's cancel: %d", status)
		}
		status, out = e.Olga.API(t, http.MethodPost, "/api/v1/events/"+id+"/cancel", nil)
		if status != http.StatusOK || out["status"] != "cancelled" || out["cancelled_at"] == nil {
			t.Errorf("cancel: %d %v", status, out)
		}
		status, _ = e.Olga.API(t, http.MethodPost, "/api/v1/events/"+id+"/cancel", nil)
		if status != http.StatusConflict {
			t.Errorf("second cancel: %d", status)
		}
	})
}

func TestAPIRefusesWhatTheSchemaForbids(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		for name, body := range map[string]json.RawMessage{
			"unknown field": e.eventJSON(`,"colour":"red"`),
			"kind":          json.RawMessage(strings.Replace(string(e.eventJSON("")), "language_cafe", "party", 1)),
			"long cost":     e.eventJSON(`,"cost":"` + strings.Repeat("x", 121) + `"`),
			"capacity":      e.eventJSON(`,"capacity":-1`),
			"postcode":      json.RawMessage(strings.Replace(string(e.eventJSON("")), `"34117"`, `"3411"`, 1)),
			"place kind":    e.eventJSON(`,"place_kind":"moon"`),
		} {
			status, out := e.Olga.API(t, http.MethodPost, "/api/v1/events", body)
			if status != http.StatusUnprocessableEntity {
				t.Errorf("%s: %d %v", name, status, out)
			}
		}
		status, out := e.Mia.API(t, http.MethodPost, "/api/v1/events", e.eventJSON(""))
		if status != http.StatusUnprocessableEntity || !strings.Contains(fmtJSON(t, out), "body.organization_id") {
			t.Errorf("another organisation's event: %d %v", status, out)
		}
		n := 0
		e.P.DB.QueryRowContext(ctx, "SELECT count(*) FROM events").Scan(&n)
		if n != 0 {
			t.Errorf("%d events stored", n)
		}
	})
}

func TestAPIListFiltersAndHidesTheLink(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		e.Rolf.API(t, http.MethodPost, "/api/v1/events", e.eventJSON(""))
		e.Rolf.API(t, http.MethodPost, "/api/v1/events", json.RawMessage(`{"organization_id":"`+e.OrgID+`","title":"Beratung online",`+
			`"description":"Per Video","kind":"info_event","start":"2026-04-01T16:00:00Z","end":"2026-04-01T17:00:00Z",`+
			`"place_kind":"online","online_url":"https://meet.example.org/geheim","content_lang":"uk"}`))
		titles := func(who *apptest.Person, query string) string {
			t.Helper()
			token := ""
			if who != nil {
				token = who.Token(t)
			}
			status, body := e.APIRaw(t, token, http.MethodGet, "/api/v1/events"+query, nil)
			if status != http.StatusOK {
				t.Fatalf("%s: %d %s", query, status, body)
			}
			return string(body)
		}
		all := titles(nil, "")
		apptest.Contains(t, "all", all, "Sprachcafé", "Beratung online")
		apptest.Lacks(t, "visitor", all, "meet.example.org")
		apptest.Contains(t, "organiser", titles(e.Olga, ""), "https://meet.example.org/geheim")
		only := titles(nil, "?kind=info_event&lang=uk&from=2026-04-01&to=2026-04-01")
		apptest.Contains(t, "filtered", only, "Beratung online")
		apptest.Lacks(t, "filtered", only, "Sprachcafé")
		status, body := e.APIRaw(t, "", http.MethodGet, "/api/v1/events?from=morgen", nil)
		if status != http.StatusUnprocessableEntity {
			t.Errorf("bad day: %d %s", status, body)
		}
	})
}

func TestAPIPagesWithACursor(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		var want []string
		for i := range 3 {
			d := e.draft()
			d.Start, d.End = d.Start.AddDate(0, 0, i), d.End.AddDate(0, 0, i)
			want = append(want, e.create(t, e.Olga, d).ID)
		}
		var got []string
		cursor := ""
		for range 3 {
			var page struct {
				Events []struct {
					ID string `json:"id"`
				} `json:"events"`
				NextCursor string `json:"next_cursor"`
			}
			status, body := e.APIRaw(t, "", http.MethodGet, "/api/v1/events?limit=2&cursor="+cursor, nil)
			if status != http.StatusOK || json.Unmarshal(body, &page) != nil {
				t.Fatalf("page: %d %s", status, body)
			}
			for _, ev := range page.Events {
				got = append(got, ev.ID)
			}
			if cursor = page.NextCursor; cursor == "" {
				break
			}
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("paged %v; want %v", got, want)
		}
		status, body := e.APIRaw(t, "", http.MethodGet, "/api/v1/events?cursor=kaputt", nil)
		if status != http.StatusUnprocessableEntity || !strings.Contains(string(body), "query.cursor") {
			t.Errorf("bad cursor: %d %s", status, body)
		}
		if res := e.Client(t).Get("/events?cursor=kaputt"); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("bad cursor on the page: %d", res.Status)
		}
	})
}

// TestAPIOnlineLinkIsAnHTTPAddress: the document says online_url is a URI
// of at most 300 characters; the server takes only http and https links
// with a host, and names the field when it refuses one, on create and on
// change, without storing anything.
func TestAPIOnlineLinkIsAnHTTPAddress(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		for _, link := range []string{"ftp://example.org/treffen", "javascript:alert(1)", "mailto:olga@example.org",
			"https://localhost/raum", "https://user@meet.example.org/raum", "https://meet.example.org/" + strings.Repeat("x", 290)} {
			body := e.eventJSON(`,"place_kind":"online","online_url":` + strings.TrimSpace(mustJSON(t, link)))
			status, out := e.Olga.API(t, http.MethodPost, "/api/v1/events", body)
			if status != http.StatusUnprocessableEntity || !strings.Contains(fmtJSON(t, out), "body.online_url") {
				t.Errorf("create with %.40q: %d %v", link, status, out)
			}
		}
		status, out := e.Olga.API(t, http.MethodPost, "/api/v1/events", e.eventJSON(`,"place_kind":"online","online_url":"https://meet.example.org/sprachcafe"`))
		if status != http.StatusCreated || out["online_url"] != "https://meet.example.org/sprachcafe" {
			t.Fatalf("create with an https link: %d %v", status, out)
		}
		id := out["id"].(string)
		status, out = e.Olga.API(t, http.MethodPatch, "/api/v1/events/"+id, json.RawMessage(`{"online_url":"ftp://example.org/x"}`))
		if status != http.StatusUnprocessableEntity || !strings.Contains(fmtJSON(t, out), "body.online_url") {
			t.Errorf("change to ftp: %d %v", status, out)
		}
		status, out = e.Olga.API(t, http.MethodPatch, "/api/v1/events/"+id, json.RawMessage(`{"colour":"red"}`))
		if status != http.StatusUnprocessableEntity {
			t.Errorf("change of an unknown field: %d %v", status, out)
		}
		if status, _ := e.API(t, "", http.MethodGet, "/api/v1/events/not-an-id", nil); status != http.StatusUnprocessableEntity {
			t.Errorf("an id that is no UUID: %d", status)
		}
		if ev, _ := e.Events.Get(ctx, id); ev.OnlineURL != "https://meet.example.org/sprachcafe" {
			t.Errorf("link now %q", ev.OnlineURL)
		}
	})
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
