package search

import (
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/paging"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
)

// Orders of results.
const (
	SortRelevance = "relevance"
	SortDistance  = "distance"
	SortNewest    = "newest"
	SortEnding    = "ending"
)

// Sorts lists the orders.
var Sorts = []string{SortRelevance, SortDistance, SortNewest, SortEnding}

// Page sizes and radii.
const (
	DefaultLimit    = 20
	MaxLimit        = 100
	DefaultRadiusKm = geo.DefaultRadiusKm
	MaxRadiusKm     = geo.MaxRadiusKm
)

// Viewer is who asks, for visibility: a visitor sees public documents, a
// member also those for members, a trusted person (a member of a verified
// organisation, a coordinator) all.
type Viewer int

const (
	Anyone Viewer = iota
	Member
	Trusted
)

// Query is a search; the parameter names are the board's.
type Query struct {
	Q        string
	Types    []string // any of the registered types (Module.Types); none: all
	Category string   // a taxonomy id; a top-level id includes its subcategories
	Lang     string   // a language the text is written in or its people speak
	Near     string   // a postcode or place
	RadiusKm int      // with Near; DefaultRadiusKm when 0
	OrgKind  string
	Verified bool
	From, To *time.Time // days: documents taking place then (events)
	Sort     string     // one of Sorts; relevance when empty (newest without words)
	Cursor   string     // from the previous page's Next
	Limit    int
	Facets   bool // count types, categories, languages and organisation kinds
	Exact    bool // no corrections when the words find little
}

// Result is one page of results.
type Result struct {
	Hits []Hit
	// Total counts every match; it is exact, and -1 when it was not
	// counted (a relevance page without facets stops at the page).
	Total int
	Facets
	Next      string     // cursor of the following page; "" on the last
	Corrected string     // the query the results are for, when the one asked found little ("showing results for")
	Near      *geo.Place // the place searched around
	Sort      string     // the order used
}

// Facets count the matches per value; a value's count disregards the
// filter on its own facet, so one can switch between values.
type Facets struct {
	Types         []FacetValue
	Categories    []FacetValue // top-level categories
	Subcategories []FacetValue // of the chosen top-level category
	Languages     []FacetValue
	OrgKinds      []FacetValue
}

// FacetValue is one value of a facet with its count.
type FacetValue struct {
	Value    string
	Count    int
	Selected bool
}

// Hit is one document found.
type Hit struct {
	Type, ID, URL string
	Title         string
	TitleMarks    []Segment // the title, the query's words marked
	Snippet       []Segment // of the text, the query's words marked
	Lang          string
	Langs         []string // further languages
	Category      string
	OrgKind       string
	Verified      bool
	Postcode      string
	Place         string
	DistanceKm    *int // from the place searched around, whole kilometres
	CreatedAt     time.Time
	UpdatedAt     time.Time
	Deadline      *time.Time
	Start, End    *time.Time
	Score         int
	n             uint32
	lat, lon      *float64
	body          string
}

// Normalize checks a query and fills in defaults; the errors name the
// parameter.
func (q *Query) Normalize() error {
	f := apperr.Fields{}
	q.Q = strings.TrimSpace(q.Q)
	if len([]rune(q.Q)) > maxQueryRunes {
		f.Add("q", "form.too_long")
	}
	var types []string
	for _, t := range q.Types {
		if t != "" && !slices.Contains(types, t) {
			types = append(types, t)
		}
	}
	q.Types = types // checked against the registered types by Module.normalize
	if q.Category != "" && !taxonomy.Default().Valid(q.Category) {
		f.Add("category", "form.invalid_choice")
	}
	q.Lang = text.CanonicalLanguage(q.Lang)
	if len(q.Lang) > 8 {
		f.Add("lang", "form.invalid_choice")
	}
	q.Near = strings.TrimSpace(q.Near)
	switch {
	case q.RadiusKm == 0:
		q.RadiusKm = DefaultRadiusKm
	case q.RadiusKm < 0 || q.RadiusKm > MaxRadiusKm:
		f.Add("radius_km", "search.radius.invalid")
	}
	switch q.Sort {
	case "":
		q.Sort = SortRelevance
	case SortRelevance, SortNewest, SortEnding:
	case SortDistance:
		if q.Near == "" {
			f.Add("sort", "search.sort.distance_needs_place")
		}
	default:
		f.Add("sort", "form.invalid_choice")
	}
	if q.From != nil && q.To != nil && q.To.Before(*q.From) {
		f.Add("to", "search.dates.order")
	}
	switch {
	case q.Limit <= 0:
		q.Limit = DefaultLimit
	case q.Limit > MaxLimit:
		q.Limit = MaxLimit
	}
	return f.Err()
}

// Filter bits of a candidate that fails them; facets count a value when
// only their own bit fails.
const (
	failType uint8 = 1 << iota
	failCat
	failLang
	failOrg
	failOther
)

// plan is a query made ready to run against the cache.
type plan struct {
	level    int
	now      uint32
	types    uint64 // bits of type codes; 0: all
	cat      int    // category code; 0: all
	langMask uint32 // 0: all
	langRare string // a language beyond hotLanguages
	orgKind  int    // organisation kind code; 0: all
	verified bool
	geo      *geoFilter
	from, to uint32
	dated    bool

	tokens  []*tokenLists
	exclude []*tokenLists
	phrases []phrase
	browse  []*plist // lists to walk when there are no words (cells, a category, types)

	sort   string
	limit  int
	cursor *cursor
	facets bool
}

// tokenLists are the posting lists one query word stands for.
type tokenLists struct {
	lists  []*plist
	df     int64
	weight int
}

type geoFilter struct {
	place                          *geo.Place
	lat, lon, km                   float64
	minLat, maxLat, minLon, maxLon float32
}

func (g *geoFilter) meters(h uint64, lat, lon float32) (int64, bool) {
	if h&bitGeo == 0 || lat < g.minLat || lat > g.maxLat || lon < g.minLon || lon > g.maxLon {
		return 0, false
	}
	d := geo.DistanceKm(g.lat, g.lon, float64(lat), float64(lon))
	if d > g.km {
		return 0, false
	}
	return int64(math.Round(d * 1000)), true
}

// cursor is a place in an order: the sort key and number of the last
// result shown.
type cursor struct {
	sort string
	key  int64
	n    uint32
}

func (c cursor) String() string {
	return paging.New("search." + c.sort).Int(c.key).Int(int64(c.n)).String()
}

// parseCursor reads what String wrote for the order; anything else is a
// bad cursor.
func parseCursor(s, sort string) (*cursor, error) {
	r := paging.Read("search."+sort, s)
	key, n := r.Int(), r.Int()
	if err := r.Err(); err != nil {
		return nil, err
	}
	if n < 0 || n > math.MaxUint32 {
		return nil, paging.BadCursor()
	}
	return &cursor{sort: sort, key: key, n: uint32(n)}, nil
}

// after reports whether (key, n) comes after the cursor: results go by key,
// highest first, then by number, highest (newest) first.
func (c *cursor) after(key int64, n uint32) bool {
	return c == nil || key < c.key || (key == c.key && n < c.n)
}

// better orders two results.
func better(k1 int64, n1 uint32, k2 int64, n2 uint32) bool {
	return k1 > k2 || (k1 == k2 && n1 > n2)
}

// topK keeps the best k results after the cursor.
type topK struct {
	k    int
	keys []int64
	ns   []uint32
}

type scored struct {
	key int64
	n   uint32
}

// full reports whether k results are kept.
func (t *topK) full() bool { return len(t.ns) >= t.k }

func (t *topK) offer(key int64, n uint32) {
	if len(t.ns) < t.k {
		t.keys = append(t.keys, key)
		t.ns = append(t.ns, n)
		if len(t.ns) == t.k {
			t.heapify()
		}
		return
	}
	// t is a min-heap on (key, n): the root is the worst kept.
	if !better(key, n, t.keys[0], t.ns[0]) {
		return
	}
	t.keys[0], t.ns[0] = key, n
	t.down(0)
}

func (t *topK) less(i, j int) bool { return better(t.keys[j], t.ns[j], t.keys[i], t.ns[i]) }

func (t *topK) heapify() {
	for i := len(t.ns)/2 - 1; i >= 0; i-- {
		t.down(i)
	}
}

func (t *topK) down(i int) {
	n := len(t.ns)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && t.less(r, l) {
			m = r
		}
		if !t.less(m, i) {
			return
		}
		t.keys[i], t.keys[m] = t.keys[m], t.keys[i]
		t.ns[i], t.ns[m] = t.ns[m], t.ns[i]
		i = m
	}
}

// worst is the worst kept result (only meaningful when full).
func (t *topK) worst() (int64, uint32) { return t.keys[0], t.ns[0] }

// sorted returns the kept results, best first.
func (t *topK) sorted() []scored {
	out := make([]scored, len(t.ns))
	for i := range t.ns {
		out[i] = scored{key: t.keys[i], n: t.ns[i]}
	}
	slices.SortFunc(out, func(a, b scored) int {
		if better(a.key, a.n, b.key, b.n) {
			return -1
		}
		return 1
	})
	return out
}

// levels holds, per document number, 1 + the strongest bucket in which a
// query word's lists hold it (0: not at all). They come from a pool: a
// query needs one per word but the driving one.
var levelPool = sync.Pool{}

func getLevels(size int) []uint8 {
	if v, ok := levelPool.Get().(*[]uint8); ok && cap(*v) >= size {
		return (*v)[:size]
	}
	return make([]uint8, size)
}

func putLevels(l []uint8) {
	clear(l)
	levelPool.Put(&l)
}

func fillLevels(lv []uint8, tl *tokenLists) {
	for _, l := range tl.lists {
		for b := maxBucket; b >= 0; b-- {
			v := uint8(b + 1)
			for _, n := range l.bucketRange(b) {
				if int(n) < len(lv) && lv[n] < v {
					lv[n] = v
				}
			}
		}
	}
}

// stream walks the documents of one query word, strongest bucket first,
// then newest first, each document once (at its strongest).
func stream(tl *tokenLists, seen []uint64, fn func(n uint32, bucket int) bool) {
	if len(tl.lists) == 1 { // one list holds each document once
		l := tl.lists[0]
		for b := maxBucket; b >= 0; b-- {
			for _, n := range l.bucketRange(b) {
				if !fn(n, b) {
					return
				}
			}
		}
		return
	}
	type head struct {
		ns []uint32
	}
	for b := maxBucket; b >= 0; b-- {
		heads := make([]head, 0, len(tl.lists))
		for _, l := range tl.lists {
			if r := l.bucketRange(b); len(r) > 0 {
				heads = append(heads, head{r})
			}
		}
		for len(heads) > 0 {
			// The list whose next number is highest goes next.
			best := 0
			for i := 1; i < len(heads); i++ {
				if heads[i].ns[0] > heads[best].ns[0] {
					best = i
				}
			}
			n := heads[best].ns[0]
			heads[best].ns = heads[best].ns[1:]
			if len(heads[best].ns) == 0 {
				heads = slices.Delete(heads, best, best+1)
			}
			if int(n>>6) < len(seen) {
				if seen[n>>6]&(1<<(n&63)) != 0 {
					continue
				}
				seen[n>>6] |= 1 << (n & 63)
			}
			if !fn(n, b) {
				return
			}
		}
	}
}

// counts are facet tallies by code.
type counts struct {
	types   [maxTypes + 1]int // by type code
	tops    [128]int          // by category code
	cats    [128]int
	langs   [32]int // by bit of hotLanguages
	rare    map[string]int
	orgKind [16]int
	until   uint32 // the first expiry among the documents counted
}

// run evaluates a plan on the cache's documents: it finds the page after
// the cursor, counts matches and facets. check, when given, is a last test
// of each match (phrases). Relevance without facets stops as soon as no
// document further down can reach the page; total is then -1.
func (c *cache) run(p *plan, check func(n uint32) bool) (page []scored, more bool, total int, fc *counts) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	hot, langs := c.hot, c.langs
	top := &topK{k: p.limit + 1}
	if p.facets {
		fc = newCounts()
	}
	// The word with the fewest documents drives; the others are looked up.
	var drive *tokenLists
	var others []*tokenLists
	for _, t := range p.tokens {
		switch {
		case drive == nil:
			drive = t
		case t.df < drive.df:
			others = append(others, drive)
			drive = t
		default:
			others = append(others, t)
		}
	}
	otherLv := make([][]uint8, len(others))
	for i, t := range others {
		otherLv[i] = getLevels(len(hot))
		fillLevels(otherLv[i], t)
	}
	var excl []uint8
	if len(p.exclude) > 0 {
		excl = getLevels(len(hot))
		for _, t := range p.exclude {
			fillLevels(excl, t)
		}
	}
	seen := getSeen(len(hot)/64 + 1)
	defer func() {
		for _, lv := range otherLv {
			putLevels(lv)
		}
		if excl != nil {
			putLevels(excl)
		}
		putSeen(seen)
	}()
	// The most a document can score beyond the driving word.
	restMax := 0
	for _, t := range others {
		restMax += t.weight * (maxBucket + 1)
	}
	early := !p.facets && check == nil
	if drive != nil {
		early = early && p.sort == SortRelevance
	} else {
		early = early && (p.sort == SortRelevance || p.sort == SortNewest)
	}
	stopped := false

	visit := func(n uint32, bucket int) bool {
		if early && top.full() {
			// Results further down come at n or below in this bucket, and
			// lower buckets score less: stop when none can reach the page.
			wk, wn := top.worst()
			if drive == nil {
				stopped = true
				return false
			}
			bound := int64(drive.weight*(bucket+1) + restMax)
			if wk > bound || (wk == bound && wn > n) {
				stopped = true
				return false
			}
		}
		if int(n) >= len(hot) {
			return true
		}
		h := hot[n]
		if h&bitLive == 0 || hotVis(h) > p.level || hotExpires(h) <= p.now {
			return true
		}
		if h&bitLater != 0 && !p.dated {
			if from := c.shown[n]; from > p.now {
				if fc != nil {
					fc.until = min(fc.until, from) // counts change when it shows
				}
				return true
			}
		}
		score := 0
		if drive != nil {
			score = drive.weight * (bucket + 1)
			for i, lv := range otherLv {
				l := lv[n]
				if l == 0 {
					return true
				}
				score += others[i].weight * int(l)
			}
			if excl != nil && excl[n] != 0 {
				return true
			}
		}
		var fail uint8
		if p.types != 0 && p.types&(1<<hotType(h)) == 0 {
			fail |= failType
		}
		if p.cat != 0 && hotCat(h) != p.cat && hotTop(h) != p.cat {
			fail |= failCat
		}
		if p.langMask != 0 && (langs[n]&p.langMask == 0 || p.langRare != "" && !slices.Contains(c.extra[n], p.langRare)) {
			fail |= failLang
		}
		if p.orgKind != 0 && hotKind(h) != p.orgKind {
			fail |= failOrg
		}
		if p.verified && h&bitVerified == 0 {
			fail |= failOther
		}
		var meters int64
		if p.geo != nil {
			m, ok := p.geo.meters(h, c.lat[n], c.lon[n])
			if !ok {
				fail |= failOther
			}
			meters = m
		}
		if p.dated {
			d, ok := c.dates[n]
			if !ok || d[1] < p.from || d[0] > p.to {
				fail |= failOther
			}
		}
		if fail != 0 && (fc == nil || fail&failOther != 0) {
			return true
		}
		if check != nil && !check(n) {
			return true
		}
		if fc != nil {
			fc.until = min(fc.until, hotExpires(h))
			if fail&^failType == 0 {
				fc.types[hotType(h)]++
			}
			if fail&^failCat == 0 {
				if cat := hotCat(h); cat != 0 {
					fc.tops[hotTop(h)]++
					fc.cats[cat]++
				}
			}
			if fail&^failLang == 0 {
				m := langs[n]
				for b := m &^ otherLangBit; b != 0; b &= b - 1 {
					fc.langs[bits.TrailingZeros32(b)]++
				}
				if m&otherLangBit != 0 {
					for _, l := range c.extra[n] {
						fc.rare[l]++
					}
				}
			}
			if fail&^failOrg == 0 {
				fc.orgKind[hotKind(h)]++
			}
		}
		if fail != 0 {
			return true
		}
		total++
		var key int64
		switch p.sort {
		case SortRelevance:
			key = int64(score)
		case SortDistance:
			key = -meters
		case SortEnding:
			key = -int64(c.due[n])
		}
		if p.cursor.after(key, n) {
			top.offer(key, n)
		}
		return true
	}

	switch {
	case drive != nil:
		stream(drive, seen, visit)
	case len(p.browse) > 0:
		stream(&tokenLists{lists: p.browse}, seen, func(n uint32, _ int) bool { return visit(n, 0) })
	default:
		for n := len(hot) - 1; n > 0; n-- {
			if !visit(uint32(n), 0) {
				break
			}
		}
	}
	if stopped {
		total = -1
	}
	res := top.sorted()
	if len(res) > p.limit {
		return res[:p.limit], true, total, fc
	}
	return res, false, total, fc
}

func newCounts() *counts { return &counts{rare: map[string]int{}, until: never} }

var seenPool = sync.Pool{}

func getSeen(size int) []uint64 {
	if v, ok := seenPool.Get().(*[]uint64); ok && cap(*v) >= size {
		return (*v)[:size]
	}
	return make([]uint64, size)
}

func putSeen(s []uint64) {
	clear(s)
	seenPool.Put(&s)
}
