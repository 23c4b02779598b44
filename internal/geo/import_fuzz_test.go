package geo

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse: an operator's postcode file, however broken, is either refused
// with an error that names a line, or gives rows that each hold a German
// postcode of five digits, a place and coordinates inside Germany.
func FuzzParse(f *testing.F) {
	header := strings.Join(Columns, ",") + "\n"
	for _, body := range []string{
		"DE,34117,Kassel,Hessen,HE,Regierungsbezirk Kassel,066,Kassel,06611,51.3167,9.5\n",
		"DE,34117,Kassel,Hessen,HE,,066,Kassel,06611,91,9.5\n",
		"AT,1010,Wien,,,,,,,48.2,16.37\n",
		"DE,3411,Kassel,,,,,,,51.3,9.5\n",
		"DE,34117,\"Kas\"\"sel\",,,,,,,51.3,9.5\n",
		"DE,34117,Kassel,,,,,,,NaN,9.5\n",
		"DE,34117,\xff,,,,,,,51.3,9.5\n",
		"",
	} {
		f.Add(header + body)
	}
	f.Add("\ufeff" + header)
	f.Add("not,a,header\n")
	f.Fuzz(func(t *testing.T, file string) {
		rows, err := parse(strings.NewReader(file))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "line ") {
				t.Fatalf("error %q names no line", err)
			}
			return
		}
		for _, r := range rows {
			if !isPostcode(r.postcode) || r.name == "" || !utf8.ValidString(r.name) {
				t.Fatalf("row %+v passed the checks", r)
			}
			if r.lat < minLat || r.lat > maxLat || r.lon < minLon || r.lon > maxLon {
				t.Fatalf("row %+v lies outside Germany", r)
			}
		}
	})
}
