package coordination_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/directory"
	"teilhabe.org/teilhabe/internal/directory/directorytest"
)

// TestReferral: a coordinator sees the places that can help with a
// request, refers it to a service; the service's organisation's owner and
// editor get the notice, the editor says it is taken up and the outcome is
// stored. A member, a visitor and another organisation's owner are
// refused, through the web and the API.
func TestReferral(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		f := newFixture(t, e)
		d := directorytest.Wrap(t, e)
		coord := f.coordinator(t, "katrin", "06611")
		owner, editor, stranger := e.NewPerson(t, "olga", auth.Member), e.NewPerson(t, "emil", auth.Member), e.NewPerson(t, "otto", auth.Member)
		org := d.NewOrg(t, owner, "Sprachcafé Kassel", "migrant_organization", "34117", "Kassel", "de")
		e.Join(t, owner, editor, org.ID)
		other := d.NewOrg(t, stranger, "Anderer Verein", "migrant_organization", "34117", "Kassel", "de")
		d.Municipality(t, f.Admin, "06611000", "Kassel")
		loc := d.Location(t, owner, org.ID, "06611000", "Königsplatz 1")
		svc := d.Service(t, owner, org.ID, "Deutschkurs am Abend", "german_lessons", []string{"de", "ar"}, loc.ID)
		d.Service(t, stranger, other.ID, "Wohnungshilfe", "housing", []string{"de"})
		visitor := e.Client(t)
		request := f.Listings["A"]
		page := "/listings/" + request.ID

		res := coord.Web.Get(page)
		apptest.WantStatus(t, "coordinator's request page", res.Status, http.StatusOK, res.Body)
		apptest.Contains(t, "coordinator's request page", res.Body, "Stellen, die helfen können", "Deutschkurs am Abend", "Hierhin verweisen")
		apptest.Lacks(t, "coordinator's request page", res.Body, "Wohnungshilfe")
		for who, c := range map[string]*apptest.Client{"member": f.Member.Web, "visitor": visitor} {
			res := c.Get(page)
			apptest.Lacks(t, who+"'s request page", res.Body, "Stellen, die helfen können")
		}

		// Refusals before the referral exists.
		form := apptest.Form("service_id", svc.ID)
		if res := f.Member.Web.Post(page+"/referrals", form); res.Status != http.StatusForbidden {
			t.Errorf("member refers: %d", res.Status)
		}
		if res := owner.Web.Post(page+"/referrals", form); res.Status != http.StatusForbidden {
			t.Errorf("the service's owner refers: %d", res.Status)
		}
		if res := visitor.Post(page+"/referrals", form); res.Status == http.StatusSeeOther && res.Location() == page {
			t.Errorf("visitor refers: %d %s", res.Status, res.Location())
		}
		if res := coord.Web.Post(page+"/referrals", apptest.Form("service_id", request.ID)); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("coordinator refers to no service: %d", res.Status)
		}

		district := f.coordinator(t, "dirk", "06633")
		res = district.Web.Get(page)
		apptest.Contains(t, "another district's request page", res.Body, "Deutschkurs am Abend")
		apptest.Lacks(t, "another district's request page", res.Body, "Hierhin verweisen")
		if res := district.Web.Post(page+"/referrals", form); res.Status != http.StatusForbidden {
			t.Errorf("coordinator of another district refers: %d", res.Status)
		}
		if status, _ := district.API(t, http.MethodPost, "/api/v1/listings/"+request.ID+"/referrals", map[string]any{"service_id": svc.ID}); status != http.StatusForbidden {
			t.Errorf("coordinator of another district refers through the API: %d", status)
		}

		res = coord.Web.Post(page+"/referrals", form)
		if res.Status != http.StatusSeeOther || res.Location() != page {
			t.Fatalf("coordinator refers: %d %s", res.Status, res.Location())
		}
		status, body := coord.API(t, http.MethodGet, "/api/v1/listings/"+request.ID+"/referrals", nil)
		refs, _ := body["referrals"].([]any)
		if status != http.StatusOK || len(refs) != 1 {
			t.Fatalf("coordinator lists referrals: %d %v", status, body)
		}
		ref := refs[0].(map[string]any)
		if ref["service_id"] != svc.ID || ref["organization_id"] != org.ID || ref["coordinator_id"] != coord.ID || ref["outcome"] != "open" {
			t.Errorf("referral: %v", ref)
		}
		id := ref["id"].(string)
		for _, p := range []*apptest.Person{owner, editor} {
			if n := e.Notices(t, p, "coordination/referred"); len(n) != 1 || n[0].Link != "/referrals/"+id {
				t.Errorf("notices of %s: %+v", p.Email, n)
			}
		}
		if n := e.Notices(t, stranger, "coordination/referred"); len(n) != 0 {
			t.Errorf("another organisation's owner is told: %+v", n)
		}
		res = editor.Web.Get("/me/inbox")
		apptest.Contains(t, "editor's inbox", res.Body, "Ein Gesuch wurde an „Deutschkurs am Abend“ verwiesen")

		// Nobody but the organisation's editors answers.
		refPath := "/referrals/" + id
		for who, c := range map[string]*apptest.Client{"member": f.Member.Web, "other organisation": stranger.Web} {
			if res := c.Get(refPath); res.Status != http.StatusForbidden {
				t.Errorf("%s reads the referral: %d", who, res.Status)
			}
			if res := c.Post(refPath+"/outcome", apptest.Form("outcome", "taken_up")); res.Status != http.StatusForbidden {
				t.Errorf("%s answers: %d", who, res.Status)
			}
		}
		if res := coord.Web.Post(refPath+"/outcome", apptest.Form("outcome", "taken_up")); res.Status != http.StatusForbidden {
			t.Errorf("coordinator answers for the organisation: %d", res.Status)
		}
		if res := visitor.Get(refPath); res.Status != http.StatusSeeOther || !strings.HasPrefix(res.Location(), "/login") {
			t.Errorf("visitor reads the referral: %d %s", res.Status, res.Location())
		}
		if res := visitor.Post(refPath+"/outcome", apptest.Form("outcome", "taken_up")); res.Status == http.StatusSeeOther && res.Location() == refPath {
			t.Errorf("visitor answers: %d", res.Status)
		}
		for who, p := range map[string]*apptest.Person{"member": f.Member, "other organisation": stranger} {
			if status, _ := p.API(t, http.MethodPost, "/api/v1"+refPath+"/outcome", map[string]any{"outcome": "taken_up"}); status != http.StatusForbidden {
				t.Errorf("%s answers through the API: %d", who, status)
			}
			if status, _ := p.API(t, http.MethodGet, "/api/v1/listings/"+request.ID+"/referrals", nil); status != http.StatusForbidden {
				t.Errorf("%s lists referrals: %d", who, status)
			}
		}
		if status, _ := e.API(t, "", http.MethodGet, "/api/v1/listings/"+request.ID+"/referrals", nil); status != http.StatusUnauthorized {
			t.Errorf("visitor lists referrals: %d", status)
		}
		if status, _ := e.API(t, "", http.MethodPost, "/api/v1"+refPath+"/outcome", map[string]any{"outcome": "taken_up"}); status != http.StatusUnauthorized {
			t.Errorf("visitor answers through the API: %d", status)
		}

		res = editor.Web.Get(refPath)
		apptest.WantStatus(t, "editor's referral page", res.Status, http.StatusOK, res.Body)
		apptest.Contains(t, "editor's referral page", res.Body, "Deutschkurs am Abend", "Gesuch A", "Wir übernehmen")
		res = editor.Web.Post(refPath+"/outcome", apptest.Form("outcome", "maybe"))
		apptest.WantStatus(t, "editor answers nonsense", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "editor answers nonsense", res.Body, "Wähle „Wir übernehmen“ oder „Nicht möglich“.")
		if res := editor.Web.Post(refPath+"/outcome", apptest.Form("outcome", "taken_up")); res.Status != http.StatusSeeOther {
			t.Fatalf("editor takes it up: %d", res.Status)
		}
		status, body = coord.API(t, http.MethodGet, "/api/v1/listings/"+request.ID+"/referrals", nil)
		ref = body["referrals"].([]any)[0].(map[string]any)
		if status != http.StatusOK || ref["outcome"] != "taken_up" || ref["outcome_at"] == nil {
			t.Errorf("stored outcome: %d %v", status, ref)
		}
		res = coord.Web.Get(page)
		apptest.Contains(t, "request page after the answer", res.Body, "Angenommen")
		if status, body := owner.API(t, http.MethodPost, "/api/v1"+refPath+"/outcome", map[string]any{"outcome": "not_possible"}); status != http.StatusOK || body["outcome"] != "not_possible" {
			t.Errorf("owner answers through the API: %d %v", status, body)
		}
	})
}

// TestPlacesNearestFirst: the places that can help a request are those of
// its category, its parent and its children, the nearest first, services
// without a known place last; who asked sees them, another member not.
func TestPlacesNearestFirst(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		f := newFixture(t, e)
		d := directorytest.Wrap(t, e)
		owner := e.NewPerson(t, "olga", auth.Member)
		org := d.NewOrg(t, owner, "Sprachcafé Kassel", "migrant_organization", "34117", "Kassel", "de")
		d.Municipality(t, f.Admin, "06611000", "Kassel")
		near := d.Location(t, owner, org.ID, "06611000", "Königsplatz 1")
		farLat, farLon := 51.20, 9.60 // some 15 km south-east of Kassel's centre
		far, err := d.Dir.CreateLocation(ctx, owner.ID, org.ID, directory.LocationInput{Street: "Dorfstraße 2", Postcode: "34117",
			City: "Kassel", AGS: "06611000", Lat: &farLat, Lon: &farLon})
		if err != nil {
			t.Fatal(err)
		}
		d.Service(t, owner, org.ID, "A ohne Ort", "german_lessons", []string{"de"})
		d.Service(t, owner, org.ID, "B weit weg", "german_lessons.courses", []string{"de"}, far.ID)
		d.Service(t, owner, org.ID, "C nah", "german_lessons", []string{"de"}, near.ID)
		d.Service(t, owner, org.ID, "D Wohnen", "housing", []string{"de"}, near.ID)
		request := f.Listings["A"]
		if request.Lat == nil {
			t.Fatal("the request has no place")
		}
		places, err := f.Coordination.PlacesFor(ctx, f.Admin.Identity(), request)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, p := range places {
			names = append(names, p.Service.Name)
		}
		if want := []string{"C nah", "B weit weg", "A ohne Ort"}; !slices.Equal(names, want) {
			t.Errorf("places: %v, want %v", names, want)
		}
		if len(places) != 3 || places[0].Km == nil || places[1].Km == nil || *places[1].Km < 5 || places[2].Km != nil {
			t.Fatalf("distances of %v", names)
		}
		if places, _ := f.Coordination.PlacesFor(ctx, f.Member.Identity(), request); len(places) != 0 {
			t.Errorf("another member sees places: %d", len(places))
		}
		poster := &auth.Identity{UserID: request.PosterID, Role: auth.Member}
		if places, _ := f.Coordination.PlacesFor(ctx, poster, request); len(places) != 3 {
			t.Errorf("who asked sees %d places", len(places))
		}
	})
}
