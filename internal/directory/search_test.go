package directory_test

import (
	"net/http"
	"net/url"
	"slices"
	"testing"

	"teilhabe.org/teilhabe/internal/auth"
)

// searchServices returns the ids GET /api/v1/search finds among services.
func (e *env) searchServices(t *testing.T, q string) []string {
	t.Helper()
	status, body := e.API(t, "", http.MethodGet, "/api/v1/search?type=service&q="+url.QueryEscape(q), nil)
	if status != http.StatusOK {
		t.Fatalf("search %s: %d %v", q, status, body)
	}
	var out []string
	for _, r := range body["results"].([]any) {
		out = append(out, r.(map[string]any)["id"].(string))
	}
	return out
}

// TestServicesAreFound: a service is found the moment it is created, by
// its words and its category's words in other languages, by its new name
// once edited, and no more once deleted.
func TestServicesAreFound(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		coord := e.NewPerson(t, "koord", auth.Coordinator)
		owner := e.NewPerson(t, "owner", auth.Member)
		mu := e.Municipality(t, coord, "06611000", "Kassel")
		o := e.NewOrg(t, owner, "Beratung Kassel", "welfare_association", "34117", "Kassel", "de", "fa")
		l := e.Location(t, owner, o.ID, mu.AGS, "Hauptstraße 1")
		s := e.Service(t, owner, o.ID, "Sprechstunde Aufenthaltsrecht", "legal_advice.asylum_counselling",
			[]string{"de", "fa"}, l.ID)
		want := []string{s.ID}
		if got := e.searchServices(t, "Sprechstunde"); !slices.Equal(got, want) {
			t.Errorf("by a word of its name: found %v", got)
		}
		if got := e.searchServices(t, "asylum"); !slices.Equal(got, want) {
			t.Errorf("by its category in English: found %v", got)
		}
		if got := e.searchServices(t, "Kassel"); !slices.Contains(got, s.ID) {
			t.Errorf("by its location's place: found %v", got)
		}

		in := s.ServiceInput
		in.Name = "Beratungscafé Aufenthaltsrecht"
		if _, err := e.Dir.UpdateService(ctx, owner.ID, s.ID, in); err != nil {
			t.Fatal(err)
		}
		if got := e.searchServices(t, "Beratungscafé"); !slices.Equal(got, want) {
			t.Errorf("by its new name: found %v", got)
		}
		if got := e.searchServices(t, "Sprechstunde"); len(got) != 0 {
			t.Errorf("by its old name: found %v", got)
		}
		if err := e.Dir.ConfirmService(ctx, owner.ID, s.ID); err != nil {
			t.Fatal(err)
		}
		if got := e.searchServices(t, "Beratungscafé"); !slices.Equal(got, want) {
			t.Errorf("after confirming: found %v", got)
		}

		if err := e.Dir.DeleteService(ctx, owner.ID, s.ID); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{"Beratungscafé", "asylum"} {
			if got := e.searchServices(t, q); len(got) != 0 {
				t.Errorf("deleted, %s: found %v", q, got)
			}
		}
	})
}
