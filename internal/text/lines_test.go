package text

import (
	"reflect"
	"testing"
)

func TestOneLine(t *testing.T) {
	for s, want := range map[string]string{
		"  Fahrrad \t zu\r\nverschenken ": "Fahrrad zu verschenken",
		"دورة  لغة\nألمانية":              "دورة لغة ألمانية",
		"کلاس\u00a0زبان":                  "کلاس زبان",
		"":                                "",
	} {
		if got := OneLine(s); got != want {
			t.Errorf("OneLine(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestMultiLine(t *testing.T) {
	for s, want := range map[string]string{
		"\r\n Zeile eins\r\nZeile zwei\rDrei \n": "Zeile eins\nZeile zwei\nDrei",
		"Рядок\n\nще один":                       "Рядок\n\nще один",
	} {
		if got := MultiLine(s); got != want {
			t.Errorf("MultiLine(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestParagraphs(t *testing.T) {
	for s, want := range map[string][][]string{
		"Hallo\nzusammen\n\nZweiter Absatz": {{"Hallo", "zusammen"}, {"Zweiter Absatz"}},
		"Hello\r\n\r\n\r\n  world  \r\n":    {{"Hello"}, {"world"}},
		"مرحبا\n \t \nسلام":                 {{"مرحبا"}, {"سلام"}},
		"Merhaba\n":                         {{"Merhaba"}},
		"Привіт\rсвіт":                      {{"Привіт", "світ"}},
		"\n\n":                              nil,
		"":                                  nil,
	} {
		if got := Paragraphs(s); !reflect.DeepEqual(got, want) {
			t.Errorf("Paragraphs(%q) = %q, want %q", s, got, want)
		}
	}
}
