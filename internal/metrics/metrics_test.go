package metrics

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
)

// exposition is a parsed scrape: samples by series ("name{a="x",b="y"}" with
// labels in output order) and the declared type of each family.
type exposition struct {
	samples map[string]float64
	types   map[string]string
	helps   map[string]string
}

var (
	metricName = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*$`)
	labelName  = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)
)

// parse reads the text format line by line and fails the test on anything
// a Prometheus server would reject.
func parse(t *testing.T, text string) exposition {
	t.Helper()
	e := exposition{samples: map[string]float64{}, types: map[string]string{}, helps: map[string]string{}}
	if !strings.HasSuffix(text, "\n") {
		t.Fatalf("output does not end with a newline")
	}
	for n, line := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("line %d %q: %s", n+1, line, fmt.Sprintf(format, args...))
		}
		switch {
		case strings.HasPrefix(line, "# HELP "):
			name, help, _ := strings.Cut(strings.TrimPrefix(line, "# HELP "), " ")
			if _, dup := e.helps[name]; dup {
				fail("second HELP for %s", name)
			}
			e.helps[name] = help
		case strings.HasPrefix(line, "# TYPE "):
			name, kind, _ := strings.Cut(strings.TrimPrefix(line, "# TYPE "), " ")
			if _, dup := e.types[name]; dup {
				fail("second TYPE for %s", name)
			}
			switch kind {
			case "counter", "gauge", "histogram", "summary", "untyped":
			default:
				fail("unknown type %q", kind)
			}
			e.types[name] = kind
		case strings.HasPrefix(line, "#") || line == "":
			fail("unexpected comment or blank line")
		default:
			series, value, err := parseSample(line)
			if err != nil {
				fail("%v", err)
			}
			name, _, _ := strings.Cut(series, "{")
			if !strings.HasPrefix(name, Prefix) {
				fail("name without prefix %s", Prefix)
			}
			family := familyOf(name, e.types)
			if family == "" {
				fail("sample before its TYPE line")
			}
			if _, ok := e.helps[family]; !ok {
				fail("sample without HELP line")
			}
			if _, dup := e.samples[series]; dup {
				fail("duplicate series")
			}
			e.samples[series] = value
		}
	}
	return e
}

func familyOf(name string, types map[string]string) string {
	if _, ok := types[name]; ok {
		return name
	}
	for _, suffix := range []string{"_bucket", "_sum", "_count"} {
		base, ok := strings.CutSuffix(name, suffix)
		if ok && types[base] == "histogram" {
			return base
		}
	}
	return ""
}

// parseSample splits `name{l="v",...} value`, unescapes label values and
// returns the series with its labels re-quoted for lookups in tests.
func parseSample(line string) (series string, value float64, err error) {
	end := strings.IndexAny(line, "{ ")
	if end < 0 {
		return "", 0, fmt.Errorf("no value")
	}
	name := line[:end]
	if !metricName.MatchString(name) {
		return "", 0, fmt.Errorf("bad metric name %q", name)
	}
	rest := line[end:]
	var labels []string
	if strings.HasPrefix(rest, "{") {
		rest = rest[1:]
		for !strings.HasPrefix(rest, "}") {
			eq := strings.Index(rest, `="`)
			if eq < 0 {
				return "", 0, fmt.Errorf("bad label in %q", rest)
			}
			label := rest[:eq]
			if !labelName.MatchString(label) {
				return "", 0, fmt.Errorf("bad label name %q", label)
			}
			rest = rest[eq+2:]
			var v strings.Builder
			for {
				if rest == "" {
					return "", 0, fmt.Errorf("unterminated label value")
				}
				c := rest[0]
				rest = rest[1:]
				if c == '"' {
					break
				}
				if c == '\n' {
					return "", 0, fmt.Errorf("raw newline in label value")
				}
				if c == '\\' {
					if rest == "" {
						return "", 0, fmt.Errorf("dangling backslash")
					}
					switch rest[0] {
					case '\\':
						v.WriteByte('\\')
					case '"':
						v.WriteByte('"')
					case 'n':
						v.WriteByte('\n')
					default:
						return "", 0, fmt.Errorf("bad escape \\%c", rest[0])
					}
					rest = rest[1:]
					continue
				}
				v.WriteByte(c)
			}
			labels = append(labels, label+"="+strconv.Quote(v.String()))
			rest = strings.TrimPrefix(rest, ",")
		}
		rest = rest[1:]
	}
	if !strings.HasPrefix(rest, " ") {
		return "", 0, fmt.Errorf("no space before the value")
	}
	value, err = strconv.ParseFloat(rest[1:], 64)
	if err != nil {
		return "", 0, fmt.Errorf("bad value: %v", err)
	}
	series = name
	if len(labels) > 0 {
		series += "{" + strings.Join(labels, ",") + "}"
	}
	return series, value, nil
}

func scrape(t *testing.T, reg *Registry) exposition {
	t.Helper()
	rec := httptest.NewRecorder()
	reg.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if ct := rec.Header().Get("Content-Type"); ct != ContentType {
		t.Fatalf("Content-Type %q", ct)
	}
	return parse(t, rec.Body.String())
}

// series builds the lookup key the parser makes from alternating label
// names and values.
func series(name string, labels ...string) string {
	var parts []string
	for i := 0; i < len(labels); i += 2 {
		parts = append(parts, labels[i]+"="+strconv.Quote(labels[i+1]))
	}
	if len(parts) == 0 {
		return Prefix + name
	}
	return Prefix + name + "{" + strings.Join(parts, ",") + "}"
}

func (e exposition) want(t *testing.T, series string, want float64) {
	t.Helper()
	got, ok := e.samples[series]
	if !ok {
		t.Errorf("no sample %s", series)
		return
	}
	if got != want {
		t.Errorf("%s = %v, want %v", series, got, want)
	}
}

func organizationsMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /organizations/{id}", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "organization "+r.PathValue("id"))
	})
	mux.HandleFunc("POST /organizations/{id}/verify", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "forbidden", http.StatusForbidden)
	})
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(30 * time.Millisecond)
	})
	return mux
}

func serve(h http.Handler, method, target string) int {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, target, nil))
	return rec.Code
}

func TestCountsRequestsByPatternMethodAndStatus(t *testing.T) {
	reg := New()
	h := reg.Middleware(organizationsMux())
	for _, c := range []struct {
		method, target string
		code           int
	}{
		{"GET", "/organizations/1", 200},
		{"GET", "/organizations/2", 200},
		{"GET", "/organizations/3", 200},
		{"HEAD", "/organizations/3", 200},
		{"POST", "/organizations/1/verify", 403},
		{"GET", "/no/such/page", 404},
		{"GET", "/wp-admin.php", 404},
		{"DELETE", "/organizations/1", 405},
		{"BREW", "/organizations/1", 405},
		{"GET", "/slow", 200},
	} {
		if got := serve(h, c.method, c.target); got != c.code {
			t.Fatalf("%s %s: status %d, want %d", c.method, c.target, got, c.code)
		}
	}
	e := scrape(t, reg)
	route := "GET /organizations/{id}"
	e.want(t, series("http_requests_total", "route", route, "method", "GET", "code", "200"), 3)
	e.want(t, series("http_requests_total", "route", route, "method", "HEAD", "code", "200"), 1)
	e.want(t, series("http_requests_total", "route", "POST /organizations/{id}/verify", "method", "POST", "code", "403"), 1)
	e.want(t, series("http_requests_total", "route", UnmatchedRoute, "method", "GET", "code", "404"), 2)
	e.want(t, series("http_requests_total", "route", UnmatchedRoute, "method", "DELETE", "code", "405"), 1)
	e.want(t, series("http_requests_total", "route", UnmatchedRoute, "method", "OTHER", "code", "405"), 1)
	if e.types[Prefix+"http_requests_total"] != "counter" {
		t.Errorf("requests total is not a counter")
	}
	for s := range e.samples {
		if strings.Contains(s, "wp-admin") || strings.Contains(s, "BREW") || strings.Contains(s, "/organizations/1") {
			t.Errorf("request data leaked into a label: %s", s)
		}
	}

	e.want(t, series("http_request_duration_seconds_count", "route", route), 4)
	e.want(t, series("http_request_duration_seconds_bucket", "route", route, "le", "+Inf"), 4)
	e.want(t, series("http_request_duration_seconds_count", "route", UnmatchedRoute), 4)
	// The slow handler took at least 30 ms: outside the 25 ms bucket, inside +Inf.
	e.want(t, series("http_request_duration_seconds_bucket", "route", "GET /slow", "le", "0.025"), 0)
	e.want(t, series("http_request_duration_seconds_bucket", "route", "GET /slow", "le", "+Inf"), 1)
	if sum := e.samples[series("http_request_duration_seconds_sum", "route", "GET /slow")]; sum < 0.03 {
		t.Errorf("latency sum of /slow %v, want at least 0.03", sum)
	}
}

func TestHistogramBucketsAreCumulative(t *testing.T) {
	reg := New()
	for _, ms := range []int{1, 5, 7, 30, 30, 900, 20000} {
		reg.observe("r", "GET", 200, time.Duration(ms)*time.Millisecond)
	}
	e := scrape(t, reg)
	if e.types[Prefix+"http_request_duration_seconds"] != "histogram" {
		t.Fatalf("latency is not a histogram")
	}
	// 5 ms lands in le="0.005": bucket bounds are inclusive.
	want := map[string]float64{"0.005": 2, "0.01": 3, "0.025": 3, "0.05": 5, "0.1": 5, "0.25": 5,
		"0.5": 5, "1": 6, "2.5": 6, "5": 6, "10": 6, "+Inf": 7}
	for le, n := range want {
		e.want(t, series("http_request_duration_seconds_bucket", "route", "r", "le", le), n)
	}
	e.want(t, series("http_request_duration_seconds_count", "route", "r"), 7)
	if sum := e.samples[series("http_request_duration_seconds_sum", "route", "r")]; sum < 20.97 || sum > 20.98 {
		t.Errorf("sum %v, want 20.973", sum)
	}
}

func TestPatternSurvivesRequestCopiesBetweenMiddlewares(t *testing.T) {
	reg := New()
	type key struct{}
	copyRequest := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), key{}, "session")))
		})
	}
	h := reg.Middleware(copyRequest(reg.Middleware(organizationsMux())))
	serve(h, "GET", "/organizations/7")
	serve(h, "GET", "/nothing")
	e := scrape(t, reg)
	e.want(t, series("http_requests_total", "route", "GET /organizations/{id}", "method", "GET", "code", "200"), 1)
	e.want(t, series("http_requests_total", "route", UnmatchedRoute, "method", "GET", "code", "404"), 1)
	e.want(t, series("http_request_duration_seconds_count", "route", "GET /organizations/{id}"), 1)
}

func TestLabelValuesAreEscaped(t *testing.T) {
	reg := New()
	odd := "GET /a\"b\\c\nd"
	h := reg.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Pattern = odd // as a mux would set it
	}))
	serve(h, "GET", "/")
	e := scrape(t, reg)
	e.want(t, series("http_requests_total", "route", odd, "method", "GET", "code", "200"), 1)
}

func TestInFlightAndPanics(t *testing.T) {
	reg := New()
	entered, release := make(chan struct{}), make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /wait", func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		<-release
	})
	mux.HandleFunc("GET /panic", func(w http.ResponseWriter, r *http.Request) { panic("boom") })
	h := reg.Middleware(mux)

	done := make(chan struct{})
	go func() { serve(h, "GET", "/wait"); close(done) }()
	<-entered
	scrape(t, reg).want(t, series("http_requests_in_flight"), 1)
	close(release)
	<-done
	scrape(t, reg).want(t, series("http_requests_in_flight"), 0)

	func() {
		defer func() {
			if recover() == nil {
				t.Fatal("the panic did not reach the caller")
			}
		}()
		serve(h, "GET", "/panic")
	}()
	e := scrape(t, reg)
	e.want(t, series("http_requests_in_flight"), 0)
	e.want(t, series("http_requests_total", "route", "GET /panic", "method", "GET", "code", "500"), 1)
}

func TestStatusRecorderKeepsFlushing(t *testing.T) {
	reg := New()
	h := reg.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusEarlyHints) // interim, not the final status
		w.WriteHeader(http.StatusAccepted)
		if err := http.NewResponseController(w).Flush(); err != nil {
			t.Errorf("flush through the recorder: %v", err)
		}
		w.(http.Flusher).Flush()
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if !rec.Flushed {
		t.Error("response was not flushed")
	}
	scrape(t, reg).want(t, series("http_requests_total", "route", UnmatchedRoute, "method", "GET", "code", "202"), 1)
}

func TestRouteCardinalityIsBounded(t *testing.T) {
	reg := New()
	for i := range maxRoutes + 5 {
		reg.observe(fmt.Sprintf("GET /r%d", i), "GET", 200, time.Millisecond)
	}
	e := scrape(t, reg)
	e.want(t, series("http_request_duration_seconds_count", "route", OtherRoute), 5)
	e.want(t, series("http_requests_total", "route", OtherRoute, "method", "GET", "code", "200"), 5)
}

func TestDBPoolFigures(t *testing.T) {
	reg := New()
	reg.AddDBStats("write", func() sql.DBStats {
		return sql.DBStats{MaxOpenConnections: 1, OpenConnections: 1, InUse: 1, WaitCount: 12, WaitDuration: 1500 * time.Millisecond}
	})
	d := dbtest.Open(t, db.SQLite, nil)
	if _, err := d.QueryContext(context.Background(), "SELECT 1"); err != nil {
		t.Fatal(err)
	}
	reg.AddDBStats("read", func() sql.DBStats { read, _ := d.Stats(); return read })

	e := scrape(t, reg)
	e.want(t, series("db_open_connections", "pool", "write"), 1)
	e.want(t, series("db_in_use_connections", "pool", "write"), 1)
	e.want(t, series("db_idle_connections", "pool", "write"), 0)
	e.want(t, series("db_max_open_connections", "pool", "write"), 1)
	e.want(t, series("db_wait_count_total", "pool", "write"), 12)
	e.want(t, series("db_wait_duration_seconds_total", "pool", "write"), 1.5)
	if e.types[Prefix+"db_wait_count_total"] != "counter" || e.types[Prefix+"db_open_connections"] != "gauge" {
		t.Error("wrong types for pool figures")
	}
	read, _ := d.Stats()
	e.want(t, series("db_open_connections", "pool", "read"), float64(read.OpenConnections))
	if read.OpenConnections < 1 {
		t.Errorf("the read pool reports no open connection after a query")
	}
}

func TestRuntimeFigures(t *testing.T) {
	e := scrape(t, New())
	if g := e.samples[series("go_goroutines")]; g < 1 {
		t.Errorf("goroutines %v", g)
	}
	if h := e.samples[series("go_heap_bytes")]; h < 1 {
		t.Errorf("heap bytes %v", h)
	}
	if e.types[Prefix+"go_heap_bytes"] != "gauge" {
		t.Errorf("heap bytes is not a gauge")
	}
}

func TestConcurrentRequestsAndScrapes(t *testing.T) {
	reg := New()
	h := reg.Middleware(organizationsMux())
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Go(func() {
			for i := range 50 {
				serve(h, "GET", fmt.Sprintf("/organizations/%d-%d", g, i))
			}
		})
	}
	wg.Go(func() {
		for range 20 {
			rec := httptest.NewRecorder()
			reg.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
		}
	})
	wg.Wait()
	scrape(t, reg).want(t, series("http_requests_total", "route", "GET /organizations/{id}", "method", "GET", "code", "200"), 800)
}
