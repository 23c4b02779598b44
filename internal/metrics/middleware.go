package metrics

import (
	"context"
	"net/http"
	"time"
)

type routeSlotKey struct{}

// routeSlot carries the pattern from an inner Middleware to the outer one
// when a handler in between passed on a copy of the request.
type routeSlot struct{ pattern string }

// Middleware counts requests by route pattern, method and status, times them
// by route, and counts those in flight.
//
// The route is the pattern that an http.ServeMux set on the request, read
// after the mux ran. A handler between this middleware and the mux that
// passes on a copy of the request (r.WithContext) hides it; then wrap the
// mux once more with Middleware of the same registry: the inner one only
// hands the pattern to the outer one, which counts.
func (reg *Registry) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if slot, ok := r.Context().Value(routeSlotKey{}).(*routeSlot); ok {
			defer func() { slot.pattern = r.Pattern }()
			next.ServeHTTP(w, r)
			return
		}
		reg.measure(w, r, next)
	})
}

func (reg *Registry) measure(w http.ResponseWriter, r *http.Request, next http.Handler) {
	start := time.Now()
	reg.inFlight.Add(1)
	slot := &routeSlot{}
	r = r.WithContext(context.WithValue(r.Context(), routeSlotKey{}, slot))
	rec := &statusRecorder{ResponseWriter: w}
	completed := false
	defer func() {
		reg.inFlight.Add(-1)
		code := rec.status()
		if !completed {
			code = http.StatusInternalServerError // the handler panicked
		}
		reg.observe(routeLabel(r, slot), methodLabel(r.Method), code, time.Since(start))
	}()
	next.ServeHTTP(rec, r)
	completed = true
}

func routeLabel(r *http.Request, slot *routeSlot) string {
	// The mux names a CONNECT redirect after the request path, not a pattern.
	if r.Method == http.MethodConnect {
		return UnmatchedRoute
	}
	pattern := r.Pattern
	if pattern == "" {
		pattern = slot.pattern
	}
	if pattern == "" {
		return UnmatchedRoute
	}
	return pattern
}

// statusRecorder remembers the status code written. Unwrap lets
// http.ResponseController reach the connection's Flush and deadlines.
type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (s *statusRecorder) WriteHeader(code int) {
	// 1xx responses are interim; the final status follows.
	if s.code == 0 && code >= 200 {
		s.code = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.code == 0 {
		s.code = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Flush keeps streaming responses streaming for handlers that assert
// http.Flusher instead of using http.ResponseController.
func (s *statusRecorder) Flush() {
	if s.code == 0 {
		s.code = http.StatusOK
	}
	_ = http.NewResponseController(s.ResponseWriter).Flush()
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// status is what the client got: 200 when the handler wrote nothing.
func (s *statusRecorder) status() int {
	if s.code == 0 {
		return http.StatusOK
	}
	return s.code
}
