// Package metrics counts what the server does and serves the figures in the
// Prometheus text format, written here by hand so no client library is
// needed. It knows HTTP, database pools and the Go runtime, nothing of the
// modules.
package metrics

import (
	"database/sql"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Prefix starts every metric name.
const Prefix = "teilhabe_"

// UnmatchedRoute labels requests that matched no pattern of the mux, so that
// arbitrary paths sent by anyone cannot create new series.
const UnmatchedRoute = "unmatched"

// OtherRoute labels requests with a new pattern once maxRoutes patterns are
// known; a safety net should a pattern ever carry request data.
const OtherRoute = "other"

const maxRoutes = 1000

// latencyBuckets are the upper bounds in seconds of the latency histogram:
// from a cached page (a few milliseconds) to a stuck export (ten seconds).
var latencyBuckets = []float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// Registry holds the figures. Its zero value is not usable; call New.
type Registry struct {
	inFlight atomic.Int64

	mu       sync.Mutex
	requests map[requestKey]uint64
	latency  map[string]*histogram // by route

	poolsMu sync.Mutex
	pools   map[string]func() sql.DBStats
}

type requestKey struct {
	route, method string
	code          int
}

type histogram struct {
	counts []uint64 // one per bucket, not cumulative; the last is +Inf
	sum    float64
	count  uint64
}

// New returns an empty registry.
func New() *Registry {
	return &Registry{
		requests: map[requestKey]uint64{},
		latency:  map[string]*histogram{},
		pools:    map[string]func() sql.DBStats{},
	}
}

// AddDBStats exposes the figures of a connection pool under the label
// pool=name; a second call with the same name replaces the first.
func (reg *Registry) AddDBStats(name string, stats func() sql.DBStats) {
	reg.poolsMu.Lock()
	reg.pools[name] = stats
	reg.poolsMu.Unlock()
}

// observe records one finished request.
func (reg *Registry) observe(route, method string, code int, elapsed time.Duration) {
	seconds := elapsed.Seconds()
	reg.mu.Lock()
	defer reg.mu.Unlock()
	h := reg.latency[route]
	if h == nil {
		if len(reg.latency) >= maxRoutes {
			route = OtherRoute
			h = reg.latency[route]
		}
		if h == nil {
			h = &histogram{counts: make([]uint64, len(latencyBuckets)+1)}
			reg.latency[route] = h
		}
	}
	reg.requests[requestKey{route, method, code}]++
	i, _ := slices.BinarySearch(latencyBuckets, seconds) // le is inclusive
	h.counts[i]++
	h.sum += seconds
	h.count++
}

// snapshot copies the request figures so writing the output does not hold
// the lock that requests take.
func (reg *Registry) snapshot() (map[requestKey]uint64, map[string]histogram) {
	reg.mu.Lock()
	defer reg.mu.Unlock()
	requests := make(map[requestKey]uint64, len(reg.requests))
	for k, v := range reg.requests {
		requests[k] = v
	}
	latency := make(map[string]histogram, len(reg.latency))
	for route, h := range reg.latency {
		latency[route] = histogram{counts: slices.Clone(h.counts), sum: h.sum, count: h.count}
	}
	return requests, latency
}

// knownMethods are counted by name; anything else is "OTHER", since the
// method is chosen by the client and must not create series at will.
var knownMethods = map[string]bool{
	http.MethodGet: true, http.MethodHead: true, http.MethodPost: true, http.MethodPut: true,
	http.MethodPatch: true, http.MethodDelete: true, http.MethodOptions: true,
}

func methodLabel(m string) string {
	if knownMethods[m] {
		return m
	}
	return "OTHER"
}
