package board_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
	"teilhabe.org/teilhabe/internal/organization"
)

// jsonLD are the JSON-LD blocks of a page, parsed.
func jsonLD(t *testing.T, body string) []map[string]any {
	t.Helper()
	var out []map[string]any
	re := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
	for _, m := range re.FindAllStringSubmatch(body, -1) {
		var v map[string]any
		if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
			t.Fatalf("JSON-LD does not parse: %v\n%s", err, m[1])
		}
		out = append(out, v)
	}
	return out
}

// TestListingJSONLD: the page of a public opportunity describes it as a
// schema.org JobPosting for volunteers, with the organisation and only the
// postcode and place; an offer is an Offer; a members-only listing's page
// has no JSON-LD, not even for members.
func TestListingJSONLD(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		owner := e.NewPerson(t, "Sabine", auth.Member)
		visitor := e.Client(t)
		o, err := apptest.Module[*organization.Module](t, e).Create(ctx, owner.ID, testOrg("Freiwilligenzentrum"))
		if err != nil {
			t.Fatal(err)
		}
		d := draft("Helfende für das Sommerfest </script><b>")
		d.Kind, d.Category, d.OrganizationID = board.Request, "volunteering.events", o.ID
		d.Description = "Aufbau & Abbau, <Kuchen> backen."
		l := post(t, e, owner, d)

		res := visitor.Get("/listings/" + l.ID)
		apptest.WantStatus(t, "opportunity page", res.Status, http.StatusOK, res.Body)
		if strings.Contains(res.Body, "</script><b>") {
			t.Error("the title ends the script block")
		}
		lds := jsonLD(t, res.Body)
		if len(lds) != 1 {
			t.Fatalf("opportunity page: %d JSON-LD blocks\n%s", len(lds), res.Body)
		}
		v := lds[0]
		org, _ := v["hiringOrganization"].(map[string]any)
		loc, _ := v["jobLocation"].(map[string]any)
		addr, _ := loc["address"].(map[string]any)
		if v["@context"] != "https://schema.org" || v["@type"] != "JobPosting" || v["employmentType"] != "VOLUNTEER" ||
			v["title"] != d.Title || v["description"] != d.Description || org["name"] != "Freiwilligenzentrum" ||
			v["datePosted"] != l.CreatedAt.UTC().Format("2006-01-02") ||
			v["validThrough"] != l.ExpiresAt.UTC().Format("2006-01-02T15:04:05Z07:00") ||
			!strings.HasSuffix(v["url"].(string), "/listings/"+l.ID) {
			t.Errorf("JobPosting: %v", v)
		}
		if addr["postalCode"] != "34117" || addr["addressLocality"] != "Kassel" || len(addr) != 4 || len(loc) != 2 {
			t.Errorf("jobLocation is more than postcode and place: %v", loc)
		}

		offer := post(t, e, owner, draft("Fahrrad für Kinder"))
		if lds := jsonLD(t, visitor.Get("/listings/"+offer.ID).Body); len(lds) != 1 || lds[0]["@type"] != "Offer" {
			t.Errorf("offer page: %v", lds)
		}

		members := draft("Nur für Mitglieder")
		members.Visibility = board.Members
		ml := post(t, e, owner, members)
		res = owner.Web.Get("/listings/" + ml.ID)
		apptest.WantStatus(t, "members-only page", res.Status, http.StatusOK, res.Body)
		if strings.Contains(res.Body, "application/ld+json") {
			t.Errorf("members-only page has JSON-LD")
		}
	})
}
