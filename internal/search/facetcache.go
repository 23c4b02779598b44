package search

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Counting facets reads every match, which for a common word is most of
// the time a page takes; a page then only needs the first results, which
// the ordered lists give at once. So each app server keeps the counts of
// recent queries, per visibility: an entry is good while the index has
// not changed (the gen of search_meta, read by every query anyway) and
// no document it counted has expired. Page 2 of a query, the same query
// from somebody else and the feed of it reuse the counts.

// DefaultFacetCache is how many queries' counts a server keeps.
const DefaultFacetCache = 512

type facetEntry struct {
	gen   int64
	until uint32 // the first expiry among the documents counted
	total int
	fc    *counts
	used  uint64
	// The words the query was corrected to, when it found little.
	fixed       *parsed
	corrections []correction
}

type facetCache struct {
	mu      sync.Mutex
	max     int
	clock   uint64
	entries map[string]*facetEntry
}

func newFacetCache(max int) *facetCache {
	return &facetCache{max: max, entries: map[string]*facetEntry{}}
}

// facetKey names what the counts depend on: the words and filters, not
// the order, page or page size.
func facetKey(q *Query, level int) string {
	types := slices.Clone(q.Types)
	slices.Sort(types)
	var from, to string
	if q.From != nil {
		from = q.From.Format("2006-01-02")
	}
	if q.To != nil {
		to = q.To.Format("2006-01-02")
	}
	return fmt.Sprintf("%d\x00%s\x00%s\x00%s\x00%s\x00%s\x00%d\x00%s\x00%t\x00%s\x00%s\x00%t",
		level, q.Q, strings.Join(types, ","), q.Category, q.Lang, q.Near, q.RadiusKm, q.OrgKind, q.Verified, from, to, q.Exact)
}

func (c *facetCache) get(key string, gen int64, now uint32) (*facetEntry, bool) {
	if c == nil || c.max <= 0 {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || e.gen != gen || now >= e.until {
		return nil, false
	}
	c.clock++
	e.used = c.clock
	return e, true
}

func (c *facetCache) put(key string, e *facetEntry) {
	if c == nil || c.max <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clock++
	e.used = c.clock
	c.entries[key] = e
	if len(c.entries) > c.max {
		var oldest string
		var at uint64 = ^uint64(0)
		for k, x := range c.entries {
			if x.used < at {
				oldest, at = k, x.used
			}
		}
		delete(c.entries, oldest)
	}
}

// SetFacetCache sets how many queries' facet counts the server keeps; 0
// turns the cache off (the benchmark measures the counting itself so).
func (m *Module) SetFacetCache(entries int) { m.fcache = newFacetCache(entries) }
