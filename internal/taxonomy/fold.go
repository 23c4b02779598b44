package taxonomy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold reduces s to a key for comparing what people type, not for display:
// lower case; accents and vowel marks removed (Ä, ä, ae → a; ö, oe → o;
// ü, ue → u; ß → ss; Turkish ı → i; Ukrainian ї → і, Russian ё → е, but й
// and ў kept); Arabic and Farsi letters brought to one form (ی ى → ي,
// ک → ك, أ إ آ ٱ → ا, ؤ → و, ئ → ي, ة ۀ → ه); harakat, tatweel,
// zero-width characters (ZWNJ included) and apostrophes removed;
// Arabic-Indic digits as 0–9; runs of white space as one space.
//
// The German digraphs are folded everywhere, so "Mueller", "Müller" and
// "Muller" meet; a key like "blu" for "blue" is the price, harmless when
// both sides of a comparison are folded.
func Fold(s string) string {
	s = norm.NFD.String(strings.ToLower(s))
	var b strings.Builder
	b.Grow(len(s))
	var base rune // the last rune that was not a combining mark
	for _, r := range s {
		if unicode.Is(unicode.Mn, r) {
			// й and ў are letters of their own, not и and у with an accent.
			if r == '\u0306' && unicode.Is(unicode.Cyrillic, base) {
				b.WriteRune(r)
			}
			continue
		}
		base = r
		if m, ok := letters[r]; ok {
			b.WriteString(m)
			continue
		}
		switch {
		case r >= '\u0660' && r <= '\u0669': // Arabic-Indic digits
			b.WriteRune('0' + r - '\u0660')
		case r >= '\u06F0' && r <= '\u06F9': // Extended (Farsi) digits
			b.WriteRune('0' + r - '\u06F0')
		case unicode.IsSpace(r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	out := norm.NFC.String(b.String())
	for { // "aee" → "ae" → "a": fold until nothing changes, so Fold(Fold(s)) == Fold(s)
		next := digraphs.Replace(out)
		if next == out {
			break
		}
		out = next
	}
	return strings.Join(strings.Fields(out), " ")
}

var digraphs = strings.NewReplacer("ae", "a", "oe", "o", "ue", "u")

// letters maps a lower-case, decomposed rune to its folded text; "" drops it.
var letters = map[rune]string{
	'ß': "ss", 'ı': "i", 'ø': "o", 'æ': "ae", 'œ': "oe", 'ł': "l", 'đ': "d",
	// Arabic and Farsi: one yeh, one kaf, one heh, bare alef.
	'\u0649': "\u064A", // alef maksura ى
	'\u06CC': "\u064A", // Farsi yeh ی
	'\u06D0': "\u064A", // yeh ې
	'\u06A9': "\u0643", // keheh ک
	'\u0629': "\u0647", // teh marbuta ة
	'\u06D5': "\u0647", // ae ە (ۀ once its hamza is gone)
	'\u06C1': "\u0647", // heh goal ہ
	'\u06BE': "\u0647", // heh doachashmee ھ
	'\u0671': "\u0627", // alef wasla ٱ
	'\u0640': "",       // tatweel
	// Invisible characters and apostrophes.
	'\u200B': "", '\u200C': "", '\u200D': "", '\u2060': "", '\uFEFF': "", '\u00AD': "",
	'\u200E': "", '\u200F': "", '\u061C': "",
	'\'': "", '\u2019': "", '\u2018': "", '\u02BC': "", '`': "", '\u00B4': "",
}

// words splits a term into the folded words Match compares. The Arabic
// article is dropped from the front of a word (السكن → سكن, للأطفال →
// أطفال, after folding), so a term meets a synonym written with or without
// it.
func words(s string) []string {
	ws := strings.FieldsFunc(Fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
	})
	for i, w := range ws {
		ws[i] = withoutArticle(w)
	}
	return ws
}

// withoutArticle drops leading ال and لل while at least two letters
// remain. It runs on folded text, where أ إ آ are already ا, so
// "الألمانية", "ألمانية" and "المانية" come out the same.
func withoutArticle(w string) string {
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
