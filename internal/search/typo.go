package search

import (
	"context"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/db"
)

// Typo tolerance: when a query finds little, each word that few documents
// hold is compared with the dictionary: the index's terms and the words
// of the taxonomy's names, which are worth finding even before a document
// uses them. One rule for every word: none for words under five letters,
// one edit up to eight letters, two from nine; a swap of two letters
// counts once; a word under nine letters keeps its first letter. The
// nearest candidate wins, the more frequent on a tie. Candidates from the
// index share trigrams with the word (search_trigrams, by length).

const (
	minTypoRunes   = 3 // words with trigrams
	minFixRunes    = 5 // words that may be corrected
	typoCandidates = 60
	fewResults     = 3 // a query finding fewer tries corrections
)

// trigramsOf returns the distinct trigrams of a word term, padded with a
// space on both ends; none for filter terms, numbers and short words.
func trigramsOf(term string) []string {
	if strings.HasPrefix(term, "@") || utf8.RuneCountInString(term) < minTypoRunes {
		return nil
	}
	digits := true
	for _, r := range term {
		if !unicode.IsDigit(r) {
			digits = false
			break
		}
	}
	if digits {
		return nil
	}
	rs := []rune(" " + term + " ")
	var out []string
	for i := 0; i+3 <= len(rs); i++ {
		t := string(rs[i : i+3])
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// maxEdits is how far a correction may be from a word of n letters.
func maxEdits(n int) int {
	switch {
	case n < minFixRunes:
		return 0
	case n <= 8:
		return 1
	}
	return 2
}

// keepsFirst reports whether a correction of a word of n letters must
// begin with its first letter.
func keepsFirst(n int) bool { return n <= 8 }

// fix is a candidate correction of a word.
type fix struct {
	term  string
	edits int
	df    int64
}

func (f fix) better(g fix) bool {
	if f.edits != g.edits {
		return f.edits < g.edits
	}
	if f.df != g.df {
		return f.df > g.df
	}
	return f.term < g.term
}

// correct returns the dictionary term or name word nearest to one of the
// forms of a query word (folded, stems), or "".
func correct(ctx context.Context, q db.Querier, forms []string) (string, error) {
	best := fix{edits: math.MaxInt}
	for _, w := range forms {
		n := utf8.RuneCountInString(w)
		edits := maxEdits(n)
		tris := trigramsOf(w)
		if edits == 0 || len(tris) == 0 {
			continue
		}
		cands, err := trigramCandidates(ctx, q, w, n, edits, tris)
		if err != nil {
			return "", err
		}
		cands = append(cands, taxonomyNames().nearWords(w, edits)...)
		dfs, err := lookupTerms(ctx, q, cands)
		if err != nil {
			return "", err
		}
		for _, t := range cands {
			if t == w || slices.Contains(forms, t) || keepsFirst(n) && !sameFirst(t, w) {
				continue
			}
			if d := editDistance(w, t, edits); d <= edits {
				if f := (fix{term: t, edits: d, df: dfs[t].df}); f.better(best) {
					best = f
				}
			}
		}
	}
	return best.term, nil
}

// trigramCandidates returns the index's terms of about w's length that
// share enough trigrams with it to be within edits.
func trigramCandidates(ctx context.Context, q db.Querier, w string, n, edits int, tris []string) ([]string, error) {
	// An edit spoils at most three trigrams, a swap four.
	need := max(1, len(tris)-4*edits)
	in, triArgs := db.In(5, tris)
	rows, err := q.QueryContext(ctx, `SELECT t.term FROM search_terms t WHERE t.df > 0 AND t.id IN (
		SELECT g.term FROM search_trigrams g WHERE g.len BETWEEN $1 AND $2 AND g.tri IN (`+in+`)
		GROUP BY g.term HAVING count(*) >= $3 ORDER BY count(*) DESC, g.term LIMIT $4)`,
		append([]any{n - edits, n + edits, need, typoCandidates}, triArgs...)...)
	return db.Collect(rows, err, func(row db.Scanner) (string, error) {
		var t string
		err := row.Scan(&t)
		return t, err
	})
}

func sameFirst(a, b string) bool {
	ra, _ := utf8.DecodeRuneInString(a)
	rb, _ := utf8.DecodeRuneInString(b)
	return ra == rb
}

// editDistance is the optimal string alignment distance of a and b (in
// runes), or limit+1 when it exceeds limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if abs(len(ra)-len(rb)) > limit {
		return limit + 1
	}
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
