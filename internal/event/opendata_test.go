package event_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/event"
)

// openEvents reads the open data of events, following next_cursor, and
// returns the titles and statuses, and every body read.
func (e *env) openEvents(t *testing.T, query string) (map[string]string, string) {
	t.Helper()
	got, bodies := map[string]string{}, ""
	cursor := ""
	for range 10 {
		q := query + "&cursor=" + url.QueryEscape(cursor)
		status, raw := e.APIRaw(t, "", http.MethodGet, "/api/v1/opendata/events?"+q, nil)
		if status != http.StatusOK {
			t.Fatalf("open data %s: %d %s", q, status, raw)
		}
		bodies += string(raw)
		var page struct {
			Items []struct {
				Title, Status, URL string
				Languages          []string
			}
			NextCursor string `json:"next_cursor"`
			Licence    string
		}
		if err := json.Unmarshal(raw, &page); err != nil {
			t.Fatal(err)
		}
		for _, it := range page.Items {
			got[it.Title] = it.Status
		}
		if page.Licence != "CC BY 4.0" {
			t.Errorf("licence %q", page.Licence)
		}
		if cursor = page.NextCursor; cursor == "" {
			return got, bodies
		}
	}
	t.Fatal("the cursor never ends")
	return nil, ""
}

// Events are open data, upcoming and past, cancelled ones with their
// status, without the online link or anything of the people registered.
func TestEventsAsOpenData(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		past := e.held("Vorbei", "34117", "Kassel", "german_lessons.conversation", 3)
		e.create(t, e.Olga, past)
		online := e.held("Online-Sprechstunde", "", "", "", 10)
		online.PlaceKind, online.OnlineURL, online.Registration = event.Online, "https://meet.example.org/geheim", true
		on := e.create(t, e.Olga, online)
		cancelled := e.create(t, e.Olga, e.held("Abgesagt", "34117", "Kassel", "", 11))
		e.Clock.Set(at(2026, 3, 5, 12, 0))
		if _, err := e.Events.Register(ctx, e.Mia.Identity(), on.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Events.Cancel(ctx, e.Olga.Identity(), cancelled.ID); err != nil {
			t.Fatal(err)
		}

		got, bodies := e.openEvents(t, "limit=1")
		want := map[string]string{"Vorbei": "scheduled", "Online-Sprechstunde": "scheduled", "Abgesagt": "cancelled"}
		if len(got) != len(want) {
			t.Errorf("open data: %v; want %v", got, want)
		}
		for title, status := range want {
			if got[title] != status {
				t.Errorf("%s: %q; want %q", title, got[title], status)
			}
		}
		for _, secret := range []string{"meet.example.org", e.Mia.Email, e.Mia.Name, e.Olga.Email, e.Olga.ID} {
			if strings.Contains(bodies, secret) {
				t.Errorf("the open data shows %q", secret)
			}
		}
		if !strings.Contains(bodies, `"url":"`+e.URL+"/events/"+on.ID+`"`) || !strings.Contains(bodies, "Sprachbrücke Kassel") {
			t.Errorf("no address or organisation: %s", bodies)
		}

		// since= gives what changed after: the cancellation.
		since := at(2026, 3, 5, 11, 0).UTC().Format("2006-01-02T15:04:05Z")
		if got, _ := e.openEvents(t, "since="+since); len(got) != 1 || got["Abgesagt"] != "cancelled" {
			t.Errorf("since: %v", got)
		}

		status, raw := e.APIRaw(t, "", http.MethodGet, "/api/v1/opendata/events?format=csv", nil)
		lines := strings.Split(strings.TrimSpace(strings.TrimPrefix(string(raw), "\ufeff")), "\r\n")
		if status != http.StatusOK || len(lines) != 4 || !strings.HasPrefix(lines[0], "id,modified_at,url,calendar_url,") ||
			!slices.ContainsFunc(lines, func(l string) bool { return strings.Contains(l, "german_lessons.conversation") }) {
			t.Errorf("CSV: %d %q", status, lines)
		}
		if strings.Contains(string(raw), "meet.example.org") {
			t.Error("the CSV shows the online link")
		}
	})
}
