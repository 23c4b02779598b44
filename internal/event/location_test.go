package event_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/directory"
	"teilhabe.org/teilhabe/internal/organization"
)

// TestEventAtADirectoryLocation: an organiser takes one of the
// organisation's directory locations as the event's place and its address
// is copied; a location of another organisation is refused with a field
// error and the form keeps what was typed.
func TestEventAtADirectoryLocation(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		dir := apptest.Module[*directory.Module](t, e.Env)
		if _, err := dir.CreateMunicipality(ctx, e.Cora.Identity(), directory.Municipality{AGS: "06611000", Name: "Kassel", State: "06"}); err != nil {
			t.Fatal(err)
		}
		ours, err := dir.CreateLocation(ctx, e.Olga.ID, e.OrgID, directory.LocationInput{Name: "Nachbarschaftshaus",
			Street: "Friedrich-Ebert-Straße 12", Postcode: "34119", City: "Kassel", AGS: "06611000"})
		if err != nil {
			t.Fatal(err)
		}
		other, err := e.Orgs.Create(ctx, e.Mia.ID, organization.Profile{Name: "Andere Initiative", Kind: "initiative"})
		if err != nil {
			t.Fatal(err)
		}
		theirs, err := dir.CreateLocation(ctx, e.Mia.ID, other.ID, directory.LocationInput{Street: "Königsplatz 1",
			Postcode: "34117", City: "Kassel", AGS: "06611000"})
		if err != nil {
			t.Fatal(err)
		}
		if page := e.Olga.Web.Get("/events/new?org=" + e.OrgID).Body; !strings.Contains(page, `value="`+ours.ID+`"`) || strings.Contains(page, theirs.ID) {
			t.Error("the form does not offer exactly the organisation's own locations")
		}
		d := e.draft()
		d.Street, d.Postcode, d.Place, d.LocationID = "", "", "", ours.ID
		ev := e.create(t, e.Olga, d)
		if ev.Street != "Friedrich-Ebert-Straße 12" || ev.Postcode != "34119" || ev.Place != "Kassel" {
			t.Errorf("the event's place is %q %q %q, want the location's address", ev.Street, ev.Postcode, ev.Place)
		}
		form := url.Values{"organization_id": {e.OrgID}, "title": {"Fremder Ort"}, "kind": {"meeting"},
			"start_date": {"2026-03-12"}, "start_time": {"18:00"}, "end_date": {"2026-03-12"}, "end_time": {"19:00"},
			"place_kind": {"address"}, "location_id": {theirs.ID}, "content_lang": {"de"}, "languages": {"de"}}
		res := e.Olga.Web.Post("/events/new", form)
		if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `id="f-location_id-error"`) ||
			!strings.Contains(res.Body, `value="Fremder Ort"`) {
			t.Errorf("another organisation's location: %d, want 422 with the field error and the title kept", res.Status)
		}
	})
}
