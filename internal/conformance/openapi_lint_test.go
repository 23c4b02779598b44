package conformance_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/conformance"
)

// TestOpenAPILint lints the document the platform serves with Redocly's
// recommended rules: no error may be left (warnings are logged).
func TestOpenAPILint(t *testing.T) {
	redocly := conformance.Tool(t, conformance.RedoclyEnv, "@redocly/cli")
	e := apptest.New(t, "sqlite")
	res := e.Client(t).Get("/api/v1/openapi.json")
	if res.Status != 200 {
		t.Fatalf("openapi.json: %d", res.Status)
	}
	doc := filepath.Join(t.TempDir(), "openapi.json")
	if err := os.WriteFile(doc, []byte(res.Body), 0o600); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := conformance.Run(t, []string{"REDOCLY_TELEMETRY=off", "REDOCLY_SUPPRESS_UPDATE_NOTICE=true"},
		redocly, "lint", doc, "--format=json")
	var report struct {
		Totals   struct{ Errors, Warnings int }
		Problems []struct {
			RuleID, Severity, Message string
			Location                  []struct{ Pointer string }
		}
	}
	if jerr := json.Unmarshal(out, &report); jerr != nil {
		t.Fatalf("redocly: %v (%v)\n%s\n%s", jerr, err, out, stderr)
	}
	for _, p := range report.Problems {
		where := ""
		if len(p.Location) > 0 {
			where = p.Location[0].Pointer
		}
		if p.Severity == "error" {
			t.Errorf("%s %s: %s", p.RuleID, where, p.Message)
		} else {
			t.Logf("%s %s %s: %s", p.Severity, p.RuleID, where, p.Message)
		}
	}
	t.Logf("redocly lint: %d errors, %d warnings", report.Totals.Errors, report.Totals.Warnings)
	if report.Totals.Errors > 0 && !t.Failed() {
		t.Errorf("redocly counts %d errors", report.Totals.Errors)
	}
}
