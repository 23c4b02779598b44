package geo

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// fold returns the form in which names are stored and compared: lower case;
// ß as ss; accents and umlauts dropped; an umlaut written with e ("oe") as
// the bare vowel, unless a vowel comes before it (Neuenkirchen, Bauer and
// Aue keep their e); every run of other characters as one space; the word
// "st" as "sankt". So Göttingen, Goettingen and Gottingen fold alike, and
// "St. Wendel" like "Sankt Wendel".
func fold(s string) string {
	return words(dropUmlautE(stripMarks(strings.ReplaceAll(strings.ToLower(s), "ß", "ss"))))
}

// spell is the finer form that tells apart names fold makes equal: umlauts
// written ae, oe, ue (Münster = Muenster, not Munster).
func spell(s string) string {
	s = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss").Replace(norm.NFC.String(strings.ToLower(s)))
	return words(stripMarks(s))
}

// stripMarks removes accents and umlaut dots.
func stripMarks(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isVowel(r byte) bool { return strings.IndexByte("aeiouy", r) >= 0 }

// dropUmlautE turns ae, oe, ue into a, o, u unless a vowel precedes them.
func dropUmlautE(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == 'e' && i > 0 && strings.IndexByte("aou", s[i-1]) >= 0 && (i == 1 || !isVowel(s[i-2])) {
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// words keeps letters and digits, joins the words with single spaces and
// writes "st" as "sankt".
func words(s string) string {
	f := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range f {
		if w == "st" {
			f[i] = "sankt"
		}
	}
	return strings.Join(f, " ")
}
