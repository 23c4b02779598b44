package search

import (
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
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

// nameIndex holds the phrases by the keys of their first word, and the
// vocabulary of each category's names.
type nameIndex struct {
	byFirst map[string][]*namePhrase
	vocab   map[string]map[string]bool // category → keys of the words of its names
	tails   map[string][]string        // category → its one-word names, folded (compounds)
	words   map[int][]string           // the folded words of all names, by length in letters (typos)
	written map[string]string          // a folded word of a name → as the name writes it
}

var taxonomyNames = sync.OnceValue(func() *nameIndex {
	a := newAnalyzer()
	ix := &nameIndex{byFirst: map[string][]*namePhrase{}, vocab: map[string]map[string]bool{}, tails: map[string][]string{},
		words: map[int][]string{}, written: map[string]string{}}
	have := map[string]bool{}
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
			ns := normalizeText(s)
			eachWord(ns, "", func(w word) {
				if usable(w.lower) { // as in queries, where a word of one letter is no word
					ws = append(ws, wordKeys(a, w.lower))
					if f := ws[len(ws)-1][0]; !have[f] {
						have[f] = true
						ix.written[f] = ns[w.start:w.end]
						n := utf8.RuneCountInString(f)
						ix.words[n] = append(ix.words[n], f)
					}
				}
			})
			if len(ws) == 0 {
				continue
			}
			p := &namePhrase{words: ws, id: c.ID}
			for _, k := range ws[0] {
				ix.byFirst[k] = append(ix.byFirst[k], p)
			}
			if ix.vocab[c.ID] == nil {
				ix.vocab[c.ID] = map[string]bool{}
			}
			for _, keys := range ws {
				for _, k := range keys {
					ix.vocab[c.ID][k] = true
				}
			}
			if len(ws) == 1 {
				ix.tails[c.ID] = append(ix.tails[c.ID], ws[0][0])
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
			if bare := text.WithoutArticle(k); bare != k && !slices.Contains(keys, bare) {
				keys = append(keys, bare)
			}
		}
	}
	return keys
}

// nameSpan is a run of query words that names categories.
type nameSpan struct {
	start, end int // word positions, end exclusive
	ids        []string
}

// maxJoined is how many query words may be written together to make one
// word of a name ("Deutsch Kurs" for Deutschkurs).
const maxJoined = 3

// matchNames finds the names in a sequence of words (lower-case, and
// their keys), the longest at each position first; a word belongs to one
// span at most. Words written apart that make a one-word name together
// count as that name ("Fahrrad Reparatur", "اسباب کشی").
func (ix *nameIndex) matchNames(a *analyzer, lowers []string, words [][]string) []nameSpan {
	var out []nameSpan
	for i := 0; i < len(words); {
		best := 0
		var ids []string
		found := func(n int, id string) {
			switch {
			case n > best:
				best, ids = n, []string{id}
			case n == best && !slices.Contains(ids, id):
				ids = append(ids, id)
			}
		}
		for _, k := range words[i] {
			for _, p := range ix.byFirst[k] {
				if len(p.words) <= len(words)-i && phraseAt(p, words[i:]) {
					found(len(p.words), p.id)
				}
			}
		}
		for n := min(maxJoined, len(lowers)-i); n >= 2 && n >= best; n-- {
			for _, k := range wordKeys(a, strings.Join(lowers[i:i+n], "")) {
				for _, p := range ix.byFirst[k] {
					if len(p.words) == 1 {
						found(n, p.id)
					}
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
	return ix.widen(out, words)
}

// minTail is the shortest end of a one-word name that a word next to it
// may stand for.
const minTail = 4

// widen adds to a span the words beside it that belong to the names of
// its categories, in any language, or end one of them: "Deutsch course",
// "german kurs" (Deutschkurs), "Hausaufgaben Hilfe" (Lernhilfe).
func (ix *nameIndex) widen(spans []nameSpan, words [][]string) []nameSpan {
	taken := make([]bool, len(words))
	for _, sp := range spans {
		for i := sp.start; i < sp.end; i++ {
			taken[i] = true
		}
	}
	belongs := func(i int, ids []string) bool {
		if i < 0 || i >= len(words) || taken[i] {
			return false
		}
		return slices.ContainsFunc(ids, func(id string) bool { return ix.speaksOf(id, words[i]) })
	}
	spans = ix.merge(spans, words)
	for j := range spans {
		sp := &spans[j]
		for belongs(sp.start-1, sp.ids) {
			sp.start--
			taken[sp.start] = true
		}
		for belongs(sp.end, sp.ids) {
			taken[sp.end] = true
			sp.end++
		}
	}
	return spans
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

// speaksOf reports whether a word (its keys) is a word of the names of
// the category, or ends one of them.
func (ix *nameIndex) speaksOf(id string, keys []string) bool {
	for _, k := range keys {
		if ix.vocab[id][k] {
			return true
		}
		for _, name := range ix.tails[id] {
			if len(name) > len(k) && utf8.RuneCountInString(k) >= minTail && strings.HasSuffix(name, k) {
				return true
			}
		}
	}
	return false
}

// merge joins two names next to each other into one when a category
// speaks of all their words, in whatever languages: "bike reparatur" is
// bicycle repair (bike repair, Fahrradreparatur), not bicycles and
// repairs.
func (ix *nameIndex) merge(spans []nameSpan, words [][]string) []nameSpan {
	for j := 0; j+1 < len(spans); j++ {
		a, b := spans[j], spans[j+1]
		if a.end != b.start {
			continue
		}
		var ids []string
		for id := range ix.vocab {
			all := true
			for i := a.start; i < b.end && all; i++ {
				all = ix.speaksOf(id, words[i])
			}
			if all {
				ids = append(ids, id)
			}
		}
		if len(ids) > 0 {
			slices.Sort(ids)
			spans[j] = nameSpan{start: a.start, end: b.end, ids: ids}
			spans = slices.Delete(spans, j+1, j+2)
			j--
		}
	}
	return spans
}

// nearWords returns the words of names within edits of the folded word w.
func (ix *nameIndex) nearWords(w string, edits int) []string {
	n := utf8.RuneCountInString(w)
	var out []string
	for l := n - edits; l <= n+edits; l++ {
		for _, cand := range ix.words[l] {
			if editDistance(w, cand, edits) <= edits {
				out = append(out, cand)
			}
		}
	}
	return out
}
