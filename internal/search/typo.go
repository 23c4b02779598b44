package search

import (
	"context"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/db"
)

// Typo tolerance: when a query finds little, each word that few documents
// hold is compared with the dictionary. Candidates share trigrams with it
// (search_trigrams, by length), the nearest by edit distance (a swap of
// two letters counts once) within one edit for short words and two for
// longer ones wins, the more frequent on a tie.

const (
	minTypoRunes   = 3
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
	if n <= 5 {
		return 1
	}
	return 2
}

// correct returns the dictionary term nearest to a folded word, or "".
func correct(ctx context.Context, q db.Querier, w string) (string, error) {
	tris := trigramsOf(w)
	if len(tris) == 0 {
		return "", nil
	}
	n := utf8.RuneCountInString(w)
	edits := maxEdits(n)
	// Each edit spoils at most three trigrams.
	need := max(1, len(tris)-3*edits)
	in, triArgs := db.In(5, tris)
	rows, err := q.QueryContext(ctx, `SELECT g.term, count(*) FROM search_trigrams g WHERE g.len BETWEEN $1 AND $2
		AND g.tri IN (`+in+`) GROUP BY g.term HAVING count(*) >= $3 ORDER BY count(*) DESC, g.term LIMIT $4`,
		append([]any{n - edits, n + edits, need, typoCandidates}, triArgs...)...)
	termIDs, err := db.Collect(rows, err, func(row db.Scanner) (int64, error) {
		var id, c int64
		err := row.Scan(&id, &c)
		return id, err
	})
	if err != nil || len(termIDs) == 0 {
		return "", err
	}
	in, args := db.In(1, termIDs)
	rows, err = q.QueryContext(ctx, "SELECT term, df FROM search_terms WHERE df > 0 AND id IN ("+in+")", args...)
	best, bestD, bestDF := "", edits+1, int64(-1)
	err = db.Each(rows, err, func(row db.Scanner) error {
		var t string
		var df int64
		if err := row.Scan(&t, &df); err != nil {
			return err
		}
		if t == w {
			return nil
		}
		d := editDistance(w, t, edits)
		if d < bestD || (d == bestD && (df > bestDF || (df == bestDF && t < best))) {
			best, bestD, bestDF = t, d, df
		}
		return nil
	})
	if err != nil || bestD > edits {
		return "", err
	}
	return best, nil
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
