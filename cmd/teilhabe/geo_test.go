package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/geo/geotest"
)

func TestGeoImport(t *testing.T) {
	file := geotest.DataFile(t)
	data := t.TempDir()
	out, err := runCmd(t, "", "geo", "import", "--data", data, file)
	if err != nil {
		t.Fatalf("geo import: %v\n%s", err, out)
	}
	if want := fmt.Sprintf("imported %d rows: ", geotest.Rows); !strings.Contains(out, want) ||
		!strings.Contains(out, fmt.Sprintf("%d postcodes", geotest.Postcodes)) || !strings.Contains(out, "GeoNames, CC BY 4.0") {
		t.Errorf("output: %s", out)
	}
	// Again: the same counts, no duplicates.
	if again, err := runCmd(t, "", "geo", "import", "--data", data, file); err != nil || !strings.HasPrefix(out, again) {
		t.Errorf("second import: %v\n%s\nfirst:\n%s", err, again, out)
	}

	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("country_code,zipcode,place\nDE,34117,Kassel\n"), 0o600)
	if _, err := runCmd(t, "", "geo", "import", "--data", data, bad); err == nil || !strings.Contains(err.Error(), "line 1: the header") {
		t.Errorf("bad file: %v", err)
	}
	if _, err := runCmd(t, "", "geo", "import", "--data", data, filepath.Join(data, "missing.csv")); err == nil {
		t.Error("a missing file imported")
	}
	for _, args := range [][]string{{"geo"}, {"geo", "export"}, {"geo", "import", "--data", data}} {
		if _, err := runCmd(t, "", args...); err == nil || !strings.Contains(err.Error(), "usage: teilhabe geo import") {
			t.Errorf("%v: %v", args, err)
		}
	}
}
