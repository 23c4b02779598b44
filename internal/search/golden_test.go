package search

import (
	"database/sql"
	"fmt"
	"slices"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

// goldenDocs is a small multilingual corpus, in the order it is indexed
// (later is newer).
func goldenDocs() []searchdoc.Doc {
	fest := time.Date(2026, 6, 20, 14, 0, 0, 0, time.UTC)
	festEnd := fest.Add(4 * time.Hour)
	pledgeEnd := time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC)
	return []searchdoc.Doc{
		{Type: "organization", ID: "o-caritas", Title: "Caritas Kassel – Beratung für Geflüchtete", Lang: "de",
			Body:     "Wir beraten zu Asyl, Aufenthalt und Familiennachzug. Sprechstunde jeden Dienstag.",
			Category: "legal_advice.asylum_counselling", OrgKind: "welfare_association", Verified: true, Langs: []string{"ar", "fa"}},
		{Type: "offer", ID: "de-wohnung", Title: "Möblierte Wohnung in Kassel", Lang: "de", Category: "housing",
			Body: "Zwei Zimmer, Küche, Bad. Ab sofort für eine Familie frei.", Place: "Kassel"},
		{Type: "request", ID: "en-flat", Title: "Looking for a flat for my family", Lang: "en", Category: "housing",
			Body: "We are four people and need an apartment near the city centre."},
		{Type: "request", ID: "ar-sakan", Title: "أبحث عن سكن لعائلتي", Lang: "ar", Category: "housing",
			Body: "نحن عائلة من خمسة أشخاص ونبحث عن شقة في كاسل."},
		{Type: "request", ID: "uk-zhytlo", Title: "Шукаю житло для мами", Lang: "uk", Category: "housing",
			Body: "Потрібна кімната або невелика квартира, бажано поруч із зупинкою."},
		{Type: "offer", ID: "fa-khane", Title: "کمک در پیدا کردن خانه", Lang: "fa", Category: "housing.flat_search",
			Body: "من می‌توانم در نوشتن نامه به صاحب‌خانه‌ها کمک کنم."},
		{Type: "offer", ID: "de-mueller", Title: "Fahrradwerkstatt bei Familie Müller", Lang: "de", Category: "mobility.bike_repair",
			Body: "Herr Mueller repariert Fahrräder kostenlos, jeden Samstag in der Garage."},
		{Type: "offer", ID: "tr-bisiklet", Title: "Çocuklar için bisiklet", Lang: "tr", Category: "goods.bicycles",
			Body: "İki çocuk bisikleti hediye ediyorum. Straße der Einheit'te teslim."},
		{Type: "opportunity", ID: "de-deutschkurs", Title: "Ehrenamtliche für Deutschkurs gesucht", Lang: "de",
			Body:     "Unser Sprachcafé sucht Menschen, die mit Geflüchteten Deutsch sprechen. Hilfe beim Umzug ist kein Thema.",
			Category: "german_lessons.conversation", OrgKind: "volunteer_agency", Verified: true},
		{Type: "request", ID: "en-umzug", Title: "Help with moving house", Lang: "en", Category: "everyday.moving",
			Body: "Need two strong people to help carry furniture on Saturday."},
		{Type: "offer", ID: "de-umzug", Title: "Hilfe beim Umzug", Lang: "de", Category: "everyday.moving", Langs: []string{"ar"},
			Body: "Ich habe einen Transporter und helfe gern beim Umzug."},
		{Type: "request", ID: "de-members", Title: "Begleitung zur Ausländerbehörde", Lang: "de", Category: "translation.authorities",
			Body: "Vertrauliche Begleitung zum Termin gesucht.", Visibility: searchdoc.Members},
		{Type: "request", ID: "de-verified", Title: "Unterkunft für Frau mit Kindern", Lang: "de", Category: "housing.temporary",
			Body: "Sichere Wohnung dringend gesucht.", Visibility: searchdoc.Verified},
		{Type: "offer", ID: "de-expired", Title: "Wohnung zur Zwischenmiete", Lang: "de", Category: "housing.temporary",
			Body: "Abgelaufenes Angebot.", ExpiresAt: ptr(start.Add(time.Hour))},
		{Type: "offer", ID: "de-deleted", Title: "Wohnung in Göttingen", Lang: "de", Category: "housing", Body: "Wird gelöscht."},
		{Type: "event", ID: "ev-fest", Title: "Sommerfest der Kulturen", Lang: "de", Category: "leisure.culture",
			Body: "Musik, Essen und Spiele für Kinder.", Start: &fest, End: &festEnd, Deadline: &fest, ExpiresAt: &festEnd},
		{Type: "pledge", ID: "pl-fahrrad", Title: "Wir spenden 20 Fahrräder, wenn 10 Menschen bei der Reparatur helfen", Lang: "de",
			Body: "Gebrauchte Räder werden verkehrssicher gemacht.", Category: "mobility.bike_repair", Deadline: &pledgeEnd},
		{Type: "offer", ID: "de-phrase", Title: "Deutsch lernen im Park", Lang: "de", Category: "german_lessons.conversation",
			Body: "Wir lernen Deutsch beim Spazieren im Park."},
		{Type: "offer", ID: "de-phrase2", Title: "Park und Deutsch", Lang: "de", Category: "german_lessons",
			Body: "Lernen im Garten, Deutsch sprechen."},
	}
}

// golden is a query with the documents it must find, in order.
type golden struct {
	q      Query
	viewer Viewer
	want   []string
}

var housing = []string{"fa-khane", "uk-zhytlo", "ar-sakan", "en-flat", "de-wohnung"}

func without(list []string, drop string) []string {
	return slices.DeleteFunc(slices.Clone(list), func(s string) bool { return s == drop })
}

var goldenSet = []golden{
	// Cross-language synonyms: a word naming housing in any language finds
	// the housing listings whatever their language, the word's own first.
	{Query{Q: "Wohnung"}, Anyone, append([]string{"de-wohnung"}, without(housing, "de-wohnung")...)},
	{Query{Q: "Wohnung"}, Trusted, append([]string{"de-wohnung", "de-verified"}, without(housing, "de-wohnung")...)},
	{Query{Q: "flat"}, Anyone, append([]string{"en-flat"}, without(housing, "en-flat")...)},
	{Query{Q: "سكن"}, Anyone, append([]string{"ar-sakan"}, without(housing, "ar-sakan")...)},
	{Query{Q: "житло"}, Anyone, append([]string{"uk-zhytlo"}, without(housing, "uk-zhytlo")...)},
	{Query{Q: "Wohnungen"}, Anyone, append([]string{"de-wohnung"}, without(housing, "de-wohnung")...)},
	// German folding.
	{Query{Q: "Mueller"}, Anyone, []string{"de-mueller"}},
	{Query{Q: "Muller"}, Anyone, []string{"de-mueller"}},
	{Query{Q: "MÜLLER"}, Anyone, []string{"de-mueller"}},
	{Query{Q: "Strasse"}, Anyone, []string{"tr-bisiklet"}},
	{Query{Q: "Fahrrader"}, Anyone, []string{"pl-fahrrad", "de-mueller", "tr-bisiklet"}}, // and bicycles in Turkish
	// Arabic and Farsi normalization.
	{Query{Q: "كاسل"}, Anyone, []string{"ar-sakan"}},
	{Query{Q: "كمك"}, Anyone, []string{"fa-khane"}},
	{Query{Q: "صاحبخانه"}, Anyone, []string{"fa-khane"}},
	{Query{Q: "عائلة"}, Anyone, []string{"ar-sakan"}},
	// Stemming.
	{Query{Q: "Kind"}, Anyone, []string{"ev-fest"}},
	{Query{Q: "çocuk"}, Anyone, []string{"tr-bisiklet"}},
	{Query{Q: "кімнати"}, Anyone, append([]string{"uk-zhytlo"}, without(housing, "uk-zhytlo")...)}, // the plural of the synonym кімната
	{Query{Q: "зупинки"}, Anyone, []string{"uk-zhytlo"}},
	// Phrases, exclusion, prefixes.
	{Query{Q: `"Deutsch lernen"`}, Anyone, []string{"de-phrase"}},
	{Query{Q: "Deutsch lernen"}, Anyone, []string{"de-phrase", "de-phrase2", "de-deutschkurs"}}, // a name of German lessons
	{Query{Q: "Umzug -Transporter"}, Anyone, []string{"de-deutschkurs", "en-umzug"}},
	{Query{Q: "Fahrrad*"}, Anyone, []string{"pl-fahrrad", "de-mueller"}},
	// Visibility, expiry, deletion.
	{Query{Q: "Ausländerbehörde"}, Anyone, []string{}},
	{Query{Q: "Ausländerbehörde"}, Member, []string{"de-members"}},
	{Query{Q: "Zwischenmiete"}, Trusted, []string{}},
	{Query{Q: "Göttingen"}, Trusted, []string{}},
	// Filters and orders.
	{Query{Types: []string{"event"}}, Anyone, []string{"ev-fest"}},
	{Query{Category: "mobility"}, Anyone, []string{"pl-fahrrad", "de-mueller"}},
	{Query{Category: "mobility", Facets: true}, Anyone, []string{"pl-fahrrad", "de-mueller"}},
	{Query{Types: []string{"event", "pledge"}, Sort: SortEnding}, Anyone, []string{"pl-fahrrad", "ev-fest"}},
	{Query{From: ptr(time.Date(2026, 6, 20, 0, 0, 0, 0, time.UTC)), To: ptr(time.Date(2026, 6, 20, 0, 0, 0, 0, time.UTC))}, Anyone, []string{"ev-fest"}},
	{Query{From: ptr(time.Date(2026, 6, 21, 0, 0, 0, 0, time.UTC))}, Anyone, []string{}},
	{Query{Lang: "uk"}, Anyone, []string{"uk-zhytlo"}},
	{Query{Lang: "ar"}, Anyone, []string{"de-umzug", "ar-sakan", "o-caritas"}},
	{Query{Q: "Hilfe", Types: []string{"offer"}}, Anyone, []string{"de-umzug"}},
	{Query{OrgKind: "volunteer_agency"}, Anyone, []string{"de-deutschkurs"}},
	{Query{Verified: true}, Anyone, []string{"de-deutschkurs", "o-caritas"}},
	{Query{Q: "Geflüchtete", Sort: SortNewest}, Anyone, []string{"de-deutschkurs", "o-caritas"}},
}

// loadGolden indexes the corpus as the tests expect it: one document
// deleted, the expired one's hour passed.
func loadGolden(e *env) {
	for _, d := range goldenDocs() {
		e.clock.Advance(time.Minute)
		e.put(d)
	}
	e.delete("offer", "de-deleted")
	e.clock.Set(start.Add(2 * time.Hour))
}

// TestGolden runs the golden query set on both databases: each must find
// the documents expected, in order, and both engines the same.
func TestGolden(t *testing.T) {
	results := map[string]map[string][]string{}
	for _, dialect := range dbtest.Dialects {
		t.Run(string(dialect), func(t *testing.T) {
			e := newEnv(t, dialect)
			loadGolden(e)
			got := map[string][]string{}
			for _, g := range goldenSet {
				r := e.expect(g.q, g.viewer, g.want...)
				got[fmt.Sprintf("%s viewer=%d", describe(g.q), g.viewer)] = ids(r)
			}
			results[string(dialect)] = got
		})
	}
	if len(results) == 2 {
		for k, v := range results["sqlite"] {
			if w := results["postgres"][k]; !slices.Equal(v, w) {
				t.Errorf("%s: SQLite %v, PostgreSQL %v", k, v, w)
			}
		}
	}
}

func TestTypoFallback(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		loadGolden(e)
		r := e.expect(Query{Q: "Fahrrat"}, Anyone, "pl-fahrrad", "de-mueller", "tr-bisiklet")
		if r.Corrected != "Fahrräder" {
			t.Errorf("corrected = %q, want Fahrräder (the word as the first result writes it)", r.Corrected)
		}
		r = e.expect(Query{Q: "Sommerfest Kultr"}, Anyone, "ev-fest")
		if r.Corrected != "Sommerfest Kulturen" {
			t.Errorf("corrected = %q, want Sommerfest Kulturen", r.Corrected)
		}
		// The pages of a corrected search go on with the corrected words.
		r = e.search(Query{Q: "Fahrrat", Limit: 2, Facets: true}, Anyone)
		if r.Corrected != "Fahrräder" || r.Total != 3 || r.Next == "" {
			t.Fatalf("first page: corrected %q, total %d, next %q", r.Corrected, r.Total, r.Next)
		}
		r2 := e.search(Query{Q: "Fahrrat", Limit: 2, Facets: true, Cursor: r.Next}, Anyone)
		if got := ids(r2); !slices.Equal(got, []string{"tr-bisiklet"}) || r2.Corrected == "" {
			t.Errorf("second page: %v, corrected %q", got, r2.Corrected)
		}
		e.m.SetFacetCache(0) // and without counts kept from the first page
		if got := ids(e.search(Query{Q: "Fahrrat", Limit: 2, Facets: true, Cursor: r.Next}, Anyone)); !slices.Equal(got, []string{"tr-bisiklet"}) {
			t.Errorf("second page, counted again: %v", got)
		}
		// A query that finds enough is left alone.
		if r := e.search(Query{Q: "Wohnung"}, Anyone); r.Corrected != "" {
			t.Errorf("Wohnung corrected to %q", r.Corrected)
		}
		// Nothing near enough: nothing found, nothing claimed.
		if r := e.search(Query{Q: "Xylophonorchester"}, Anyone); len(r.Hits) != 0 || r.Corrected != "" {
			t.Errorf("Xylophonorchester: %v, corrected %q", ids(r), r.Corrected)
		}
	})
}

func TestFacets(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		loadGolden(e)
		r := e.search(Query{Q: "Wohnung", Facets: true, Types: []string{"offer"}}, Anyone)
		if got := ids(r); !slices.Equal(got, []string{"de-wohnung", "fa-khane"}) {
			t.Errorf("offers: %v", got)
		}
		if r.Total != 2 {
			t.Errorf("total %d, want 2", r.Total)
		}
		want := map[string]int{"offer": 2, "request": 3}
		for _, f := range r.Types {
			if f.Count != want[f.Value] || f.Selected != (f.Value == "offer") {
				t.Errorf("type facet %+v", f)
			}
		}
		if len(r.Types) != 2 {
			t.Errorf("type facets %+v", r.Types)
		}
		if len(r.Categories) != 1 || r.Categories[0] != (FacetValue{Value: "housing", Count: 2}) {
			t.Errorf("category facets %+v", r.Categories)
		}
		langs := map[string]int{}
		for _, f := range r.Languages {
			langs[f.Value] = f.Count
		}
		if fmt.Sprint(langs) != fmt.Sprint(map[string]int{"de": 1, "fa": 1}) {
			t.Errorf("language facets %v", langs)
		}
		// Choosing a subcategory shows its siblings' counts.
		r = e.search(Query{Q: "Wohnung", Facets: true, Category: "housing.flat_search"}, Anyone)
		if got := ids(r); !slices.Equal(got, []string{"fa-khane"}) {
			t.Errorf("flat search: %v", got)
		}
		if len(r.Subcategories) != 1 || r.Subcategories[0] != (FacetValue{Value: "housing.flat_search", Count: 1, Selected: true}) {
			t.Errorf("subcategories %+v", r.Subcategories)
		}
		if len(r.Categories) != 1 || r.Categories[0].Count != 5 {
			t.Errorf("categories %+v", r.Categories)
		}
	})
}

func TestPages(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		loadGolden(e)
		for _, q := range []Query{{}, {Q: "Wohnung"}, {Sort: SortEnding}, {Q: "für", Facets: true}} {
			all := ids(e.search(Query{Q: q.Q, Sort: q.Sort, Limit: 100}, Trusted))
			var paged []string
			q.Limit = 3
			for i := 0; i < 20; i++ {
				r := e.search(q, Trusted)
				paged = append(paged, ids(r)...)
				if r.Next == "" {
					break
				}
				q.Cursor = r.Next
			}
			if !slices.Equal(all, paged) {
				t.Errorf("%s: pages give %v, one page %v", describe(q), paged, all)
			}
		}
		if _, err := e.m.Search(t.Context(), Query{Cursor: "bogus"}, Anyone); err == nil {
			t.Error("a bogus cursor was accepted")
		}
	})
}

func TestChangesShowAtOnce(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		loadGolden(e)
		e.expect(Query{Q: "Zauberwürfel"}, Anyone)
		e.put(searchdoc.Doc{Type: "offer", ID: "new", Title: "Zauberwürfel", Body: "Zauberwürfel für Kinder", Lang: "de"})
		e.expect(Query{Q: "Zauberwürfel"}, Anyone, "new")
		// An edit changes what is found.
		e.put(searchdoc.Doc{Type: "offer", ID: "new", Title: "Spieleabend", Body: "Treffen am Montag", Lang: "de"})
		e.expect(Query{Q: "Zauberwürfel"}, Anyone)
		e.expect(Query{Q: "Montag"}, Anyone, "new")
		// Made members-only: gone for visitors at once.
		e.put(searchdoc.Doc{Type: "offer", ID: "new", Title: "Spieleabend", Body: "Treffen am Montag", Lang: "de", Visibility: searchdoc.Members})
		e.expect(Query{Q: "Montag"}, Anyone)
		e.expect(Query{Q: "Montag"}, Member, "new")
		e.delete("offer", "new")
		e.expect(Query{Q: "Montag"}, Member)
		// Put again after a deletion, it is back.
		e.put(searchdoc.Doc{Type: "offer", ID: "new", Title: "Spieleabend", Body: "Treffen am Montag", Lang: "de"})
		e.expect(Query{Q: "Montag"}, Anyone, "new")
	})
}

// TestRebuild builds the index of the golden corpus at once and finds
// what documents put one by one find.
func TestRebuild(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		var docs []searchdoc.Doc
		for _, d := range goldenDocs() {
			if d.ID == "de-deleted" {
				continue
			}
			e.clock.Advance(time.Minute)
			d.CreatedAt, d.UpdatedAt = e.clock.Now(), e.clock.Now()
			if d.Visibility == "" {
				d.Visibility = searchdoc.Public
			}
			docs = append(docs, d)
		}
		e.clock.Set(start.Add(2 * time.Hour))
		st, err := e.m.Rebuild(t.Context(), func(yield func(searchdoc.Doc) error) error {
			for _, d := range docs {
				if err := yield(d); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if st.Docs != len(docs) || st.Terms == 0 || st.Blocks == 0 {
			t.Errorf("stats %+v", st)
		}
		other := newEnv(t, e.d.Dialect())
		other.clock.Set(start)
		for _, d := range docs {
			other.put(d)
		}
		other.clock.Set(start.Add(2 * time.Hour))
		for _, g := range goldenSet {
			if got, want := ids(e.search(g.q, g.viewer)), ids(other.search(g.q, g.viewer)); !slices.Equal(got, want) {
				t.Errorf("%s: rebuilt %v, put %v", describe(g.q), got, want)
			}
		}
		// The rebuilt index takes changes as usual.
		e.put(searchdoc.Doc{Type: "offer", ID: "after", Title: "Zauberwürfel", Lang: "de"})
		e.expect(Query{Q: "Zauberwürfel"}, Anyone, "after")
		e.delete("offer", "de-wohnung")
		e.expect(Query{Q: "Möblierte"}, Anyone)
	})
}

// TestCountsFollowChanges: counts kept from a query are not reused once
// the index changed or a document counted has run out.
func TestCountsFollowChanges(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		loadGolden(e)
		total := func() int {
			t.Helper()
			r := e.search(Query{Q: "Wohnung", Facets: true}, Anyone)
			again := e.search(Query{Q: "Wohnung", Facets: true, Limit: 2}, Anyone)
			if again.Total != r.Total || fmt.Sprint(again.Facets) != fmt.Sprint(r.Facets) {
				t.Errorf("the same query counts %d %v, then %d %v", r.Total, r.Facets, again.Total, again.Facets)
			}
			return r.Total
		}
		if n := total(); n != 5 {
			t.Fatalf("total %d, want 5", n)
		}
		e.put(searchdoc.Doc{Type: "offer", ID: "w2", Title: "Wohnung frei", Lang: "de"})
		if n := total(); n != 6 {
			t.Errorf("after a new one: total %d, want 6", n)
		}
		soon := e.clock.Now().Add(time.Minute)
		e.put(searchdoc.Doc{Type: "offer", ID: "w3", Title: "Wohnung kurz frei", Lang: "de", ExpiresAt: &soon})
		if n := total(); n != 7 {
			t.Errorf("after another: total %d, want 7", n)
		}
		e.clock.Advance(2 * time.Minute)
		if n := total(); n != 6 {
			t.Errorf("after one ran out: total %d, want 6", n)
		}
	})
}

// TestConcurrentWriters: writers in transactions of their own take turns
// on the index (no deadlock on PostgreSQL), readers meanwhile see
// consistent pages, and in the end everything is found.
func TestConcurrentWriters(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		const writers, each = 4, 15
		errs := make(chan error, writers+2)
		done := make(chan struct{})
		for w := range writers {
			go func() {
				for i := range each {
					d := searchdoc.Doc{Type: "offer", ID: fmt.Sprintf("w%d-%d", w, i), Title: fmt.Sprintf("Nachbarschaftshilfe Runde %d", i),
						Body: "Gemeinsam einkaufen und Briefe lesen.", Lang: "de", Category: "everyday", Visibility: searchdoc.Public,
						CreatedAt: start, UpdatedAt: start}
					if err := e.d.Tx(t.Context(), func(tx *sql.Tx) error { return e.m.Put(t.Context(), tx, d) }); err != nil {
						errs <- err
						return
					}
				}
				errs <- nil
			}()
		}
		for range 2 {
			go func() {
				for {
					select {
					case <-done:
						errs <- nil
						return
					default:
					}
					if _, err := e.m.Search(t.Context(), Query{Q: "Nachbarschaftshilfe", Facets: true}, Anyone); err != nil {
						errs <- err
						return
					}
				}
			}()
		}
		for range writers {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		close(done)
		for range 2 {
			if err := <-errs; err != nil {
				t.Fatal(err)
			}
		}
		r := e.search(Query{Q: "Nachbarschaftshilfe", Facets: true, Limit: 100}, Anyone)
		if r.Total != writers*each || len(r.Hits) != writers*each {
			t.Errorf("found %d (total %d), want %d", len(r.Hits), r.Total, writers*each)
		}
	})
}
