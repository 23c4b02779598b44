package geo

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestPlaceKey(t *testing.T) {
	same := [][]string{
		{"Göttingen", "Goettingen", "Gottingen", "GÖTTINGEN", " göttingen "},
		{"Gießen", "Giessen", "GIESSEN", "Gieẞen"},
		{"St. Wendel", "Sankt Wendel", "st wendel", "St.Wendel", "sankt-wendel"},
		{"Bernkastel-Kues", "Bernkastel Kues", "bernkastel kues"},
		{"Halle (Saale)", "Halle Saale"},
		{"Düsseldorf", "Duesseldorf", "Dusseldorf"},
		{"Uelzen", "Ülzen"},
		{"Jülich", "Juelich", "Julich"},
		{"Bär", "Baer", "Bar"},
		{"Bühl", "Buehl", "Buhl"},
		{"Saint-Étienne", "Saint Etienne"},
	}
	for _, names := range same {
		for _, n := range names[1:] {
			if placeKey(n) != placeKey(names[0]) {
				t.Errorf("placeKey(%q) = %q, placeKey(%q) = %q", n, placeKey(n), names[0], placeKey(names[0]))
			}
		}
	}
	// Names the key makes equal keep their own spelling (Resolve prefers
	// it); other names differ in both.
	for _, d := range [][2]string{{"Neuenkirchen", "Neunkirchen"}, {"Aue", "Au"}, {"Bauer", "Baur"}, {"Münster", "Munster"}} {
		if spell(d[0]) == spell(d[1]) {
			t.Errorf("%q and %q are spelt alike: %q", d[0], d[1], spell(d[0]))
		}
	}
	for _, d := range [][2]string{{"Kassel", "Kasel"}, {"Stade", "Sankt Ade"}} {
		if placeKey(d[0]) == placeKey(d[1]) {
			t.Errorf("%q and %q have one key: %q", d[0], d[1], placeKey(d[0]))
		}
	}
	if got := placeKey("  Frankfurt am Main "); got != "frankfurt am main" {
		t.Errorf("placeKey: %q", got)
	}
	if spell("Münster") == spell("Munster") || spell("Münster") != spell("Muenster") || spell("St. Wendel") != spell("Sankt Wendel") {
		t.Error("spell does not tell Münster from Munster")
	}
}

func TestCompanyNames(t *testing.T) {
	for _, n := range []string{"Daimler AG", "Kodak GmbH", "Karl Pfisterer GmbH & Co. KG", "ACE Auto Club Europa e.V.",
		"Gothaer Lebensversicherung a.G.", "W & W Service GmbH c/o Wüstenrot Bausparkasse AG", "Wohnstadt Stadtentwicklungs- und Wohnungsbaugesellschaft Hessen mbH",
		"Kreiskliniken Böblingen gGmbH Kliniken Sindelfingen", "Extra-Tip Werbegesellschaft GmbH & Co.KG", "ABUS Aug. Bremicker Söhne KG"} {
		if !isCompanyName(n) {
			t.Errorf("%q is not taken for a company", n)
		}
	}
	for _, n := range []string{"Kassel", "Aglasterhausen", "Stuttgart", "Bad Kissingen", "Seelze", "Egestorf", "Postau", "Agathenburg", "Sankt Egidien"} {
		if isCompanyName(n) {
			t.Errorf("%q is taken for a company", n)
		}
	}
}

func TestMarkCompanies(t *testing.T) {
	rows := []row{
		{label: "Kassel", name: "Kassel", stateCode: "HE", communityCode: "06611", lat: 51.3166, lon: 9.4912},
		{label: "Vellmar", name: "Vellmar", stateCode: "HE", communityCode: "06633", lat: 51.3581, lon: 9.4797},
		{label: "Universität Kassel", name: "Universität Kassel", stateCode: "05", communityCode: "06611", lat: 51.323, lon: 9.5084},
		{label: "Landgericht", name: "Landgericht", stateCode: "05", communityCode: "99999", lat: 51.36, lon: 9.48},
	}
	markCompanies(rows)
	nameCompanies(rows)
	if rows[0].company || rows[1].company || !rows[2].company || !rows[3].company {
		t.Fatalf("companies: %+v", rows)
	}
	if rows[2].name != "Kassel" || rows[2].label != "Universität Kassel" {
		t.Errorf("a large customer in Kassel's district is named %q", rows[2].name)
	}
	if rows[3].name != "Vellmar" {
		t.Errorf("a large customer of an unknown district is named %q, not after the nearest place", rows[3].name)
	}
	// Without letter codes anywhere, numbers say nothing; legal forms still do.
	rows = []row{{label: "Kassel", stateCode: "05"}, {label: "Daimler AG", stateCode: "01"}}
	markCompanies(rows)
	if rows[0].company || !rows[1].company {
		t.Errorf("numeric codes only: %+v", rows)
	}
}

func TestPostcodePlace(t *testing.T) {
	rows := []row{
		{postcode: "15848", name: "Speichrow", lat: 52, lon: 14},
		{postcode: "15848", name: "Tauche Falkenberg", lat: 52.2, lon: 14.2},
		{postcode: "15848", name: "Tauche", lat: 52.4, lon: 14.4},
		{postcode: "15848", name: "Beeskow", lat: 52.6, lon: 14.6},
		{postcode: "15848", name: "Universität", company: true, lat: 10, lon: 10},
	}
	p := postcodePlace(rows)
	if p.Name != "Tauche" || math.Abs(p.Lat-52.3) > 1e-9 || math.Abs(p.Lon-14.3) > 1e-9 {
		t.Errorf("15848: %+v", p)
	}
	if p := postcodePlace(rows[:1]); p.Name != "Speichrow" || p.Lat != 52 {
		t.Errorf("one row: %+v", p)
	}
}

func TestDistance(t *testing.T) {
	// Kassel and Göttingen city centres: about 40 km apart.
	if km := DistanceKm(51.3127, 9.4797, 51.5413, 9.9158); km < 38 || km > 40 {
		t.Errorf("Kassel–Göttingen %.2f km", km)
	}
	if km := DistanceKm(51, 9, 51, 9); km != 0 {
		t.Errorf("same point %.9f", km)
	}
	// A quarter of a great circle.
	if km := DistanceKm(0, 0, 0, 90); math.Abs(km-earthRadiusKm*math.Pi/2) > 1e-6 {
		t.Errorf("quarter circle %.3f", km)
	}
	if a, b := DistanceKm(50, 8, 52, 13), DistanceKm(52, 13, 50, 8); a != b {
		t.Errorf("not symmetric: %v %v", a, b)
	}
}

func TestRoundKm(t *testing.T) {
	for km, want := range map[float64]int{0: 0, -3: 0, math.NaN(): 0, 0.001: 1, 0.4: 1, 0.99: 1, 1.49: 1, 1.5: 2, 38.6: 39, 1e12: 40000} {
		if got := RoundKm(km); got != want {
			t.Errorf("RoundKm(%v) = %d, want %d", km, got, want)
		}
	}
}

// TestBox: every point within the radius lies in the box, at German and at
// far northern latitudes, and the box is not much larger than needed.
func TestBox(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, c := range []struct{ lat, lon, km float64 }{
		{51.31, 9.49, 1}, {51.31, 9.49, 25}, {51.31, 9.49, 300}, {47.4, 10.4, 50}, {54.9, 8.3, 100},
		{78, 15, 1000}, {-40, 170, 800}, {0, 0, 5},
	} {
		minLat, maxLat, minLon, maxLon := Box(c.lat, c.lon, c.km)
		for range 20000 {
			// A random point on the circle of the radius (the hardest case)
			// or inside it.
			bearing := rng.Float64() * 2 * math.Pi
			dist := c.km
			if rng.IntN(2) == 0 {
				dist *= rng.Float64()
			}
			lat, lon := destination(c.lat, c.lon, bearing, dist)
			if DistanceKm(c.lat, c.lon, lat, lon) > c.km {
				continue
			}
			if lat < minLat || lat > maxLat || lon < minLon || lon > maxLon {
				t.Fatalf("Box(%v) = [%v..%v, %v..%v] misses %v,%v at %.6f km", c, minLat, maxLat, minLon, maxLon, lat, lon, DistanceKm(c.lat, c.lon, lat, lon))
			}
		}
	}
	// 25 km around Kassel: about 0.45° of latitude, 0.72° of longitude.
	minLat, maxLat, minLon, maxLon := Box(51.31, 9.49, 25)
	if h, w := maxLat-minLat, maxLon-minLon; math.Abs(h-0.4497) > 0.001 || math.Abs(w-0.7190) > 0.001 {
		t.Errorf("box of 25 km: %.4f° by %.4f°", h, w)
	}
	if minLat, maxLat, minLon, maxLon := Box(89.9, 0, 50); maxLat != 90 || minLon != -180 || maxLon != 180 || minLat > 89.46 {
		t.Errorf("near the pole: %v %v %v %v", minLat, maxLat, minLon, maxLon)
	}
	if minLat, maxLat, minLon, maxLon := Box(51, 9, 0); minLat != 51 || maxLat != 51 || minLon != 9 || maxLon != 9 {
		t.Errorf("radius 0: %v %v %v %v", minLat, maxLat, minLon, maxLon)
	}
}

// destination walks km from a point on a bearing (great circle).
func destination(lat, lon, bearing, km float64) (float64, float64) {
	δ := km / earthRadiusKm
	φ1, λ1 := radians(lat), radians(lon)
	φ2 := math.Asin(math.Sin(φ1)*math.Cos(δ) + math.Cos(φ1)*math.Sin(δ)*math.Cos(bearing))
	λ2 := λ1 + math.Atan2(math.Sin(bearing)*math.Sin(δ)*math.Cos(φ1), math.Cos(δ)-math.Sin(φ1)*math.Sin(φ2))
	lon2 := math.Mod(degrees(λ2)+540, 360) - 180
	return degrees(φ2), lon2
}
