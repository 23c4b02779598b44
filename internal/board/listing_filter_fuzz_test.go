package board

import (
	"net/url"
	"testing"
)

// FuzzParseFilter: any query string gives a filter whose kind, sort and
// radius are among the allowed ones, and which survives being stored (a
// saved search keeps Values) and read again unchanged.
func FuzzParseFilter(f *testing.F) {
	for _, s := range []string{
		"", "q=Fahrrad&kind=offer", "kind=evil&sort=drop", "radius_km=-5", "radius_km=99999999999999999999",
		"near=34117&radius_km=10&verified=on", "q=%ff%fe", "cursor=abc&sort=distance", "q=a&q=b", "%zz",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		fl := ParseFilter(v)
		if fl.Kind != "" && fl.Kind != Offer && fl.Kind != Request {
			t.Fatalf("kind %q from %q", fl.Kind, raw)
		}
		switch fl.Sort {
		case "", SortRelevance, SortDistance, SortNewest, SortEnding:
		default:
			t.Fatalf("sort %q from %q", fl.Sort, raw)
		}
		if fl.RadiusKm < 0 || fl.RadiusKm > MaxRadiusKm {
			t.Fatalf("radius %d from %q", fl.RadiusKm, raw)
		}
		again := ParseFilter(fl.Values())
		again.Cursor = fl.Cursor
		if again != fl {
			t.Fatalf("filter from %q does not survive a round trip: %+v != %+v", raw, again, fl)
		}
	})
}
