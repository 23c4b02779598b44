package metrics

import (
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"net/netip"
	"strings"
)

// Guard serves the figures (h) to the machine's own scraper and to holders
// of the bearer token, and answers everyone else 404, as if there were
// nothing here (403 for a wrong token). The figures tell an outsider what
// runs and how busy it is.
//
// The machine's own scraper is a loopback client as client resolves it
// (clientip, behind trusted proxies) whose request no proxy forwarded: a
// reverse proxy on the same machine that was not declared trusted makes
// every visitor look local, and its X-Forwarded-For gives it away. An empty
// token accepts no token.
func Guard(h http.Handler, client func(*http.Request) netip.Addr, token string) http.Handler {
	want := sha256.Sum256([]byte(token))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if local(r, client) {
			h.ServeHTTP(w, r)
			return
		}
		given, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || token == "" {
			http.NotFound(w, r)
			return
		}
		got := sha256.Sum256([]byte(strings.TrimSpace(given)))
		if subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
			http.Error(w, http.StatusText(http.StatusForbidden), http.StatusForbidden)
			return
		}
		h.ServeHTTP(w, r)
	})
}

func local(r *http.Request, client func(*http.Request) netip.Addr) bool {
	for _, h := range []string{"X-Forwarded-For", "Forwarded", "X-Real-Ip"} {
		if r.Header.Get(h) != "" {
			return false
		}
	}
	return client(r).IsLoopback()
}
