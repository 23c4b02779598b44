package directory_test

import (
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/auth"
)

// TestDariAndOldKeys: a service in Dari takes Persian's code; the
// migration moves what was stored with prs, and names keyed under older
// folding rules are keyed again.
func TestDariAndOldKeys(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		coord := e.NewPerson(t, "koord", auth.Coordinator)
		owner := e.NewPerson(t, "owner", auth.Member)
		e.Municipality(t, coord, "05315000", "Köln")
		o := e.NewOrg(t, owner, "Beratung am Ring", "initiative", "34117", "Kassel", "de")
		s := e.Service(t, owner, o.ID, "Beratung auf Dari", "legal_advice.asylum_counselling", []string{"prs", "de"})
		if strings.Join(s.Languages, ",") != "de,fa" {
			t.Errorf("a service in Dari speaks %q", s.Languages)
		}

		// As stored before: prs, and the name key without the umlaut rule.
		for _, q := range []string{
			"UPDATE directory_services SET lang = 'prs' WHERE id = '" + s.ID + "'",
			"DELETE FROM directory_service_languages WHERE service_id = '" + s.ID + "'",
			"INSERT INTO directory_service_languages (service_id, lang) VALUES ('" + s.ID + "', 'prs'), ('" + s.ID + "', 'fa')",
			"UPDATE directory_municipalities SET name_key = 'koeln' WHERE ags = '05315000'",
		} {
			if _, err := e.P.DB.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		migration, err := fs.ReadFile(e.Dir.Migrations().FS, string(e.P.DB.Dialect())+"/002_persian.sql")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.P.DB.ExecContext(ctx, string(migration)); err != nil {
			t.Fatal(err)
		}
		if got, err := e.Dir.Service(ctx, s.ID); err != nil || got.Lang != "fa" || strings.Join(got.Languages, ",") != "fa" {
			t.Errorf("after the migration: %+v %v", got, err)
		}

		if err := e.P.App.Jobs.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		var key string
		if err := e.P.DB.QueryRowContext(ctx, "SELECT name_key FROM directory_municipalities WHERE ags = '05315000'").Scan(&key); err != nil || key != "koln" {
			t.Errorf("Köln's key after the keys were computed again: %q %v", key, err)
		}
		res := e.Client(t).Get("/directory?q=" + url.QueryEscape("Koeln"))
		if res.Status != http.StatusSeeOther || res.Location() != "/municipalities/05315000" {
			t.Errorf("Koeln: %d %s", res.Status, res.Location())
		}
	})
}
