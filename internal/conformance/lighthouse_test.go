package conformance_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"teilhabe.org/teilhabe/internal/browsertest"
	"teilhabe.org/teilhabe/internal/conformance"
)

// lighthouseReport is the part of a Lighthouse JSON report the test reads.
type lighthouseReport struct {
	Categories map[string]struct {
		Score *float64 `json:"score"`
	} `json:"categories"`
	Audits map[string]struct {
		Title            string   `json:"title"`
		Score            *float64 `json:"score"`
		ScoreDisplayMode string   `json:"scoreDisplayMode"`
	} `json:"audits"`
}

// TestLighthouseOnPhones runs Lighthouse (npm's lighthouse 12, with
// Debian's Chromium, its mobile preset) on the pages people arrive at:
// the front page, search results and a listing. Accessibility must score
// 100, best practices and SEO at least 95. Performance is timing and
// depends on the machine's load: docs/BENCHMARKS.md records it.
func TestLighthouseOnPhones(t *testing.T) {
	lighthouse := conformance.Tool(t, conformance.LighthouseEnv, "Lighthouse (npm lighthouse@12.2.3)")
	chromium, err := browsertest.ChromiumPath()
	if err != nil {
		conformance.Command(t, "chromium")
	}
	e, _ := conformance.Demo(t, "sqlite")
	var listing string
	if err := e.P.DB.QueryRowContext(context.Background(),
		"SELECT id FROM listings WHERE visibility = 'public' AND status = 'open' ORDER BY created_at LIMIT 1").Scan(&listing); err != nil {
		t.Fatal(err)
	}
	minimum := map[string]float64{"accessibility": 1, "best-practices": 0.95, "seo": 0.95}
	for _, path := range []string{"/", "/search?q=Deutschkurs", "/listings/" + listing} {
		out := filepath.Join(t.TempDir(), "report.json")
		_, stderr, err := conformance.Run(t, []string{"CHROME_PATH=" + chromium}, lighthouse, e.URL+path,
			"--quiet", "--output=json", "--output-path="+out, "--only-categories=accessibility,best-practices,seo",
			"--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --no-first-run")
		if err != nil {
			t.Fatalf("lighthouse %s: %v\n%s", path, err, stderr)
		}
		raw, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var report lighthouseReport
		if err := json.Unmarshal(raw, &report); err != nil {
			t.Fatalf("lighthouse %s: %v", path, err)
		}
		for category, least := range minimum {
			c, ok := report.Categories[category]
			if !ok || c.Score == nil {
				t.Errorf("%s: no %s score", path, category)
				continue
			}
			if *c.Score < least {
				t.Errorf("%s: %s %.0f, want at least %.0f", path, category, *c.Score*100, least*100)
				for id, a := range report.Audits {
					if a.Score != nil && *a.Score < 1 && a.ScoreDisplayMode == "binary" {
						t.Logf("  failed audit %s: %s", id, a.Title)
					}
				}
			}
		}
	}
}
