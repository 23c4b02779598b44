package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/web"
)

type thing struct {
	Body struct {
		ID string `json:"id"`
	}
}

// site is an API with two operations on one path and one that panics,
// beside a page of the site that answers every other path, behind the
// language choice as on the platform.
func site(t *testing.T) (http.Handler, *i18n.Catalog) {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "a page of the site", http.StatusNotFound) })
	a := api.New(mux, "http://example.org")
	get := func(ctx context.Context, in *struct {
		ID string `path:"id"`
	}) (*thing, error) {
		out := &thing{}
		out.Body.ID = in.ID
		return out, nil
	}
	huma.Register(a, huma.Operation{OperationID: "get-thing", Method: http.MethodGet, Path: api.Prefix + "/things/{id}"}, get)
	huma.Register(a, huma.Operation{OperationID: "put-thing", Method: http.MethodPut, Path: api.Prefix + "/things/{id}"}, get)
	huma.Register(a, huma.Operation{OperationID: "crash", Method: http.MethodGet, Path: api.Prefix + "/crash"},
		func(ctx context.Context, _ *struct{}) (*thing, error) {
			var m map[string]int
			m["boom"]++ // a nil map: the handler panics
			return nil, nil
		})
	c := i18n.NewCatalog()
	if err := c.Load("web", web.Messages()); err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	return web.Observe(quiet)(web.Locale(c)(mux)), c
}

// problem asks the handler and returns the answer, which must be problem
// JSON.
func problem(t *testing.T, h http.Handler, method, path, lang string) (*httptest.ResponseRecorder, huma.ErrorModel) {
	t.Helper()
	req := httptest.NewRequest(method, path, nil)
	req.Header.Set("Accept-Language", lang)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var p huma.ErrorModel
	if ct := rec.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("%s %s: Content-Type %q, want application/problem+json\n%s", method, path, ct, rec.Body.String())
		return rec, p
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Errorf("%s %s: %v\n%s", method, path, err, rec.Body.String())
	}
	if p.Status != rec.Code {
		t.Errorf("%s %s: status %d in the body, %d in the answer", method, path, p.Status, rec.Code)
	}
	return rec, p
}

// TestEveryAPIErrorIsProblemJSON: under /api/v1 an unknown path (404), a
// method the path does not take (405, with Allow) and a panic (500) all
// answer problem JSON in the caller's language.
func TestEveryAPIErrorIsProblemJSON(t *testing.T) {
	h, c := site(t)
	for _, tc := range []struct {
		method, path, lang string
		status             int
		msg                string
	}{
		{http.MethodGet, "/api/v1/nothing", "de", http.StatusNotFound, "error.not_found"},
		{http.MethodGet, "/api/v1/things/1/more", "uk", http.StatusNotFound, "error.not_found"},
		{http.MethodPost, "/api/v1/", "ar", http.StatusNotFound, "error.not_found"},
		{http.MethodDelete, "/api/v1/things/1", "en", http.StatusMethodNotAllowed, "error.method_not_allowed"},
		{http.MethodPost, "/api/v1/crash", "tr", http.StatusMethodNotAllowed, "error.method_not_allowed"},
		{http.MethodGet, "/api/v1/crash", "fa", http.StatusInternalServerError, "error.internal"},
	} {
		rec, p := problem(t, h, tc.method, tc.path, tc.lang)
		if rec.Code != tc.status {
			t.Errorf("%s %s: %d, want %d", tc.method, tc.path, rec.Code, tc.status)
		}
		if want := c.Localizer(tc.lang).T(tc.msg); p.Detail != want {
			t.Errorf("%s %s in %s: detail %q, want %q", tc.method, tc.path, tc.lang, p.Detail, want)
		}
	}
	rec, _ := problem(t, h, http.MethodDelete, "/api/v1/things/1", "de")
	if allow := rec.Header().Get("Allow"); allow != "GET, HEAD, PUT" {
		t.Errorf("Allow: %q", allow)
	}
	rec, _ = problem(t, h, http.MethodPatch, "/api/v1/crash", "de")
	if allow := rec.Header().Get("Allow"); allow != "GET, HEAD" {
		t.Errorf("Allow: %q", allow)
	}

	// The operations themselves and the pages of the site are as before.
	req := httptest.NewRequest(http.MethodGet, "/api/v1/things/7", nil)
	ok := httptest.NewRecorder()
	h.ServeHTTP(ok, req)
	if ok.Code != http.StatusOK {
		t.Errorf("GET a thing: %d %s", ok.Code, ok.Body.String())
	}
	page := httptest.NewRecorder()
	h.ServeHTTP(page, httptest.NewRequest(http.MethodGet, "/apis", nil))
	if page.Body.String() != "a page of the site\n" {
		t.Errorf("a page beside the API: %q", page.Body.String())
	}
}

// TestPlatformAPIErrorsAreProblemJSON asks the whole platform: its 404 page
// and the method check of the mux do not answer for the API.
func TestPlatformAPIErrorsAreProblemJSON(t *testing.T) {
	e := apptest.New(t, "sqlite")
	for _, tc := range []struct {
		method, path string
		status       int
		allow        string
	}{
		{http.MethodGet, "/api/v1/no-such-thing", http.StatusNotFound, ""},
		{http.MethodDelete, "/api/v1/listings", http.StatusMethodNotAllowed, "GET, HEAD, POST"},
	} {
		req, err := http.NewRequest(tc.method, e.URL+tc.path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Accept-Language", "en")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var p huma.ErrorModel
		err = json.NewDecoder(res.Body).Decode(&p)
		res.Body.Close()
		if res.StatusCode != tc.status || res.Header.Get("Content-Type") != "application/problem+json" || err != nil || p.Status != tc.status {
			t.Errorf("%s %s: %d %s %v %+v", tc.method, tc.path, res.StatusCode, res.Header.Get("Content-Type"), err, p)
		}
		if res.Header.Get("Allow") != tc.allow {
			t.Errorf("%s %s: Allow %q, want %q", tc.method, tc.path, res.Header.Get("Allow"), tc.allow)
		}
	}
}
