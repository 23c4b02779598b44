package taxonomy

import "teilhabe.org/teilhabe/internal/text"

// words splits a term into the folded words Match compares. The Arabic
// article is dropped from the front of a word (السكن → سكن, للأطفال →
// أطفال, after folding), so a term meets a synonym written with or without
// it.
func words(s string) []string {
	ws := text.Words(s)
	for i, w := range ws {
		ws[i] = text.WithoutArticle(w)
	}
	return ws
}
