package search

import (
	"slices"
	"testing"
)

// meets reports whether a query word finds a document word in lang: one
// of the query word's variants is the document's term.
func meets(a *analyzer, query, docWord, lang string) bool {
	doc := a.analyzeDoc(normalizeText(docWord), "", lang, "", "")
	var q []string
	eachWord(normalizeText(query), "", func(w word) { q = a.variants(w.lower) })
	for _, v := range q {
		if _, ok := doc.terms[v]; ok {
			return true
		}
	}
	return false
}

func TestGermanFolding(t *testing.T) {
	a := newAnalyzer()
	for _, lang := range []string{"de", "en", "tr", "fa", ""} {
		for _, doc := range []string{"Müller", "Mueller", "Muller", "MÜLLER"} {
			for _, q := range []string{"Müller", "Mueller", "Muller", "müller"} {
				if !meets(a, q, doc, lang) {
					t.Errorf("%s document %q: query %q does not find it", lang, doc, q)
				}
			}
		}
		for _, pair := range [][2]string{{"Straße", "strasse"}, {"Strasse", "Straße"}, {"Göttingen", "Goettingen"}, {"café", "cafe"}} {
			if !meets(a, pair[1], pair[0], lang) {
				t.Errorf("%s document %q: query %q does not find it", lang, pair[0], pair[1])
			}
		}
	}
}

func TestStemming(t *testing.T) {
	a := newAnalyzer()
	cases := []struct{ lang, doc, query string }{
		{"de", "Wohnungen", "Wohnung"},
		{"de", "Fahrräder", "Fahrrad"},
		{"de", "Deutschkurse", "Deutschkurs"},
		{"de", "Laptops", "Laptop"}, // the plural s of loanwords
		{"de", "Handys", "Handy"},
		{"de", "Autos", "Auto"},
		{"en", "rooms", "room"},
		{"en", "running", "runs"},
		{"tr", "çocuklar", "çocuk"},
		{"tr", "kursları", "kurs"},
		{"tr", "daireler", "daire"},
		{"ar", "المساعدات", "مساعدة"},
		{"ar", "السكن", "سكن"},
		{"fa", "کتاب‌ها", "کتاب"},
		{"fa", "خانه‌ای", "خانه"},
		{"uk", "кімнати", "кімната"},
		{"uk", "діти", "дітей"},
		{"uk", "навчанні", "навчання"},
		{"uk", "квартири", "квартира"},
		{"uk", "допомогу", "допомога"},
		// Arabic plurals, sound and broken (the table of stem_light.go)
		{"ar", "دراجة", "دراجات"},
		{"ar", "الدراجات", "دراجة"},
		{"ar", "هاتف", "هواتف"},
		{"ar", "طبيب", "أطباء"},
		{"ar", "بيت", "البيوت"},
		{"ar", "سيارة", "سيارات"},
		// Farsi plurals with a ZWNJ, joined, and the plural written apart is a stopword
		{"fa", "دوچرخه", "دوچرخه‌ها"},
		{"fa", "کتاب", "کتابها"},
		{"fa", "تنها", "تنها"},
		// Ukrainian cases, and Russian spellings in queries
		{"uk", "велосипед", "велосипеда"},
		{"uk", "велосипедів", "велосипед"},
		{"uk", "німецька", "німецької"},
		{"uk", "домашнього", "домашнє"},
		{"uk", "завдань", "завдання"},
		{"uk", "переїздом", "переїзд"},
		{"uk", "переїзд", "переезд"},
		{"uk", "квартири", "квартиры"},
	}
	for _, c := range cases {
		if !meets(a, c.query, c.doc, c.lang) {
			t.Errorf("%s document %q: query %q does not find it", c.lang, c.doc, c.query)
		}
	}
}

func TestArabicFarsiNormalization(t *testing.T) {
	a := newAnalyzer()
	cases := []struct{ lang, doc, query string }{
		{"fa", "کمک", "كمك"},           // Farsi keheh / Arabic kaf
		{"fa", "زندگی", "زندگي"},       // Farsi yeh / Arabic yeh
		{"fa", "می‌خواهم", "میخواهم"},  // ZWNJ inside a word
		{"ar", "مُسَاعَدَة", "مساعدة"}, // harakat
		{"ar", "مســاعدة", "مساعدة"},   // tatweel
		{"ar", "أطفال", "اطفال"},       // alef with hamza
		{"ar", "إيجار", "ايجار"},
		{"ar", "آمال", "امال"},
		{"fa", "خانه", "خانة"}, // teh marbuta
		{"ar", "مستشفى", "مستشفي"},
	}
	for _, c := range cases {
		if !meets(a, c.query, c.doc, c.lang) {
			t.Errorf("%s document %q: query %q does not find it", c.lang, c.doc, c.query)
		}
	}
}

func TestWords(t *testing.T) {
	var got []string
	eachWord("Deutsch-Kurs, für Kinder! (Kassel'de) کتاب‌ها 34117", "de", func(w word) { got = append(got, w.lower) })
	want := []string{"deutsch", "kurs", "für", "kinder", "kassel", "de", "کتاب‌ها", "34117"}
	if !slices.Equal(got, want) {
		t.Errorf("words = %q, want %q", got, want)
	}
	got = nil
	eachWord("IŞIK İstanbul", "tr", func(w word) { got = append(got, w.lower) })
	if !slices.Equal(got, []string{"ışık", "istanbul"}) {
		t.Errorf("Turkish lower case = %q", got)
	}
}

func TestAnalyzeDocBuckets(t *testing.T) {
	a := newAnalyzer()
	d := a.analyzeDoc("Fahrrad zu verschenken", "Ein Fahrrad für Kinder, abzuholen in der Nordstadt.", "de", "Kassel", "34117")
	want := map[string]uint8{"fahrrad": bucketTitle, "verschenk": bucketTitle, "kind": bucketStrong, "kassel": bucketMeta, "34117": bucketMeta}
	for term, b := range want {
		if got, ok := d.terms[term]; !ok || got != b {
			t.Errorf("term %q: bucket %d (present %v), want %d; terms %v", term, got, ok, b, d.terms)
		}
	}
	for _, stop := range []string{"zu", "ein", "fur", "der", "in"} {
		if _, ok := d.terms[stop]; ok {
			t.Errorf("stopword %q indexed", stop)
		}
	}
	if len(d.seq) != 3+1+8 {
		t.Errorf("sequence has %d words, want 12", len(d.seq))
	}
}

// TestFarsiNotPlural: a word that only ends like a plural keeps its end.
func TestFarsiNotPlural(t *testing.T) {
	if got := stemFarsi(nil, "تنها"); got != "تنها" {
		t.Errorf("تنها stemmed to %q", got)
	}
	if meets(newAnalyzer(), "تن", "تنها", "fa") {
		t.Error("تن finds تنها")
	}
}
