package geo_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/geo/geotest"
)

// TestDistricts: postcodes are placed in the district of their centre, a
// postcode spanning districts says so, and regions at each AGS level list
// their postcodes.
func TestDistricts(t *testing.T) {
	dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		g := geo.New(d)
		if empty, err := g.Districts(ctx, []string{"34117"}); err != nil || len(empty) != 0 {
			t.Fatalf("Districts without data: %v %v", empty, err)
		}
		if _, err := g.Import(ctx, strings.NewReader(geotest.Regions)); err != nil {
			t.Fatal(err)
		}
		got, err := g.Districts(ctx, []string{"34117", "34355", "37073", "01234", "99999", "34117"})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]geo.District{
			"34117": {Postcode: "34117", Key: "06611", Name: "Kassel, documenta-Stadt"},
			"34355": {Postcode: "34355", Key: "06633", Name: "Landkreis Kassel", Several: true},
			"37073": {Postcode: "37073", Key: "03159", Name: "Landkreis Göttingen"},
			"01234": {Postcode: "01234"},
		}
		if len(got) != len(want) {
			t.Errorf("Districts: %+v", got)
		}
		for pc, w := range want {
			if got[pc] != w {
				t.Errorf("%s: %+v, want %+v", pc, got[pc], w)
			}
		}
		for key, want := range map[string][]string{
			"06":       {"34117", "34127", "34355", "64283"},
			"066":      {"34117", "34127", "34355"},
			"06611":    {"34117", "34127"}, // 34355 lies mostly in 06633
			"06633":    {"34355"},
			"03":       {"37073"},
			"064":      {"64283"},
			"09":       nil,
			"06611000": nil, // a municipality cannot be told from a postcode
			"6":        nil,
			"0661x":    nil,
		} {
			pcs, err := g.PostcodesIn(ctx, key)
			if err != nil || !slices.Equal(pcs, want) {
				t.Errorf("PostcodesIn(%q) = %v %v, want %v", key, pcs, err, want)
			}
		}
	})
}
