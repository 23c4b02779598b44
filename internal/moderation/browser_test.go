package moderation_test

import (
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/browsertest"
)

func TestMain(m *testing.M) { browsertest.Main(m) }

// TestPagesInBrowser reports an item and works through the queue in
// Chromium, in German and Arabic: every page passes axe, reflows to 320 px,
// is usable with the keyboard and asks no other host for anything; the
// forms work without script.
func TestPagesInBrowser(t *testing.T) {
	e := newEnv(t, "sqlite")
	owner := e.NewPerson(t, "owner", auth.Member)
	reporter := e.NewPerson(t, "reporter", auth.Member)
	staff := e.NewPerson(t, "staff", auth.Coordinator)
	other := e.NewPerson(t, "other", auth.Member)

	for _, lang := range []string{"de", "ar"} {
		t.Run(lang, func(t *testing.T) {
			item := e.Items.Create(t, owner.ID, "Winterjacken für Kinder", "Abholung in Kassel-Nord, bitte vorher schreiben.")
			e.Items.CreateHeld(t, e.Mod, owner.ID, "Fahrradwerkstatt", "Infos auf www.rad.example")
			if err := e.Mod.Flag(ctx, other.ID, "listing", item, "spam", "Sieht nach Werbung aus"); err != nil {
				t.Fatal(err)
			}

			b := reporter.Browser(t, "/settings", lang)
			b.Go(e.URL + "/flags/new?kind=listing&id=" + item)
			b.CheckAll(t)
			// Without a reason: errors beside the fields, the text kept.
			b.Fill("#f-text", "Der Text enthält eine Beleidigung.")
			b.Submit(`form[action="/flags"]`)
			if b.Count("#f-reason-error") != 1 || b.Value("#f-text") != "Der Text enthält eine Beleidigung." {
				t.Errorf("form with errors: %s", b.URL())
			}
			b.CheckAll(t)
			b.Click("#f-reason-offensive")
			b.Submit(`form[action="/flags"]`)
			if !strings.Contains(b.URL(), "/flags/done") {
				t.Fatalf("after reporting: %s", b.URL())
			}
			b.CheckAll(t)

			c := staff.Browser(t, "/settings", lang)
			c.Go(e.URL + "/admin/moderation")
			c.CheckAll(t)
			if !strings.Contains(c.Text("main"), "Der Text enthält eine Beleidigung.") {
				t.Error("the report is not in the queue")
			}
			// A decision without a reason comes back with the error.
			if status := c.ClickAndLoad(`button[formaction="/admin/moderation/listing/` + item + `/hide"]`); status != 422 {
				t.Errorf("hide without a reason: %d", status)
			}
			c.CheckAll(t)
			c.Fill("#r-listing-"+item, "Beleidigungen haben hier keinen Platz.")
			c.ClickAndLoad(`button[formaction="/admin/moderation/listing/` + item + `/hide"]`)
			if _, hidden := e.Items.State(t, item); !hidden {
				t.Errorf("not hidden after the decision in the browser")
			}
			c.CheckAll(t)
		})
	}
}
