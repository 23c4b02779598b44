package coordination_test

import (
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/browsertest"
)

func TestMain(m *testing.M) { browsertest.Main(m) }

// TestDashboardInBrowser: the dashboard with its charts and tables and
// the scopes' page pass axe, reflow to 320 px and work with the keyboard
// in German and Arabic.
func TestDashboardInBrowser(t *testing.T) {
	e := apptest.New(t, "sqlite")
	f := newFixture(t, e)
	katrin := f.coordinator(t, "katrin")
	for _, lang := range []string{"de", "ar"} {
		b := katrin.Browser(t, "/coordination", lang)
		if !strings.Contains(b.Text("main"), "Gesuch C") {
			t.Errorf("%s: the dashboard lacks the unanswered request", lang)
		}
		b.CheckAll(t)
		b.Go(e.URL + "/coordination?region=06611")
		b.CheckAll(t)
		a := f.Admin.Browser(t, "/admin/scopes", lang)
		a.CheckAll(t)
	}
}
