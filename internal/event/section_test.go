package event_test

import (
	"net/http"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/directory"
	"teilhabe.org/teilhabe/internal/organization"
)

// The organisation's page and the municipality's page show their upcoming
// events with links to the filtered list and its feed, and nothing where
// none are upcoming.
func TestSectionsOnOrganizationAndMunicipalityPages(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		e.places(t)
		dir := apptest.Module[*directory.Module](t, e.Env)
		if _, err := dir.CreateMunicipality(ctx, e.Cora.Identity(), directory.Municipality{AGS: "06633003", Name: "Baunatal", State: "06"}); err != nil {
			t.Fatal(err)
		}
		quiet, err := e.Orgs.Create(ctx, e.Mia.ID, organization.Profile{Name: "Stille Runde", Kind: "initiative"})
		if err != nil {
			t.Fatal(err)
		}
		e.Clock.Set(at(2026, 3, 2, 12, 0))
		visitor := e.Client(t)
		for _, page := range []string{"/organizations/" + e.OrgID, "/municipalities/" + kassel} {
			res := visitor.Get(page)
			apptest.WantStatus(t, page, res.Status, http.StatusOK, res.Body)
			apptest.Lacks(t, page+" without events", res.Body, `id="s-events-section"`)
		}

		e.create(t, e.Olga, e.held("Sprachcafé am Königsplatz", "34117", "", "", 10))
		over := e.held("Gestern vorbei", "34117", "", "", 3)
		e.create(t, e.Olga, over)
		e.Clock.Set(at(2026, 3, 4, 12, 0))

		res := visitor.Get("/organizations/" + e.OrgID)
		apptest.Contains(t, "organisation's page", res.Body, `id="s-events-section"`, "Kommende Veranstaltungen",
			"Sprachcafé am Königsplatz", `href="/events?organization_id=`+e.OrgID+`"`, `href="/events.ics?organization_id=`+e.OrgID+`"`)
		apptest.Lacks(t, "organisation's page", res.Body, "Gestern vorbei")
		res = visitor.Get("/municipalities/" + kassel)
		apptest.Contains(t, "municipality's page", res.Body, "Veranstaltungen hier", "Sprachcafé am Königsplatz",
			`href="/events?municipality=`+kassel+`"`, `href="/events.ics?municipality=`+kassel+`"`)
		for _, page := range []string{"/organizations/" + quiet.ID, "/municipalities/06633003"} {
			res := visitor.Get(page)
			apptest.WantStatus(t, page, res.Status, http.StatusOK, res.Body)
			apptest.Lacks(t, page+" of others", res.Body, `id="s-events-section"`, "Sprachcafé am Königsplatz")
		}
		ar := e.Client(t)
		ar.Lang = "ar"
		apptest.Contains(t, "arabic section", ar.Get("/municipalities/"+kassel).Body, "الفعاليات هنا", `dir="rtl"`)
		feed := visitor.Get("/events.ics?municipality=" + kassel)
		apptest.Contains(t, "municipality's feed", feed.Body, "Sprachcafé am Königsplatz")
	})
}
