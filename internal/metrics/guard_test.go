package metrics

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"teilhabe.org/teilhabe/internal/clientip"
)

// The figures tell an outsider what runs and how busy it is: they are for
// the machine's own scraper and for whoever holds the configured token.
func TestGuardAnswersLoopbackAndTokenOnly(t *testing.T) {
	proxies, err := clientip.Parse("10.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	figures := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("# TYPE x counter\n")) })
	for _, c := range []struct {
		name, token, peer, forwardedFor, authorization string
		want                                           int
	}{
		{"loopback", "", "127.0.0.1:4711", "", "", 200},
		{"IPv6 loopback", "", "[::1]:4711", "", "", 200},
		{"loopback, token configured", "s3cret-metrics-token", "127.0.0.1:4711", "", "", 200},
		{"another machine", "", "192.0.2.7:4711", "", "", 404},
		{"another machine, no token configured", "", "192.0.2.7:4711", "", "Bearer ", 404},
		{"another machine with the token", "s3cret-metrics-token", "192.0.2.7:4711", "", "Bearer s3cret-metrics-token", 200},
		{"another machine with a wrong token", "s3cret-metrics-token", "192.0.2.7:4711", "", "Bearer s3cret-metrics-tokem", 403},
		{"through the trusted proxy", "", "10.0.0.1:4711", "203.0.113.9", "", 404},
		{"through the trusted proxy, with the token", "s3cret-metrics-token", "10.0.0.1:4711", "203.0.113.9", "Bearer s3cret-metrics-token", 200},
		{"through the trusted proxy, claiming loopback", "", "10.0.0.1:4711", "127.0.0.1", "", 404},
		{"through a proxy on this machine nobody declared", "", "127.0.0.1:4711", "203.0.113.9", "", 404},
		{"a client claiming loopback", "", "192.0.2.7:4711", "127.0.0.1", "", 404},
	} {
		req := httptest.NewRequest(http.MethodGet, "/metrics", nil)
		req.RemoteAddr = c.peer
		if c.forwardedFor != "" {
			req.Header.Set("X-Forwarded-For", c.forwardedFor)
		}
		if c.authorization != "" {
			req.Header.Set("Authorization", c.authorization)
		}
		rec := httptest.NewRecorder()
		Guard(figures, proxies.ClientIP, c.token).ServeHTTP(rec, req)
		if rec.Code != c.want {
			t.Errorf("%s: %d, want %d", c.name, rec.Code, c.want)
		}
		if rec.Code != 200 && rec.Body.Len() > 0 && rec.Body.String()[0] == '#' {
			t.Errorf("%s: refused, but the figures were sent", c.name)
		}
	}
}
