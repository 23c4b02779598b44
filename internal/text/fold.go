// Package text holds the rules the whole platform applies to what people
// write: one folding for comparing words (search, filters, sort keys,
// place names, categories), the line rules of short and long fields, and
// the vocabulary of spoken languages.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Folding reduces a word to the form both sides of a comparison take, so
// what people type finds what others wrote however their keyboard spells
// it:
//
//   - compatibility forms as their plain letters (ﬁ → fi, full-width Ａ → a,
//     Arabic presentation forms → the letters);
//   - lower case; Turkish ı as i (so Turkish and other casing meet);
//   - accents, umlaut dots and vowel marks (harakat) dropped, but Cyrillic
//     й and ў kept as letters of their own;
//   - the German umlaut written with e as the bare vowel: ä, ae → a;
//     ö, oe → o; ü, ue → u (Müller, Mueller and Muller meet); ß → ss;
//   - ø → o, æ → a, œ → o, ł → l, đ → d;
//   - one form of the letters Arabic and Persian keyboards write
//     differently: Farsi yeh ی and alef maksura ى → Arabic yeh ي, keheh
//     ک → kaf ك, teh marbuta ة → heh ه, alef with hamza or madda and alef
//     wasla → bare alef ا, ؤ → و, ئ → ي;
//   - tatweel, zero-width characters (ZWNJ, ZWJ), soft hyphen and
//     direction marks dropped;
//   - Arabic-Indic and Persian digits as 0–9.
//
// The umlaut rule folds every ae, oe and ue, so "blue" keys as "blu": a
// harmless price when both sides of a comparison are folded.
//
// RulesVersion changes whenever these rules change, so that keys stored
// with older rules are computed again (modules name their re-folding jobs
// after it).
const RulesVersion = 1

// FoldWord folds one word by the rules above. It is idempotent:
// FoldWord(FoldWord(w)) == FoldWord(w). White space and punctuation are
// left as they are; use Fold or Words for text.
func FoldWord(w string) string { return fold(w, false) }

// Fold folds a whole text into a key: FoldWord's rules, apostrophes
// dropped (Kur'an = Kuran, сім'я = сімʼя = сімя), every run of white space
// as one space, no space at either end. Punctuation stays. It is the key
// names are sorted by and found with LIKE (organisations, municipalities,
// services, places of pledges).
func Fold(s string) string {
	return strings.Join(strings.Fields(fold(apostrophes.Replace(s), true)), " ")
}

func fold(w string, dropApostrophes bool) string {
	if !isLowerASCII(w) {
		w = foldRunes(w, dropApostrophes)
	}
	if strings.Contains(w, "e") {
		for { // "aee" → "ae" → "a": until nothing changes, so folding twice changes nothing
			next := umlautDigraphs.Replace(w)
			if next == w {
				break
			}
			w = next
		}
	}
	return w
}

// Words returns the folded words of s: Fold, cut at every rune that is not
// a letter, digit or mark. "B1-Prüfung, Kassel!" gives b1, prufung, kassel.
func Words(s string) []string {
	return strings.FieldsFunc(Fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
}

// Key is the key of a text filtered word by word: its folded words joined
// by single spaces. "St. Anna-Haus" and "st anna haus" have the same key,
// and each of Words(query) is found in it with LIKE (the board).
func Key(s string) string { return strings.Join(Words(s), " ") }

var umlautDigraphs = strings.NewReplacer("ae", "a", "oe", "o", "ue", "u")

// apostrophes are dropped before decomposition too: ´ decomposes to a
// space and an accent.
var apostrophes = strings.NewReplacer("'", "", "\u2019", "", "\u2018", "", "\u02BC", "", "`", "", "\u00B4", "")

func isApostrophe(r rune) bool {
	switch r {
	case '\'', '\u2019', '\u2018', '\u02BC', '`', '\u00B4':
		return true
	}
	return false
}

func isLowerASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || (c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func foldRunes(w string, dropApostrophes bool) string {
	// Lower case after the compatibility decomposition: it can give
	// capitals (℡ → TEL).
	d := strings.ToLower(norm.NFKD.String(w))
	var b strings.Builder
	b.Grow(len(d))
	var base rune // the last rune that was not a combining mark
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) {
			// й and ў are letters of their own, not и and у with a breve.
			if r == '\u0306' && unicode.Is(unicode.Cyrillic, base) {
				b.WriteRune(r)
			}
			continue
		}
		base = r
		if dropApostrophes && isApostrophe(r) { // one a compatibility form decomposed to (＇ → ')
			continue
		}
		if m, ok := foldLetters[r]; ok {
			b.WriteString(m)
			continue
		}
		switch {
		case r >= '\u0660' && r <= '\u0669': // Arabic-Indic digits
			b.WriteRune('0' + r - '\u0660')
		case r >= '\u06F0' && r <= '\u06F9': // Extended Arabic-Indic (Persian) digits
			b.WriteRune('0' + r - '\u06F0')
		default:
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// foldLetters maps a lower-case, decomposed rune to its folded text; ""
// drops it. Arabic letters with hamza or madda decompose into the bare
// letter and a combining mark (أ → ا + U+0654), which is dropped, so
// أ إ آ become ا, ؤ becomes و and ئ becomes ي.
var foldLetters = map[rune]string{
	'ß': "ss", 'ı': "i", 'ø': "o", 'æ': "ae", 'œ': "oe", 'ł': "l", 'đ': "d", 'ё': "е",
	'\u0649': "\u064A", // alef maksura ى → yeh
	'\u06CC': "\u064A", // Farsi yeh ی → yeh
	'\u06D0': "\u064A", // yeh ې
	'\u06A9': "\u0643", // keheh ک → kaf
	'\u0629': "\u0647", // teh marbuta ة → heh
	'\u06D5': "\u0647", // ae ە (ۀ once its hamza is gone)
	'\u06C1': "\u0647", // heh goal ہ
	'\u06BE': "\u0647", // heh doachashmee ھ
	'\u0671': "\u0627", // alef wasla ٱ
	'\u0640': "",       // tatweel
	'\u200B': "", '\u200C': "", '\u200D': "", '\u2060': "", '\uFEFF': "", '\u00AD': "",
	'\u200E': "", '\u200F': "", '\u061C': "",
}

// WithoutArticle drops the Arabic article from the front of a folded word
// (السكن → سكن, للأطفال → اطفال), repeatedly while at least two letters
// remain, so a word meets another written with or without it. It runs on
// folded text, where أ إ آ are already ا, so "الألمانية", "ألمانية" and
// "المانية" come out the same.
func WithoutArticle(w string) string {
	const al, lil = "\u0627\u0644", "\u0644\u0644"
	for utf8.RuneCountInString(w) >= 4 {
		switch {
		case strings.HasPrefix(w, al):
			w = w[len(al):]
		case strings.HasPrefix(w, lil):
			w = w[len(lil):]
		default:
			return w
		}
	}
	return w
}
