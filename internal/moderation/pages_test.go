package moderation_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/i18n"
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

	type page struct {
		who          *apptest.Person
		method, path string
		form         url.Values
		status       int
	}
	flag := "/flags/new?kind=listing&id=" + item
	pages := []page{
		{reporter, "GET", flag, nil, 200},
		{reporter, "POST", "/flags", apptest.Form("kind", "listing", "id", item, "reason", "other"), 422},
		{reporter, "GET", "/flags/done?next=%2Ftest-items%2F" + item, nil, 200},
		{staff, "GET", "/admin/moderation", nil, 200},
		{staff, "POST", "/admin/moderation/listing/" + item + "/remove", apptest.Form("reason", ""), 422},
		{reporter, "GET", "/settings/export", nil, 200}, // names the module's part of the export
	}
	for _, lang := range i18n.Languages {
		t.Run(lang.Tag, func(t *testing.T) {
			for _, p := range []*apptest.Person{reporter, staff} {
				p.Web.Post("/language", apptest.Form("lang", lang.Tag))
			}
			want := fmt.Sprintf(`<html lang="%s" dir="%s">`, lang.Tag, lang.Dir)
			for _, p := range pages {
				res := p.who.Web.Get(p.path)
				if p.method == http.MethodPost {
					res = p.who.Web.Post(p.path, p.form)
				}
				if res.Status != p.status {
					t.Errorf("%s %s: %d, want %d", p.method, p.path, res.Status, p.status)
				}
				if !strings.Contains(res.Body, want) {
					t.Errorf("%s %s: no %s", p.method, p.path, want)
				}
				if strings.Contains(res.Body, "<no value>") || strings.Contains(res.Body, "moderation.") {
					t.Errorf("%s %s: a value or message is missing", p.method, p.path)
				}
			}
		})
	}
	if missing := e.P.Services.Catalog.Missing(); len(missing) > 0 {
		t.Errorf("messages asked for but missing:\n  %s", strings.Join(missing, "\n  "))
	}
}
