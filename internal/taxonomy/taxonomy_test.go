package taxonomy

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/i18n"
)

func TestShippedFileIsValid(t *testing.T) {
	if _, err := Parse(shipped); err != nil {
		t.Fatalf("categories.json:\n%v", err)
	}
	if Default() != Default() {
		t.Error("Default parses more than once")
	}
	if NewModule().Taxonomy() != Default() {
		t.Error("the module serves another taxonomy")
	}
}

// TestShippedContent holds the editorial rules the parser leaves open.
func TestShippedContent(t *testing.T) {
	tx := Default()
	var top []string
	for _, c := range tx.Top() {
		top = append(top, c.ID)
	}
	for _, id := range []string{"housing", "german_lessons", "translation", "goods", "mobility", "work", "children",
		"leisure", "health", "legal_advice", "digital", "everyday", "volunteering"} {
		if !slices.Contains(top, id) {
			t.Errorf("no top-level category %s", id)
		}
	}
	for _, id := range []string{"goods.furniture", "goods.clothing", "goods.bicycles", "housing.flat_search", "housing.shared_flat",
		"translation.doctor", "translation.authorities", "german_lessons.tutoring", "children.homework", "work.application",
		"mobility.driving_lessons", "everyday.moving", "legal_advice.asylum_counselling"} {
		if c, ok := tx.Get(id); !ok || c.Parent != id[:strings.IndexByte(id, '.')] {
			t.Errorf("no subcategory %s", id)
		}
	}
	for _, c := range tx.Top() {
		if n := len(tx.Children(c.ID)); n < 3 || n > 8 {
			t.Errorf("%s has %d subcategories, want 3 to 8", c.ID, n)
		}
	}

	ids := map[string]bool{}
	for _, c := range tx.All() {
		if ids[c.ID] {
			t.Errorf("%s twice", c.ID)
		}
		ids[c.ID] = true
		for _, l := range i18n.Languages {
			name, desc := c.Names[l.Tag], c.Descriptions[l.Tag]
			if name == "" || desc == "" {
				t.Errorf("%s: no name or description in %s", c.ID, l.Tag)
			}
			if !strings.HasSuffix(desc, ".") || strings.Contains(strings.TrimSuffix(desc, "."), ". ") {
				t.Errorf("%s: the %s description is not one sentence: %q", c.ID, l.Tag, desc)
			}
			if utf8.RuneCountInString(desc) > 200 {
				t.Errorf("%s: the %s description is long for one sentence: %q", c.ID, l.Tag, desc)
			}
			if n := len(c.Synonyms[l.Tag]); n < 2 {
				t.Errorf("%s: %d synonyms in %s, want at least 2", c.ID, n, l.Tag)
			}
		}
		// Farsi is written with ی and ک, Arabic with ي and ك.
		for lang, wrong := range map[string]string{"fa": "\u064a\u0643", "ar": "\u06cc\u06a9"} {
			texts := append([]string{c.Names[lang], c.Descriptions[lang]}, c.Synonyms[lang]...)
			for _, s := range texts {
				if strings.ContainsAny(s, wrong) {
					t.Errorf("%s: %s text with letters of the other script: %q", c.ID, lang, s)
				}
			}
		}
		// A category is found by its own names and synonyms.
		for lang, name := range c.Names {
			if !slices.Contains(tx.Match(name), c.ID) {
				t.Errorf("%s: Match of its %s name %q misses it: %v", c.ID, lang, name, tx.Match(name))
			}
		}
		for lang, syns := range c.Synonyms {
			for _, s := range syns {
				if !slices.Contains(tx.Match(s), c.ID) {
					t.Errorf("%s: Match of its %s synonym %q misses it", c.ID, lang, s)
				}
			}
		}
	}
	if len(tx.All()) != len(tx.byID) {
		t.Errorf("All has %d categories, the index %d", len(tx.All()), len(tx.byID))
	}

	// Volunteers point to qualified counselling; they don't give legal advice.
	legal, _ := tx.Get("legal_advice")
	for lang, want := range map[string]string{"de": "keine Rechtsberatung", "en": "do not give legal advice"} {
		if !strings.Contains(legal.Descriptions[lang], want) {
			t.Errorf("legal_advice (%s) does not say %q: %q", lang, want, legal.Descriptions[lang])
		}
	}
}

func TestMatch(t *testing.T) {
	tx := Default()
	for _, term := range []string{"Wohnung", "wohnung", "WOHNUNG", "Wohnungen", "flat", "Flats", "سكن", "السكن", "مسكن",
		"مسکن", "житло", "Житло", "жильё", "жилье", "kira", "Suche eine Wohnung in Kassel", "looking for a flat!"} {
		if got := tx.Match(term); !slices.Contains(got, "housing") {
			t.Errorf("Match(%q) = %v, want housing among them", term, got)
		}
	}
	for term, want := range map[string][]string{
		"Fahrrad":                    {"goods.bicycles"},
		"Fuehrerschein":              {"mobility.driving_lessons"},
		"fuhrerschein":               {"mobility.driving_lessons"},
		"KITA":                       {"children.daycare"},
		"Hausaufgaben":               {"children.homework"},
		"كرة القدم":                  {"leisure.sport"},
		"ألمانية":                    {"german_lessons"},
		"المانية":                    {"german_lessons"},
		"الالمانيه":                  {"german_lessons"},
		"ehliyet":                    {"mobility.driving_lessons"},
		"Fahrrad reparieren":         {"everyday.repairs", "goods.bicycles", "mobility.bike_repair"},
		"Lesen und Schreiben lernen": {"german_lessons.literacy"},
	} {
		if got := tx.Match(term); !slices.Equal(got, want) {
			t.Errorf("Match(%q) = %v, want %v", term, got, want)
		}
	}
	for _, term := range []string{"", "  ", "Wohn", "Wohnungsbaugesellschaft", "odalar", "xyzzy", "!!!"} {
		if got := tx.Match(term); got != nil {
			t.Errorf("Match(%q) = %v, want nothing", term, got)
		}
	}
	got := tx.Match("Wohnung Möbel Deutschkurs Umzug")
	if !slices.IsSorted(got) || len(got) < 4 {
		t.Errorf("Match of several words: %v", got)
	}
}

func TestLookups(t *testing.T) {
	tx := Default()
	if !tx.Valid("goods.furniture") || !tx.Valid("goods") || tx.Valid("goods.nope") || tx.Valid("") {
		t.Error("Valid")
	}
	if c, ok := tx.Get("goods.furniture"); !ok || c.Parent != "goods" || c.Names["de"] != "Möbel" {
		t.Errorf("Get: %+v %v", c, ok)
	}
	for id, want := range map[string]string{"goods.furniture": "goods", "goods": "goods", "nope": "", "": ""} {
		if got := tx.TopOf(id); got != want {
			t.Errorf("TopOf(%q) = %q, want %q", id, got, want)
		}
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"goods.furniture", "goods.clothing", true}, {"goods", "goods.bicycles", true}, {"goods", "goods", true},
		{"goods.furniture", "housing.furnishing", false}, {"nope", "nope", false}, {"goods", "nope", false},
	} {
		if got := tx.Related(c.a, c.b); got != c.want {
			t.Errorf("Related(%q, %q) = %v", c.a, c.b, got)
		}
	}
	for _, c := range []struct{ id, lang, want string }{
		{"housing", "ar", "السكن"}, {"housing", "fa", "مسکن"}, {"housing", "de", "Wohnen"},
		{"housing", "ru", "Wohnen"}, {"housing", "", "Wohnen"}, {"gone.category", "en", "gone.category"},
	} {
		if got := tx.Name(c.id, c.lang); got != c.want {
			t.Errorf("Name(%q, %q) = %q, want %q", c.id, c.lang, got, c.want)
		}
	}
	if tx.Description("housing", "xx") != tx.Description("housing", "de") || tx.Description("nope", "de") != "" {
		t.Error("Description falls back wrongly")
	}

	all := tx.All()
	seen := map[string]bool{}
	for _, c := range all {
		if c.Parent != "" && !seen[c.Parent] {
			t.Errorf("%s comes before its parent", c.ID)
		}
		seen[c.ID] = true
	}
	if tx.Top()[0].ID != "housing" || tx.Children("housing")[0].ID != "housing.flat_search" {
		t.Error("not in file order")
	}
	if tx.Children("goods.furniture") != nil || tx.Children("nope") != nil {
		t.Error("children of a subcategory or an unknown id")
	}
	tx.Top()[0] = nil // callers get copies
	if tx.Top()[0] == nil {
		t.Error("Top hands out its own slice")
	}

	opts := tx.Options("ar")
	if len(opts) != len(all) || opts[0] != (Option{Value: "housing", Label: "السكن", Depth: 0}) ||
		opts[1].Value != "housing.flat_search" || opts[1].Depth != 1 || opts[1].Label != "البحث عن شقة" {
		t.Errorf("Options: %v", opts[:2])
	}
	for i, o := range opts {
		if o.Value != all[i].ID || (o.Depth == 1) != (all[i].Parent != "") {
			t.Errorf("option %d: %+v", i, o)
		}
	}
}

// term is a valid category of a test file.
func term(id string, children ...map[string]any) map[string]any {
	texts := map[string]any{}
	syns := map[string]any{}
	for _, l := range i18n.Languages {
		texts[l.Tag] = id + " " + l.Tag
		syns[l.Tag] = []string{id + " " + l.Tag + " one", id + " " + l.Tag + " two"}
	}
	t := map[string]any{"id": id, "names": texts, "descriptions": texts, "synonyms": syns}
	if children != nil {
		t["children"] = children
	}
	return t
}

func file(t *testing.T, cats ...map[string]any) []byte {
	t.Helper()
	b, err := json.Marshal(map[string]any{"categories": cats})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseRejects(t *testing.T) {
	valid := file(t, term("a", term("a.x"), term("a.y")), term("b", term("b.x")))
	tx, err := Parse(valid)
	if err != nil {
		t.Fatalf("a valid file: %v", err)
	}
	if len(tx.All()) != 5 || tx.TopOf("b.x") != "b" {
		t.Fatalf("parsed: %v", tx.All())
	}

	with := func(id string, change func(c map[string]any)) map[string]any {
		c := term(id)
		change(c)
		return c
	}
	for _, c := range []struct {
		name string
		file []byte
		want []string
	}{
		{"not JSON", []byte(`{"categories": [`), []string{"not a valid category file"}},
		{"unknown field", []byte(`{"categories": [{"id": "a", "synonym": {}}]}`), []string{"unknown field", "synonym"}},
		{"trailing data", append(append([]byte{}, valid...), []byte(`{}`)...), []string{"data after the object"}},
		{"no categories", []byte(`{"categories": []}`), []string{"no categories"}},
		{"duplicate id", file(t, term("a"), term("a")), []string{"a: the id is used twice"}},
		{"bad id", file(t, term("Housing"), term("a b"), term("a__b"), term("")), []string{"Housing: an id", "a b: an id", "a__b: an id", "(no id): an id"}},
		{"child without parent prefix", file(t, term("a", term("b.x"))), []string{"b.x: a subcategory of a needs an id like a.some_name"}},
		{"third level", file(t, term("a", term("a.x", term("a.x.y")))), []string{"a.x: has children: the taxonomy has two levels"}},
		{"missing name", file(t, with("a", func(c map[string]any) {
			names := map[string]any{"de": "A"}
			c["names"] = names
		})), []string{"a: no name in en", "a: no name in fa", "a: no name in tr"}},
		{"blank description", file(t, with("a", func(c map[string]any) {
			d := c["descriptions"].(map[string]any)
			c["descriptions"] = map[string]any{"de": " ", "en": d["en"], "ar": d["ar"], "fa": d["fa"], "uk": d["uk"], "tr": d["tr"]}
		})), []string{"a: the description in de is blank"}},
		{"unknown language", file(t, with("a", func(c map[string]any) {
			c["synonyms"].(map[string]any)["xx"] = []string{"x"}
		})), []string{`a: synonyms in "xx"`}},
		{"no synonyms in a language", file(t, with("a", func(c map[string]any) {
			delete(c["synonyms"].(map[string]any), "tr")
		})), []string{"a: no synonyms in tr"}},
		{"synonyms the same once folded", file(t, with("a", func(c map[string]any) {
			c["synonyms"].(map[string]any)["de"] = []string{"Müller", "mueller", "  ", " Zimmer"}
		})), []string{`a: synonyms "Müller" and "mueller" (de) are the same once folded`, `synonym "  " (de) has no letters`, `synonym " Zimmer" (de) has spaces around it`}},
		{"siblings with one name", file(t, term("a", term("a.x"), with("a.y", func(c map[string]any) {
			c["names"].(map[string]any)["fa"] = "A.X fa"
		}))), []string{"a.y: has the same name in fa as a.x"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			tx, err := Parse(c.file)
			if err == nil || tx != nil {
				t.Fatalf("accepted: %v", tx)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("the error does not say %q:\n%v", w, err)
				}
			}
		})
	}
}

// TestAPILanguages keeps the enum of the lang parameter in step with the
// interface languages.
func TestAPILanguages(t *testing.T) {
	f, _ := reflect.TypeFor[CategoriesInput]().FieldByName("Lang")
	var tags []string
	for _, l := range i18n.Languages {
		tags = append(tags, l.Tag)
	}
	if got := f.Tag.Get("enum"); got != strings.Join(tags, ",") {
		t.Errorf("lang enum %q, interface languages %v", got, tags)
	}
}

// TestUnits: a quantity counts what fits the category, a subcategory
// inherits its parent's unit unless it names its own, and a unit the
// platform has no words for is refused.
func TestUnits(t *testing.T) {
	tx := Default()
	for id, want := range map[string]Unit{
		"goods": Items, "goods.furniture": Items, "volunteering": People, "volunteering.events": People,
		"everyday.moving": People, "everyday.repairs": Hours, "german_lessons.tutoring": Hours, "unknown": Items,
	} {
		if got := tx.UnitOf(id); got != want {
			t.Errorf("unit of %s: %q, want %q", id, got, want)
		}
	}
	withUnit := func(id, unit string, children ...map[string]any) map[string]any {
		c := term(id, children...)
		c["unit"] = unit
		return c
	}
	parsed, err := Parse(file(t, withUnit("a", "people", term("a.x"), withUnit("a.y", "hours")), term("b")))
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]Unit{"a": People, "a.x": People, "a.y": Hours, "b": Items} {
		if got := parsed.UnitOf(id); got != want {
			t.Errorf("parsed unit of %s: %q, want %q", id, got, want)
		}
	}
	if _, err := Parse(file(t, withUnit("a", "litres"))); err == nil || !strings.Contains(err.Error(), `a: unit "litres"`) {
		t.Errorf("an unknown unit: %v", err)
	}
}
