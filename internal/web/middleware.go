package web

import (
	"compress/gzip"
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"log/slog"
	"net/http"
	"net/netip"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/secrets"
)

type requestIDKey struct{}

// RequestID returns the id of the request in ctx ("" outside requests).
func RequestID(ctx context.Context) string {
	s, _ := ctx.Value(requestIDKey{}).(string)
	return s
}

// LogHandler adds the request id to every log line written with a request's
// context.
type LogHandler struct{ slog.Handler }

func (h LogHandler) Handle(ctx context.Context, r slog.Record) error {
	if id := RequestID(ctx); id != "" {
		r.AddAttrs(slog.String("request_id", id))
	}
	return h.Handler.Handle(ctx, r)
}
func (h LogHandler) WithAttrs(a []slog.Attr) slog.Handler { return LogHandler{h.Handler.WithAttrs(a)} }
func (h LogHandler) WithGroup(n string) slog.Handler      { return LogHandler{h.Handler.WithGroup(n)} }

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// Observe gives every request an id (echoed as X-Request-Id), logs it when
// done, and turns a panic into a 500 with the stack in the log.
func Observe(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			b := make([]byte, 8)
			rand.Read(b)
			id := hex.EncodeToString(b)
			ctx := context.WithValue(r.Context(), requestIDKey{}, id)
			r = r.WithContext(ctx)
			w.Header().Set("X-Request-Id", id)
			rec := &statusRecorder{ResponseWriter: w}
			start := time.Now()
			defer func() {
				if p := recover(); p != nil {
					if p == http.ErrAbortHandler {
						panic(p)
					}
					log.ErrorContext(ctx, "panic", "panic", p, "stack", string(debug.Stack()))
					if rec.status == 0 {
						http.Error(rec, "Internal Server Error", http.StatusInternalServerError)
					}
				}
				// The secrets of mailed links are cut out of the path: the
				// log must not hand out working reset or invitation links.
				log.InfoContext(ctx, "request", "method", r.Method, "path", secrets.Redact(r.URL.Path), "route", r.Pattern,
					"status", rec.status, "duration_ms", time.Since(start).Milliseconds())
			}()
			next.ServeHTTP(rec, r)
		})
	}
}

// SecurityHeaders sets a strict Content-Security-Policy (no inline script,
// nothing from another host) and the usual hardening headers. secure adds
// HSTS for sites served over https.
func SecurityHeaders(secure bool) func(http.Handler) http.Handler {
	const csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
		"font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Set("Content-Security-Policy", csp)
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("X-Frame-Options", "DENY")
			h.Set("Referrer-Policy", "same-origin")
			h.Set("Cross-Origin-Opener-Policy", "same-origin")
			h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
			if secure {
				h.Set("Strict-Transport-Security", "max-age=31536000")
			}
			next.ServeHTTP(w, r)
		})
	}
}

// CrossOrigin refuses cross-site state-changing requests (Go's
// CrossOriginProtection reads Sec-Fetch-Site and Origin; no token needed).
// Requests that authenticate with an Authorization header carry no ambient
// cookie authority, so API clients on other machines pass.
func CrossOrigin(deny http.Handler) func(http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	if deny != nil {
		cop.SetDenyHandler(deny)
	}
	return func(next http.Handler) http.Handler {
		protected := cop.Handler(next)
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("Authorization") != "" && r.Header.Get("Cookie") == "" {
				next.ServeHTTP(w, r)
				return
			}
			protected.ServeHTTP(w, r)
		})
	}
}

type localizerKey struct{}

// Localizer returns the translator chosen for the request.
func Localizer(ctx context.Context) *i18n.Localizer {
	l, _ := ctx.Value(localizerKey{}).(*i18n.Localizer)
	return l
}

// WithLocalizer returns ctx carrying l (for work outside requests).
func WithLocalizer(ctx context.Context, l *i18n.Localizer) context.Context {
	return context.WithValue(ctx, localizerKey{}, l)
}

// LangCookie remembers the language picked by a visitor.
const LangCookie = "lang"

// ChooseLanguage picks the interface language: the person's setting, then the
// picker's cookie, then the browser's Accept-Language, then German.
func ChooseLanguage(cat *i18n.Catalog, r *http.Request) string {
	if id := auth.From(r.Context()); id != nil && i18n.Supported(id.Lang) {
		return id.Lang
	}
	if c, err := r.Cookie(LangCookie); err == nil && i18n.Supported(c.Value) {
		return c.Value
	}
	return cat.Match(r.Header.Get("Accept-Language"))
}

// Locale puts the request's translator into its context. It runs after the
// identity is known, because the person's setting comes first.
func Locale(cat *i18n.Catalog) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			l := cat.Localizer(ChooseLanguage(cat, r))
			next.ServeHTTP(w, r.WithContext(WithLocalizer(r.Context(), l)))
		})
	}
}

var gzipPool = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(io.Discard, gzip.BestSpeed); return w }}

type gzipWriter struct {
	http.ResponseWriter
	gz      *gzip.Writer
	decided bool
	zip     bool
}

func (g *gzipWriter) decide() {
	if g.decided {
		return
	}
	g.decided = true
	h := g.Header()
	ct := h.Get("Content-Type")
	compressible := strings.HasPrefix(ct, "text/") || strings.Contains(ct, "json") || strings.Contains(ct, "xml") ||
		strings.Contains(ct, "javascript") || strings.Contains(ct, "svg")
	if compressible && h.Get("Content-Encoding") == "" {
		g.zip = true
		h.Set("Content-Encoding", "gzip")
		h.Del("Content-Length")
		h.Add("Vary", "Accept-Encoding")
		g.gz = gzipPool.Get().(*gzip.Writer)
		g.gz.Reset(g.ResponseWriter)
	}
}

func (g *gzipWriter) WriteHeader(code int) {
	if code != http.StatusNotModified && code != http.StatusNoContent {
		g.decide()
	}
	g.ResponseWriter.WriteHeader(code)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.decided {
		if g.Header().Get("Content-Type") == "" {
			g.Header().Set("Content-Type", http.DetectContentType(b))
		}
		g.decide()
	}
	if g.zip {
		return g.gz.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }

func (g *gzipWriter) close() {
	if g.zip {
		g.gz.Close()
		gzipPool.Put(g.gz)
	}
}

// Compress gzips text responses for clients that accept it: pages must
// weigh little on slow mobile connections.
func Compress(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") || r.Method == http.MethodHead {
			next.ServeHTTP(w, r)
			return
		}
		g := &gzipWriter{ResponseWriter: w}
		defer g.close()
		next.ServeHTTP(g, r)
	})
}

// Chain applies middleware so the first listed runs first.
func Chain(h http.Handler, mw ...func(http.Handler) http.Handler) http.Handler {
	for i := len(mw) - 1; i >= 0; i-- {
		h = mw[i](h)
	}
	return h
}

type clientKey struct{}

// Client returns the client address of the request in ctx, as resolved by
// TrackClient (behind trusted proxies, the address they report).
func Client(ctx context.Context) string {
	s, _ := ctx.Value(clientKey{}).(string)
	return s
}

// TrackClient stores the client address for rate limits and logs.
func TrackClient(resolve func(*http.Request) netip.Addr) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx := context.WithValue(r.Context(), clientKey{}, resolve(r).String())
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}
