package loadgen

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Outcome kinds besides success. A failure (a 5xx or a connection that
// broke) is the server's fault; the others are answers the platform gives
// on purpose and a person would see as a message.
const (
	outcomeOK          = "ok"
	outcomeRateLimited = "refused: rate limit (429)"
	outcomeConflict    = "refused: conflict (409)"
	outcomeNotFound    = "not found (404)"
	outcomeForbidden   = "forbidden (403)"
	outcomeLoggedOut   = "logged out (401 or sent to /login)"
	outcomeTransport   = "connection failed"
	outcomeTimeout     = "no answer within the timeout"
)

// Failure is a request the server failed: a 5xx status or a broken
// connection, with when it happened, to tell a restart window apart. A
// request that got no answer within the timeout is kept apart: it tells of
// a slow or crowded machine, not of a failure, as speed is not asserted.
type Failure struct {
	At       time.Time // when the request was sent
	Took     time.Duration
	Class    string
	Status   int // 0 for a connection that failed
	Detail   string
	TimedOut bool
}

// End is when the request was over.
func (f Failure) End() time.Time { return f.At.Add(f.Took) }

// Result is what a run measured.
type Result struct {
	Start, End time.Time
	Users      int
	Requests   int
	Latency    map[string][]time.Duration // per request class, every request
	Outcomes   map[string]int             // per outcome kind
	Failures   []Failure
	Writes     map[string]int // acknowledged writes per kind
	Ledger     []Write
}

// recorder collects the measurements of all users.
type recorder struct {
	mu       sync.Mutex
	latency  map[string][]time.Duration
	outcomes map[string]int
	failures []Failure
	requests int
	sent     atomic.Int64 // requests recorded, read without the lock to bound a run
}

func newRecorder() *recorder {
	return &recorder{latency: map[string][]time.Duration{}, outcomes: map[string]int{}}
}

func (r *recorder) record(class string, at time.Time, took time.Duration, outcome string, f *Failure) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests++
	r.sent.Add(1)
	r.latency[class] = append(r.latency[class], took)
	r.outcomes[outcome]++
	if f != nil {
		r.failures = append(r.failures, *f)
	}
}

// note counts an outcome found after the request was recorded.
func (r *recorder) note(outcome string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.outcomes[outcome]++
}

// Percentile returns the p-th percentile (0 < p ≤ 100) of ds by the
// nearest-rank method; ds must be sorted.
func Percentile(ds []time.Duration, p float64) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	rank := int(p/100*float64(len(ds))+0.999999) - 1
	return ds[min(max(rank, 0), len(ds)-1)]
}

// ClassLatency summarises one request class.
type ClassLatency struct {
	Class         string
	N             int
	P50, P95, P99 time.Duration
	Max           time.Duration
}

// Classes summarises every request class, and all of them together first.
func (r *Result) Classes() []ClassLatency {
	var all []time.Duration
	var out []ClassLatency
	for _, class := range slices.Sorted(maps.Keys(r.Latency)) {
		ds := slices.Clone(r.Latency[class])
		all = append(all, ds...)
		out = append(out, summarize(class, ds))
	}
	return append([]ClassLatency{summarize("all", all)}, out...)
}

func summarize(class string, ds []time.Duration) ClassLatency {
	slices.Sort(ds)
	c := ClassLatency{Class: class, N: len(ds)}
	if len(ds) > 0 {
		c.P50, c.P95, c.P99, c.Max = Percentile(ds, 50), Percentile(ds, 95), Percentile(ds, 99), ds[len(ds)-1]
	}
	return c
}

// Rate is the requests per second over the run.
func (r *Result) Rate() float64 {
	if s := r.End.Sub(r.Start).Seconds(); s > 0 {
		return float64(r.Requests) / s
	}
	return 0
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }

// Print writes the run's figures as Markdown tables; failures are split by
// the fault windows (with grace after each) they fell into.
func (r *Result) Print(w io.Writer, windows []Window, grace time.Duration) {
	elapsed := r.End.Sub(r.Start)
	fmt.Fprintf(w, "%d users, %s, %d requests, %.1f requests/s\n\n", r.Users, elapsed.Round(time.Second), r.Requests, r.Rate())
	fmt.Fprintln(w, "| request class | requests | p50 ms | p95 ms | p99 ms | max ms |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|")
	for _, c := range r.Classes() {
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %s |\n", c.Class, c.N, ms(c.P50), ms(c.P95), ms(c.P99), ms(c.Max))
	}
	fmt.Fprintln(w, "\n| outcome | requests |")
	fmt.Fprintln(w, "|---|---:|")
	for _, k := range slices.Sorted(maps.Keys(r.Outcomes)) {
		fmt.Fprintf(w, "| %s | %d |\n", k, r.Outcomes[k])
	}
	fmt.Fprintln(w, "\n| acknowledged write | count |")
	fmt.Fprintln(w, "|---|---:|")
	total := 0
	for _, k := range slices.Sorted(maps.Keys(r.Writes)) {
		fmt.Fprintf(w, "| %s | %d |\n", k, r.Writes[k])
		total += r.Writes[k]
	}
	fmt.Fprintf(w, "| all | %d |\n", total)
	inside, outside := SplitFailures(r.Failures, windows, grace)
	fmt.Fprintf(w, "\nserver failures (5xx or broken connection): %d in fault windows, %d outside\n", len(inside), len(outside))
	for _, win := range windows {
		n, first, last := 0, time.Time{}, time.Time{}
		causes := map[string]int{}
		for _, f := range inside {
			if !win.covers(f, grace) {
				continue
			}
			if n == 0 || f.At.Before(first) {
				first = f.At
			}
			if f.End().After(last) {
				last = f.End()
			}
			n++
			causes[cause(f)]++
		}
		fmt.Fprintf(w, "  %s: %s to %s (+%s grace): %d failures", win.Name, clockTime(win.Start), clockTime(win.End), grace, n)
		if n > 0 {
			var parts []string
			for _, c := range slices.Sorted(maps.Keys(causes)) {
				parts = append(parts, fmt.Sprintf("%s: %d", c, causes[c]))
			}
			fmt.Fprintf(w, " (%s), the first sent at %s, the last over at %s", strings.Join(parts, ", "), clockTime(first), clockTime(last))
		}
		fmt.Fprintln(w)
	}
	printGroups(w, "OUTSIDE", outside)
	var slow []Failure
	for _, f := range r.Failures {
		if f.TimedOut {
			slow = append(slow, f)
		}
	}
	if len(slow) > 0 {
		fmt.Fprintf(w, "requests without an answer within the timeout (a crowded machine, not counted as failures): %d\n", len(slow))
		printGroups(w, "SLOW", slow)
	}
}

// printGroups lists failures by request class and cause, with when the
// first and the last began.
func printGroups(w io.Writer, label string, fs []Failure) {
	type group struct {
		n           int
		first, last time.Time
		example     Failure
	}
	groups := map[string]*group{}
	var keys []string
	for _, f := range fs {
		key := f.Class + " " + cause(f)
		g := groups[key]
		if g == nil {
			g = &group{first: f.At, example: f}
			groups[key] = g
			keys = append(keys, key)
		}
		g.n++
		g.last = f.At
	}
	for _, key := range keys {
		g := groups[key]
		fmt.Fprintf(w, "  %s: %d× %s, %s to %s, e.g. after %s: %s\n", label, g.n, key, clockTime(g.first), clockTime(g.last),
			g.example.Took.Round(time.Millisecond), g.example.Detail)
	}
}

// cause is the status of a failed answer, or what broke the connection.
func cause(f Failure) string {
	if f.Status != 0 {
		return strconv.Itoa(f.Status)
	}
	return f.Detail
}

func clockTime(t time.Time) string { return t.Format("15:04:05.000") }
