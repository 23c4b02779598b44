package uploads

import (
	"log/slog"
	"net/http"
	"strconv"
	"strings"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
)

// Pattern is where Handler belongs on an http.ServeMux.
const Pattern = "GET /uploads/{id}"

// cacheControl lets browsers and proxies keep an upload for a year: the bytes
// behind an id never change, a new image gets a new id.
const cacheControl = "public, max-age=31536000, immutable"

var extensions = map[string]string{"image/jpeg": ".jpg", "image/png": ".png"}

// Handler serves uploads; register it at Pattern. It answers conditional
// requests with 304 Not Modified without reading the image bytes.
func Handler(d *db.DB) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, err := Info(r.Context(), d, r.PathValue("id"))
		if err != nil {
			httpError(w, r, err)
			return
		}
		h := w.Header()
		h.Set("ETag", u.ETag())
		h.Set("Cache-Control", cacheControl)
		h.Set("X-Content-Type-Options", "nosniff")
		if matchesETag(r.Header.Get("If-None-Match"), u.ETag()) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		data, err := readData(r.Context(), d, u.ID)
		if err != nil {
			httpError(w, r, err)
			return
		}
		h.Set("Content-Type", u.ContentType)
		h.Set("Content-Length", strconv.Itoa(len(data)))
		h.Set("Content-Disposition", `inline; filename="`+u.ID+extensions[u.ContentType]+`"`)
		// Even opened on its own, an image page may load and run nothing.
		h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
		w.Write(data)
	})
}

func httpError(w http.ResponseWriter, r *http.Request, err error) {
	status := http.StatusNotFound
	if !apperr.Is(err, apperr.NotFound) {
		status = http.StatusInternalServerError
		slog.ErrorContext(r.Context(), "serve upload", "path", r.URL.Path, "err", err)
	}
	// A 304 prepared the validators already; an error must not carry them.
	w.Header().Del("ETag")
	w.Header().Del("Cache-Control")
	http.Error(w, http.StatusText(status), status)
}

// matchesETag applies If-None-Match, which compares weakly (RFC 9110
// 13.1.2): W/"x" matches "x", and * matches anything.
func matchesETag(ifNoneMatch, etag string) bool {
	for candidate := range strings.SplitSeq(ifNoneMatch, ",") {
		candidate = strings.TrimSpace(candidate)
		if candidate == "*" || strings.TrimPrefix(candidate, "W/") == etag {
			return true
		}
	}
	return false
}
