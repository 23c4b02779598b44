package search

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/taxonomy"
)

// The taxonomy's names and synonyms, in every language, are matched
// against a query as units: "bike repair", "Almanca kursu" and "курс
// німецької" name a category only as a whole, so the query's words are
// read as a sequence and the longest name starting at each word wins
// ("flat tyre" is bicycle repair, not housing and something else). A
// word meets a word of a name when they share a key: the folded word or
// its stem in a language of its script, for Arabic also without the
// article, so inflected forms match too ("курсів німецької",
// "bisikletler").

// namePhrase is a name or synonym of a category as keys per word.
type namePhrase struct {
	words [][]string
	id    string
}

// nameIndex holds the phrases by the keys of their first word.
type nameIndex struct {
	byFirst map[string][]*namePhrase
}

var taxonomyNames = sync.OnceValue(func() *nameIndex {
	a := newAnalyzer()
	ix := &nameIndex{byFirst: map[string][]*namePhrase{}}
	for _, c := range taxonomy.Default().All() {
		var texts []string
		for _, lang := range slices.Sorted(maps.Keys(c.Names)) {
			texts = append(texts, c.Names[lang])
		}
		for _, lang := range slices.Sorted(maps.Keys(c.Synonyms)) {
			texts = append(texts, c.Synonyms[lang]...)
		}
		for _, s := range texts {
			var ws [][]string
			eachWord(normalizeText(s), "", func(w word) { ws = append(ws, wordKeys(a, w.lower)) })
			if len(ws) == 0 {
				continue
			}
			p := &namePhrase{words: ws, id: c.ID}
			for _, k := range ws[0] {
				ix.byFirst[k] = append(ix.byFirst[k], p)
			}
		}
	}
	return ix
})

// wordKeys are the keys under which a lower-case word meets the words of
// names: its variants (see analyzer.variants) and, for Arabic script,
// the same without the article.
func wordKeys(a *analyzer, lower string) []string {
	keys := a.variants(lower)
	if scriptOf(lower) == arabicScript {
		for _, k := range slices.Clone(keys) {
			if bare := withoutArticle(k); bare != k && !slices.Contains(keys, bare) {
				keys = append(keys, bare)
			}
		}
	}
	return keys
}

// withoutArticle drops a leading ال or لل from a folded Arabic word while
// at least two letters remain.
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

// nameSpan is a run of query words that names categories.
type nameSpan struct {
	start, end int // word positions, end exclusive
	ids        []string
}

// matchNames finds the names in a sequence of words (their keys), the
// longest at each position first; a word belongs to one span at most.
func (ix *nameIndex) matchNames(words [][]string) []nameSpan {
	var out []nameSpan
	for i := 0; i < len(words); {
		best := 0
		var ids []string
		seen := map[*namePhrase]bool{}
		for _, k := range words[i] {
			for _, p := range ix.byFirst[k] {
				if seen[p] || len(p.words) > len(words)-i || len(p.words) < best {
					continue
				}
				seen[p] = true
				if !phraseAt(p, words[i:]) {
					continue
				}
				if len(p.words) > best {
					best, ids = len(p.words), nil
				}
				if !slices.Contains(ids, p.id) {
					ids = append(ids, p.id)
				}
			}
		}
		if best == 0 {
			i++
			continue
		}
		slices.Sort(ids)
		out = append(out, nameSpan{start: i, end: i + best, ids: ids})
		i += best
	}
	return out
}

// phraseAt reports whether the words begin with the phrase.
func phraseAt(p *namePhrase, words [][]string) bool {
	for j, pw := range p.words {
		if !slices.ContainsFunc(words[j], func(k string) bool { return slices.Contains(pw, k) }) {
			return false
		}
	}
	return true
}
