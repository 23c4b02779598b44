package organization_test

import (
	"io/fs"
	"slices"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/organization"
)

// TestNamesFoldLikeSearch: the name filter folds as /search does, also
// for names keyed under older rules once the job keyed them again.
func TestNamesFoldLikeSearch(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		mueller := e.mustCreate(t, owner, "Nachbarschaftshilfe Müller")
		e.mustCreate(t, owner, "کانون زندگی")
		find := func(q string) []string {
			t.Helper()
			page, err := e.Orgs.List(ctx, organization.Filter{Query: q})
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, o := range page.Items {
				out = append(out, o.Name)
			}
			return out
		}
		for q, want := range map[string]string{"Mueller": "Nachbarschaftshilfe Müller", "MULLER": "Nachbarschaftshilfe Müller",
			"زندگي": "کانون زندگی", "كانون": "کانون زندگی"} {
			if got := find(q); !slices.Equal(got, []string{want}) {
				t.Errorf("%q: %q, want %q", q, got, want)
			}
		}

		// Keyed as before: umlauts dropped, but "ue" kept.
		if _, err := e.P.DB.ExecContext(ctx, "UPDATE organizations SET name = 'Nachbarschaftshilfe Mueller', name_key = 'nachbarschaftshilfe mueller' WHERE id = $1", mueller.ID); err != nil {
			t.Fatal(err)
		}
		if got := find("Müller"); len(got) != 0 {
			t.Fatalf("found by a stale key: %q", got)
		}
		if err := e.P.App.Jobs.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		if got := find("Müller"); len(got) != 1 {
			t.Errorf("not found after the keys were computed again: %q", got)
		}
	})
}

// TestDariIsPersian: an organisation speaking Dari speaks Persian (fa);
// the migration moves what was stored with prs.
func TestDariIsPersian(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		p := kassel("Afghanischer Verein")
		p.Languages = []string{"prs", "de"}
		o, err := e.Orgs.Create(ctx, owner.ID, p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(o.Languages, ",") != "de,fa" {
			t.Errorf("speaks %q", o.Languages)
		}
		both, onlyDari := e.mustCreate(t, owner, "Beide"), e.mustCreate(t, owner, "Nur Dari")
		for _, q := range []string{
			"DELETE FROM organization_languages WHERE organization_id IN ('" + both.ID + "', '" + onlyDari.ID + "')",
			"INSERT INTO organization_languages (organization_id, lang) VALUES ('" + both.ID + "', 'prs'), ('" + both.ID + "', 'fa'), ('" + onlyDari.ID + "', 'prs'), ('" + onlyDari.ID + "', 'ar')",
		} {
			if _, err := e.P.DB.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		migration, err := fs.ReadFile(e.Orgs.Migrations().FS, string(e.P.DB.Dialect())+"/002_persian.sql")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.P.DB.ExecContext(ctx, string(migration)); err != nil {
			t.Fatal(err)
		}
		for id, want := range map[string]string{both.ID: "fa", onlyDari.ID: "ar,fa"} {
			got, err := e.Orgs.Get(ctx, id)
			if err != nil || strings.Join(got.Languages, ",") != want {
				t.Errorf("%s after the migration: %+v %v, want %s", id, got, err, want)
			}
		}
	})
}
