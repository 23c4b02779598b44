package metrics

import (
	"bufio"
	"cmp"
	"database/sql"
	"maps"
	"math"
	"net/http"
	"runtime"
	rtmetrics "runtime/metrics"
	"slices"
	"strconv"
	"strings"
)

// ContentType is that of the Prometheus text exposition format 0.0.4.
const ContentType = "text/plain; version=0.0.4; charset=utf-8"

// Handler serves the figures in the Prometheus text format.
func (reg *Registry) Handler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ContentType)
		w.Header().Set("Cache-Control", "no-store")
		bw := bufio.NewWriter(w)
		reg.write(bw)
		bw.Flush()
	})
}

func (reg *Registry) write(w *bufio.Writer) {
	requests, latency := reg.snapshot()
	writeRequests(w, requests)
	writeLatency(w, latency)
	family(w, "http_requests_in_flight", "gauge", "HTTP requests being served now.")
	sample(w, "http_requests_in_flight", nil, float64(reg.inFlight.Load()))
	writePools(w, reg.poolStats())
	writeRuntime(w)
}

func writeRequests(w *bufio.Writer, requests map[requestKey]uint64) {
	keys := make([]requestKey, 0, len(requests))
	for k := range requests {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b requestKey) int {
		return cmp.Or(cmp.Compare(a.route, b.route), cmp.Compare(a.method, b.method), cmp.Compare(a.code, b.code))
	})
	family(w, "http_requests_total", "counter", "HTTP requests served, by route pattern, method and status code.")
	for _, k := range keys {
		sample(w, "http_requests_total", []string{"route", k.route, "method", k.method, "code", strconv.Itoa(k.code)}, float64(requests[k]))
	}
}

func writeLatency(w *bufio.Writer, latency map[string]histogram) {
	const name = "http_request_duration_seconds"
	family(w, name, "histogram", "Time from request to the end of the response, by route pattern.")
	for _, route := range slices.Sorted(maps.Keys(latency)) {
		h := latency[route]
		var cumulative uint64
		for i, count := range h.counts {
			cumulative += count
			le := "+Inf"
			if i < len(latencyBuckets) {
				le = formatFloat(latencyBuckets[i])
			}
			sample(w, name+"_bucket", []string{"route", route, "le", le}, float64(cumulative))
		}
		sample(w, name+"_sum", []string{"route", route}, h.sum)
		sample(w, name+"_count", []string{"route", route}, float64(h.count))
	}
}

type namedStats struct {
	name  string
	stats sql.DBStats
}

func (reg *Registry) poolStats() []namedStats {
	reg.poolsMu.Lock()
	defer reg.poolsMu.Unlock()
	out := make([]namedStats, 0, len(reg.pools))
	for _, name := range slices.Sorted(maps.Keys(reg.pools)) {
		out = append(out, namedStats{name, reg.pools[name]()})
	}
	return out
}

func writePools(w *bufio.Writer, pools []namedStats) {
	if len(pools) == 0 {
		return
	}
	figures := []struct {
		name, kind, help string
		value            func(sql.DBStats) float64
	}{
		{"db_open_connections", "gauge", "Connections open in the pool, in use or idle.",
			func(s sql.DBStats) float64 { return float64(s.OpenConnections) }},
		{"db_in_use_connections", "gauge", "Connections of the pool in use now.",
			func(s sql.DBStats) float64 { return float64(s.InUse) }},
		{"db_idle_connections", "gauge", "Idle connections of the pool.",
			func(s sql.DBStats) float64 { return float64(s.Idle) }},
		{"db_max_open_connections", "gauge", "The most connections the pool may open.",
			func(s sql.DBStats) float64 { return float64(s.MaxOpenConnections) }},
		{"db_wait_count_total", "counter", "Times a caller waited for a free connection.",
			func(s sql.DBStats) float64 { return float64(s.WaitCount) }},
		{"db_wait_duration_seconds_total", "counter", "Time callers spent waiting for a free connection.",
			func(s sql.DBStats) float64 { return s.WaitDuration.Seconds() }},
	}
	for _, f := range figures {
		family(w, f.name, f.kind, f.help)
		for _, p := range pools {
			sample(w, f.name, []string{"pool", p.name}, f.value(p.stats))
		}
	}
}

// runtimeSamples are read with runtime/metrics, which unlike
// runtime.ReadMemStats does not stop the world.
var runtimeSamples = []struct {
	source, name, kind, help string
}{
	{"/memory/classes/heap/objects:bytes", "go_heap_bytes", "gauge", "Bytes of heap memory held by objects, live or not yet swept."},
	{"/memory/classes/total:bytes", "go_memory_bytes", "gauge", "Bytes of memory the Go runtime has mapped."},
	{"/gc/cycles/total:gc-cycles", "go_gc_cycles_total", "counter", "Completed garbage collection cycles."},
}

func writeRuntime(w *bufio.Writer) {
	family(w, "go_goroutines", "gauge", "Goroutines that exist now.")
	sample(w, "go_goroutines", nil, float64(runtime.NumGoroutine()))
	read := make([]rtmetrics.Sample, len(runtimeSamples))
	for i, s := range runtimeSamples {
		read[i].Name = s.source
	}
	rtmetrics.Read(read)
	for i, s := range runtimeSamples {
		if read[i].Value.Kind() != rtmetrics.KindUint64 {
			continue // not offered by this Go version
		}
		family(w, s.name, s.kind, s.help)
		sample(w, s.name, nil, float64(read[i].Value.Uint64()))
	}
}

// family writes the HELP and TYPE lines that precede a metric's samples.
func family(w *bufio.Writer, name, kind, help string) {
	w.WriteString("# HELP " + Prefix + name + " " + escapeHelp(help) + "\n")
	w.WriteString("# TYPE " + Prefix + name + " " + kind + "\n")
}

// sample writes one line; labels alternate names and values.
func sample(w *bufio.Writer, name string, labels []string, value float64) {
	w.WriteString(Prefix + name)
	if len(labels) > 0 {
		w.WriteByte('{')
		for i := 0; i < len(labels); i += 2 {
			if i > 0 {
				w.WriteByte(',')
			}
			w.WriteString(labels[i] + `="` + escapeLabelValue(labels[i+1]) + `"`)
		}
		w.WriteByte('}')
	}
	w.WriteString(" " + formatFloat(value) + "\n")
}

var (
	helpEscaper  = strings.NewReplacer(`\`, `\\`, "\n", `\n`)
	labelEscaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, `"`, `\"`)
)

func escapeHelp(s string) string       { return helpEscaper.Replace(s) }
func escapeLabelValue(s string) string { return labelEscaper.Replace(s) }

func formatFloat(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case math.IsNaN(v):
		return "NaN"
	case v == math.Trunc(v) && math.Abs(v) < 1e15:
		return strconv.FormatFloat(v, 'f', -1, 64) // counts stay readable, not 1e+06
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
