package geo_test

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/geo"
)

// TestAdminNotice: until postcodes are imported, the admin start page tells
// administrators (not coordinators, who cannot run commands) how.
func TestAdminNotice(t *testing.T) {
	const command = "teilhabe geo import zipcodes.de.csv"
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		e.NewUser(t, "admin@example.org", "Admin", auth.Admin)
		e.NewUser(t, "coord@example.org", "Coord", auth.Coordinator)
		admin := e.LoggedIn(t, "admin@example.org")
		coord := e.LoggedIn(t, "coord@example.org")
		if res := admin.Get("/admin"); res.Status != 200 || !strings.Contains(res.Body, command) || !strings.Contains(res.Body, "Postleitzahlen fehlen") {
			t.Errorf("admin page without postcodes: %d, no notice", res.Status)
		}
		admin.Post("/language", url.Values{"lang": {"ar"}})
		if res := admin.Get("/admin"); !strings.Contains(res.Body, command) || !strings.Contains(res.Body, "الرموز البريدية غير موجودة") {
			t.Errorf("Arabic admin page without the notice")
		}
		if res := coord.Get("/admin"); res.Status != 200 || strings.Contains(res.Body, command) {
			t.Errorf("coordinator: %d, notice shown: %v", res.Status, strings.Contains(res.Body, command))
		}
		sample := strings.Join(geo.Columns, ",") + "\nDE,34117,Kassel,Hessen,HE,Regierungsbezirk Kassel,066,\"Kassel, documenta-Stadt\",06611,51.3166,9.4912\n"
		if _, err := apptest.Module[*geo.Gazetteer](t, e).Import(context.Background(), strings.NewReader(sample)); err != nil {
			t.Fatal(err)
		}
		if res := admin.Get("/admin"); res.Status != 200 || strings.Contains(res.Body, command) {
			t.Errorf("admin page with postcodes: %d, notice still shown", res.Status)
		}
	})
}
