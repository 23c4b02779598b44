package board

import (
	"slices"
	"testing"
	"time"
)

// TestSuggestionRanking scores a small fixed set of listings around a
// request for German conversation practice in Kassel and checks the order
// that docs/SUGGESTIONS.md promises, the candidates it leaves out, and the
// reasons shown.
func TestSuggestionRanking(t *testing.T) {
	now := time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)
	at := func(lat, lon float64) (*float64, *float64) { return &lat, &lon }
	listing := func(id string, kind Kind, cat, postcode, place string, coords [2]float64, langs []string, age time.Duration) *Listing {
		l := &Listing{ID: id, Kind: kind, Category: cat, Postcode: postcode, Place: place, ContentLang: langs[0],
			Languages: langs, CreatedAt: now.Add(-age), Status: Open, ExpiresAt: now.Add(30 * 24 * time.Hour)}
		if coords != [2]float64{} {
			l.Lat, l.Lon = at(coords[0], coords[1])
		}
		return l
	}
	const day = 24 * time.Hour
	var (
		kassel     = [2]float64{51.3166, 9.4912} // 34117
		west       = [2]float64{51.3152, 9.4647} // 34119, 1.9 km
		north      = [2]float64{51.3355, 9.4913} // 34127, 2.1 km
		fuldatal   = [2]float64{51.3484, 9.5256} // 4.3 km
		baunatal   = [2]float64{51.2518, 9.4075} // 9.3 km
		goettingen = [2]float64{51.5364, 9.939}  // 40 km
	)
	own := listing("own", Request, "german_lessons.conversation", "34117", "Kassel", kassel, []string{"ar", "de"}, 0)
	candidates := []*Listing{
		listing("far", Offer, "german_lessons.conversation", "37073", "Göttingen", goettingen, []string{"ar", "de"}, 0),
		listing("baunatal", Offer, "german_lessons.conversation", "34225", "Baunatal", baunatal, []string{"de"}, 10*day),
		listing("furniture", Offer, "goods.furniture", "34119", "Kassel", west, []string{"ar", "de"}, 0),
		listing("parent", Offer, "german_lessons", "34127", "Kassel", north, []string{"ar"}, 0),
		listing("farsi", Offer, "german_lessons.conversation", "34119", "Kassel", west, []string{"fa"}, 0),
		listing("nocoords", Offer, "german_lessons.conversation", "34117", "Kassel", [2]float64{}, []string{"de"}, 0),
		listing("sibling", Offer, "german_lessons.tutoring", "34233", "Fuldatal", fuldatal, []string{"ar", "de"}, 2*day),
		listing("request", Request, "german_lessons.conversation", "34119", "Kassel", west, []string{"ar", "de"}, 0),
		listing("elsewhere", Offer, "german_lessons.conversation", "60311", "Frankfurt am Main", [2]float64{}, []string{"de"}, 0),
		listing("best", Offer, "german_lessons.conversation", "34119", "Kassel", west, []string{"de", "ar"}, 0),
		listing("stale", Offer, "german_lessons.conversation", "34119", "Kassel", west, []string{"de"}, 40*day),
	}
	var got []Suggestion
	for _, c := range candidates {
		if s, ok := scoreSuggestion(own, c, SuggestRadiusKm, now); ok {
			got = append(got, s)
		}
	}
	rankSuggestions(got)
	var order []string
	for _, s := range got {
		order = append(order, s.Listing.ID)
	}
	// best      40 + 30·(1−1.9/25) + 15 + 15            ≈ 97.8
	// parent    30 + 30·(1−2.1/25) + 10 + 15            ≈ 82.5
	// nocoords  40 + 15 (same postcode) + 10 + 15       = 80
	// baunatal  40 + 30·(1−9.3/25) + 10 + 15·(1−10/30)  ≈ 78.9
	// sibling   20 + 30·(1−4.3/25) + 15 + 15·(1−2/30)   ≈ 73.8
	// stale     40 + 30·(1−1.9/25) + 10 + 0             ≈ 77.7
	want := []string{"best", "parent", "nocoords", "baunatal", "stale", "sibling"}
	if !slices.Equal(order, want) {
		for _, s := range got {
			t.Logf("%-9s %.2f %s %v", s.Listing.ID, s.Score, s.Match, s.Shared)
		}
		t.Fatalf("order %v, want %v", order, want)
	}
	best := got[0]
	if best.Match != "same" || !best.Located || best.Km != 2 || !slices.Equal(best.Shared, []string{"ar", "de"}) {
		t.Errorf("best: %+v", best)
	}
	if p := got[1]; p.Match != "top" || p.Km != 2 || !slices.Equal(p.Shared, []string{"ar"}) {
		t.Errorf("parent: %+v", p)
	}
	if n := got[2]; n.Located || n.Match != "same" {
		t.Errorf("without coordinates: %+v", n)
	}
	if s := got[5]; s.Match != "related" || s.Km != 4 {
		t.Errorf("sibling: %+v", s)
	}
	for _, s := range got {
		if s.Score < 0 || s.Score > 100 {
			t.Errorf("%s: score %.2f outside 0…100", s.Listing.ID, s.Score)
		}
	}

	// Equal scores: the newer listing first, then by id.
	a := listing("a", Offer, "german_lessons.conversation", "34119", "Kassel", west, []string{"ar"}, 0)
	b := listing("b", Offer, "german_lessons.conversation", "34119", "Kassel", west, []string{"ar"}, 0)
	c := listing("c", Offer, "german_lessons.conversation", "34119", "Kassel", west, []string{"ar"}, 0)
	c.CreatedAt = now.Add(time.Second) // newer: a poster's clock is the platform's
	var tie []Suggestion
	for _, x := range []*Listing{b, a, c} {
		s, _ := scoreSuggestion(own, x, SuggestRadiusKm, now)
		s.Score = 50
		tie = append(tie, s)
	}
	rankSuggestions(tie)
	if tie[0].Listing.ID != "c" || tie[1].Listing.ID != "a" || tie[2].Listing.ID != "b" {
		t.Errorf("ties: %s %s %s", tie[0].Listing.ID, tie[1].Listing.ID, tie[2].Listing.ID)
	}
}
