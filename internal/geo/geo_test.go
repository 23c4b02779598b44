package geo_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/geo/geotest"
)

var sets = []db.Migrations{geo.Migrations()}

func importFile(t testing.TB, g *geo.Gazetteer, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, err := g.Import(context.Background(), f)
	if err != nil {
		t.Fatalf("import %s: %v", path, err)
	}
	return n
}

func resolve(t *testing.T, g *geo.Gazetteer, text string) *geo.Place {
	t.Helper()
	p, err := g.Resolve(context.Background(), text)
	if err != nil {
		t.Fatalf("Resolve(%q): %v", text, err)
	}
	return p
}

func near(p *geo.Place, lat, lon, tolerance float64) bool {
	return geo.DistanceKm(p.Lat, p.Lon, lat, lon) <= tolerance
}

// TestWithoutData: an empty table says so, and the platform can tell.
func TestWithoutData(t *testing.T) {
	dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		g := geo.New(d)
		if ok, err := g.Imported(ctx); ok || err != nil {
			t.Fatalf("Imported on an empty table: %v %v", ok, err)
		}
		for _, text := range []string{"34117", "Kassel", "34117 Kassel"} {
			_, err := g.Resolve(ctx, text)
			if !apperr.Is(err, apperr.Unavailable) || apperr.MessageID(err) != "geo.not_imported" {
				t.Errorf("Resolve(%q) without data: %v", text, err)
			}
		}
		if _, err := g.Resolve(ctx, "  "); !apperr.Is(err, apperr.Invalid) || apperr.MessageID(err) != "geo.empty" {
			t.Errorf("Resolve of nothing: %v", err)
		}
		if s, err := g.Suggest(ctx, "Kas", 5); err != nil || len(s) != 0 {
			t.Errorf("Suggest without data: %v %v", s, err)
		}
	})
}

// TestMalformed: a bad file imports nothing, keeps the old data and names
// the line.
func TestMalformed(t *testing.T) {
	header := strings.Join(geo.Columns, ",") + "\n"
	good := "DE,34117,Kassel,Hessen,HE,Regierungsbezirk Kassel,066,\"Kassel, documenta-Stadt\",06611,51.3166,9.4912\n"
	cases := []struct {
		name, file, want string
	}{
		{"bad header", "country,zip,place\n" + good, "line 1: the header"},
		{"empty", "", "line 1: the file is empty"},
		{"header only", header, "no rows"},
		{"latitude not a number", header + good + good + "DE,37073,Göttingen,Niedersachsen,NI,,00,Landkreis Göttingen,03159,fifty-one,9.939\n", "line 4: latitude \"fifty-one\" is not a number"},
		{"outside Germany", header + "DE,37073,Göttingen,Niedersachsen,NI,,00,Landkreis Göttingen,03159,9.939,51.5364\n", "line 2: latitude 9.939 lies outside Germany"},
		{"short row", header + good + "DE,37073,Göttingen\n", "line 3: wrong number of fields"},
		{"bad postcode", header + "DE,3707,Göttingen,Niedersachsen,NI,,00,Landkreis Göttingen,03159,51.5,9.9\n", "line 2: zipcode \"3707\""},
		{"other country", header + "AT,1010,Wien,Wien,09,,,Wien,900,48.2,16.37\n", "line 2: country_code \"AT\""},
		{"no place", header + "DE,37073,,Niedersachsen,NI,,00,Landkreis Göttingen,03159,51.5,9.9\n", "line 2: place is empty"},
		{"broken quote", header + "DE,37073,\"Gött\"ingen,Niedersachsen,NI,,00,x,03159,51.5,9.9\n", "line 2:"},
	}
	dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		g := geo.New(d)
		if n, err := g.Import(ctx, strings.NewReader(header+good)); n != 1 || err != nil {
			t.Fatalf("import of one row: %d %v", n, err)
		}
		for _, c := range cases {
			n, err := g.Import(ctx, strings.NewReader(c.file))
			if n != 0 || !apperr.Is(err, apperr.Invalid) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: %d rows, error %v; want one naming %q", c.name, n, err, c.want)
			}
		}
		st, err := g.Stats(ctx)
		if err != nil || st.Rows != 1 {
			t.Errorf("after bad imports: %+v %v; want the one old row", st, err)
		}
		// A byte order mark and CRLF line ends are fine.
		if n, err := g.Import(ctx, strings.NewReader("\ufeff"+strings.ReplaceAll(header+good, "\n", "\r\n"))); n != 1 || err != nil {
			t.Errorf("BOM and CRLF: %d %v", n, err)
		}
	})
}

// TestRealFile imports the GeoNames file and checks what people type.
func TestRealFile(t *testing.T) {
	path := geotest.DataFile(t)
	dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		g := geo.New(d)
		if n := importFile(t, g, path); n != geotest.Rows {
			t.Fatalf("imported %d rows, want %d", n, geotest.Rows)
		}
		if ok, err := g.Imported(ctx); !ok || err != nil {
			t.Fatalf("Imported: %v %v", ok, err)
		}
		st, err := g.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%+v", st)
		if st.Rows != geotest.Rows || st.Postcodes != geotest.Postcodes || st.Companies < 6000 || st.Places < 12000 {
			t.Errorf("stats %+v", st)
		}

		p := resolve(t, g, "34117")
		if p.Postcode != "34117" || p.Name != "Kassel" || p.State != "Hessen" || p.CommunityCode != "06611" || !near(p, 51.31, 9.49, 2) {
			t.Errorf("34117: %+v", p)
		}
		kassel := resolve(t, g, "Kassel")
		if kassel.Name != "Kassel" || kassel.Postcode != "34117" || !near(kassel, 51.31, 9.48, 3) {
			t.Errorf("Kassel: %+v", kassel)
		}
		for _, text := range []string{"kassel", "KASSEL", " Kassel ", "34117 Kassel", "Kassel 34117", "D-34117 Kassel"} {
			q := resolve(t, g, text)
			if q.Name != "Kassel" || (strings.Contains(text, "34117") && q.Postcode != "34117") {
				t.Errorf("%q: %+v", text, q)
			}
		}
		if q := resolve(t, g, "kassel"); *q != *kassel {
			t.Errorf("kassel %+v differs from Kassel %+v", q, kassel)
		}
		// A postcode the file does not know, with a known place.
		if q := resolve(t, g, "99999 Kassel"); q.Name != "Kassel" {
			t.Errorf("99999 Kassel: %+v", q)
		}

		gö := resolve(t, g, "Göttingen")
		if gö.Name != "Göttingen" || !near(gö, 51.54, 9.93, 3) {
			t.Errorf("Göttingen: %+v", gö)
		}
		for _, text := range []string{"Goettingen", "Gottingen", "göttingen", "GÖTTINGEN"} {
			if q := resolve(t, g, text); *q != *gö {
				t.Errorf("%q: %+v, want %+v", text, q, gö)
			}
		}
		if km := geo.DistanceKm(kassel.Lat, kassel.Lon, gö.Lat, gö.Lon); km < 38 || km > 45 {
			t.Errorf("Kassel–Göttingen %.1f km", km)
		}

		// Spellings that fold alike keep their own place.
		if q := resolve(t, g, "Münster"); q.Name != "Münster" || !near(q, 51.96, 7.63, 5) {
			t.Errorf("Münster: %+v", q)
		}
		if q := resolve(t, g, "Muenster"); q.Name != "Münster" {
			t.Errorf("Muenster: %+v", q)
		}
		if q := resolve(t, g, "Munster"); q.Name != "Munster" {
			t.Errorf("Munster: %+v", q)
		}
		if q := resolve(t, g, "Neunkirchen"); q.Name != "Neunkirchen" {
			t.Errorf("Neunkirchen: %+v", q)
		}
		if q := resolve(t, g, "Neuenkirchen"); q.Name != "Neuenkirchen" {
			t.Errorf("Neuenkirchen: %+v", q)
		}
		// ß = ss, St. = Sankt, and a name found as the start of a longer one.
		if q := resolve(t, g, "Giessen"); q.Name != "Gießen" {
			t.Errorf("Giessen: %+v", q)
		}
		if q := resolve(t, g, "St. Wendel"); q.Name != "Sankt Wendel" {
			t.Errorf("St. Wendel: %+v", q)
		}
		if q := resolve(t, g, "Frankfurt"); q.Name != "Frankfurt am Main" {
			t.Errorf("Frankfurt: %+v", q)
		}
		if q := resolve(t, g, "Berlin"); !near(q, 52.5, 13.4, 10) {
			t.Errorf("Berlin: %+v", q)
		}

		// Large-customer postcodes never move a city nor name a place.
		if _, err := g.Resolve(ctx, "Universität Kassel"); !apperr.Is(err, apperr.NotFound) || apperr.MessageID(err) != "geo.unknown" {
			t.Errorf("a large customer resolved as a place: %v", err)
		}
		if _, err := g.Resolve(ctx, "Daimler AG"); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("Daimler AG resolved: %v", err)
		}
		// 10875 is a Berlin postcode of companies in Berlin, Brandenburg
		// and Stuttgart: Stuttgart stays where it is, and the postcode is
		// placed in Berlin, where most of its rows lie.
		if q := resolve(t, g, "Stuttgart"); !near(q, 48.78, 9.18, 5) || q.Postcode == "10875" {
			t.Errorf("Stuttgart: %+v", q)
		}
		if q := resolve(t, g, "10875"); q.Name != "Berlin" || !near(q, 52.5, 13.37, 3) {
			t.Errorf("large-customer postcode 10875: %+v", q)
		}
		if q := resolve(t, g, "34109"); q.Name != "Kassel" || !near(q, 51.32, 9.5, 3) {
			t.Errorf("large-customer postcode 34109: %+v", q)
		}
		// The mean of Kassel's rows equals the mean of its eleven postcodes.
		var lat, lon float64
		for _, pc := range []string{"34117", "34119", "34121", "34123", "34125", "34127", "34128", "34130", "34131", "34132", "34134"} {
			q := resolve(t, g, pc)
			if q.Name != "Kassel" {
				t.Errorf("%s: %+v", pc, q)
			}
			lat += q.Lat / 11
			lon += q.Lon / 11
		}
		if !near(kassel, lat, lon, 0.01) {
			t.Errorf("Kassel at %.4f,%.4f, the mean of its postcodes %.4f,%.4f", kassel.Lat, kassel.Lon, lat, lon)
		}
		// Several places share a postcode: the one with most rows names it.
		if q := resolve(t, g, "15848"); q.Name != "Tauche" && q.Name != "Friedland" {
			t.Errorf("15848: %+v", q)
		}

		for _, text := range []string{"Atlantis", "00000", "zz", "كاسل"} {
			if _, err := g.Resolve(ctx, text); !apperr.Is(err, apperr.NotFound) || apperr.MessageID(err) != "geo.unknown" {
				t.Errorf("Resolve(%q): %v", text, err)
			}
		}

		// Suggestions.
		s, err := g.Suggest(ctx, "341", 5)
		if err != nil || len(s) != 5 || s[0].Postcode != "34117" || s[0].Name != "Kassel" {
			t.Errorf("Suggest 341: %+v %v", s, err)
		}
		for _, p := range s {
			if !strings.HasPrefix(p.Postcode, "341") || p.Postcode == "34109" {
				t.Errorf("Suggest 341 gave %+v", p)
			}
		}
		s, err = g.Suggest(ctx, "kass", 10)
		if err != nil || len(s) == 0 || s[0].Name != "Kassel" || s[0].Postcode != "34117" || !near(&s[0], kassel.Lat, kassel.Lon, 0.01) {
			t.Errorf("Suggest kass: %+v %v", s, err)
		}
		s, err = g.Suggest(ctx, "Goett", 3)
		if err != nil || len(s) == 0 || s[0].Name != "Göttingen" {
			t.Errorf("Suggest Goett: %+v %v", s, err)
		}
		s, err = g.Suggest(ctx, "Ber", 3)
		if err != nil || len(s) != 3 || s[0].Name != "Berlin" {
			t.Errorf("Suggest Ber: %+v %v", s, err)
		}
		if s, err := g.Suggest(ctx, "Universit", 10); err != nil || len(s) != 0 {
			t.Errorf("Suggest offers large customers: %+v %v", s, err)
		}
		if s, err := g.Suggest(ctx, "b", 0); err != nil || len(s) != 10 {
			t.Errorf("Suggest default limit: %d %v", len(s), err)
		}

		// Import again: the same rows, no duplicates, the same answers.
		if n := importFile(t, g, path); n != geotest.Rows {
			t.Errorf("re-import: %d rows", n)
		}
		if again, err := g.Stats(ctx); err != nil || again != st {
			t.Errorf("after re-import %+v %v, before %+v", again, err, st)
		}
		if q := resolve(t, g, "Kassel"); *q != *kassel {
			t.Errorf("Kassel after re-import: %+v", q)
		}
	})
}

// TestConcurrentImports: two imports at once both succeed, one after the
// other, and leave one copy of the rows.
func TestConcurrentImports(t *testing.T) {
	header := strings.Join(geo.Columns, ",") + "\n"
	var file strings.Builder
	file.WriteString(header)
	for i := range 2000 {
		fmt.Fprintf(&file, "DE,%05d,Ort %d,Hessen,HE,,,Kassel,06633,51.3,9.4\n", 30000+i, i)
	}
	dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) {
		g := geo.New(d)
		errs := make(chan error, 2)
		for range 2 {
			go func() {
				_, err := g.Import(context.Background(), strings.NewReader(file.String()))
				errs <- err
			}()
		}
		for range 2 {
			if err := <-errs; err != nil {
				t.Errorf("import: %v", err)
			}
		}
		if st, err := g.Stats(context.Background()); err != nil || st.Rows != 2000 || st.Places != 2000 {
			t.Errorf("after two imports: %+v %v", st, err)
		}
	})
}
