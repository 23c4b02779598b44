package search

import (
	"strings"
	"unicode/utf8"
)

// Segment is a piece of a title or snippet; Mark is set on the query's
// words.
type Segment struct {
	Text string
	Mark bool
}

// Lengths of snippets, in characters.
const (
	snippetRunes = 220
	snippetLead  = 60 // characters shown before the first word found
)

// highlighter knows the terms of a query: a word of a document is marked
// when its term in the document's language, or the word folded, is one of
// them or begins with one of the prefixes.
type highlighter struct {
	terms    map[string]bool
	prefixes []string
}

func (h *highlighter) marks(a *analyzer, w word, lang string) bool {
	if !usable(w.lower) {
		return false
	}
	aw := a.word(lang, w.lower)
	if h.terms[aw.folded] || h.terms[aw.term] {
		return true
	}
	for _, p := range h.prefixes {
		if strings.HasPrefix(aw.folded, p) {
			return true
		}
	}
	return false
}

// spans returns where the query's words are in text.
func (h *highlighter) spans(a *analyzer, text, lang string) [][2]int {
	var out [][2]int
	eachWord(text, lang, func(w word) {
		if h.marks(a, w, lang) {
			out = append(out, [2]int{w.start, w.end})
		}
	})
	return out
}

// cutSegments cuts text[from:to] into marked and unmarked pieces.
func cutSegments(text string, spans [][2]int, from, to int) []Segment {
	var out []Segment
	last := from
	for _, sp := range spans {
		if sp[0] < from || sp[1] > to {
			continue
		}
		if sp[0] > last {
			out = append(out, Segment{Text: text[last:sp[0]]})
		}
		out = append(out, Segment{Text: text[sp[0]:sp[1]], Mark: true})
		last = sp[1]
	}
	if last < to {
		out = append(out, Segment{Text: text[last:to]})
	}
	return out
}

// segments cuts text into marked and unmarked pieces.
func (h *highlighter) segments(a *analyzer, text, lang string) []Segment {
	return cutSegments(text, h.spans(a, text, lang), 0, len(text))
}

// snippet returns about snippetRunes characters of text around the first
// word of the query in it (its beginning when there is none), with "…"
// where it was cut, the query's words marked.
func (h *highlighter) snippet(a *analyzer, text, lang string) []Segment {
	text = strings.Join(strings.Fields(text), " ")
	spans := h.spans(a, text, lang)
	first := -1
	if len(spans) > 0 {
		first = spans[0][0]
	}
	start := 0
	if first > 0 && utf8.RuneCountInString(text[:first]) > snippetLead {
		start = first
		for i := 0; i < snippetLead && start > 0; i++ {
			_, size := utf8.DecodeLastRuneInString(text[:start])
			start -= size
		}
		if sp := strings.IndexByte(text[start:first], ' '); sp >= 0 {
			start += sp + 1
		}
	}
	end := start
	for i := 0; i < snippetRunes && end < len(text); i++ {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	if end < len(text) {
		if sp := strings.LastIndexByte(text[start:end], ' '); sp > 0 {
			end = start + sp
		}
	}
	out := cutSegments(text, spans, start, end)
	if start > 0 {
		out = append([]Segment{{Text: "… "}}, out...)
	}
	if end < len(text) {
		out = append(out, Segment{Text: " …"})
	}
	return out
}

// plainText joins segments.
func plainText(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteString(s.Text)
	}
	return b.String()
}
