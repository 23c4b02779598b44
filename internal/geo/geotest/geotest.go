// Package geotest finds the GeoNames postcode file for tests. The file is
// never part of the project: it lies in shared/geo/ in a folder above the
// project. Tests that need it skip with a clear line when it is missing,
// except under CI=true, where they fail.
package geotest

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Rel is where the file lies, relative to a folder above the project.
const Rel = "shared/geo/zipcodes.de.csv"

// Rows and Postcodes count the data rows and distinct postcodes of the file
// of 2026-03-30.
const Rows, Postcodes = 23297, 10814

// Find walks up from the working directory (a test's package folder) and
// returns the first dir/Rel that exists, or "".
func Find() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		p := filepath.Join(dir, filepath.FromSlash(Rel))
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// DataFile returns the path of the file, or skips the test (fails it under
// CI=true) when there is none.
func DataFile(t testing.TB) string {
	t.Helper()
	p := Find()
	if p == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the GeoNames postcode file is required under CI=true: put it at %s in a folder above the project", Rel)
		}
		t.Skipf("postcode tests skipped: no %s in a folder above the project", Rel)
	}
	return p
}

// Lines returns the header and the lines of the given postcodes of the file,
// for a test that imports only a few places (skips or fails as DataFile).
func Lines(t testing.TB, postcodes ...string) *strings.Reader {
	t.Helper()
	f, err := os.Open(DataFile(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	for first := true; sc.Scan(); first = false {
		line := sc.Text()
		keep := first
		for _, p := range postcodes {
			keep = keep || strings.HasPrefix(line, "DE,"+p+",")
		}
		if keep {
			b.WriteString(line + "\n")
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.NewReader(b.String())
}
