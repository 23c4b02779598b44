package pledge_test

import (
	"net/http"
	"slices"
	"testing"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/blog"
	"teilhabe.org/teilhabe/internal/pledge"
)

// searched returns the ids GET /api/v1/search finds for the query string.
func searched(t *testing.T, e *env, query string) []string {
	t.Helper()
	status, body := e.API(t, "", http.MethodGet, "/api/v1/search?"+query, nil)
	if status != http.StatusOK {
		t.Fatalf("search %s: %d %v", query, status, body)
	}
	var out []string
	for _, r := range body["results"].([]any) {
		out = append(out, r.(map[string]any)["id"].(string))
	}
	return out
}

// TestPledgesAndReportsAreFound: search finds a pledge from its approval
// until moderation hides it, never a draft or a submitted one, and a
// report once it is published.
func TestPledgesAndReportsAreFound(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		ana := e.NewPerson(t, "ana", auth.Member)

		p := e.active(t, owner, staff, 10, func(tm *pledge.Terms) { tm.Promise = "zwölf Nähmaschinen für das Nähcafé" })
		if got := searched(t, e, "type=pledge&q=N%C3%A4hmaschinen"); !slices.Contains(got, p.ID) {
			t.Errorf("approved pledge not found: %v", got)
		}

		draft, err := e.Pledges.Create(ctx, owner.Identity(), e.terms(10), nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := searched(t, e, "type=pledge&q=Tablets"); slices.Contains(got, draft.ID) {
			t.Errorf("draft found: %v", got)
		}
		if _, err := e.Pledges.Submit(ctx, owner.Identity(), draft.ID); err != nil {
			t.Fatal(err)
		}
		if got := searched(t, e, "type=pledge&q=Tablets"); slices.Contains(got, draft.ID) {
			t.Errorf("submitted pledge found: %v", got)
		}

		if err := e.Mod.Flag(ctx, ana.ID, "pledge", p.ID, "spam", "Das ist Werbung."); err != nil {
			t.Fatal(err)
		}
		if err := e.Mod.Decide(ctx, staff.Identity(), "pledge", p.ID, "hide", "Bitte ohne Werbung."); err != nil {
			t.Fatal(err)
		}
		if got := searched(t, e, "type=pledge&q=N%C3%A4hmaschinen"); slices.Contains(got, p.ID) {
			t.Errorf("hidden pledge found: %v", got)
		}

		done := e.succeeded(t, owner, staff, ana)
		if got := searched(t, e, "type=pledge&q=Tablets"); !slices.Contains(got, done.ID) {
			t.Errorf("successful pledge not found: %v", got)
		}
		r, err := e.Blog.Write(ctx, ana.Identity(), "pledge", done.ID,
			blog.Input{Title: "Das Zirkusprojekt", Body: "Wir haben **gejongliert**.", Lang: "de"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := searched(t, e, "type=report&q=Zirkusprojekt"); slices.Contains(got, r.ID) {
			t.Errorf("unconfirmed report found: %v", got)
		}
		if _, err := e.Blog.Confirm(ctx, owner.Identity(), r.ID); err != nil {
			t.Fatal(err)
		}
		if got := searched(t, e, "type=report&q=Zirkusprojekt"); !slices.Contains(got, r.ID) {
			t.Errorf("published report not found: %v", got)
		}
		if got := searched(t, e, "type=report&q=gejongliert"); !slices.Contains(got, r.ID) {
			t.Errorf("published report not found by its text: %v", got)
		}
	})
}
