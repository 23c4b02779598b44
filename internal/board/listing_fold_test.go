package board_test

import (
	"io/fs"
	"net/url"
	"slices"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/board"
)

// TestTextFilterFoldsLikeSearch: the board's text filter goes through the
// search engine, so every spelling of a word finds a listing.
func TestTextFilterFoldsLikeSearch(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		reza := e.NewPerson(t, "Reza", auth.Member)
		for _, d := range []struct{ title, lang string }{
			{"Fahrräder für Kinder", "de"},
			{"Familie Mueller sucht einen Schrank", "de"},
			{"کمک برای زندگی در کاسل", "fa"}, // Persian yeh and keheh
			{"مساعدة في إيجاد سكن", "ar"},
			{"Допомога з переїздом", "uk"},
			{"Çocuklar için bisiklet", "tr"},
		} {
			dr := draft(d.title)
			dr.ContentLang = d.lang
			dr.Category = "leisure.meetups" // a category none of the words below names
			post(t, e, reza, dr)
		}
		for q, want := range map[string]string{
			"Fahrraeder":       "Fahrräder für Kinder",
			"FAHRRADER":        "Fahrräder für Kinder",
			"Müller":           "Familie Mueller sucht einen Schrank",
			"زندگي":            "کمک برای زندگی در کاسل", // Arabic yeh
			"كمك":              "کمک برای زندگی در کاسل", // Arabic kaf
			"ايجاد":            "مساعدة في إيجاد سكن",    // alef without hamza
			"مساعده":           "مساعدة في إيجاد سكن",    // heh for teh marbuta
			"переїздом":        "Допомога з переїздом",
			"cocuklar":         "Çocuklar için bisiklet",
			"ÇOCUKLAR":         "Çocuklar için bisiklet",
			"Fahrradwerkstatt": "",
		} {
			var got []string
			if want != "" {
				got = append(got, want)
			}
			if api := list(t, e, "", "q="+url.QueryEscape(q)); strings.Join(api, "|") != strings.Join(got, "|") {
				t.Errorf("API q=%s: %q, want %q", q, api, got)
			}
			page := e.Client(t).Get("/board?q=" + url.QueryEscape(q)).Body
			if want != "" && !strings.Contains(page, want) {
				t.Errorf("/board?q=%s does not show %q", q, want)
			}
		}
	})
}

// TestKeysComputedAgain: keys stored under older folding rules are
// computed again by a job, so old listings are found like new ones.
func TestKeysComputedAgain(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		l := post(t, e, e.NewPerson(t, "Reza", auth.Member), draft("Fahrraeder für Kinder"))
		// The keys as the board folded them before: umlauts written with e
		// kept, Persian yeh.
		if _, err := e.P.DB.ExecContext(ctx, `UPDATE listings SET title_key = 'fahrraeder fur kinder',
			search_key = 'fahrraeder fur kinder gut erhalten bitte abholen kassel 34117' WHERE id = $1`, l.ID); err != nil {
			t.Fatal(err)
		}
		if err := e.P.App.Jobs.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		var key string
		if err := e.P.DB.QueryRowContext(ctx, "SELECT title_key FROM listings WHERE id = $1", l.ID).Scan(&key); err != nil {
			t.Fatal(err)
		}
		if key != "fahrrader fur kinder" {
			t.Errorf("title key after the keys were computed again: %q", key)
		}
	})
}

// TestDariIsPersian: listings and saved searches in Dari (prs) take
// Persian's code; the migration moves what was stored with prs.
func TestDariIsPersian(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		reza := e.NewPerson(t, "Reza", auth.Member)
		d := draft("Hilfe bei Behörden")
		d.ContentLang, d.Languages = "prs", []string{"prs", "de"}
		l := post(t, e, reza, d)
		if l.ContentLang != "fa" || strings.Join(l.Languages, ",") != "de,fa" {
			t.Errorf("posted in Dari: %q %q", l.ContentLang, l.Languages)
		}
		if got := list(t, e, "", "lang=prs"); len(got) != 1 {
			t.Errorf("lang=prs: %q", got)
		}

		// Stored with prs before the code changed.
		both, onlyDari := post(t, e, reza, draft("Beide")), post(t, e, reza, draft("Nur Dari"))
		for _, q := range []string{
			"UPDATE listings SET content_lang = 'prs' WHERE id = '" + onlyDari.ID + "'",
			"DELETE FROM listing_languages WHERE listing_id IN ('" + both.ID + "', '" + onlyDari.ID + "')",
			"INSERT INTO listing_languages (listing_id, lang) VALUES ('" + both.ID + "', 'prs'), ('" + both.ID + "', 'fa'), ('" + onlyDari.ID + "', 'prs')",
		} {
			if _, err := e.P.DB.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		b := apptest.Module[*board.Module](t, e)
		saved, err := b.SaveSearch(ctx, reza.Identity(), "Dari", board.ParseFilter(url.Values{"q": {"Hilfe"}}))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.P.DB.ExecContext(ctx, "UPDATE saved_searches SET query = 'lang=prs&q=Hilfe' WHERE id = $1", saved.ID); err != nil {
			t.Fatal(err)
		}
		migration, err := fs.ReadFile(b.Migrations().FS, string(e.P.DB.Dialect())+"/003_persian.sql")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.P.DB.ExecContext(ctx, string(migration)); err != nil {
			t.Fatal(err)
		}
		for id, want := range map[string]string{both.ID: "de fa", onlyDari.ID: "fa fa"} {
			got, err := b.Get(ctx, reza.Identity(), id)
			if err != nil {
				t.Fatal(err)
			}
			if s := got.ContentLang + " " + strings.Join(got.Languages, ","); s != want {
				t.Errorf("%s after the migration: %q, want %q", got.Title, s, want)
			}
		}
		var query string
		if err := e.P.DB.QueryRowContext(ctx, "SELECT query FROM saved_searches WHERE id = $1", saved.ID).Scan(&query); err != nil || query != "lang=fa&q=Hilfe" {
			t.Errorf("saved search after the migration: %q %v", query, err)
		}
	})
}

// TestWordsFindWhatSearchFinds: /board?q= finds what /search finds, with
// the board's other filters unchanged: "Deutschkurs" finds the requests
// for a German course however they are written, and in other languages.
func TestWordsFindWhatSearchFinds(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		reza := e.NewPerson(t, "Reza", auth.Member)
		for _, d := range []struct{ title, lang, category string }{
			{"Suche Deutsch-Kurs für meine Mutter", "de", "german_lessons.courses"},
			{"Kurs für Deutsch am Abend gesucht", "de", "german_lessons.courses"},
			{"أبحث عن دورة لغة ألمانية", "ar", "german_lessons.courses"},
			{"Kinderfahrrad gesucht", "de", "goods.bicycles"},
		} {
			dr := draft(d.title)
			dr.Kind, dr.ContentLang, dr.Languages, dr.Category = board.Request, d.lang, []string{d.lang}, d.category
			post(t, e, reza, dr)
		}
		courses := []string{"Suche Deutsch-Kurs für meine Mutter", "Kurs für Deutsch am Abend gesucht", "أبحث عن دورة لغة ألمانية"}
		for _, q := range []string{"Deutschkurs", "deutschkurse", "Dutschkurs", "German course"} {
			got := list(t, e, "", "q="+url.QueryEscape(q))
			slices.Sort(got)
			want := slices.Sorted(slices.Values(courses))
			if !slices.Equal(got, want) {
				t.Errorf("q=%s: %q, want %q", q, got, want)
			}
		}
		page := e.Client(t).Get("/board?q=Deutschkurs").Body
		for _, title := range courses {
			if !strings.Contains(page, title) {
				t.Errorf("/board?q=Deutschkurs does not show %q", title)
			}
		}
		if strings.Contains(page, "Kinderfahrrad") {
			t.Error("/board?q=Deutschkurs shows the bicycle")
		}
		// The other filters still apply to what the words find.
		if got := list(t, e, "", "q=Deutschkurs&lang=ar"); len(got) != 1 || got[0] != courses[2] {
			t.Errorf("q=Deutschkurs&lang=ar: %q", got)
		}
		if got := list(t, e, "", "q=Deutschkurs&kind=offer"); len(got) != 0 {
			t.Errorf("q=Deutschkurs&kind=offer: %q", got)
		}
	})
}
