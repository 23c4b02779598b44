package taxonomy_test

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/i18n"
)

type tree struct {
	Lang       string `json:"lang"`
	Categories []node `json:"categories"`
}

type node struct {
	ID          string              `json:"id"`
	Parent      string              `json:"parent"`
	Name        string              `json:"name"`
	Description string              `json:"description"`
	Names       map[string]string   `json:"names"`
	Synonyms    map[string][]string `json:"synonyms"`
	Children    []node              `json:"children"`
}

func get(t *testing.T, e *apptest.Env, path, acceptLanguage string) (*http.Response, tree) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, e.URL+path, nil)
	if acceptLanguage != "" {
		req.Header.Set("Accept-Language", acceptLanguage)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	var out tree
	if res.StatusCode == http.StatusOK {
		if err := json.Unmarshal(b, &out); err != nil {
			t.Fatalf("%s: %v\n%s", path, err, b)
		}
	}
	return res, out
}

func TestCategoriesAPI(t *testing.T) {
	e := apptest.New(t, db.SQLite) // the taxonomy has no tables: one database is enough

	res, got := get(t, e, "/api/v1/categories?lang=ar", "de")
	if res.StatusCode != http.StatusOK || got.Lang != "ar" || res.Header.Get("Content-Language") != "ar" ||
		!strings.HasPrefix(res.Header.Get("Cache-Control"), "public") {
		t.Fatalf("status %d, lang %q, headers %v", res.StatusCode, got.Lang, res.Header)
	}
	if len(got.Categories) < 13 {
		t.Fatalf("%d top-level categories", len(got.Categories))
	}
	housing := got.Categories[0]
	if housing.ID != "housing" || housing.Parent != "" || housing.Name != "السكن" || housing.Description == "" ||
		len(housing.Names) != len(i18n.Languages) || housing.Names["de"] != "Wohnen" || len(housing.Synonyms["ar"]) < 2 {
		t.Errorf("housing: %+v", housing)
	}
	if len(housing.Children) < 3 {
		t.Fatalf("housing has %d children", len(housing.Children))
	}
	flat := housing.Children[0]
	if flat.ID != "housing.flat_search" || flat.Parent != "housing" || flat.Name != "البحث عن شقة" ||
		flat.Children == nil || len(flat.Children) != 0 {
		t.Errorf("housing.flat_search: %+v", flat)
	}

	// Without lang, the caller's language.
	res, got = get(t, e, "/api/v1/categories", "fa-IR, en;q=0.5")
	if res.StatusCode != http.StatusOK || got.Lang != "fa" || got.Categories[0].Name != "مسکن" ||
		!strings.Contains(res.Header.Get("Vary"), "Accept-Language") {
		t.Errorf("by Accept-Language: %d %q %v", res.StatusCode, got.Lang, res.Header)
	}
	if _, got = get(t, e, "/api/v1/categories", ""); got.Lang != "de" || got.Categories[0].Name != "Wohnen" {
		t.Errorf("by default: %q", got.Lang)
	}
	if res, _ := get(t, e, "/api/v1/categories?lang=xx", ""); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("unknown language: %d", res.StatusCode)
	}

	_, doc := e.APIRaw(t, "", http.MethodGet, "/api/v1/openapi.json", nil)
	for _, want := range []string{`"list-categories"`, `"/api/v1/categories"`, `"CategoryNode"`} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("OpenAPI lacks %s", want)
		}
	}
}
