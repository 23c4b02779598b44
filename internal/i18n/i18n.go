// Package i18n is the message catalogue: every string a person reads comes
// from here, in German (the default), English, Arabic, Farsi, Ukrainian and
// Turkish. Each module ships its own messages (locales/<lang>.json) and adds
// them at start; Check refuses to start when a language lacks a message.
package i18n

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Language is one interface language.
type Language struct {
	Tag  string // BCP 47, e.g. "ar"
	Name string // its own name, shown in the picker
	Dir  string // "ltr" or "rtl"
}

// Languages lists the interface languages, the default first.
var Languages = []Language{
	{"de", "Deutsch", "ltr"},
	{"en", "English", "ltr"},
	{"ar", "العربية", "rtl"},
	{"fa", "فارسی", "rtl"},
	{"uk", "Українська", "ltr"},
	{"tr", "Türkçe", "ltr"},
}

// Default is the language used when nothing else matches.
const Default = "de"

// Supported reports whether tag is an interface language.
func Supported(tag string) bool { return LanguageOf(tag).Tag == tag }

// LanguageOf returns the language for tag, or the default.
func LanguageOf(tag string) Language {
	for _, l := range Languages {
		if l.Tag == tag {
			return l
		}
	}
	return Languages[0]
}

// Catalog holds every message in every language.
type Catalog struct {
	bundle  *goi18n.Bundle
	matcher language.Matcher
	ids     map[string]map[string]bool          // lang → message ids
	forms   map[string]map[string][]plural.Form // lang → id → plural forms given, for plural messages
	origin  map[string]string                   // id → file that defined it (de)

	mu      sync.Mutex
	missing map[string]bool // "lang:id" asked for but absent
}

// NewCatalog returns an empty catalogue.
func NewCatalog() *Catalog {
	b := goi18n.NewBundle(language.German)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	tags := make([]language.Tag, len(Languages))
	for i, l := range Languages {
		tags[i] = language.MustParse(l.Tag)
	}
	return &Catalog{
		bundle:  b,
		matcher: language.NewMatcher(tags),
		ids:     map[string]map[string]bool{},
		forms:   map[string]map[string][]plural.Form{},
		origin:  map[string]string{},
		missing: map[string]bool{},
	}
}

// Load adds the messages in fsys: "<lang>.json" files at its root, or
// "<area>.<lang>.json" when a module splits its messages by area. A message
// id defined twice is an error, so modules cannot silently override each
// other.
func (c *Catalog) Load(name string, fsys fs.FS) error {
	files, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return err
	}
	for _, f := range files {
		base := strings.TrimSuffix(path.Base(f), ".json")
		lang := base[strings.LastIndex(base, ".")+1:]
		if !Supported(lang) {
			return fmt.Errorf("%s/%s: %q is not an interface language", name, f, lang)
		}
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return err
		}
		mf, err := c.bundle.ParseMessageFileBytes(b, f)
		if err != nil {
			return fmt.Errorf("%s/%s: %w", name, f, err)
		}
		if c.ids[lang] == nil {
			c.ids[lang] = map[string]bool{}
		}
		if c.forms[lang] == nil {
			c.forms[lang] = map[string][]plural.Form{}
		}
		for _, m := range mf.Messages {
			if c.ids[lang][m.ID] {
				return fmt.Errorf("%s/%s: message %q is defined twice", name, f, m.ID)
			}
			c.ids[lang][m.ID] = true
			if given := formsOf(m); len(given) > 1 || (len(given) == 1 && given[0] != plural.Other) {
				c.forms[lang][m.ID] = given
			}
			if lang == Default {
				c.origin[m.ID] = name
			}
		}
	}
	return nil
}

// Check returns an error naming every message that a language lacks or that
// exists only outside the default language.
func (c *Catalog) Check() error {
	var problems []string
	for _, l := range Languages {
		for id := range c.ids[Default] {
			if !c.ids[l.Tag][id] {
				problems = append(problems, fmt.Sprintf("%s lacks %s (%s)", l.Tag, id, c.origin[id]))
			}
		}
		for id := range c.ids[l.Tag] {
			if !c.ids[Default][id] {
				problems = append(problems, fmt.Sprintf("%s has %s, which German lacks", l.Tag, id))
			}
		}
	}
	problems = append(problems, c.checkPlurals()...)
	if len(problems) == 0 {
		return nil
	}
	sort.Strings(problems)
	return fmt.Errorf("message catalogue incomplete:\n  %s", strings.Join(problems, "\n  "))
}

// Has reports whether the default language defines id.
func (c *Catalog) Has(id string) bool { return c.ids[Default][id] }

// IDs returns every message id of the default language, sorted.
func (c *Catalog) IDs() []string {
	out := make([]string, 0, len(c.ids[Default]))
	for id := range c.ids[Default] {
		out = append(out, id)
	}
	slices.Sort(out)
	return out
}

// Missing returns "lang:id" for every message asked for but absent since the
// catalogue was made; the test that renders every page fails on any.
func (c *Catalog) Missing() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]string, 0, len(c.missing))
	for k := range c.missing {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func (c *Catalog) noteMissing(lang, id string) {
	c.mu.Lock()
	c.missing[lang+":"+id] = true
	c.mu.Unlock()
}

// Match picks the best interface language for an Accept-Language header.
func (c *Catalog) Match(acceptLanguage string) string {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return Default
	}
	_, idx, conf := c.matcher.Match(tags...)
	if conf == language.No {
		return Default
	}
	return Languages[idx].Tag
}

// Localizer returns the translator for one language.
func (c *Catalog) Localizer(lang string) *Localizer {
	l := LanguageOf(lang)
	return &Localizer{lang: l, cat: c, loc: goi18n.NewLocalizer(c.bundle, l.Tag)}
}

// Localizer translates into one language.
type Localizer struct {
	lang Language
	cat  *Catalog
	loc  *goi18n.Localizer
}

// Lang is the language tag, e.g. "fa".
func (l *Localizer) Lang() string { return l.lang.Tag }

// Dir is "rtl" for Arabic and Farsi, "ltr" otherwise.
func (l *Localizer) Dir() string { return l.lang.Dir }

// T translates id. args are name/value pairs for the message's template
// ({{.Name}}); a "Count" pair also selects the plural form.
func (l *Localizer) T(id string, args ...any) string {
	cfg := &goi18n.LocalizeConfig{MessageID: id}
	if len(args) > 0 {
		data := make(map[string]any, len(args)/2)
		for i := 0; i+1 < len(args); i += 2 {
			k, _ := args[i].(string)
			data[k] = args[i+1]
		}
		cfg.TemplateData = data
		if n, ok := data["Count"]; ok {
			cfg.PluralCount = n
			if c, ok := n.(Count); ok {
				cfg.PluralCount = c.N
			}
		}
	}
	s, tag, err := l.loc.LocalizeWithTag(cfg)
	if err != nil || tag.String() != l.lang.Tag {
		l.cat.noteMissing(l.lang.Tag, id)
		if s == "" {
			return id
		}
	}
	return s
}

// Count is a "Count" argument shown other than as plain digits (grouped
// as the reader groups thousands): N picks the plural form, Shown is what
// {{.Count}} prints.
type Count struct {
	N     int64
	Shown string
}

func (c Count) String() string { return c.Shown }

// formsOf lists the plural forms a message defines.
func formsOf(m *goi18n.Message) []plural.Form {
	var out []plural.Form
	for f, text := range map[plural.Form]string{
		plural.Zero: m.Zero, plural.One: m.One, plural.Two: m.Two, plural.Few: m.Few, plural.Many: m.Many, plural.Other: m.Other,
	} {
		if text != "" {
			out = append(out, f)
		}
	}
	return out
}

// requiredForms are the plural forms a language uses for whole numbers,
// from CLDR: Arabic needs six, Ukrainian four, German two, Farsi and
// Turkish two.
func requiredForms(lang string) []plural.Form {
	tag := language.MustParse(lang)
	seen := map[plural.Form]bool{}
	for n := 0; n <= 1000; n++ {
		seen[plural.Cardinal.MatchPlural(tag, n, 0, 0, 0, 0)] = true
	}
	var out []plural.Form
	for f := range seen {
		out = append(out, f)
	}
	return out
}

// checkPlurals reports plural messages lacking a form their language needs.
func (c *Catalog) checkPlurals() []string {
	var problems []string
	for id := range c.forms[Default] {
		for _, l := range Languages {
			given := c.forms[l.Tag][id]
			for _, need := range requiredForms(l.Tag) {
				if !slices.Contains(given, need) {
					problems = append(problems, fmt.Sprintf("%s lacks the plural form %q of %s", l.Tag, formName[need], id))
				}
			}
		}
	}
	return problems
}

var formName = map[plural.Form]string{
	plural.Zero: "zero", plural.One: "one", plural.Two: "two", plural.Few: "few", plural.Many: "many", plural.Other: "other",
}
