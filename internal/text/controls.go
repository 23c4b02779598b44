package text

import (
	"strings"
	"unicode"
)

// StripControls returns s without control and formatting characters
// (Unicode Cc and Cf): bidi embeddings, overrides and isolates (U+202A to
// U+202E, U+2066 to U+2069), zero widths and direction marks (U+200B to
// U+200F), the byte order mark (U+FEFF), the soft hyphen and the like. They
// can turn a name around ("gnp.exe" shown as "exe.png") or hide what it
// says. Tabs and line breaks become spaces. One exception: a zero-width
// non-joiner between two letters of Arabic script stays, as Persian
// spelling needs it (محمدی‌نژاد) and it can neither reorder nor hide text.
// Invalid UTF-8 comes back as U+FFFD.
func StripControls(s string) string {
	if !hasControls(s) {
		return s
	}
	runes := []rune(s)
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range runes {
		switch {
		case r == zwnj && i > 0 && i+1 < len(runes) && arabicLetter(runes[i-1]) && arabicLetter(runes[i+1]):
			b.WriteRune(r)
		case unicode.Is(unicode.Cc, r) && unicode.IsSpace(r):
			b.WriteByte(' ')
		case unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r):
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

const zwnj = '\u200c'

func hasControls(s string) bool {
	for _, r := range s {
		if r == unicode.ReplacementChar || unicode.Is(unicode.Cc, r) || unicode.Is(unicode.Cf, r) {
			return true
		}
	}
	return false
}

func arabicLetter(r rune) bool { return unicode.IsLetter(r) && unicode.Is(unicode.Arabic, r) }
