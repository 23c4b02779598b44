package platform_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
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
	for _, path := range []string{"/", "/register", "/login", "/organizations", "/legal/privacy"} {
		size, body := transferred(t, e.URL+path)
		total := size
		for _, m := range assetRef.FindAllStringSubmatch(body, -1) {
			n, _ := transferred(t, e.URL+m[1])
			total += n
		}
		t.Logf("%s: page %d B, with assets %d B", path, size, total)
		if total > maxPageWeight {
			t.Errorf("%s weighs %d bytes with its assets; at most %d", path, total, maxPageWeight)
		}
	}
}

// transferred returns the bytes on the wire and the decoded body.
func transferred(t *testing.T, url string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, url, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%s: %d", url, res.StatusCode)
	}
	body := raw
	if res.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		body, _ = io.ReadAll(zr)
	}
	return len(raw), string(body)
}
