package platform_test

import (
	"regexp"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
)

// maxPageWeight is what a page with its assets may weigh as transferred, for
// people on slow mobile connections and small data plans.
const maxPageWeight = 30 * 1024

var assetRef = regexp.MustCompile(`(?:href|src)="(/static/[^"]+)"`)

// TestPageWeight fetches pages as a browser does (gzip accepted) and adds up
// the bytes of the page and every asset it links.
func TestPageWeight(t *testing.T) {
	e := apptest.New(t, "sqlite")
	if _, err := e.P.SeedDemoIfEmpty(t.Context()); err != nil {
		t.Fatal(err)
	}
	c := e.Client(t)
	for _, path := range []string{"/", "/register", "/login", "/organizations", "/legal/privacy"} {
		size, body := c.Transferred(path)
		total := size
		for _, m := range assetRef.FindAllStringSubmatch(body, -1) {
			n, _ := c.Transferred(m[1])
			total += n
		}
		t.Logf("%s: page %d B, with assets %d B", path, size, total)
		if total > maxPageWeight {
			t.Errorf("%s weighs %d bytes with its assets; at most %d", path, total, maxPageWeight)
		}
	}
}
