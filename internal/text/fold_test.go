package text

import (
	"slices"
	"testing"
)

// TestFoldMeets pins the rules with what people of each interface
// language type: every spelling of a group folds alike.
func TestFoldMeets(t *testing.T) {
	groups := map[string][][]string{
		"de": {
			{"Müller", "Mueller", "Muller", "MÜLLER", "MUELLER", " müller "},
			{"Fahrräder", "Fahrraeder", "Fahrrader", "FAHRRÄDER"},
			{"Straße", "Strasse", "STRASSE", "STRAẞE"},
			{"Führerschein", "Fuehrerschein", "Fuhrerschein"},
			{"Ärztin", "Aerztin", "Arztin"},
			{"Köln", "Koeln", "Koln"},
		},
		"en": {
			{"Café", "cafe", "CAFÉ"},
			{"naïve", "naive"},
			{"ﬁle", "file"}, // a ligature from a PDF
			{"Ｋassel", "Kassel"},
		},
		"ar": {
			{"علي", "علی", "على"},                    // Arabic yeh, Farsi yeh, alef maksura
			{"كتاب", "کتاب"},                         // kaf and keheh
			{"احمد", "أحمد", "إحمد", "آحمد", "ٱحمد"}, // alef forms
			{"سكن", "سـكـن", "ســـكن"},               // tatweel
			{"سكن", "سَكَنٌ", "سُكْن"},               // harakat
			{"مدرسة", "مدرسه"},                       // teh marbuta
			{"سوال", "سؤال"},                         // waw with hamza
			{"مستشفى", "مستشفي"},
			{"لا", "ﻻ"}, // a presentation form
			{"123", "١٢٣"},
		},
		"fa": {
			{"زندگی", "زندگي"}, // Farsi and Arabic yeh
			{"کمک", "كمك"},     // keheh and kaf
			{"میخواهم", "می\u200cخواهم", "می\u200dخواهم"}, // ZWNJ, ZWJ
			{"خانه", "خانة"},
			{"۱۲۳", "123", "١٢٣"},
		},
		"uk": {
			{"сімя", "сім'я", "сімʼя", "сім’я"},
			{"іжа", "їжа", "Їжа"},
			{"Київ", "КИЇВ", "київ"},
			{"елка", "ёлка"},
		},
		"tr": {
			{"kiralik", "kiralık", "KİRALIK", "Kiralık"},
			{"sisli", "Şişli"},
			{"Gunes", "Güneş", "GÜNEŞ"},
			{"cocuk", "çocuk", "Çocuk"},
		},
	}
	for lang, list := range groups {
		for _, group := range list {
			want := Fold(group[0])
			for _, s := range group[1:] {
				if got := Fold(s); got != want {
					t.Errorf("%s: Fold(%q) = %q, want %q as for %q", lang, s, got, want, group[0])
				}
			}
		}
	}
}

func TestFoldResults(t *testing.T) {
	for s, want := range map[string]string{
		"Müller": "muller", "Fahrräder": "fahrrader", "Straße": "strasse", "ЙОД": "йод", "Ўзбек": "ўзбек",
		"أحمد": "احمد", "شقة": "شقه", "ی": "\u064a", "ک": "\u0643", "Ünal": "unal", "": "",
		"  Frankfurt \t am\nMain ": "frankfurt am main", "e.V.": "e.v.", "a\u00a0b": "a b",
	} {
		if got := Fold(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
	// Cyrillic й and ў are letters, not и and у with an accent.
	if FoldWord("йод") != "йод" || FoldWord("Ўзбек") != "ўзбек" {
		t.Errorf("й or ў lost: %q %q", FoldWord("йод"), FoldWord("Ўзбек"))
	}
}

// TestFoldWord: the word rules without the text rules; apostrophes stay
// (a word does not contain them where search cuts words).
func TestFoldWord(t *testing.T) {
	for w, want := range map[string]string{
		"müller": "muller", "MUELLER": "muller", "aee": "a", "queue": "quu", "ışık": "isik",
		"می\u200cخواهم": "ميخواهم", "مســاعدة": "مساعده", "۳۴۱۱۷": "34117", "сімʼя": "сімʼя",
	} {
		if got := FoldWord(w); got != want {
			t.Errorf("FoldWord(%q) = %q, want %q", w, got, want)
		}
	}
}

func TestFoldIdempotent(t *testing.T) {
	for _, s := range []string{"Müller", "aee", "Queue", "Straße", "أحمد", "сім'я", "Kaffee", "ŒUVRE", "ŉ", "ﬁ", "ёлка", "ﻻ", "Kur´an"} {
		if f := Fold(s); Fold(f) != f {
			t.Errorf("Fold is not idempotent on %q: %q then %q", s, f, Fold(f))
		}
		if f := FoldWord(s); FoldWord(f) != f {
			t.Errorf("FoldWord is not idempotent on %q: %q then %q", s, f, FoldWord(f))
		}
		if k := Key(s); Key(k) != k {
			t.Errorf("Key is not idempotent on %q: %q then %q", s, k, Key(k))
		}
	}
}

func TestWordsAndKey(t *testing.T) {
	for s, want := range map[string][]string{
		"Suche: eine Wohnung, in Kassel!": {"suche", "eine", "wohnung", "in", "kassel"},
		"B1-Prüfung":                      {"b1", "prufung"},
		"St. Anna-Haus":                   {"st", "anna", "haus"},
		"Kur'an kursu (Ankara'da)":        {"kuran", "kursu", "ankarada"},
		"می‌خواهم، کتاب‌ها":               {"ميخواهم", "كتابها"},
		"Допомога дітям — Київ":           {"допомога", "дітям", "киів"},
		"":      nil,
		" ,;! ": nil,
	} {
		if got := Words(s); !slices.Equal(got, want) {
			t.Errorf("Words(%q) = %q, want %q", s, got, want)
		}
	}
	if got := Key("  Fahrräder für Kinder – Kassel-Wehlheiden "); got != "fahrrader fur kinder kassel wehlheiden" {
		t.Errorf("Key: %q", got)
	}
	if Key("St. Anna") != Key("st anna") {
		t.Error("punctuation changes the key")
	}
}

func TestWithoutArticle(t *testing.T) {
	for w, want := range map[string]string{
		"السكن":     "سكن",
		"للاطفال":   "اطفال",
		"الالمانيه": "مانيه", // the article, then what looks like one: as both sides lose it, no harm
		"الم":       "الم",   // too short to lose an article
		"wohnung":   "wohnung",
	} {
		if got := WithoutArticle(w); got != want {
			t.Errorf("WithoutArticle(%q) = %q, want %q", w, got, want)
		}
	}
}
