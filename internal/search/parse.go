package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/text"
)

// Query syntax: words are all required; "an exact phrase" must appear in
// that order; -word leaves out documents with the word; word* finds every
// word that begins so. A word also finds the other forms of itself (its
// stem in each language of its script) and, through the taxonomy, the
// documents of a category it names in any language ("Wohnung", "flat",
// "سكن" and "житло" all find housing).

const (
	maxQueryRunes = 200
	maxTokens     = 8
	minPrefix     = 2 // letters before a *
	maxPrefixHits = 40
)

// token is one required word (or prefix) of a query.
type token struct {
	lower    string   // the word as typed, lower-cased
	variants []string // the terms it stands for, folded word first
	cats     []string // "@c:<id>" of categories it names
	prefix   bool     // word*: variants are filled from the dictionary
	stop     bool     // a stopword in a language of its script
}

// phrase is a quoted run of words: each position accepts the hashes of
// its word's variants.
type phrase [][]uint32

// parsed is a query taken apart.
type parsed struct {
	tokens  []token
	exclude []token
	phrases []phrase
}

func (p *parsed) empty() bool { return len(p.tokens) == 0 }

// pieces splits a query into quoted phrases, excluded and plain pieces.
type piece struct {
	text             string
	quoted, excluded bool
}

func splitQuery(q string) []piece {
	var out []piece
	for q != "" {
		q = strings.TrimLeftFunc(q, unicode.IsSpace)
		if q == "" {
			break
		}
		excluded := false
		if q[0] == '-' && len(q) > 1 && !unicode.IsSpace(rune(q[1])) {
			excluded = true
			q = q[1:]
		}
		if q[0] == '"' {
			end := strings.IndexByte(q[1:], '"')
			var text string
			if end < 0 {
				text, q = q[1:], ""
			} else {
				text, q = q[1:1+end], q[2+end:]
			}
			out = append(out, piece{text: text, quoted: true, excluded: excluded})
			continue
		}
		end := strings.IndexFunc(q, unicode.IsSpace)
		if end < 0 {
			end = len(q)
		}
		out = append(out, piece{text: q[:end], excluded: excluded})
		q = q[end:]
	}
	return out
}

// parseQuery analyses the text of a query. Stopwords are dropped unless
// the query has nothing else; a phrase keeps them for its order.
func parseQuery(a *analyzer, q string) parsed {
	q = normalizeText(strings.TrimSpace(q))
	if utf8.RuneCountInString(q) > maxQueryRunes {
		q = string([]rune(q)[:maxQueryRunes])
	}
	var p parsed
	// Runs of plain words, by their positions in p.tokens, in which the
	// taxonomy's names are looked for.
	var runs [][]int
	var run []int
	endRun := func() {
		if len(run) > 0 {
			runs = append(runs, run)
			run = nil
		}
	}
	for _, pc := range splitQuery(q) {
		prefix := !pc.quoted && strings.HasSuffix(pc.text, "*")
		var ph phrase
		eachWord(pc.text, "", func(w word) {
			if !usable(w.lower) {
				if pc.quoted {
					ph = append(ph, []uint32{hashTerm(text.FoldWord(w.lower))})
				}
				return
			}
			t := token{lower: w.lower, variants: a.variants(w.lower), stop: stopwordAnywhere(w.lower)}
			switch {
			case pc.excluded:
				endRun()
				if !pc.quoted {
					p.exclude = append(p.exclude, t)
				}
				return
			case pc.quoted:
				endRun()
				hs := []uint32{hashTerm(text.FoldWord(w.lower))}
				for _, v := range t.variants {
					hs = append(hs, hashTerm(v))
				}
				ph = append(ph, hs)
			case prefix && w.end == len(strings.TrimSuffix(pc.text, "*")) && utf8.RuneCountInString(w.lower) >= minPrefix:
				endRun()
				t.prefix, t.stop = true, false
				t.variants = []string{text.FoldWord(w.lower)}
			default:
				run = append(run, len(p.tokens))
			}
			p.tokens = append(p.tokens, t)
		})
		if len(ph) > 1 && !pc.excluded {
			p.phrases = append(p.phrases, ph)
		}
	}
	endRun()
	for _, r := range runs {
		nameCategories(a, p.tokens, r)
	}
	// Stopwords count only when nothing else is asked.
	var kept []token
	for _, t := range p.tokens {
		if !t.stop {
			kept = append(kept, t)
		}
	}
	if len(kept) > 0 {
		p.tokens = kept
	}
	p.tokens = dedupTokens(p.tokens)
	if len(p.tokens) > maxTokens {
		p.tokens = p.tokens[:maxTokens]
	}
	if len(p.exclude) > maxTokens {
		p.exclude = p.exclude[:maxTokens]
	}
	return p
}

// dedupTokens drops a word given twice.
func dedupTokens(ts []token) []token {
	var out []token
	seen := map[string]bool{}
	for _, t := range ts {
		k := t.variants[0]
		if t.prefix {
			k += "*"
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, t)
		}
	}
	return out
}

// matchPhrase reports whether a word sequence holds the phrase.
func matchPhrase(seq []uint32, ph phrase) bool {
	if len(ph) == 0 {
		return true
	}
outer:
	for i := 0; i+len(ph) <= len(seq); i++ {
		for k, hs := range ph {
			if !hasHash(hs, seq[i+k]) {
				continue outer
			}
		}
		return true
	}
	return false
}

func hasHash(hs []uint32, h uint32) bool {
	for _, x := range hs {
		if x == h {
			return true
		}
	}
	return false
}

// nameCategories gives the words of a run the categories that the
// taxonomy's names found in it stand for; every word of a name gets its
// categories, so a document of the category holds all of them.
func nameCategories(a *analyzer, tokens []token, run []int) {
	keys := make([][]string, len(run))
	lowers := make([]string, len(run))
	for i, ti := range run {
		lowers[i] = tokens[ti].lower
		keys[i] = wordKeys(a, lowers[i])
	}
	for _, sp := range taxonomyNames().matchNames(a, lowers, keys) {
		for _, ti := range run[sp.start:sp.end] {
			for _, id := range sp.ids {
				tokens[ti].cats = append(tokens[ti].cats, "@c:"+id)
			}
		}
	}
}
