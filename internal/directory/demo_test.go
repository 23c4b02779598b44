package directory_test

import (
	"testing"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/directory"
)

// seedDemo fills env with the accounts', organisations' and directory's
// demo content.
func (e *env) seedDemo(t *testing.T) *app.Demo {
	t.Helper()
	demo := app.NewDemo()
	if err := e.P.Accounts.SeedDemo(ctx, demo); err != nil {
		t.Fatal(err)
	}
	if err := e.Orgs.SeedDemo(ctx, demo); err != nil {
		t.Fatal(err)
	}
	if err := e.Dir.SeedDemo(ctx, demo); err != nil {
		t.Fatalf("directory demo: %v", err)
	}
	return demo
}

// TestDemo checks what the demo promises: three municipalities entered by
// hand, at least 30 services in several languages.
func TestDemo(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		e.seedDemo(t)
		munis, err := e.Dir.Municipalities(ctx)
		if err != nil {
			t.Fatal(err)
		}
		names := map[string]bool{}
		services, langs := 0, map[string]bool{}
		for _, mu := range munis {
			names[mu.AGS+" "+mu.Name] = true
			services += mu.Services
			ov, err := e.Dir.Overview(ctx, mu.AGS, directory.Filter{}, e.Clock.Now())
			if err != nil {
				t.Fatal(err)
			}
			for _, g := range ov.Groups {
				for _, en := range g.Entries {
					for _, l := range en.Languages {
						langs[l] = true
					}
				}
			}
		}
		for _, want := range []string{"06611000 Kassel", "05315000 Köln", "06633028 Wolfhagen"} {
			if !names[want] {
				t.Errorf("no municipality %s in %v", want, names)
			}
		}
		if services < 30 || len(langs) < 10 {
			t.Errorf("%d services in %d languages", services, len(langs))
		}
	})
}
