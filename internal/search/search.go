package search

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"strings"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/taxonomy"
)

// Relevance: every word of the query scores its weight times 1 + the
// bucket in which the document holds it (see analyze.go: title 3, text
// 2 or 1, place and category 0); the weight is 1, 2 or 3 as the word is
// common, rarer or rare in the index (its df against all documents).
// Equal scores go newest first (higher document number). The same
// numbers on both databases give the same order.

// phraseCandidates bounds the documents whose word order is checked for
// a phrase: the best ones by relevance.
const phraseCandidates = 5000

// Search finds a page of documents for the viewer.
func (m *Module) Search(ctx context.Context, q Query, v Viewer) (*Result, error) {
	if err := m.normalize(&q); err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	p := &plan{level: int(v), now: secondsOf(&now), sort: q.Sort, limit: q.Limit, facets: q.Facets}
	res := &Result{Sort: q.Sort}
	if q.Cursor != "" {
		c, err := parseCursor(q.Cursor, q.Sort)
		if err != nil {
			return nil, err
		}
		p.cursor = c
	}
	if err := m.around(ctx, p, &q); err != nil {
		return nil, err
	}
	if p.geo != nil {
		res.Near = p.geo.place
	}
	if q.From != nil || q.To != nil {
		p.dated = true
		p.from, p.to = 0, never
		if q.From != nil {
			p.from = secondsOf(q.From)
		}
		if q.To != nil {
			end := q.To.AddDate(0, 0, 1) // the whole day
			p.to = secondsOf(&end) - 1
		}
	}
	gen, docs, err := m.cache.refresh(ctx)
	if err != nil {
		return nil, err
	}
	// Counts of the same query a moment ago, when nothing changed since.
	key := facetKey(&q, int(v))
	cached, hit := m.fcache.get(key, gen, p.now)
	if hit {
		p.facets = false
	}
	m.filterCodes(p, &q)

	a := getAnalyzer()
	pq := parseQuery(a, q.Q)
	putAnalyzer(a)

	// Counts kept from before also tell what the words were corrected to.
	var corrections []correction
	if hit && cached.fixed != nil {
		pq, corrections = *cached.fixed, cached.corrections
	}
	ev, err := m.prepare(ctx, p, &pq, &q, docs)
	if err != nil {
		return nil, err
	}
	page, more, total, fc, err := m.evaluate(ctx, p, &pq)
	if err != nil {
		return nil, err
	}
	if hit {
		total, fc = cached.total, cached.fc
	}
	// A query that finds little tries the nearest known words. The
	// decision rests on the count (so every page of it decides alike), or
	// without counts on the first page.
	var fixedQuery *parsed
	little := total >= 0 && total < fewResults || total < 0 && q.Cursor == "" && len(page) < fewResults
	if !hit && !q.Exact && !pq.empty() && little {
		if fixed, fixes, ok, err := m.corrected(ctx, q.Q, pq); err != nil {
			return nil, err
		} else if ok {
			p2 := *p
			p2.facets = q.Facets
			ev2, err := m.prepare(ctx, &p2, &fixed, &q, docs)
			if err != nil {
				return nil, err
			}
			page2, more2, total2, fc2, err := m.evaluate(ctx, &p2, &fixed)
			if err != nil {
				return nil, err
			}
			if len(page2) > len(page) || total2 > total {
				page, more, total, fc, ev = page2, more2, total2, fc2, ev2
				corrections, fixedQuery = fixes, &fixed
			}
		}
	}
	if q.Facets && !hit && fc != nil && total >= 0 {
		m.fcache.put(key, &facetEntry{gen: gen, until: fc.until, total: total, fc: fc, fixed: fixedQuery, corrections: corrections})
	}
	res.Total = total
	if more && len(page) > 0 {
		last := page[len(page)-1]
		res.Next = cursor{sort: q.Sort, key: last.key, n: last.n}.String()
	}
	if fc != nil {
		res.Facets = m.facets(fc, &q)
	}
	if res.Hits, err = m.hits(ctx, page, ev, res.Near, q.Sort); err != nil {
		return nil, err
	}
	if corrections != nil {
		res.Corrected = shownCorrection(q.Q, corrections, res.Hits)
	}
	return res, nil
}

// around resolves the place a query searches around into the plan's
// radius filter.
func (m *Module) around(ctx context.Context, p *plan, q *Query) error {
	if q.Near == "" {
		return nil
	}
	place, err := m.places.Resolve(ctx, q.Near)
	switch {
	case apperr.Is(err, apperr.NotFound) || apperr.Is(err, apperr.Invalid):
		return apperr.Field("near", "search.near.unknown")
	case apperr.Is(err, apperr.Unavailable):
		return apperr.Field("near", "search.near.unavailable")
	case err != nil:
		return err
	}
	km := float64(q.RadiusKm)
	minLat, maxLat, minLon, maxLon := geo.Box(place.Lat, place.Lon, km)
	p.geo = &geoFilter{place: place, lat: place.Lat, lon: place.Lon, km: km,
		minLat: float32(minLat) - 1e-4, maxLat: float32(maxLat) + 1e-4, minLon: float32(minLon) - 1e-4, maxLon: float32(maxLon) + 1e-4}
	return nil
}

// filterCodes turns the filters into the cache's codes.
func (m *Module) filterCodes(p *plan, q *Query) {
	for _, t := range q.Types {
		p.types |= 1 << m.types.code(t)
	}
	if q.Category != "" {
		p.cat = catCode(q.Category)
	}
	if q.Lang != "" {
		p.langMask = langBit(q.Lang)
		if p.langMask == otherLangBit {
			p.langRare = q.Lang
		}
	}
	if q.OrgKind != "" {
		p.orgKind = kindCode(q.OrgKind)
	}
	p.verified = q.Verified
}

// evidence is what the query was matched with, for marking words.
type evidence struct {
	hl highlighter
}

// prepare looks up the terms of a query and loads their lists into the
// plan.
func (m *Module) prepare(ctx context.Context, p *plan, pq *parsed, q *Query, docs int64) (*evidence, error) {
	ev := &evidence{hl: highlighter{terms: map[string]bool{}}}
	var want []string
	for _, t := range pq.tokens {
		if !t.prefix {
			want = append(want, t.variants...)
			want = append(want, t.cats...)
		}
	}
	for _, t := range pq.exclude {
		want = append(want, t.variants...)
	}
	var cells []string
	if len(pq.tokens) == 0 {
		if p.geo != nil {
			cells = cellsAround(p.geo.lat, p.geo.lon, p.geo.km)
			want = append(want, cells...)
		}
		if q.Category != "" {
			want = append(want, "@c:"+q.Category)
		}
		for _, t := range q.Types {
			want = append(want, "@y:"+t)
		}
	}
	info, err := lookupTerms(ctx, m.s.DB, want)
	if err != nil {
		return nil, err
	}
	listsOf := func(terms []string) ([]*plist, int64, error) {
		var out []*plist
		var df int64
		for _, t := range terms {
			ti, ok := info[t]
			if !ok || ti.df == 0 {
				continue
			}
			l, err := m.cache.list(ctx, ti)
			if err != nil {
				return nil, 0, err
			}
			if len(pq.tokens) > 0 && isSubcategoryTerm(t) {
				l = l.lifted()
			}
			out = append(out, l)
			df += ti.df
		}
		return out, df, nil
	}
	p.tokens, p.exclude, p.browse = nil, nil, nil
	for _, t := range pq.tokens {
		terms := append(slices.Clone(t.variants), t.cats...)
		if t.prefix {
			found, err := prefixTerms(ctx, m.s.DB, t.variants[0])
			if err != nil {
				return nil, err
			}
			for term, ti := range found {
				info[term] = ti
			}
			terms = slices.Sorted(func(yield func(string) bool) {
				for term := range found {
					if !yield(term) {
						return
					}
				}
			})
			ev.hl.prefixes = append(ev.hl.prefixes, t.variants[0])
		}
		for _, v := range t.variants {
			ev.hl.terms[v] = true
		}
		lists, df, err := listsOf(terms)
		if err != nil {
			return nil, err
		}
		p.tokens = append(p.tokens, &tokenLists{lists: lists, df: df, weight: weightOf(df, docs)})
	}
	for _, t := range pq.exclude {
		lists, df, err := listsOf(t.variants)
		if err != nil {
			return nil, err
		}
		p.exclude = append(p.exclude, &tokenLists{lists: lists, df: df})
	}
	p.phrases = pq.phrases
	if len(pq.tokens) == 0 {
		// Browse: walk the smallest list that holds every candidate. With
		// facets only the cells qualify: a category or type list would
		// leave out what the other values count.
		type option struct {
			lists []*plist
			df    int64
		}
		var opts []option
		if cells != nil {
			l, df, err := listsOf(cells)
			if err != nil {
				return nil, err
			}
			opts = append(opts, option{l, df})
		}
		if !q.Facets && q.Category != "" {
			l, df, err := listsOf([]string{"@c:" + q.Category})
			if err != nil {
				return nil, err
			}
			opts = append(opts, option{l, df})
		}
		if !q.Facets && len(q.Types) > 0 {
			var ts []string
			for _, t := range q.Types {
				ts = append(ts, "@y:"+t)
			}
			l, df, err := listsOf(ts)
			if err != nil {
				return nil, err
			}
			opts = append(opts, option{l, df})
		}
		if len(opts) > 0 {
			best := slices.MinFunc(opts, func(a, b option) int { return cmp.Compare(a.df, b.df) })
			p.browse = best.lists
			if len(p.browse) == 0 {
				p.browse = []*plist{{}} // nothing qualifies
			}
		}
	}
	return ev, nil
}

// isSubcategoryTerm reports whether a term is that of a subcategory: a
// query word naming one says more than one naming a whole area, so its
// documents rank above those of the area's other subcategories.
func isSubcategoryTerm(t string) bool {
	id, ok := strings.CutPrefix(t, "@c:")
	return ok && strings.Contains(id, ".")
}

// weightOf weighs a word by how many documents hold it.
func weightOf(df, docs int64) int {
	w := 1
	if df*20 < docs {
		w++
	}
	if df*400 < docs {
		w++
	}
	return w
}

// prefixTerms returns the most frequent word terms beginning with prefix.
func prefixTerms(ctx context.Context, q db.Querier, prefix string) (map[string]termInfo, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, term, df, gen FROM search_terms WHERE term >= $1 AND term < $2 AND df > 0
		ORDER BY term LIMIT 2000`, prefix, prefix+"\U0010FFFF")
	type found struct {
		term string
		ti   termInfo
	}
	all, err := db.Collect(rows, err, func(row db.Scanner) (found, error) {
		var f found
		err := row.Scan(&f.ti.id, &f.term, &f.ti.df, &f.ti.gen)
		return f, err
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(all, func(a, b found) int {
		if c := cmp.Compare(b.ti.df, a.ti.df); c != 0 {
			return c
		}
		return strings.Compare(a.term, b.term)
	})
	out := map[string]termInfo{}
	for _, f := range all[:min(len(all), maxPrefixHits)] {
		out[f.term] = f.ti
	}
	return out, nil
}

// evaluate runs a prepared plan, checking phrases on the best candidates.
func (m *Module) evaluate(ctx context.Context, p *plan, pq *parsed) ([]scored, bool, int, *counts, error) {
	if len(p.tokens) > 0 {
		for _, t := range p.tokens {
			if len(t.lists) == 0 {
				return nil, false, 0, emptyCounts(p), nil // a word no document has
			}
		}
	}
	var check func(uint32) bool
	if len(pq.phrases) > 0 {
		cand := *p
		cand.limit, cand.sort, cand.facets, cand.cursor = phraseCandidates, SortRelevance, false, nil
		best, _, _, _ := m.cache.run(&cand, nil)
		ok, err := m.phraseMatches(ctx, best, pq.phrases)
		if err != nil {
			return nil, false, 0, nil, err
		}
		check = func(n uint32) bool { return ok[n] }
	}
	page, more, total, fc := m.cache.run(p, check)
	return page, more, total, fc, nil
}

func emptyCounts(p *plan) *counts {
	if !p.facets {
		return nil
	}
	return newCounts()
}

// phraseMatches reads the word sequences of candidates and keeps those
// holding every phrase.
func (m *Module) phraseMatches(ctx context.Context, cand []scored, phrases []phrase) (map[uint32]bool, error) {
	ok := map[uint32]bool{}
	for start := 0; start < len(cand); start += 500 {
		chunk := cand[start:min(start+500, len(cand))]
		ns := make([]int64, len(chunk))
		for i, c := range chunk {
			ns[i] = int64(c.n)
		}
		in, args := db.In(1, ns)
		rows, err := m.s.DB.QueryContext(ctx, "SELECT n, seq FROM search_docs WHERE n IN ("+in+")", args...)
		err = db.Each(rows, err, func(row db.Scanner) error {
			var n int64
			var b []byte
			if err := row.Scan(&n, &b); err != nil {
				return err
			}
			seq := decodeSeq(b)
			all := true
			for _, ph := range phrases {
				if !matchPhrase(seq, ph) {
					all = false
					break
				}
			}
			if all {
				ok[uint32(n)] = true
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return ok, nil
}

// correction is a word of a query replaced by a known term.
type correction struct {
	lower, term string
}

// corrected replaces the words of a query that no document holds (else
// those that fewer than fewResults hold) by their nearest known terms,
// and reads the query again as if the user had typed them, so that a
// corrected word names its category and joins its phrase like a word
// typed right; ok is false when none was replaced.
func (m *Module) corrected(ctx context.Context, text string, pq parsed) (parsed, []correction, bool, error) {
	var all []string
	for _, t := range pq.tokens {
		all = append(all, t.variants...)
	}
	dfs, err := lookupTerms(ctx, m.s.DB, all)
	if err != nil {
		return pq, nil, false, err
	}
	dfOf := func(t token) int64 {
		var df int64
		for _, v := range t.variants {
			df += dfs[v].df
		}
		return df
	}
	limit := int64(1)
	for _, t := range pq.tokens {
		if dfOf(t) == 0 && !t.prefix {
			limit = 0
		}
	}
	var fixes []correction
	for _, t := range pq.tokens {
		if t.prefix || len(t.cats) > 0 || dfOf(t) > limit*(fewResults-1) {
			continue
		}
		fix, err := correct(ctx, m.s.DB, t.variants)
		if err != nil {
			return pq, nil, false, err
		}
		if fix == "" {
			continue
		}
		text = replaceWord(text, t.lower, fix)
		fixes = append(fixes, correction{lower: t.lower, term: fix})
	}
	if len(fixes) == 0 {
		return pq, nil, false, nil
	}
	a := getAnalyzer()
	defer putAnalyzer(a)
	return parseQuery(a, text), fixes, true, nil
}

// shownCorrection writes the query with its corrected words as the first
// result holding each writes it (a term is a stem, not a word to show).
func shownCorrection(q string, fixes []correction, hits []Hit) string {
	a := getAnalyzer()
	defer putAnalyzer(a)
	for _, f := range fixes {
		shown := f.term
		if w, ok := taxonomyNames().written[f.term]; ok {
			shown = w // a word of a name, as the taxonomy writes it, unless a result writes it
		}
	find:
		for _, h := range hits {
			for _, text := range []string{h.Title, h.body} {
				found := ""
				eachWord(text, h.Lang, func(w word) {
					if found == "" && usable(w.lower) && (a.term(h.Lang, w.lower) == f.term || a.word(h.Lang, w.lower).folded == f.term) {
						found = text[w.start:w.end]
					}
				})
				if found != "" {
					shown = found
					break find
				}
			}
		}
		q = replaceWord(q, f.lower, shown)
	}
	return q
}

// replaceWord replaces the first word of s that lower-cases to old.
func replaceWord(s, old, repl string) string {
	done := false
	var b strings.Builder
	last := 0
	eachWord(s, "", func(w word) {
		if done || w.lower != old {
			return
		}
		b.WriteString(s[last:w.start])
		b.WriteString(repl)
		last = w.end
		done = true
	})
	b.WriteString(s[last:])
	return b.String()
}

// facets turns tallies into facet values.
func (m *Module) facets(fc *counts, q *Query) Facets {
	var f Facets
	for _, t := range m.types.names() {
		sel := slices.Contains(q.Types, t)
		if n := fc.types[m.types.code(t)]; n > 0 || sel {
			f.Types = append(f.Types, FacetValue{Value: t, Count: n, Selected: sel})
		}
	}
	tax := taxonomy.Default()
	for _, top := range tax.Top() {
		if n := fc.tops[catCode(top.ID)]; n > 0 || top.ID == q.Category {
			f.Categories = append(f.Categories, FacetValue{Value: top.ID, Count: n, Selected: top.ID == q.Category})
		}
	}
	if selTop := tax.TopOf(q.Category); selTop != "" {
		for _, sub := range tax.Children(selTop) {
			if n := fc.cats[catCode(sub.ID)]; n > 0 || sub.ID == q.Category {
				f.Subcategories = append(f.Subcategories, FacetValue{Value: sub.ID, Count: n, Selected: sub.ID == q.Category})
			}
		}
	}
	for bit, n := range fc.langs {
		if n > 0 && bit < len(hotLanguages) {
			l := hotLanguages[bit]
			f.Languages = append(f.Languages, FacetValue{Value: l, Count: n, Selected: l == q.Lang})
		}
	}
	for l, n := range fc.rare {
		f.Languages = append(f.Languages, FacetValue{Value: l, Count: n, Selected: l == q.Lang})
	}
	byCount := func(a, b FacetValue) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return strings.Compare(a.Value, b.Value)
	}
	slices.SortFunc(f.Languages, byCount)
	if q.Lang != "" && !slices.ContainsFunc(f.Languages, func(v FacetValue) bool { return v.Selected }) {
		f.Languages = append(f.Languages, FacetValue{Value: q.Lang, Selected: true})
	}
	for k, n := range fc.orgKind {
		if kind := kindOf(k); n > 0 && kind != "" {
			f.OrgKinds = append(f.OrgKinds, FacetValue{Value: kind, Count: n, Selected: kind == q.OrgKind})
		}
	}
	slices.SortFunc(f.OrgKinds, byCount)
	if q.OrgKind != "" && !slices.ContainsFunc(f.OrgKinds, func(v FacetValue) bool { return v.Selected }) {
		f.OrgKinds = append(f.OrgKinds, FacetValue{Value: q.OrgKind, Selected: true})
	}
	return f
}

// hits reads what the page shows of its documents.
func (m *Module) hits(ctx context.Context, page []scored, ev *evidence, near *geo.Place, sort string) ([]Hit, error) {
	if len(page) == 0 {
		return []Hit{}, nil
	}
	ns := make([]int64, len(page))
	for i, s := range page {
		ns[i] = int64(s.n)
	}
	in, args := db.In(1, ns)
	rows, err := m.s.DB.QueryContext(ctx, `SELECT n, type, id, title, body, url, lang, langs, category, org_kind, verified,
		postcode, place, lat, lon, created_at, updated_at, deadline, starts_at, ends_at FROM search_docs WHERE n IN (`+
		in+")", args...)
	byN := map[uint32]*Hit{}
	err = db.Each(rows, err, func(row db.Scanner) error {
		h := &Hit{}
		var n int64
		var langs string
		var lat, lon sql.NullFloat64
		var deadline, start, end sql.NullTime
		if err := row.Scan(&n, &h.Type, &h.ID, &h.Title, &h.body, &h.URL, &h.Lang, &langs, &h.Category, &h.OrgKind,
			&h.Verified, &h.Postcode, &h.Place, &lat, &lon, &h.CreatedAt, &h.UpdatedAt, &deadline, &start, &end); err != nil {
			return err
		}
		h.n = uint32(n)
		h.CreatedAt, h.UpdatedAt = h.CreatedAt.UTC(), h.UpdatedAt.UTC()
		if langs != "" {
			h.Langs = strings.Split(langs, ",")
		}
		if lat.Valid && lon.Valid {
			h.lat, h.lon = &lat.Float64, &lon.Float64
		}
		h.Deadline, h.Start, h.End = db.TimePtr(deadline), db.TimePtr(start), db.TimePtr(end)
		byN[h.n] = h
		return nil
	})
	if err != nil {
		return nil, err
	}
	a := getAnalyzer()
	defer putAnalyzer(a)
	out := make([]Hit, 0, len(page))
	for _, s := range page {
		h := byN[s.n]
		if h == nil {
			continue // deleted meanwhile
		}
		if sort == SortRelevance {
			h.Score = int(s.key)
		}
		if near != nil && h.lat != nil {
			km := geo.RoundKm(geo.DistanceKm(near.Lat, near.Lon, *h.lat, *h.lon))
			h.DistanceKm = &km
		}
		h.Snippet = ev.hl.snippet(a, h.body, h.Lang)
		h.TitleMarks = ev.hl.segments(a, h.Title, h.Lang)
		out = append(out, *h)
	}
	return out, nil
}
