package search

import (
	"slices"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

// TestRadius uses the real postcode file: Kassel, Göttingen (about 38 km
// away) and Berlin.
func TestRadius(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		e.importPlaces()
		at := func(postcode string) (*float64, *float64) {
			p, err := e.m.places.Resolve(t.Context(), postcode)
			if err != nil {
				t.Fatalf("resolve %s: %v", postcode, err)
			}
			return &p.Lat, &p.Lon
		}
		kLat, kLon := at("34117")
		k2Lat, k2Lon := at("34131") // Kassel-Wilhelmshöhe
		gLat, gLon := at("37073")
		bLat, bLon := at("10115")
		e.put(
			searchdoc.Doc{Type: "offer", ID: "kassel", Title: "Fahrrad für Kinder", Lang: "de", Category: "goods.bicycles", Postcode: "34117", Place: "Kassel", Lat: kLat, Lon: kLon},
			searchdoc.Doc{Type: "offer", ID: "goettingen", Title: "Fahrrad zu verschenken", Lang: "de", Category: "goods.bicycles", Postcode: "37073", Place: "Göttingen", Lat: gLat, Lon: gLon},
			searchdoc.Doc{Type: "request", ID: "berlin", Title: "Suche Fahrrad", Lang: "de", Category: "goods.bicycles", Postcode: "10115", Place: "Berlin", Lat: bLat, Lon: bLon},
			searchdoc.Doc{Type: "request", ID: "wilhelmshoehe", Title: "Deutschkurs gesucht", Lang: "de", Category: "german_lessons", Postcode: "34131", Place: "Kassel", Lat: k2Lat, Lon: k2Lon},
			searchdoc.Doc{Type: "offer", ID: "nowhere", Title: "Fahrrad ohne Ort", Lang: "de", Category: "goods.bicycles"},
		)
		e.expect(Query{Q: "Fahrrad", Near: "34117"}, Anyone, "kassel")
		r := e.expect(Query{Q: "Fahrrad", Near: "Kassel", RadiusKm: 50}, Anyone, "goettingen", "kassel")
		if r.Near == nil || r.Near.Name != "Kassel" {
			t.Errorf("near %+v", r.Near)
		}
		r = e.expect(Query{Q: "Fahrrad", Near: "34117", RadiusKm: 50, Sort: SortDistance}, Anyone, "kassel", "goettingen")
		if d := r.Hits[1].DistanceKm; d == nil || *d < 30 || *d > 45 {
			t.Errorf("Kassel–Göttingen %v km", d)
		}
		if d := r.Hits[0].DistanceKm; d == nil || *d > 2 {
			t.Errorf("Kassel–Kassel %v km", d)
		}
		// Browsing a category around a place, with facets.
		r = e.expect(Query{Category: "goods", Near: "34117", RadiusKm: 200, Facets: true}, Anyone, "goettingen", "kassel")
		if !slices.Equal(r.Types, []FacetValue{{Value: "offer", Count: 2}}) {
			t.Errorf("type facets %+v", r.Types)
		}
		if !slices.Equal(r.Categories, []FacetValue{{Value: "german_lessons", Count: 1}, {Value: "goods", Count: 2, Selected: true}}) {
			t.Errorf("category facets %+v", r.Categories)
		}
		e.expect(Query{Near: "34117", RadiusKm: 10}, Anyone, "wilhelmshoehe", "kassel")
		if _, err := e.m.Search(t.Context(), Query{Near: "Atlantis"}, Anyone); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("unknown place: %v", err)
		}
		if _, err := e.m.Search(t.Context(), Query{Sort: SortDistance}, Anyone); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("distance without place: %v", err)
		}
	})
}
