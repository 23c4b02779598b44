package taxonomy

import (
	"slices"
	"testing"
)

func TestFold(t *testing.T) {
	for _, group := range [][]string{
		{"Müller", "Mueller", "Muller", "MÜLLER", "MUELLER", " müller "},
		{"Straße", "Strasse", "STRASSE", "straße"},
		{"Führerschein", "Fuehrerschein", "Fuhrerschein"},
		{"Ärztin", "Aerztin", "Arztin"},
		{"Köln", "Koeln", "Koln"},
		{"علي", "علی", "على"},                         // Arabic yeh, Farsi yeh, alef maksura
		{"كتاب", "کتاب"},                              // Arabic and Farsi kaf
		{"احمد", "أحمد", "إحمد", "آحمد", "ٱحمد"},      // alef forms
		{"سكن", "سـكـن", "ســـكن"},                    // tatweel
		{"سكن", "سَكَنٌ", "سُكْن"},                    // harakat
		{"مدرسة", "مدرسه"},                            // teh marbuta
		{"سوال", "سؤال"},                              // waw with hamza
		{"میخواهم", "می\u200cخواهم", "می\u200dخواهم"}, // ZWNJ, ZWJ
		{"kiralik", "kiralık", "KİRALIK", "Kiralık"},
		{"sisli", "Şişli"},
		{"сімя", "сім'я", "сімʼя", "сім’я"},
		{"іжа", "їжа", "Їжа"},
		{"елка", "ёлка"},
		{"123", "۱۲۳", "١٢٣"},
		{"a b", "  a \t b  ", "a\u00a0b"},
	} {
		want := Fold(group[0])
		for _, s := range group[1:] {
			if got := Fold(s); got != want {
				t.Errorf("Fold(%q) = %q, want %q as for %q", s, got, want, group[0])
			}
		}
	}
	for s, want := range map[string]string{
		"Müller": "muller", "Straße": "strasse", "ЙОД": "йод", "Ўзбек": "ўзбек", "أحمد": "احمد",
		"شقة": "شقه", "ی": "\u064a", "ک": "\u0643", "Ünal": "unal", "": "",
	} {
		if got := Fold(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
	for _, s := range []string{"Müller", "aee", "Queue", "Straße", "أحمد", "сім'я", "Kaffee", "ŒUVRE"} {
		if f := Fold(s); Fold(f) != f {
			t.Errorf("Fold is not idempotent on %q: %q then %q", s, f, Fold(f))
		}
	}
}

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
