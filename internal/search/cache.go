package search

import (
	"context"
	"database/sql"
	"math"
	"slices"
	"strings"
	"sync"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/searchdoc"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
)

// Each app server keeps, in memory, what queries read most: the filter
// attributes of every document (about 40 bytes each) and the posting lists
// recently used, decoded. Both are checked against the database on every
// query, so several servers behind a load balancer answer alike and a
// change is found at once: search_meta.gen tells whether any document
// changed since the attributes were read (then only the changed rows are
// read again, by search_docs.gen), and a term's gen tells whether its
// list changed since it was decoded.

// epoch is where times in memory count seconds from.
var epoch = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

const never = math.MaxUint32

func secondsOf(t *time.Time) uint32 {
	if t == nil {
		return never
	}
	s := t.Sub(epoch) / time.Second
	switch {
	case s <= 0:
		return 0
	case s >= never:
		return never - 1
	}
	return uint32(s)
}

// A document in memory is one 64-bit word of what filters and facets
// need (the high half is its expiry in seconds since epoch), one 32-bit
// word of its languages, and, read only where a query needs them, its
// position, deadline, dates and rarer languages. Twelve bytes per
// document keep a million of them within the processor's cache.
// The low half, from bit 0: live (1 bit), visibility (2), verified (1),
// position known (1), has dates (1), organisation kind (4), category (7),
// top-level category (7), type (6: up to maxTypes registered types), 2
// bits free.
const (
	bitLive     = 1 << 0
	visShift    = 1 // 2 bits: 0 public, 1 members, 2 verified
	bitVerified = 1 << 3
	bitGeo      = 1 << 4
	bitDates    = 1 << 5
	bitLater    = 1 << 30 // a later date of a series: shown from a time (cache.shown)
	kindShift   = 6       // 4 bits: organisation kind code
	catShift    = 10      // 7 bits: category code
	topShift    = 17      // 7 bits: its top-level category's code
	typeShift   = 24      // typeBits bits: the type's code (docTypes)
	typeBits    = 6
)

func hotLive(h uint64) bool      { return h&bitLive != 0 }
func hotVis(h uint64) int        { return int(h>>visShift) & 3 }
func hotType(h uint64) int       { return int(h>>typeShift) & (1<<typeBits - 1) }
func hotKind(h uint64) int       { return int(h>>kindShift) & 15 }
func hotCat(h uint64) int        { return int(h>>catShift) & 127 }
func hotTop(h uint64) int        { return int(h>>topShift) & 127 }
func hotExpires(h uint64) uint32 { return uint32(h >> 32) }

// visLevel orders visibilities by who may see them.
func visLevel(v string) int {
	switch v {
	case searchdoc.Members:
		return 1
	case searchdoc.Verified:
		return 2
	}
	return 0
}

// Codes of categories: their place in the taxonomy file; ids it no
// longer has share the last code.
const otherCat = 127

var catCodes, catNames = func() (map[string]int, []string) {
	codes, names := map[string]int{}, []string{""}
	for i, c := range taxonomy.Default().All() {
		if i+1 < otherCat {
			codes[c.ID] = i + 1
			names = append(names, c.ID)
		}
	}
	return codes, names
}()

func catCode(id string) int {
	if id == "" {
		return 0
	}
	if k, ok := catCodes[id]; ok {
		return k
	}
	return otherCat
}

// Codes of organisation kinds: their place in the organisation module's
// Kinds; others share the last code.
const otherKind = 15

func kindCode(k string) int {
	if k == "" {
		return 0
	}
	if i := slices.Index(organization.Kinds, k); i >= 0 && i+1 < otherKind {
		return i + 1
	}
	return otherKind
}

// kindOf is the kind of a code; "" for none and the shared last code.
func kindOf(code int) string {
	if code < 1 || code >= otherKind || code > len(organization.Kinds) {
		return ""
	}
	return organization.Kinds[code-1]
}

// hotLanguages have a bit each in the languages word; a document with
// another language has bit 31 set and its languages in docSet.extra.
var hotLanguages = text.LanguageCodes()[:31]

const otherLangBit = 1 << 31

func langBit(l string) uint32 {
	for i, x := range hotLanguages {
		if x == l {
			return 1 << i
		}
	}
	return otherLangBit
}

// plist is a decoded posting list: document numbers, highest rank first,
// in runs by bucket: bucket b holds ns[run[maxBucket-b]:run[maxBucket-b+1]].
type plist struct {
	gen int64
	ns  []uint32
	run [maxBucket + 2]int
}

func (p *plist) bucketRange(b int) []uint32 {
	return p.ns[p.run[maxBucket-b]:p.run[maxBucket-b+1]]
}

// lifted returns the list with the documents of its lowest bucket in the
// one above, when it holds no others (a category's list); else the list.
func (p *plist) lifted() *plist {
	if p.run[maxBucket] != 0 {
		return p
	}
	l := *p
	l.run[maxBucket] = l.run[maxBucket+1]
	return &l
}

func (p *plist) size() int { return 64 + 4*cap(p.ns) }

// cache is the in-memory part of the index of one app server.
type cache struct {
	d     *db.DB
	types *docTypes

	mu    sync.RWMutex
	gen   int64 // the documents are current up to this gen
	built int64 // of the index they come from
	hot   []uint64
	langs []uint32
	lat   []float32
	lon   []float32
	due   []uint32             // deadlines, seconds since epoch; never
	extra map[uint32][]string  // languages beyond hotLanguages
	dates map[uint32][2]uint32 // start and end of documents with dates
	shown map[uint32]uint32    // when results without dates start to show a later date of a series

	lmu     sync.Mutex
	lists   map[int64]*listEntry
	clock   uint64
	bytes   int
	budget  int
	loading map[int64]*sync.WaitGroup
}

type listEntry struct {
	l    *plist
	used uint64
}

// defaultListBudget bounds the decoded lists kept in memory.
const defaultListBudget = 96 << 20

func newCache(d *db.DB, types *docTypes) *cache {
	return &cache{d: d, types: types, extra: map[uint32][]string{}, dates: map[uint32][2]uint32{}, shown: map[uint32]uint32{}, lists: map[int64]*listEntry{},
		budget: defaultListBudget, loading: map[int64]*sync.WaitGroup{}}
}

// grow makes room for document n.
func (c *cache) grow(n int) {
	if n < len(c.hot) {
		return
	}
	size := n + 1 + n/4
	c.hot = slices.Grow(c.hot, size-len(c.hot))[:size]
	c.langs = slices.Grow(c.langs, size-len(c.langs))[:size]
	c.lat = slices.Grow(c.lat, size-len(c.lat))[:size]
	c.lon = slices.Grow(c.lon, size-len(c.lon))[:size]
	c.due = slices.Grow(c.due, size-len(c.due))[:size]
}

// refresh brings the attributes up to the database's gen; it returns the
// gen and the number of live documents.
func (c *cache) refresh(ctx context.Context) (int64, int64, error) {
	var gen, docs, built int64
	if err := c.d.QueryRowContext(ctx, "SELECT gen, docs, built FROM search_meta WHERE id = 1").Scan(&gen, &docs, &built); err != nil {
		return 0, 0, db.Err(err)
	}
	c.mu.RLock()
	current := c.gen >= gen && c.built == built
	stale := c.built != built
	c.mu.RUnlock()
	if stale {
		c.reset() // rebuilt (perhaps by another server): start over
	}
	if current {
		return gen, docs, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen >= gen && c.built == built {
		return gen, docs, nil
	}
	c.built = built
	rows, err := c.d.QueryContext(ctx, `SELECT n, type, deleted, visibility, category, lang, langs, org_kind, verified,
		lat, lon, expires_at, deadline, starts_at, ends_at, shown_from FROM search_docs WHERE gen > $1`, c.gen)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	for rows.Next() {
		var n int64
		var typ, vis, cat, lang, langs, orgKind string
		var deleted, verified bool
		var lat, lon sql.NullFloat64
		var expires, deadline, start, end, shownFrom sql.NullTime
		if err := rows.Scan(&n, &typ, &deleted, &vis, &cat, &lang, &langs, &orgKind, &verified, &lat, &lon,
			&expires, &deadline, &start, &end, &shownFrom); err != nil {
			return 0, 0, db.Err(err)
		}
		if n <= 0 || n >= math.MaxUint32 {
			continue
		}
		c.grow(int(n))
		k := uint32(n)
		delete(c.dates, k)
		delete(c.shown, k)
		delete(c.extra, k)
		c.hot[k], c.langs[k], c.lat[k], c.lon[k], c.due[k] = 0, 0, 0, 0, never
		if deleted {
			continue
		}
		h := uint64(bitLive) | uint64(visLevel(vis))<<visShift | uint64(c.types.code(typ))<<typeShift |
			uint64(kindCode(orgKind))<<kindShift | uint64(secondsOf(db.TimePtr(expires)))<<32
		if verified {
			h |= bitVerified
		}
		if shownFrom.Valid {
			h |= bitLater
			c.shown[k] = secondsOf(&shownFrom.Time)
		}
		if lat.Valid && lon.Valid {
			h |= bitGeo
			c.lat[k], c.lon[k] = float32(lat.Float64), float32(lon.Float64)
		}
		cc := catCode(cat)
		top := cc
		if t := taxonomy.Default().TopOf(cat); t != "" {
			top = catCode(t)
		}
		h |= uint64(cc)<<catShift | uint64(top)<<topShift
		var mask uint32
		var extra []string
		for _, l := range append([]string{lang}, strings.Split(langs, ",")...) {
			if l == "" {
				continue
			}
			b := langBit(l)
			mask |= b
			if b == otherLangBit && !slices.Contains(extra, l) {
				extra = append(extra, l)
			}
		}
		c.langs[k] = mask
		if extra != nil {
			c.extra[k] = extra
		}
		c.due[k] = secondsOf(db.TimePtr(deadline))
		if start.Valid {
			h |= bitDates
			s := secondsOf(db.TimePtr(start))
			e := s
			if end.Valid {
				e = secondsOf(db.TimePtr(end))
			}
			c.dates[k] = [2]uint32{s, e}
		}
		c.hot[k] = h
	}
	if err := rows.Err(); err != nil {
		return 0, 0, db.Err(err)
	}
	c.gen = gen
	return gen, docs, nil
}

// termInfo is a dictionary entry.
type termInfo struct {
	id, df, gen int64
}

// list returns the decoded posting list of a term, from memory when it is
// current, else from the database.
func (c *cache) list(ctx context.Context, t termInfo) (*plist, error) {
	for {
		c.lmu.Lock()
		if e, ok := c.lists[t.id]; ok && e.l.gen == t.gen {
			c.clock++
			e.used = c.clock
			c.lmu.Unlock()
			return e.l, nil
		}
		if wg, ok := c.loading[t.id]; ok {
			c.lmu.Unlock()
			wg.Wait()
			continue
		}
		wg := &sync.WaitGroup{}
		wg.Add(1)
		c.loading[t.id] = wg
		c.lmu.Unlock()

		l, err := loadList(ctx, c.d, t)
		c.lmu.Lock()
		delete(c.loading, t.id)
		if err == nil {
			c.store(t.id, l)
		}
		c.lmu.Unlock()
		wg.Done()
		return l, err
	}
}

// store keeps a list, dropping the least recently used ones beyond the
// budget. Called with lmu held.
func (c *cache) store(id int64, l *plist) {
	if old, ok := c.lists[id]; ok {
		c.bytes -= old.l.size()
	}
	c.clock++
	c.lists[id] = &listEntry{l: l, used: c.clock}
	c.bytes += l.size()
	for c.bytes > c.budget && len(c.lists) > 1 {
		var oldest int64
		var at uint64 = math.MaxUint64
		for k, e := range c.lists {
			if e.used < at && k != id {
				oldest, at = k, e.used
			}
		}
		c.bytes -= c.lists[oldest].l.size()
		delete(c.lists, oldest)
	}
}

// loadList reads and decodes a term's whole posting list.
func loadList(ctx context.Context, d *db.DB, t termInfo) (*plist, error) {
	rows, err := d.QueryContext(ctx, "SELECT data FROM search_blocks WHERE term = $1 ORDER BY lo DESC", t.id)
	l := &plist{gen: t.gen, ns: make([]uint32, 0, max(t.df, 1))}
	var counts [maxBucket + 1]int
	var data []byte
	err = db.Each(rows, err, func(row db.Scanner) error {
		if err := row.Scan(&data); err != nil {
			return err
		}
		return decodeBlock(data, func(b uint8, n uint32) {
			if b <= maxBucket {
				l.ns = append(l.ns, n)
				counts[b]++
			}
		})
	})
	if err != nil {
		return nil, err
	}
	for b := maxBucket; b >= 0; b-- {
		i := maxBucket - b
		l.run[i+1] = l.run[i] + counts[b]
	}
	return l, nil
}

// lookupTerms reads the dictionary entries of terms; unknown terms are
// left out.
func lookupTerms(ctx context.Context, q db.Querier, terms []string) (map[string]termInfo, error) {
	out := make(map[string]termInfo, len(terms))
	for start := 0; start < len(terms); start += 500 {
		in, args := db.In(1, terms[start:min(start+500, len(terms))])
		rows, err := q.QueryContext(ctx, "SELECT id, term, df, gen FROM search_terms WHERE term IN ("+in+")", args...)
		err = db.Each(rows, err, func(row db.Scanner) error {
			var ti termInfo
			var t string
			err := row.Scan(&ti.id, &t, &ti.df, &ti.gen)
			out[t] = ti
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
