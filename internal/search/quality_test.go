package search

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/searchdoc"
)

// The judged query set (testdata/quality): queries as people type them,
// each with the documents it means (grade 2) and those near it (grade 1).
// TestQuality measures recall@20, nDCG@10 and the share of queries that
// find nothing, overall, per language and per kind of difficulty, and
// fails when a figure falls below its floor. Run it as the quality
// command:
//
//	go test ./internal/search/ -run TestQuality -v                  # the figures
//	go test ./internal/search/ -run TestQuality -v -quality.misses  # and each query that misses

var showMisses = flag.Bool("quality.misses", false, "list the judged queries that miss relevant documents")

// qualityFloors are the figures the engine reached (a thousandth below,
// so that a tie in the order of equal scores does not fail); a change
// that loses quality fails here. Keys are "all", a language or a kind,
// then the measure; "zero" is a ceiling.
var qualityFloors = map[string]float64{
	"all recall@20": 0.928, "all ndcg@10": 0.935, "all zero": 0.003,
	"de recall@20": 0.891, "de ndcg@10": 0.926, "de zero": 0.001,
	"en recall@20": 0.914, "en ndcg@10": 0.917, "en zero": 0.015,
	"ar recall@20": 0.942, "ar ndcg@10": 0.938, "ar zero": 0.001,
	"fa recall@20": 0.980, "fa ndcg@10": 0.971, "fa zero": 0.001,
	"uk recall@20": 0.980, "uk ndcg@10": 0.951, "uk zero": 0.001,
	"tr recall@20": 0.933, "tr ndcg@10": 0.939, "tr zero": 0.001,
	"plain recall@20": 0.938, "plain ndcg@10": 0.943, "plain zero": 0.001,
	"fold recall@20": 0.899, "fold ndcg@10": 0.937, "fold zero": 0.001,
	"script recall@20": 0.992, "script ndcg@10": 0.970, "script zero": 0.001,
	"compound recall@20": 0.866, "compound ndcg@10": 0.920, "compound zero": 0.001,
	"inflection recall@20": 0.967, "inflection ndcg@10": 0.929, "inflection zero": 0.001,
	"typo recall@20": 0.942, "typo ndcg@10": 0.921, "typo zero": 0.039,
	"phrase recall@20": 0.878, "phrase ndcg@10": 0.929, "phrase zero": 0.001,
	"mixed recall@20": 0.999, "mixed ndcg@10": 0.857, "mixed zero": 0.001,
}

type judgedQuery struct {
	lang, kind, q string
	grades        map[string]int
}

func loadQualityCorpus(t testing.TB) []searchdoc.Doc {
	var docs []searchdoc.Doc
	eachDataLine(t, "corpus.txt", func(line string) {
		f := strings.Split(line, " | ")
		if len(f) != 6 {
			t.Fatalf("corpus: %q has %d fields, want 6", line, len(f))
		}
		docs = append(docs, searchdoc.Doc{ID: strings.TrimSpace(f[0]), Type: f[1], Lang: f[2], Category: f[3], Title: f[4], Body: f[5]})
	})
	return docs
}

func loadJudgedQueries(t testing.TB, ids map[string]bool) []judgedQuery {
	var out []judgedQuery
	var exact, related []string
	eachDataLine(t, "queries.txt", func(line string) {
		word, rest, _ := strings.Cut(line, " ")
		switch word {
		case "topic":
			exact, related = nil, nil
			return
		case "exact":
			exact = strings.Fields(rest)
			return
		case "related":
			related = strings.Fields(rest)
			return
		}
		kind, q, _ := strings.Cut(rest, " ")
		jq := judgedQuery{lang: word, kind: kind, grades: map[string]int{}}
		q, judged, own := strings.Cut(q, " => ")
		jq.q = q
		if own {
			for _, g := range strings.Fields(judged) {
				id, grade, _ := strings.Cut(g, ":")
				n, err := strconv.Atoi(grade)
				if err != nil || n < 1 || n > 2 {
					t.Fatalf("queries: %q: bad grade %q", line, g)
				}
				jq.grades[id] = n
			}
		} else {
			for _, id := range related {
				jq.grades[id] = 1
			}
			for _, id := range exact {
				jq.grades[id] = 2
			}
		}
		for id := range jq.grades {
			if !ids[id] {
				t.Fatalf("queries: %q judges %q, which the corpus lacks", line, id)
			}
		}
		if len(jq.grades) == 0 || q == "" {
			t.Fatalf("queries: %q has no judged documents", line)
		}
		out = append(out, jq)
	})
	return out
}

// eachDataLine calls fn with each line of a file of testdata/quality
// that is neither blank nor a comment.
func eachDataLine(t testing.TB, name string, fn func(string)) {
	f, err := os.Open(filepath.Join("testdata", "quality", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fn(line)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
}

// tally adds up the measures of a group of queries.
type tally struct {
	n                 int
	recall, ndcg      float64
	zero, zeroLosable int
}

func (s *tally) add(recall, ndcg float64, found int) {
	s.n++
	s.recall += recall
	s.ndcg += ndcg
	if found == 0 {
		s.zero++
	}
}

func (s *tally) figures() (recall, ndcg, zero float64) {
	if s.n == 0 {
		return 0, 0, 0
	}
	n := float64(s.n)
	return s.recall / n, s.ndcg / n, float64(s.zero) / n
}

// judge measures one result list: recall@20 counts every relevant
// document, nDCG@10 gains 2^grade-1.
func judge(got []string, grades map[string]int) (recall, ndcg float64) {
	found := 0
	dcg := 0.0
	for i, id := range got {
		g := grades[id]
		if g == 0 {
			continue
		}
		if i < 20 {
			found++
		}
		if i < 10 {
			dcg += float64(int(1)<<g-1) / math.Log2(float64(i+2))
		}
	}
	ideal := make([]int, 0, len(grades))
	for _, g := range grades {
		ideal = append(ideal, g)
	}
	slices.SortFunc(ideal, func(a, b int) int { return b - a })
	idcg := 0.0
	for i, g := range ideal[:min(10, len(ideal))] {
		idcg += float64(int(1)<<g-1) / math.Log2(float64(i+2))
	}
	return float64(found) / float64(min(20, len(grades))), dcg / idcg
}

func TestQuality(t *testing.T) {
	docs := loadQualityCorpus(t)
	known := map[string]bool{}
	for _, d := range docs {
		if known[d.ID] {
			t.Fatalf("corpus: %s twice", d.ID)
		}
		known[d.ID] = true
	}
	queries := loadJudgedQueries(t, known)
	if len(queries) < 300 {
		t.Errorf("%d judged queries, want at least 300", len(queries))
	}
	forEach(t, func(t *testing.T, e *env) {
		for _, d := range docs {
			e.clock.Advance(time.Minute)
			e.put(d)
		}
		groups := map[string]*tally{}
		group := func(k string) *tally {
			if groups[k] == nil {
				groups[k] = &tally{}
			}
			return groups[k]
		}
		for _, jq := range queries {
			r := e.search(Query{Q: jq.q, Limit: 20}, Anyone)
			got := ids(r)
			recall, ndcg := judge(got, jq.grades)
			for _, k := range []string{"all", jq.lang, jq.kind} {
				group(k).add(recall, ndcg, len(got))
			}
			if *showMisses && (recall < 1 || ndcg < 0.85) {
				t.Logf("%s %-11s %-32q recall %.2f ndcg %.2f corrected %q got %v", jq.lang, jq.kind, jq.q, recall, ndcg, r.Corrected, got)
			}
		}
		var report strings.Builder
		fmt.Fprintf(&report, "%-12s %5s %10s %8s %6s\n", "", "n", "recall@20", "nDCG@10", "zero")
		keys := []string{"all", "de", "en", "ar", "fa", "uk", "tr", "plain", "fold", "script", "compound", "inflection", "typo", "phrase", "mixed"}
		for _, k := range keys {
			s := group(k)
			recall, ndcg, zero := s.figures()
			fmt.Fprintf(&report, "%-12s %5d %10.3f %8.3f %6.3f\n", k, s.n, recall, ndcg, zero)
			if f, ok := qualityFloors[k+" recall@20"]; ok && recall < f {
				t.Errorf("%s: recall@20 %.3f below its floor %.3f", k, recall, f)
			}
			if f, ok := qualityFloors[k+" ndcg@10"]; ok && ndcg < f {
				t.Errorf("%s: nDCG@10 %.3f below its floor %.3f", k, ndcg, f)
			}
			if f, ok := qualityFloors[k+" zero"]; ok && zero > f {
				t.Errorf("%s: zero-result rate %.3f above its ceiling %.3f", k, zero, f)
			}
		}
		t.Log("\n" + report.String())
	})
}
