package organization_test

import (
	"net/http"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/organization"
)

// TestChangeOfAVerifiedIdentityGoesToReview: an editor renames a verified
// municipality to a federal authority's name and points its website
// elsewhere. The organisation is back in review: it counts as verified
// nowhere, its pages say whom the office verified, the change is in the
// audit log and in the coordinators' queue, until a coordinator confirms
// it. A change of other fields keeps the verification.
func TestChangeOfAVerifiedIdentityGoesToReview(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		editor := e.NewPerson(t, "editor", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		p := kassel("Stadt Kassel")
		p.Kind, p.Website = "municipality", "https://www.kassel.de"
		o, err := e.Orgs.Create(ctx, owner.ID, p)
		if err != nil {
			t.Fatal(err)
		}
		e.Join(t, owner, editor, o.ID)
		if _, err := e.Orgs.SetVerified(ctx, staff.Identity(), o.ID, true); err != nil {
			t.Fatal(err)
		}
		verified := func() *organization.Organization {
			t.Helper()
			got, err := e.Orgs.Get(ctx, o.ID)
			if err != nil {
				t.Fatal(err)
			}
			return got
		}

		// Other fields change freely.
		p.Description, p.Phone = "Das Rathaus.", "0561 787 0"
		if _, err := e.Orgs.Update(ctx, editor.ID, o.ID, p); err != nil {
			t.Fatal(err)
		}
		if got := verified(); !got.Verified() || got.UnderReview() {
			t.Fatalf("after a new description: verified %v, under review %v", got.Verified(), got.UnderReview())
		}

		// Name and website: back to review.
		p.Name, p.Website = "Bundesamt für Migration", "https://bamf.example"
		if _, err := e.Orgs.Update(ctx, editor.ID, o.ID, p); err != nil {
			t.Fatal(err)
		}
		got := verified()
		if got.Verified() || !got.UnderReview() || got.VerifiedName != "Stadt Kassel" {
			t.Fatalf("after the rename: verified %v, under review %v, verified as %q", got.Verified(), got.UnderReview(), got.VerifiedName)
		}
		de := e.P.Services.Catalog.Localizer("de")
		verifiedAs := de.T("organization.verified_as", "Name", "<bdi>Stadt Kassel</bdi>")
		page := e.Client(t).Get("/organizations/" + o.ID)
		apptest.Contains(t, "the organisation's page", page.Body, verifiedAs)
		apptest.Lacks(t, "the organisation's page", page.Body, `<span class="badge ok">`+de.T("organization.verified")+`</span>`)
		if status, body := e.API(t, "", http.MethodGet, "/api/v1/organizations/"+o.ID, nil); status != 200 ||
			body["verified"] != false || body["verified_as"] != "Stadt Kassel" {
			t.Errorf("the API: %d %v", status, body)
		}
		if ms, _ := e.Orgs.Memberships(ctx, editor.ID); len(ms) != 1 || ms[0].Verified {
			t.Errorf("the editor's membership counts as verified: %+v", ms)
		}
		yes := true
		if list, _ := e.Orgs.List(ctx, organization.Filter{Verified: &yes}); len(list.Items) != 0 {
			t.Errorf("the verified list holds it: %d", len(list.Items))
		}
		logged, err := audit.List(ctx, e.P.DB, audit.Filter{ActionPrefix: "organization.review", ObjectID: o.ID})
		if err != nil || len(logged) != 1 || logged[0].ActorID != editor.ID ||
			logged[0].Details["name"] != "Bundesamt für Migration" || logged[0].Details["verified_name"] != "Stadt Kassel" {
			t.Errorf("the audit log: %v %+v", err, logged)
		}
		queue := staff.Web.Get("/admin/organizations")
		apptest.Contains(t, "the coordinators' queue", queue.Body, de.T("organization.admin.review"),
			"Bundesamt für Migration", "https://bamf.example", "https://www.kassel.de", verifiedAs)

		// Through the API, a change of kind while in review keeps it there.
		status, body := editor.API(t, http.MethodPatch, "/api/v1/organizations/"+o.ID, map[string]any{"kind": "other"})
		if status != 200 || body["verified"] != false || body["verified_as"] != "Stadt Kassel" {
			t.Errorf("PATCH kind: %d %v", status, body)
		}

		// A coordinator confirms: verified under the new name.
		res := staff.Web.Post("/admin/organizations/"+o.ID+"/verify", nil)
		apptest.WantStatus(t, "confirm", res.Status, http.StatusSeeOther, res.Body)
		if got := verified(); !got.Verified() || got.UnderReview() || got.VerifiedName != "Bundesamt für Migration" {
			t.Errorf("after confirming: verified %v, under review %v, verified as %q", got.Verified(), got.UnderReview(), got.VerifiedName)
		}

		// Going back to what was verified ends the review by itself.
		p.Kind, p.Website = "other", "https://bamf.example"
		p.Name = "Bundesamt"
		if _, err := e.Orgs.Update(ctx, editor.ID, o.ID, p); err != nil {
			t.Fatal(err)
		}
		if got := verified(); !got.UnderReview() {
			t.Fatal("the second rename is not in review")
		}
		p.Name = "Bundesamt für Migration"
		if _, err := e.Orgs.Update(ctx, editor.ID, o.ID, p); err != nil {
			t.Fatal(err)
		}
		if got := verified(); !got.Verified() || got.UnderReview() {
			t.Errorf("back to the verified name: verified %v, under review %v", got.Verified(), got.UnderReview())
		}
	})
}
