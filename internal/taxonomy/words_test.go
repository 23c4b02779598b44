package taxonomy

import (
	"slices"
	"testing"
)

func TestWords(t *testing.T) {
	for s, want := range map[string][]string{
		"Suche: eine Wohnung, in Kassel!": {"suche", "eine", "wohnung", "in", "kassel"},
		"E-Mail":                          {"e", "mail"},
		"السكن":                           {"سكن"},
		"للأطفال":                         {"اطفال"},
		"الألمانية":                       {"مانيه"},
		"ألمانية":                         {"مانيه"},
		"المانية":                         {"مانيه"},
		"ألم":                             {"الم"}, // too short to lose an article
		"می‌خواهم":                        {"ميخواهم"},
		"B1-Prüfung":                      {"b1", "prufung"},
	} {
		if got := words(s); !slices.Equal(got, want) {
			t.Errorf("words(%q) = %q, want %q", s, got, want)
		}
	}
}
