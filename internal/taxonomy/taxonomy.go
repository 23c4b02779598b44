// Package taxonomy is the one category taxonomy of teilhabe: what the
// board's offers and requests, the search engine, pledges and the directory
// of services are about. The categories live in one data file,
// categories.json, embedded in the binary and checked when the program
// starts: an invalid file stops the start.
//
// The file holds top-level categories, each with its subcategories under
// "children" (two levels, no more). Every category has an id (lower-case
// words joined by "_"; a subcategory's id is its parent's id, a dot and its
// own, as in "goods.furniture"), and per interface language a name, a
// one-sentence description and the words people type for it ("synonyms").
// Synonyms may also be given in Russian, Kurdish and Pashto, which people
// type too. Editing the file is the way to change the taxonomy; ids are
// stored by other modules, so an id, once shipped, stays.
package taxonomy

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"

	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/text"
)

//go:embed categories.json
var shipped []byte

// Category is one term of the taxonomy. Treat it as read-only: it is
// shared by everyone who asks.
type Category struct {
	ID, Parent   string              // Parent "" for top-level
	Names        map[string]string   // lang → name
	Descriptions map[string]string   // lang → one sentence
	Synonyms     map[string][]string // lang → words
	Unit         Unit                // what a quantity in this category counts
}

// Unit is what a quantity counts in a category: things, people or hours
// ("10 volunteers wanted" is no "10 pieces"). A subcategory without its
// own unit has its parent's; a top-level one without has Items.
type Unit string

const (
	Items  Unit = "items"
	People Unit = "people"
	Hours  Unit = "hours"
)

// Units lists every unit, for checks and message ids.
var Units = []Unit{Items, People, Hours}

// Taxonomy is a parsed and validated category file.
type Taxonomy struct {
	all      []*Category // parents before children, in file order
	top      []*Category
	byID     map[string]*Category
	children map[string][]*Category
	phrases  map[string][]phrase // first folded word → names and synonyms starting with it
}

// phrase is a name or synonym as folded words, and the category it names.
type phrase struct {
	words []string
	id    string
}

// Option is one entry of a select field.
type Option struct {
	Value, Label string
	Depth        int // 0 for a top-level category, 1 for a subcategory
}

// extraLanguages may carry names, descriptions and synonyms beside the
// interface languages: languages many newcomers type in.
var extraLanguages = []string{"ru", "ku", "ps"}

var defaultTaxonomy = sync.OnceValue(func() *Taxonomy {
	t, err := Parse(shipped)
	if err != nil {
		panic("taxonomy: categories.json: " + err.Error())
	}
	return t
})

// Default returns the shipped taxonomy, parsed once. It panics when the
// shipped file is invalid, which a test rules out.
func Default() *Taxonomy { return defaultTaxonomy() }

type fileTerm struct {
	ID           string              `json:"id"`
	Names        map[string]string   `json:"names"`
	Descriptions map[string]string   `json:"descriptions"`
	Synonyms     map[string][]string `json:"synonyms"`
	Unit         Unit                `json:"unit"`
	Children     []fileTerm          `json:"children"`
}

var idPart = regexp.MustCompile(`^[a-z][a-z0-9]*(_[a-z0-9]+)*$`)

// Parse reads and validates a category file: a JSON object with a
// "categories" list. It reports every problem it finds, each naming the
// category: malformed or duplicate ids, a subcategory whose id does not
// start with its parent's, a third level, a missing or blank name or
// description in an interface language, an interface language without
// synonyms, an unknown language, a synonym that folds to nothing or to
// the same as another in its list, two siblings with the same name.
func Parse(b []byte) (*Taxonomy, error) {
	var f struct {
		Categories []fileTerm `json:"categories"`
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("not a valid category file: %w", err)
	}
	if dec.More() {
		return nil, errors.New("not a valid category file: data after the object")
	}
	p := &parser{t: &Taxonomy{
		byID: map[string]*Category{}, children: map[string][]*Category{}, phrases: map[string][]phrase{},
	}}
	if len(f.Categories) == 0 {
		p.fail("", "no categories")
	}
	p.siblings("", f.Categories)
	for _, ft := range f.Categories {
		c := p.add(ft, "")
		if c == nil {
			continue
		}
		p.siblings(c.ID, ft.Children)
		for _, fc := range ft.Children {
			if len(fc.Children) > 0 {
				p.fail(fc.ID, "has children: the taxonomy has two levels")
			}
			if ch := p.add(fc, c.ID); ch != nil {
				p.t.children[c.ID] = append(p.t.children[c.ID], ch)
			}
		}
	}
	if err := errors.Join(p.errs...); err != nil {
		return nil, err
	}
	return p.t, nil
}

type parser struct {
	t    *Taxonomy
	errs []error
}

func (p *parser) fail(id, format string, args ...any) {
	if id == "" {
		id = "(no id)"
	}
	p.errs = append(p.errs, fmt.Errorf("%s: "+format, append([]any{id}, args...)...))
}

// add checks one term and records it.
func (p *parser) add(ft fileTerm, parent string) *Category {
	id := ft.ID
	switch {
	case parent == "" && !idPart.MatchString(id):
		p.fail(id, "an id is lower-case letters, digits and single underscores, starting with a letter")
		return nil
	case parent != "" && (!strings.HasPrefix(id, parent+".") || !idPart.MatchString(strings.TrimPrefix(id, parent+"."))):
		p.fail(id, "a subcategory of %s needs an id like %s.some_name", parent, parent)
		return nil
	case p.t.byID[id] != nil:
		p.fail(id, "the id is used twice")
		return nil
	}
	c := &Category{ID: id, Parent: parent, Names: ft.Names, Descriptions: ft.Descriptions, Synonyms: ft.Synonyms,
		Unit: p.unit(id, ft.Unit, parent)}
	p.texts(id, "name", c.Names)
	p.texts(id, "description", c.Descriptions)
	for _, lang := range slices.Sorted(maps.Keys(c.Synonyms)) {
		if !known(lang) {
			p.fail(id, "synonyms in %q, which is neither an interface language nor one of %v", lang, extraLanguages)
		}
		seen := map[string]string{}
		for _, s := range c.Synonyms[lang] {
			ws := words(s)
			key := strings.Join(ws, " ")
			switch {
			case len(ws) == 0:
				p.fail(id, "synonym %q (%s) has no letters", s, lang)
			case s != strings.TrimSpace(s):
				p.fail(id, "synonym %q (%s) has spaces around it", s, lang)
			case seen[key] != "":
				p.fail(id, "synonyms %q and %q (%s) are the same once folded", seen[key], s, lang)
			default:
				seen[key] = s
			}
		}
	}
	for _, l := range i18n.Languages {
		if len(c.Synonyms[l.Tag]) == 0 {
			p.fail(id, "no synonyms in %s", l.Tag)
		}
	}
	p.t.byID[id] = c
	p.t.all = append(p.t.all, c)
	if parent == "" {
		p.t.top = append(p.t.top, c)
	}
	p.index(c)
	return c
}

// unit checks a term's unit and fills in the inherited one.
func (p *parser) unit(id string, u Unit, parent string) Unit {
	switch {
	case u != "" && !slices.Contains(Units, u):
		p.fail(id, "unit %q is none of %v", u, Units)
		return Items
	case u != "":
		return u
	case parent != "" && p.t.byID[parent] != nil:
		return p.t.byID[parent].Unit
	}
	return Items
}

// texts checks names or descriptions: every interface language, no blank
// text, no unknown language.
func (p *parser) texts(id, what string, m map[string]string) {
	for _, l := range i18n.Languages {
		if _, ok := m[l.Tag]; !ok {
			p.fail(id, "no %s in %s", what, l.Tag)
		}
	}
	for _, lang := range slices.Sorted(maps.Keys(m)) {
		switch s := m[lang]; {
		case !known(lang):
			p.fail(id, "%s in %q, which is neither an interface language nor one of %v", what, lang, extraLanguages)
		case strings.TrimSpace(s) == "":
			p.fail(id, "the %s in %s is blank", what, lang)
		case s != strings.TrimSpace(s):
			p.fail(id, "the %s in %s has spaces around it", what, lang)
		}
	}
}

// siblings checks that no two categories under one parent share a name in
// a language: a select field would show them alike.
func (p *parser) siblings(parent string, terms []fileTerm) {
	for _, l := range i18n.Languages {
		seen := map[string]string{}
		for _, ft := range terms {
			key := text.Fold(ft.Names[l.Tag])
			if key == "" {
				continue
			}
			if other, ok := seen[key]; ok {
				p.fail(ft.ID, "has the same name in %s as %s", l.Tag, other)
			}
			seen[key] = ft.ID
		}
	}
}

func (p *parser) index(c *Category) {
	have := map[string]bool{}
	add := func(s string) {
		ws := words(s)
		key := strings.Join(ws, " ")
		if len(ws) == 0 || have[key] {
			return
		}
		have[key] = true
		p.t.phrases[ws[0]] = append(p.t.phrases[ws[0]], phrase{words: ws, id: c.ID})
	}
	for _, lang := range slices.Sorted(maps.Keys(c.Names)) {
		add(c.Names[lang])
	}
	for _, lang := range slices.Sorted(maps.Keys(c.Synonyms)) {
		for _, s := range c.Synonyms[lang] {
			add(s)
		}
	}
}

func known(lang string) bool {
	return i18n.Supported(lang) || slices.Contains(extraLanguages, lang)
}

// Top returns the top-level categories in file order.
func (t *Taxonomy) Top() []*Category { return slices.Clone(t.top) }

// Children returns the subcategories of id in file order; none for a
// subcategory or an unknown id.
func (t *Taxonomy) Children(id string) []*Category { return slices.Clone(t.children[id]) }

// AndBelow returns id with the ids of its subcategories: what a filter by
// a category finds (a top-level category includes its children).
func (t *Taxonomy) AndBelow(id string) []string {
	out := []string{id}
	for _, c := range t.children[id] {
		out = append(out, c.ID)
	}
	return out
}

// UnitOf returns what a quantity in category id counts; Items for an
// unknown id.
func (t *Taxonomy) UnitOf(id string) Unit {
	if c := t.byID[id]; c != nil {
		return c.Unit
	}
	return Items
}

// All returns every category, each top-level one followed by its
// subcategories.
func (t *Taxonomy) All() []*Category { return slices.Clone(t.all) }

// Get returns the category with the id.
func (t *Taxonomy) Get(id string) (*Category, bool) {
	c, ok := t.byID[id]
	return c, ok
}

// Valid reports whether id names a category.
func (t *Taxonomy) Valid(id string) bool { return t.byID[id] != nil }

// Name returns the category's name in lang, else in German, else the id
// itself (for an id no longer in the file).
func (t *Taxonomy) Name(id, lang string) string {
	return t.text(id, lang, func(c *Category) map[string]string { return c.Names })
}

// Description returns the category's description in lang, else in
// German; "" for an unknown id.
func (t *Taxonomy) Description(id, lang string) string {
	if !t.Valid(id) {
		return ""
	}
	return t.text(id, lang, func(c *Category) map[string]string { return c.Descriptions })
}

func (t *Taxonomy) text(id, lang string, of func(*Category) map[string]string) string {
	c, ok := t.byID[id]
	if !ok {
		return id
	}
	m := of(c)
	if s := m[lang]; s != "" {
		return s
	}
	return m[i18n.Default]
}

// TopOf returns the top-level category of id: its parent, or id itself
// for a top-level category; "" for an unknown id.
func (t *Taxonomy) TopOf(id string) string {
	c, ok := t.byID[id]
	switch {
	case !ok:
		return ""
	case c.Parent == "":
		return c.ID
	default:
		return c.Parent
	}
}

// Related reports whether a and b belong to the same top-level category
// (a category is related to itself, to its parent and to its siblings).
func (t *Taxonomy) Related(a, b string) bool {
	ta := t.TopOf(a)
	return ta != "" && ta == t.TopOf(b)
}

// Match returns the ids of the categories that a name or synonym, in any
// language, names within term: the folded words of the name occur in the
// folded words of the term, one after the other ("Suche eine Wohnung in
// Kassel" finds housing through "Wohnung"; "Wohnungen" only if a synonym
// says so). Case, accents, umlauts and their ae/oe/ue spelling, ß, the
// forms of Arabic and Farsi letters, harakat, tatweel, ZWNJ and the Arabic
// article don't matter (see text.Fold). The ids are sorted; none for no match.
func (t *Taxonomy) Match(term string) []string {
	ws := words(term)
	found := map[string]bool{}
	for i, w := range ws {
		for _, p := range t.phrases[w] {
			if len(p.words) <= len(ws)-i && slices.Equal(p.words, ws[i:i+len(p.words)]) {
				found[p.id] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(found))
}

// Options lists the categories for a select field in lang: each
// top-level category (Depth 0) followed by its subcategories (Depth 1).
func (t *Taxonomy) Options(lang string) []Option {
	out := make([]Option, 0, len(t.all))
	for _, c := range t.all {
		o := Option{Value: c.ID, Label: t.Name(c.ID, lang)}
		if c.Parent != "" {
			o.Depth = 1
		}
		out = append(out, o)
	}
	return out
}
