package moderation_test

import (
	"regexp"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
)

// TestEveryPageInEveryLanguage draws each page of the module, with and
// without form errors, in every interface language, and fails on a message
// id that does not exist or a template that printed nothing.
func TestEveryPageInEveryLanguage(t *testing.T) {
	e := newEnv(t, "sqlite")
	owner := e.NewPerson(t, "owner", auth.Member)
	reporter := e.NewPerson(t, "reporter", auth.Member)
	staff := e.NewPerson(t, "staff", auth.Coordinator)
	item := e.Items.Create(t, owner.ID, "Winterjacken", "Für Kinder von 4 bis 8")
	e.Items.CreateHeld(t, e.Mod, owner.ID, "Fahrräder", "Ruf an: 0561 123456")
	hidden := e.Items.Create(t, owner.ID, "Verborgen", "")
	gone := e.Items.Create(t, owner.ID, "Gelöscht", "")
	for _, id := range []string{item, gone} {
		if err := e.Mod.Flag(ctx, reporter.ID, "listing", id, "discrimination", "Abwertend"); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.Mod.Hide(ctx, staff.Identity(), "listing", hidden, "Doppelt"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.P.DB.ExecContext(ctx, "DELETE FROM moderationtest_items WHERE id = $1", gone); err != nil {
		t.Fatal(err)
	}

	flag := "/flags/new?kind=listing&id=" + item
	pages := []apptest.Page{
		apptest.Get(reporter, flag, 200),
		apptest.Post(reporter, "/flags", apptest.Form("kind", "listing", "id", item, "reason", "other"), 422),
		apptest.Get(reporter, "/flags/done?next=%2Ftest-items%2F"+item, 200),
		apptest.Get(staff, "/admin/moderation", 200),
		apptest.Post(staff, "/admin/moderation/listing/"+item+"/remove", apptest.Form("reason", ""), 422),
		apptest.Get(reporter, "/settings/export", 200), // names the module's part of the export
	}
	e.EveryLanguage(t, pages, regexp.MustCompile(`moderation\.`))
}
