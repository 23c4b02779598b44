package api

import (
	"encoding/json"
	"net/http"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/web"
)

// methods are those the API's operations may answer, in the order an
// Allow header names them.
var methods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

// unrouted answers every request under Prefix that no operation takes: 405
// with an Allow header when the path exists with other methods, 404
// otherwise; both as problem JSON in the caller's language, where the mux
// would answer in plain text or the site would draw its 404 page.
func unrouted(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if allowed := allowedMethods(mux, r); len(allowed) > 0 {
			w.Header().Set("Allow", strings.Join(allowed, ", "))
			writeProblem(w, r, http.StatusMethodNotAllowed, "error.method_not_allowed")
			return
		}
		writeProblem(w, r, http.StatusNotFound, apperr.MessageID(apperr.New(apperr.NotFound, "")))
	})
}

// allowedMethods lists the methods the mux routes the request's path to an
// operation for.
func allowedMethods(mux *http.ServeMux, r *http.Request) []string {
	var out []string
	for _, m := range methods {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := mux.Handler(probe); pattern != "" && pattern != Prefix+"/" {
			out = append(out, m)
		}
	}
	return out
}

// writeProblem writes an RFC 9457 problem with the translated message.
func writeProblem(w http.ResponseWriter, r *http.Request, status int, msgID string) {
	l := web.Localizer(r.Context())
	if l == nil {
		l = fallback
	}
	body, err := json.Marshal(huma.NewError(status, l.T(msgID)))
	if err != nil {
		http.Error(w, http.StatusText(status), status)
		return
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	w.Write(body)
}

// recoverProblem answers an operation that panicked with a 500 problem in
// the caller's language, then panics on, so that web.Observe logs the
// panic with its stack (it writes nothing more once an answer is out).
func recoverProblem(ctx huma.Context, next func(huma.Context)) {
	defer func() {
		p := recover()
		if p == nil {
			return
		}
		if p != http.ErrAbortHandler && ctx.Status() == 0 {
			l := web.Localizer(ctx.Context())
			if l == nil {
				l = fallback
			}
			body, err := json.Marshal(huma.NewError(http.StatusInternalServerError, l.T(apperr.MessageID(apperr.New(apperr.Internal, "")))))
			if err == nil {
				ctx.SetHeader("Content-Type", "application/problem+json")
				ctx.SetStatus(http.StatusInternalServerError)
				ctx.BodyWriter().Write(body)
			}
		}
		panic(p)
	}()
	next(ctx)
}
