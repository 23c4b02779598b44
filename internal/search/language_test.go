package search

import (
	"context"
	"io/fs"
	"slices"
	"testing"
)

// TestDariIsPersian: a document or a query in Dari takes Persian's code,
// and the migration moves documents indexed with the old code.
func TestDariIsPersian(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		e.put(goldenDocs()[0])
		doc := goldenDocs()[1]
		doc.Lang, doc.Langs = "prs", []string{"PRS", "fa", "ar"}
		e.put(doc)
		e.expect(Query{Q: "Wohnung", Lang: "prs"}, Anyone, doc.ID)

		// Documents indexed before the code changed.
		for _, row := range [][3]string{{"o-caritas", "de", "ar,prs"}, {doc.ID, "prs", "de,prs,fa"}} {
			if _, err := e.d.ExecContext(ctx, "UPDATE search_docs SET lang = $1, langs = $2 WHERE id = $3", row[1], row[2], row[0]); err != nil {
				t.Fatal(err)
			}
		}
		migration, err := fs.ReadFile(e.m.Migrations().FS, string(e.d.Dialect())+"/002_persian.sql")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.d.ExecContext(ctx, string(migration)); err != nil {
			t.Fatal(err)
		}
		var lang, langs string
		for id, want := range map[string][2]string{"o-caritas": {"de", "ar,fa"}, doc.ID: {"fa", "de,fa"}} {
			if err := e.d.QueryRowContext(ctx, "SELECT lang, langs FROM search_docs WHERE id = $1", id).Scan(&lang, &langs); err != nil {
				t.Fatal(err)
			}
			if [2]string{lang, langs} != want {
				t.Errorf("%s: lang %q, langs %q; want %q", id, lang, langs, want)
			}
		}
	})
}

func TestLanguageBadges(t *testing.T) {
	if got := langOf("prs"); got != (langView{Tag: "fa", Name: "فارسی", Dir: "rtl"}) {
		t.Errorf("Dari: %+v", got)
	}
	if got := langOf("xx"); got != (langView{Tag: "xx", Name: "xx", Dir: "ltr"}) {
		t.Errorf("unknown: %+v", got)
	}
	if !slices.Contains(hotLanguages, "ti") || slices.Contains(hotLanguages, "prs") {
		t.Errorf("hot languages %q", hotLanguages)
	}
}
