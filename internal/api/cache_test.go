package api_test

import (
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
)

// TestPersonalAnswersAreNotStored: an answer to an identified caller, by
// session cookie or by token, and any answer to a write (a new token is
// one) says no-store, so no cache keeps it for the next person; a
// visitor's read stays cacheable.
func TestPersonalAnswersAreNotStored(t *testing.T) {
	e := apptest.New(t, "sqlite")
	amal := e.NewPerson(t, "Amal", auth.Member)
	ask := func(what string, req *http.Request, wantStatus int, wantNoStore bool) {
		t.Helper()
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		res.Body.Close()
		if res.StatusCode != wantStatus {
			t.Errorf("%s: status %d, want %d", what, res.StatusCode, wantStatus)
		}
		if got := noStore(res.Header); got != wantNoStore {
			t.Errorf("%s: Cache-Control %q, want no-store: %v", what, res.Header.Values("Cache-Control"), wantNoStore)
		}
	}
	newRequest := func(method, path, body string) *http.Request {
		req, err := http.NewRequest(method, e.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		return req
	}

	// The session manager's own no-cache="Set-Cookie" covers only the cookie.
	if res := amal.Web.Get("/api/v1/me"); res.Status != http.StatusOK || !noStore(res.Header) {
		t.Errorf("/api/v1/me with the session cookie: %d, Cache-Control %q", res.Status, res.Header.Values("Cache-Control"))
	}
	withToken := newRequest(http.MethodGet, "/api/v1/me", "")
	withToken.Header.Set("Authorization", "Bearer "+amal.Token(t))
	ask("/api/v1/me with a token", withToken, http.StatusOK, true)
	ask("a new token", newRequest(http.MethodPost, "/api/v1/tokens",
		`{"email":"amal@example.org","password":"`+apptest.Password+`"}`), http.StatusCreated, true)
	ask("listings for a visitor", newRequest(http.MethodGet, "/api/v1/listings", ""), http.StatusOK, false)
}

// noStore reports whether any Cache-Control directive is no-store.
func noStore(h http.Header) bool {
	for _, v := range h.Values("Cache-Control") {
		for d := range strings.SplitSeq(v, ",") {
			if strings.TrimSpace(d) == "no-store" {
				return true
			}
		}
	}
	return false
}
