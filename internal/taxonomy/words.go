package taxonomy

import (
	"strings"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/text"
)

// words splits a term into the folded words Match compares. The Arabic
// article is dropped from the front of a word (السكن → سكن, للأطفال →
// أطفال, after folding), so a term meets a synonym written with or without
// it.
func words(s string) []string {
	ws := text.Words(s)
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
