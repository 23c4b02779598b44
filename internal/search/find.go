package search

import (
	"context"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

var _ searchdoc.Finder = (*Module)(nil)

// MaxFind bounds the answer of Find.
const MaxFind = 1000

// Find answers which documents match the words of q and pass the filter,
// best first, as Search would rank them (searchdoc.Finder): forms of
// words, the taxonomy's names and, when the words find little, their
// corrections. Visibility is left to the caller.
func (m *Module) Find(ctx context.Context, q string, f searchdoc.FindFilter, limit int) ([]searchdoc.Match, error) {
	query := Query{Q: q, Types: f.Types, Category: f.Category, Lang: f.Lang, Near: f.Near, RadiusKm: f.RadiusKm,
		OrgKind: f.OrgKind, Verified: f.Verified, Limit: 1}
	if err := m.normalize(&query); err != nil {
		return nil, err
	}
	limit = min(max(limit, 1), MaxFind)
	now := m.s.Clock.Now()
	p := &plan{level: int(Trusted), now: secondsOf(&now), sort: SortRelevance, limit: limit}
	if err := m.around(ctx, p, &query); err != nil {
		return nil, err
	}
	_, docs, err := m.cache.refresh(ctx)
	if err != nil {
		return nil, err
	}
	m.filterCodes(p, &query)
	a := getAnalyzer()
	pq := parseQuery(a, query.Q)
	putAnalyzer(a)
	if pq.empty() {
		return nil, nil
	}
	if _, err := m.prepare(ctx, p, &pq, &query, docs); err != nil {
		return nil, err
	}
	page, _, _, _, err := m.evaluate(ctx, p, &pq)
	if err != nil {
		return nil, err
	}
	if len(page) < fewResults {
		fixed, _, ok, err := m.corrected(ctx, query.Q, pq)
		if err != nil {
			return nil, err
		}
		if ok {
			p2 := *p
			if _, err := m.prepare(ctx, &p2, &fixed, &query, docs); err != nil {
				return nil, err
			}
			page2, _, _, _, err := m.evaluate(ctx, &p2, &fixed)
			if err != nil {
				return nil, err
			}
			if len(page2) > len(page) {
				page = page2
			}
		}
	}
	return m.matches(ctx, page)
}

// matches names the documents of a page of results, in its order.
func (m *Module) matches(ctx context.Context, page []scored) ([]searchdoc.Match, error) {
	if len(page) == 0 {
		return nil, nil
	}
	ns := make([]int64, len(page))
	for i, s := range page {
		ns[i] = int64(s.n)
	}
	in, args := db.In(1, ns)
	rows, err := m.s.DB.QueryContext(ctx, "SELECT n, type, id FROM search_docs WHERE deleted = FALSE AND n IN ("+in+")", args...)
	byN := map[uint32]searchdoc.Match{}
	err = db.Each(rows, err, func(row db.Scanner) error {
		var n int64
		var mt searchdoc.Match
		if err := row.Scan(&n, &mt.Type, &mt.ID); err != nil {
			return err
		}
		byN[uint32(n)] = mt
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := make([]searchdoc.Match, 0, len(page))
	for _, s := range page {
		if mt, ok := byN[s.n]; ok {
			mt.Score = int(s.key)
			out = append(out, mt)
		}
	}
	return out, nil
}
