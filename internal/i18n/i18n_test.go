package i18n

import (
	"strings"
	"testing"
	"testing/fstest"
)

func catalogOf(t *testing.T, files map[string]string) (*Catalog, error) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(body)}
	}
	c := NewCatalog()
	if err := c.Load("test", fsys); err != nil {
		return nil, err
	}
	return c, c.Check()
}

// complete gives every language a plain message and, for plural ones, all
// forms its CLDR rules need.
var complete = map[string]string{
	"de.json": `{"hello": "Hallo", "people": {"one": "{{.Count}} Person", "other": "{{.Count}} Personen"}}`,
	"en.json": `{"hello": "Hello", "people": {"one": "{{.Count}} person", "other": "{{.Count}} people"}}`,
	"ar.json": `{"hello": "مرحبا", "people": {"zero": "لا أحد", "one": "شخص واحد", "two": "شخصان", "few": "{{.Count}} أشخاص", "many": "{{.Count}} شخصًا", "other": "{{.Count}} شخص"}}`,
	"fa.json": `{"hello": "سلام", "people": {"one": "{{.Count}} نفر", "other": "{{.Count}} نفر"}}`,
	"uk.json": `{"hello": "Привіт", "people": {"one": "{{.Count}} особа", "few": "{{.Count}} особи", "many": "{{.Count}} осіб", "other": "{{.Count}} особи"}}`,
	"tr.json": `{"hello": "Merhaba", "people": {"one": "{{.Count}} kişi", "other": "{{.Count}} kişi"}}`,
}

func TestPluralForms(t *testing.T) {
	c, err := catalogOf(t, complete)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		lang  string
		count int
		want  string
	}{
		{"de", 1, "1 Person"}, {"de", 3, "3 Personen"},
		{"ar", 0, "لا أحد"}, {"ar", 1, "شخص واحد"}, {"ar", 2, "شخصان"}, {"ar", 5, "5 أشخاص"}, {"ar", 11, "11 شخصًا"}, {"ar", 100, "100 شخص"},
		{"uk", 1, "1 особа"}, {"uk", 3, "3 особи"}, {"uk", 5, "5 осіб"}, {"uk", 21, "21 особа"},
	}
	for _, tc := range cases {
		if got := c.Localizer(tc.lang).T("people", "Count", tc.count); got != tc.want {
			t.Errorf("%s %d: %q, want %q", tc.lang, tc.count, got, tc.want)
		}
	}
}

func TestCheckFindsGaps(t *testing.T) {
	files := map[string]string{}
	for k, v := range complete {
		files[k] = v
	}
	files["uk.json"] = `{"hello": "Привіт", "people": {"one": "{{.Count}} особа", "other": "{{.Count}} особи"}}`
	files["tr.json"] = `{"people": {"one": "{{.Count}} kişi", "other": "{{.Count}} kişi"}}`
	_, err := catalogOf(t, files)
	if err == nil {
		t.Fatal("an incomplete catalogue passed the check")
	}
	for _, want := range []string{`tr lacks hello`, `uk lacks the plural form "few" of people`, `uk lacks the plural form "many" of people`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("check does not say %q:\n%v", want, err)
		}
	}
}

func TestMissingRecorded(t *testing.T) {
	c, err := catalogOf(t, complete)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Localizer("fa").T("nowhere"); got != "nowhere" {
		t.Errorf("a missing id renders as %q", got)
	}
	if m := c.Missing(); len(m) != 1 || m[0] != "fa:nowhere" {
		t.Errorf("missing: %v", m)
	}
}

func TestMatch(t *testing.T) {
	c := NewCatalog()
	for header, want := range map[string]string{
		"": "de", "fr-FR": "de", "ar-SY,ar;q=0.9": "ar", "fa-IR": "fa", "uk-UA,ru;q=0.5": "uk", "en-GB,en;q=0.8": "en",
		"tr": "tr", "de-AT": "de", "xx;;;": "de",
	} {
		if got := c.Match(header); got != want {
			t.Errorf("Accept-Language %q: %s, want %s", header, got, want)
		}
	}
}

func TestAreaFiles(t *testing.T) {
	files := map[string]string{}
	for k, v := range complete {
		files[k] = v
		files["extra."+k] = `{"extra.word": "x"}`
	}
	c, err := catalogOf(t, files)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Localizer("uk").T("extra.word"); got != "x" {
		t.Errorf("area file not loaded: %q", got)
	}
	files["extra.de.json"] = `{"hello": "doppelt"}`
	if _, err := catalogOf(t, files); err == nil || !strings.Contains(err.Error(), "defined twice") {
		t.Errorf("a message defined in two files passed: %v", err)
	}
}
