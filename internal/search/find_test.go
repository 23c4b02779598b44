package search

import (
	"context"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/searchdoc"
)

// TestFind: what a module asks of search with words and its filters, the
// best first, whoever may see it; the filters narrow before the limit, so
// the best match that passes them is found however many match the words.
func TestFind(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		loadGolden(e)
		ask := func(q string, f searchdoc.FindFilter, limit int) []string {
			t.Helper()
			found, err := e.m.Find(context.Background(), q, f, limit)
			if err != nil {
				t.Fatalf("find %q: %v", q, err)
			}
			out := []string{}
			for _, m := range found {
				out = append(out, m.Type+":"+m.ID)
			}
			return out
		}
		want := func(what string, got []string, ids ...string) {
			t.Helper()
			if len(got) != len(ids) {
				t.Errorf("%s: %v, want %v", what, got, ids)
				return
			}
			for i := range ids {
				if got[i] != ids[i] {
					t.Errorf("%s: %v, want %v", what, got, ids)
					return
				}
			}
		}
		listings := []string{"offer", "request", "opportunity"}
		// A German word finds housing in every language, the word's own first.
		got := ask("Wohnung", searchdoc.FindFilter{Types: listings}, 10)
		if len(got) < 5 || got[0] != "offer:de-wohnung" {
			t.Errorf("Wohnung: %v", got)
		}
		// Visibility is the caller's: the verified-only listing is among them.
		want("Unterkunft, verified", ask("Unterkunft", searchdoc.FindFilter{Types: listings, Category: "housing.temporary"}, 10),
			"request:de-verified")
		// The filter narrows before the limit.
		want("Wohnung in Ukrainian", ask("Wohnung", searchdoc.FindFilter{Types: listings, Lang: "uk"}, 1), "request:uk-zhytlo")
		want("Umzug offers", ask("Umzug", searchdoc.FindFilter{Types: []string{"offer"}}, 10), "offer:de-umzug")
		// Corrected when the words find little, as in a search.
		want("Fahrrat", ask("Fahrrat", searchdoc.FindFilter{Types: []string{"pledge"}}, 10), "pledge:pl-fahrrad")
		// No words, no answer.
		want("stopwords only", ask("-Umzug", searchdoc.FindFilter{}, 10))
		e.clock.Advance(time.Hour)
	})
}
