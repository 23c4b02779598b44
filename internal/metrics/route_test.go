package metrics_test

import (
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/db"
)

// The platform's /metrics goes through the guard: the test client talks to
// the server over loopback, so it reads the figures, unless a proxy on this
// machine forwarded its request.
func TestPlatformMetricsOnlyForThisMachine(t *testing.T) {
	e := apptest.New(t, db.SQLite)
	get := func(forwardedFor string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, e.URL+"/metrics", nil)
		if forwardedFor != "" {
			req.Header.Set("X-Forwarded-For", forwardedFor)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var b strings.Builder
		buf := make([]byte, 512)
		n, _ := res.Body.Read(buf)
		b.Write(buf[:n])
		return res.StatusCode, b.String()
	}
	if status, body := get(""); status != http.StatusOK || !strings.Contains(body, "# TYPE") {
		t.Errorf("this machine's scraper: %d", status)
	}
	if status, body := get("203.0.113.9"); status != http.StatusNotFound || strings.Contains(body, "# TYPE") {
		t.Errorf("a visitor through a proxy on this machine: %d", status)
	}
}
