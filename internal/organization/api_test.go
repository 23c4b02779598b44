package organization_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/auth"
)

func TestAPI(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		stranger := e.NewPerson(t, "stranger", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		ownerToken, strangerToken, staffToken := e.Token(t, owner.Email), e.Token(t, stranger.Email), e.Token(t, staff.Email)
		const orgs = "/api/v1/organizations"

		body := map[string]any{
			"name": "Willkommensnetz Kassel", "kind": "initiative", "description": "Patenschaften",
			"website": "https://willkommensnetz.example", "email": "info@willkommensnetz.example", "phone": "0561 999 7777",
			"street": "Am Beispiel 2", "postcode": "34121", "city": "Kassel", "languages": []string{"uk", "de", "ru"},
		}
		if status, _ := e.API(t, "", http.MethodPost, orgs, body); status != http.StatusUnauthorized {
			t.Errorf("create without token: %d", status)
		}
		status, created := e.API(t, ownerToken, http.MethodPost, orgs, body)
		if status != http.StatusCreated {
			t.Fatalf("create: %d %v", status, created)
		}
		id, _ := created["id"].(string)
		address, _ := created["address"].(map[string]any)
		if id == "" || created["name"] != "Willkommensnetz Kassel" || created["verified"] != false || created["phone"] != "0561 999 7777" ||
			address["postcode"] != "34121" || address["street"] != "Am Beispiel 2" || created["created_at"] == nil ||
			!slices.Equal(anyStrings(created["languages"]), []string{"de", "uk", "ru"}) {
			t.Errorf("created: %v", created)
		}
		if role, _ := e.Orgs.RoleOf(ctx, id, owner.ID); role != "owner" {
			t.Errorf("creator is %q", role)
		}

		status, problem := e.API(t, ownerToken, http.MethodPost, orgs, map[string]any{"name": "X", "kind": "initiative", "postcode": "1"})
		if status != http.StatusUnprocessableEntity || !strings.Contains(stringOf(problem["errors"]), "body.postcode") {
			t.Errorf("invalid create: %d %v", status, problem)
		}

		// Reading is public.
		status, got := e.API(t, "", http.MethodGet, orgs+"/"+id, nil)
		if status != http.StatusOK || got["id"] != id || got["email"] != "info@willkommensnetz.example" {
			t.Errorf("get: %d %v", status, got)
		}
		// An id of nothing is not found; one that is no UUID is refused as
		// the document's format says.
		for bad, want := range map[string]int{"0190a0a0-0000-7000-8000-000000000000": http.StatusNotFound, "nope": http.StatusUnprocessableEntity} {
			if status, _ := e.API(t, "", http.MethodGet, orgs+"/"+bad, nil); status != want {
				t.Errorf("get %s: %d, want %d", bad, status, want)
			}
		}

		// Only members change it; a partial update keeps the rest.
		patch := map[string]any{"name": "Gekapert"}
		if status, _ := e.API(t, strangerToken, http.MethodPatch, orgs+"/"+id, patch); status != http.StatusForbidden {
			t.Errorf("stranger patch: %d", status)
		}
		if status, _ := e.API(t, "", http.MethodPatch, orgs+"/"+id, patch); status != http.StatusUnauthorized {
			t.Errorf("anonymous patch: %d", status)
		}
		if status, _ := e.API(t, ownerToken, http.MethodPatch, orgs+"/0190a0a0-0000-7000-8000-000000000000", patch); status != http.StatusNotFound {
			t.Errorf("patch unknown: %d", status)
		}
		if o, _ := e.Orgs.Get(ctx, id); o.Name != "Willkommensnetz Kassel" {
			t.Fatalf("refused patch changed the name to %q", o.Name)
		}
		e.Clock.Advance(60e9)
		status, got = e.API(t, ownerToken, http.MethodPatch, orgs+"/"+id, map[string]any{"description": "Patenschaften und Sprachcafé", "phone": ""})
		if status != http.StatusOK || got["description"] != "Patenschaften und Sprachcafé" || got["phone"] != "" ||
			got["name"] != "Willkommensnetz Kassel" || got["updated_at"] == got["created_at"] || len(anyStrings(got["languages"])) != 3 {
			t.Errorf("patch: %d %v", status, got)
		}
		if status, problem := e.API(t, ownerToken, http.MethodPatch, orgs+"/"+id, map[string]any{"website": "nope"}); status != http.StatusUnprocessableEntity {
			t.Errorf("invalid patch: %d %v", status, problem)
		}

		// Verification: coordinators only.
		if status, _ := e.API(t, ownerToken, http.MethodPost, orgs+"/"+id+"/verify", nil); status != http.StatusForbidden {
			t.Errorf("owner verifies: %d", status)
		}
		status, got = e.API(t, staffToken, http.MethodPost, orgs+"/"+id+"/verify", nil)
		if status != http.StatusOK || got["verified"] != true || got["verified_at"] == nil {
			t.Errorf("verify: %d %v", status, got)
		}
		if status, _ := e.API(t, staffToken, http.MethodPost, orgs+"/0190a0a0-0000-7000-8000-000000000000/verify", nil); status != http.StatusNotFound {
			t.Errorf("verify unknown: %d", status)
		}

		// The list filters and pages.
		for _, n := range []string{"Alpha", "Beta", "Gamma"} {
			if status, _ := e.API(t, ownerToken, http.MethodPost, orgs, map[string]any{"name": n, "kind": "foundation"}); status != http.StatusCreated {
				t.Fatalf("create %s: %d", n, status)
			}
		}
		status, list := e.API(t, "", http.MethodGet, orgs+"?verified=true", nil)
		if items := list["organizations"].([]any); status != 200 || len(items) != 1 || items[0].(map[string]any)["id"] != id {
			t.Errorf("verified list: %d %v", status, list)
		}
		var names []string
		var byName string // a cursor of the order by name
		path := orgs + "?kind=foundation&sort=name&limit=2"
		for path != "" {
			status, list = e.API(t, "", http.MethodGet, path, nil)
			if status != 200 {
				t.Fatalf("list %s: %d %v", path, status, list)
			}
			for _, it := range list["organizations"].([]any) {
				names = append(names, it.(map[string]any)["name"].(string))
			}
			path = ""
			if next, _ := list["next_cursor"].(string); next != "" {
				path = orgs + "?kind=foundation&sort=name&limit=2&cursor=" + next
				byName = next
			}
		}
		if !slices.Equal(names, []string{"Alpha", "Beta", "Gamma"}) {
			t.Errorf("pages: %q", names)
		}
		for _, query := range []string{"?cursor=junk", "?sort=newest&cursor=" + byName} {
			status, problem := e.API(t, "", http.MethodGet, orgs+query, nil)
			if errs, _ := problem["errors"].([]any); status != http.StatusUnprocessableEntity || len(errs) != 1 ||
				errs[0].(map[string]any)["location"] != "query.cursor" {
				t.Errorf("bad cursor %s: %d %v", query, status, problem)
			}
		}
		if status, _ := e.API(t, staffToken, http.MethodPost, orgs+"/"+id+"/unverify", nil); status != http.StatusOK {
			t.Errorf("unverify: %d", status)
		}

		// The operations are in the OpenAPI document.
		_, doc := e.APIRaw(t, "", http.MethodGet, "/api/v1/openapi.json", nil)
		for _, op := range []string{"list-organizations", "create-organization", "get-organization", "update-organization",
			"verify-organization", "unverify-organization"} {
			if !strings.Contains(string(doc), `"`+op+`"`) {
				t.Errorf("OpenAPI lacks %s", op)
			}
		}
	})
}

func anyStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

func stringOf(v any) string {
	var b strings.Builder
	for _, x := range v.([]any) {
		m := x.(map[string]any)
		b.WriteString(m["location"].(string) + " ")
	}
	return b.String()
}
