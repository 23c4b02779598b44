package searchbench

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/search"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

// Target is one database to measure: its search module and, for the HTTP
// class, the whole application.
type Target struct {
	Name    string
	DB      *db.DB
	Search  *search.Module
	Handler http.Handler
}

// BuildReport tells how loading the corpus went.
type BuildReport struct {
	Stats     search.RebuildStats
	DocsPerS  float64
	CPU       time.Duration // user and system time of this process while building (not the database server's)
	DBBytes   int64
	PeakRSS   int64 // bytes; 0 where /proc is not there
	HeapBytes uint64
}

// corpusTypes are the document types of the corpus.
var corpusTypes = []searchdoc.Type{
	{Name: searchdoc.Offer, Label: "search.type.offer", Order: 10},
	{Name: searchdoc.Request, Label: "search.type.request", Order: 20},
	{Name: searchdoc.Opportunity, Label: "search.type.opportunity", Order: 30},
	{Name: searchdoc.Organization, Label: "search.type.organization", Order: 40},
	{Name: searchdoc.Event, Label: "search.type.event", Order: 60},
	{Name: searchdoc.Pledge, Label: "search.type.pledge", Order: 70},
}

// Build loads the corpus into the target's index. The corpus's types that
// no module of the target feeds (events) are registered first.
func Build(ctx context.Context, t Target, c *Corpus) (BuildReport, error) {
	known := map[string]bool{}
	for _, ty := range t.Search.Types() {
		known[ty.Name] = true
	}
	for _, ty := range corpusTypes {
		if !known[ty.Name] {
			if err := t.Search.AddTypes(ty); err != nil {
				return BuildReport{}, err
			}
		}
	}
	resetPeak()
	cpu := cpuTime()
	st, err := t.Search.Rebuild(ctx, c.Docs)
	if err != nil {
		return BuildReport{}, err
	}
	r := BuildReport{Stats: st, DocsPerS: float64(st.Docs) / st.Elapsed.Seconds(), PeakRSS: peakRSS(), CPU: cpuTime() - cpu}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	r.HeapBytes = ms.HeapAlloc
	r.DBBytes, err = dbSize(ctx, t.DB)
	return r, err
}

// dbSize is the size of the database (SQLite: the file with its log;
// PostgreSQL: the database).
func dbSize(ctx context.Context, d *db.DB) (int64, error) {
	var n int64
	if d.Dialect() == db.Postgres {
		err := d.QueryRowContext(ctx, "SELECT pg_database_size(current_database())").Scan(&n)
		return n, err
	}
	var pages, size int64
	if err := d.QueryRowContext(ctx, "PRAGMA page_count").Scan(&pages); err != nil {
		return 0, err
	}
	if err := d.QueryRowContext(ctx, "PRAGMA page_size").Scan(&size); err != nil {
		return 0, err
	}
	return pages * size, nil
}

// Class is a kind of query the benchmark times.
type Class struct {
	Name  string
	Query func(i int) search.Query
	// Page is how many pages deep the query goes (page 50 of a broad one):
	// the pages before are fetched untimed for the cursor.
	Page int
}

// Classes are the benchmark's query classes.
func Classes() []Class {
	common := []string{"Hilfe", "Familie", "help", "kostenlos", "family", "مساعدة", "خانواده", "допомога", "yardım", "Kinder"}
	pairs := []struct{ q, cat string }{
		{"Deutsch lernen", "german_lessons"}, {"Wohnung Zimmer", "housing"}, {"bike repair", "mobility"},
		{"Hilfe Umzug", "everyday"}, {"Bewerbung Lebenslauf", "work"}, {"learning German", "german_lessons"},
		{"دراجة تصليح", "mobility"}, {"пошук квартири", "housing"}, {"Almanca kursu", "german_lessons"}, {"Kinder Hausaufgabenhilfe", "children"},
	}
	postcodes := []string{"34117", "10115", "80331", "50667", "20095", "60311", "04109", "01067", "70173", "30159"}
	nearWords := []string{"Hilfe", "Wohnung", "help", "Fahrrad", "Deutschkurs", "flat", "سكن", "житло", "bisiklet", "Familie"}
	tops := []string{"housing", "german_lessons", "translation", "goods", "mobility", "work", "children", "leisure", "health", "everyday"}
	typos := []string{"Wohnnug", "Fahrad", "Deutschkrus", "famliy", "apartmnet", "Kinderbetreung", "Bewerbnug", "Ubersetzng", "Schwimkurs", "bicylce"}
	scripts := []string{"سكن", "مساعدة", "خانه", "دوچرخه", "житло", "велосипед", "ترجمة", "کمک", "допомога", "переклад"}
	broad := []string{"Hilfe", "help", "Familie", "family", "Kinder"}
	return []Class{
		{Name: "one common word", Query: func(i int) search.Query { return search.Query{Q: common[i%len(common)]} }},
		{Name: "two words + category", Query: func(i int) search.Query {
			p := pairs[i%len(pairs)]
			return search.Query{Q: p.q, Category: p.cat}
		}},
		{Name: "word within 25 km", Query: func(i int) search.Query {
			return search.Query{Q: nearWords[i%len(nearWords)], Near: postcodes[(i/len(nearWords)+i)%len(postcodes)], RadiusKm: 25}
		}},
		{Name: "category + radius, no text", Query: func(i int) search.Query {
			return search.Query{Category: tops[i%len(tops)], Near: postcodes[(i/len(tops)+i)%len(postcodes)], RadiusKm: 25}
		}},
		{Name: "typo", Query: func(i int) search.Query { return search.Query{Q: typos[i%len(typos)]} }},
		{Name: "Arabic, Farsi, Ukrainian", Query: func(i int) search.Query { return search.Query{Q: scripts[i%len(scripts)]} }},
		{Name: "page 50 of a broad query", Page: 50, Query: func(i int) search.Query { return search.Query{Q: broad[i%len(broad)]} }},
		{Name: "facets for a common word", Query: func(i int) search.Query { return search.Query{Q: common[i%len(common)], Facets: true} }},
	}
}

// Latency summarises timings.
type Latency struct {
	N             int
	P50, P95, P99 time.Duration
	QPS           float64
}

func summarize(ds []time.Duration, wall time.Duration) Latency {
	slices.Sort(ds)
	at := func(p int) time.Duration {
		if len(ds) == 0 {
			return 0
		}
		return ds[min(len(ds)-1, len(ds)*p/100)]
	}
	l := Latency{N: len(ds), P50: at(50), P95: at(95), P99: at(99)}
	if wall > 0 {
		l.QPS = float64(len(ds)) / wall.Seconds()
	}
	return l
}

// QueryReport holds the timings of the classes.
type QueryReport struct {
	Warmup    time.Duration // first query: the attributes read into memory
	Classes   []ClassReport
	HTTP      *Latency
	PeakRSS   int64
	HeapInUse uint64
}

// ClassReport is one class's timings, without and with facets.
type ClassReport struct {
	Name           string
	Plain, Faceted Latency
	Found          int // hits of the first query, to see it does something
}

// RunQueries times every class, each n times, in one goroutine, with the
// server's cache of facet counts off: each query counts its matches.
func RunQueries(ctx context.Context, t Target, n int, facets bool) (QueryReport, error) {
	var rep QueryReport
	t.Search.SetFacetCache(0)
	defer t.Search.SetFacetCache(search.DefaultFacetCache)
	runtime.GC()
	debug.FreeOSMemory()
	resetPeak()
	began := time.Now()
	if _, err := t.Search.Search(ctx, search.Query{Q: "Hilfe"}, search.Anyone); err != nil {
		return rep, err
	}
	rep.Warmup = time.Since(began)
	for _, c := range Classes() {
		cr := ClassReport{Name: c.Name}
		for pass, withFacets := range []bool{false, true} {
			if withFacets && !facets {
				continue
			}
			if withFacets && c.Query(0).Facets {
				cr.Faceted = cr.Plain
				continue
			}
			var ds []time.Duration
			wallStart := time.Now()
			for i := range n {
				q := c.Query(i)
				q.Facets = q.Facets || withFacets
				if c.Page > 1 {
					var err error
					if q.Cursor, err = cursorAt(ctx, t.Search, q, c.Page); err != nil {
						return rep, err
					}
				}
				start := time.Now()
				res, err := t.Search.Search(ctx, q, search.Anyone)
				ds = append(ds, time.Since(start))
				if err != nil {
					return rep, fmt.Errorf("%s %+v: %w", c.Name, q, err)
				}
				if i == 0 && pass == 0 {
					cr.Found = len(res.Hits)
				}
			}
			l := summarize(ds, time.Since(wallStart))
			if c.Page > 1 {
				l.QPS = 0 // the untimed pages before are in the wall time
			}
			if withFacets {
				cr.Faceted = l
			} else {
				cr.Plain = l
			}
		}
		rep.Classes = append(rep.Classes, cr)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	rep.HeapInUse = ms.HeapInuse
	rep.PeakRSS = peakRSS()
	return rep, nil
}

// cursorAt pages to page (or the last page, in a small corpus) and
// returns its cursor.
func cursorAt(ctx context.Context, s *search.Module, q search.Query, page int) (string, error) {
	for range page - 1 {
		res, err := s.Search(ctx, q, search.Anyone)
		if err != nil {
			return "", err
		}
		if res.Next == "" {
			break
		}
		q.Cursor = res.Next
	}
	return q.Cursor, nil
}

// Values turns a query into the parameters of /search.
func Values(q search.Query) url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("q", q.Q)
	for _, t := range q.Types {
		v.Add("type", t)
	}
	set("category", q.Category)
	set("lang", q.Lang)
	set("near", q.Near)
	if q.RadiusKm > 0 {
		v.Set("radius_km", strconv.Itoa(q.RadiusKm))
	}
	set("sort", q.Sort)
	set("cursor", q.Cursor)
	return v
}

// RunHTTP requests the /search page with the queries of every class (but
// the deep page) from concurrency clients for d.
func RunHTTP(ctx context.Context, baseURL string, concurrency int, d time.Duration) (Latency, error) {
	var urls []string
	for _, c := range Classes() {
		if c.Page > 1 {
			continue
		}
		for i := range 10 {
			urls = append(urls, baseURL+"/search?"+Values(c.Query(i)).Encode())
		}
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: concurrency, MaxConnsPerHost: concurrency,
		DisableCompression: false}}
	defer client.CloseIdleConnections()
	// One round untimed: every list in memory, as on a running server.
	for _, u := range urls {
		if err := get(ctx, client, u); err != nil {
			return Latency{}, err
		}
	}
	var mu sync.Mutex
	var all []time.Duration
	var firstErr error
	deadline := time.Now().Add(d)
	began := time.Now()
	var wg sync.WaitGroup
	for w := range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for i := w; time.Now().Before(deadline); i += concurrency {
				start := time.Now()
				if err := get(ctx, client, urls[i%len(urls)]); err != nil {
					mu.Lock()
					firstErr = err
					mu.Unlock()
					return
				}
				mine = append(mine, time.Since(start))
			}
			mu.Lock()
			all = append(all, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	return summarize(all, time.Since(began)), firstErr
}

func get(ctx context.Context, c *http.Client, u string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept-Language", "de")
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return err
	}
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s", u, res.Status)
	}
	return nil
}

// cpuTime is the user and system time the process used so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// resetPeak starts the peak resident memory anew (Linux).
func resetPeak() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS reads the peak resident memory since resetPeak (Linux).
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) > 0 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb << 10
			}
		}
	}
	return 0
}
