package geo_test

import (
	"context"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/geo"
)

// TestLocate: what a form with a postcode and a place makes of them, with
// data, without data and without a gazetteer.
func TestLocate(t *testing.T) {
	dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		g := geo.New(d)
		locate := func(g *geo.Gazetteer, postcode, place string) (string, *float64, apperr.Fields) {
			t.Helper()
			f := apperr.Fields{}
			lat, _, err := g.Locate(ctx, f, postcode, &place)
			if err != nil {
				t.Fatalf("Locate(%q, %q): %v", postcode, place, err)
			}
			return place, lat, f
		}
		for _, without := range []*geo.Gazetteer{nil, g} {
			if place, lat, f := locate(without, "34117", ""); place != "" || lat != nil || len(f) != 0 {
				t.Errorf("without data: %q %v %v, want the input kept without coordinates", place, lat, f)
			}
		}
		file := strings.Join(geo.Columns, ",") + "\n" +
			"DE,34117,Kassel,Hessen,HE,Regierungsbezirk Kassel,066,Kassel,06611,51.3166,9.4912\n"
		if _, err := g.Import(ctx, strings.NewReader(file)); err != nil {
			t.Fatal(err)
		}
		if place, lat, f := locate(g, "34117", ""); place != "Kassel" || lat == nil || len(f) != 0 {
			t.Errorf("known postcode: %q %v %v, want Kassel with coordinates", place, lat, f)
		}
		if place, lat, f := locate(g, "", "Kassel"); place != "Kassel" || lat == nil || len(f) != 0 {
			t.Errorf("known place: %q %v %v", place, lat, f)
		}
		if _, lat, f := locate(g, "99999", ""); lat != nil || f["postcode"] != "geo.unknown" {
			t.Errorf("unknown postcode: %v %v, want geo.unknown on the postcode", lat, f)
		}
		if _, lat, f := locate(g, "", "Nirgendwo"); lat != nil || f["place"] != "geo.unknown" {
			t.Errorf("unknown place: %v %v, want geo.unknown on the place", lat, f)
		}
		if place, lat, f := locate(g, "", ""); place != "" || lat != nil || len(f) != 0 {
			t.Errorf("nothing typed: %q %v %v", place, lat, f)
		}
	})
}
