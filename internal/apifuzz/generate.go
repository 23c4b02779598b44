package apifuzz

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// generator makes values from schemas, valid ones and broken ones.
type generator struct {
	d   *document
	rnd *rand.Rand
	ids *idPool
	now time.Time
}

// typeOf is a schema's type; of a list such as ["array", "null"] the first
// that is not null.
func typeOf(s map[string]any) string {
	switch t := s["type"].(type) {
	case string:
		return t
	case []any:
		for _, v := range t {
			if str, _ := v.(string); str != "null" {
				return str
			}
		}
	}
	if _, ok := s["properties"]; ok {
		return "object"
	}
	return ""
}

func num(s map[string]any, key string) (float64, bool) {
	f, ok := s[key].(float64)
	return f, ok
}

// valid returns a value the schema allows. name is the property or
// parameter the value is for: it chooses a plausible value where the
// schema says no more than "string".
func (g *generator) valid(s map[string]any, name string, depth int) any {
	s = g.d.resolve(s)
	if enum, ok := s["enum"].([]any); ok && len(enum) > 0 {
		return enum[g.rnd.IntN(len(enum))]
	}
	if c, ok := s["const"]; ok {
		return c
	}
	for _, key := range []string{"oneOf", "anyOf"} {
		if alts, ok := s[key].([]any); ok && len(alts) > 0 {
			alt, _ := alts[0].(map[string]any)
			return g.valid(alt, name, depth)
		}
	}
	switch typeOf(s) {
	case "string":
		return g.validString(s, name)
	case "integer", "number":
		lo, hasLo := num(s, "minimum")
		hi, hasHi := num(s, "maximum")
		switch {
		case hasLo && hasHi:
			return int64(lo) + g.rnd.Int64N(int64(hi-lo)+1)
		case hasLo:
			return int64(lo) + g.rnd.Int64N(5)
		case hasHi:
			return int64(hi)
		}
		return int64(1 + g.rnd.IntN(5))
	case "boolean":
		return g.rnd.IntN(2) == 0
	case "array":
		items, _ := s["items"].(map[string]any)
		n := 1
		if m, ok := num(s, "minItems"); ok && int(m) > n {
			n = int(m)
		}
		if depth > 4 {
			return []any{}
		}
		out := []any{}
		for range n {
			out = append(out, g.valid(items, singular(name), depth+1))
		}
		return out
	case "object":
		if depth > 4 {
			return map[string]any{}
		}
		return g.validObject(s, depth)
	}
	return "fuzz"
}

func (g *generator) validObject(s map[string]any, depth int) map[string]any {
	out := map[string]any{}
	props, _ := s["properties"].(map[string]any)
	required := stringsOf(s["required"])
	for _, name := range sortedKeys(props) {
		if !slices.Contains(required, name) && g.rnd.IntN(2) == 0 {
			continue
		}
		ps, _ := props[name].(map[string]any)
		if ps == nil || ps["readOnly"] == true {
			continue
		}
		out[name] = g.valid(ps, name, depth+1)
	}
	return out
}

// plausible are values for properties and parameters whose schema says no
// more than "string", by name.
var plausible = map[string][]string{
	"postcode":     {"34117", "34121", "10115"},
	"place":        {"Kassel", "Vellmar"},
	"near":         {"Kassel", "34117"},
	"content_lang": {"de", "ar", "fa"},
	"lang":         {"de", "en", "uk"},
	"language":     {"de", "tr"},
	"languages":    {"de", "ar"},
	"email":        {"fuzz@example.org"},
	"password":     {"correct horse battery"},
	"phone":        {"+49 561 123456"},
	"website":      {"https://example.org/"},
	"url":          {"https://example.org/"},
	"country":      {"DE"},
	"sort":         {"newest", "relevance"},
	"ags":          {"06611000"},
	"q":            {"Fahrrad", "Deutschkurs", "دوچرخه"},
}

func (g *generator) validString(s map[string]any, name string) string {
	v := g.stringFor(s, name)
	if lo, ok := num(s, "minLength"); ok {
		for len([]rune(v)) < int(lo) {
			v += " Text"
		}
	}
	if hi, ok := num(s, "maxLength"); ok && len([]rune(v)) > int(hi) {
		v = string([]rune(v)[:int(hi)])
	}
	return v
}

func (g *generator) stringFor(s map[string]any, name string) string {
	switch s["format"] {
	case "uuid":
		if id := g.ids.pick(g.rnd, collectionOf(name)); id != "" {
			return id
		}
		return g.uuid()
	case "date-time":
		return g.now.Add(time.Duration(24+g.rnd.IntN(24*20)) * time.Hour).UTC().Format(time.RFC3339)
	case "date":
		return g.now.AddDate(0, 0, 1+g.rnd.IntN(20)).Format("2006-01-02")
	case "email":
		return "fuzz@example.org"
	case "uri":
		return "https://example.org/fuzz"
	}
	if p, _ := s["pattern"].(string); p == "^[0-9]{8}$" {
		if ags := g.ids.pick(g.rnd, "municipalities"); ags != "" {
			return ags
		}
		return "06611000"
	}
	if ids := g.ids.of(collectionOf(name)); len(ids) > 0 && (name == "id" || strings.HasSuffix(name, "_id") || name == "category") {
		return ids[g.rnd.IntN(len(ids))]
	}
	if vs, ok := plausible[name]; ok {
		return vs[g.rnd.IntN(len(vs))]
	}
	if ex, ok := s["examples"].([]any); ok && len(ex) > 0 {
		if str, ok := ex[0].(string); ok {
			return str
		}
	}
	return fmt.Sprintf("Fuzz %s %d", name, g.rnd.IntN(1000))
}

func (g *generator) uuid() string {
	b := make([]byte, 16)
	for i := range b {
		b[i] = byte(g.rnd.IntN(256))
	}
	b[6] = b[6]&0x0f | 0x70
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// wrongType returns a value of another JSON type than the schema's.
func wrongType(s map[string]any) any {
	switch typeOf(s) {
	case "string":
		return 12345
	case "integer", "number":
		return "twelve"
	case "boolean":
		return "yes"
	case "array":
		return "not a list"
	case "object":
		return []any{1, 2}
	}
	return map[string]any{"x": 1}
}

// mutation is a request body made from a valid one by breaking one thing.
type mutation struct {
	Label string
	Body  []byte // nil: no body at all
}

// mutations breaks a valid body one way at a time: gone, not JSON, of
// another type, a required property missing, a property of another type,
// too long, empty, outside its enumeration, an unknown property, a NUL
// character, a very long text.
func (g *generator) mutations(s map[string]any, valid map[string]any) []mutation {
	s = g.d.resolve(s)
	out := []mutation{
		{"no body", nil},
		{"not JSON", []byte(`{"title": `)},
		{"null", []byte(`null`)},
		{"a list", []byte(`[]`)},
		{"an empty object", []byte(`{}`)},
	}
	with := func(label string, change func(m map[string]any)) {
		m := map[string]any{}
		for k, v := range valid {
			m[k] = v
		}
		change(m)
		b, _ := json.Marshal(m)
		out = append(out, mutation{label, b})
	}
	props, _ := s["properties"].(map[string]any)
	required := stringsOf(s["required"])
	for _, name := range required {
		with("without "+name, func(m map[string]any) { delete(m, name) })
	}
	with("an unknown property", func(m map[string]any) { m["fuzz_unknown"] = "x" })
	for _, name := range sortedKeys(props) {
		ps := g.d.resolve(asMap(props[name]))
		if ps["readOnly"] == true {
			continue
		}
		with(name+" of another type", func(m map[string]any) { m[name] = wrongType(ps) })
		if typeOf(ps) != "string" {
			continue
		}
		if hi, ok := num(ps, "maxLength"); ok {
			with(name+" too long", func(m map[string]any) { m[name] = strings.Repeat("x", int(hi)+1) })
		} else {
			with(name+" very long", func(m map[string]any) { m[name] = strings.Repeat("lang ", 20000) })
		}
		if slices.Contains(required, name) {
			with(name+" empty", func(m map[string]any) { m[name] = "" })
			with(name+" blank", func(m map[string]any) { m[name] = "   " })
		}
		if _, ok := ps["enum"]; ok {
			with(name+" outside its enumeration", func(m map[string]any) { m[name] = "fuzz-unknown" })
		}
		if ps["format"] != nil || ps["pattern"] != nil {
			with(name+" malformed", func(m map[string]any) { m[name] = "not-" + name })
		}
		with(name+" with a NUL character", func(m map[string]any) { m[name] = "a\x00b" })
	}
	return out
}

// badPathValues are path parameter values no object has.
func (g *generator) badPathValues() []string {
	// No dot segments ("." and ".."): clients and servers resolve them
	// before routing (RFC 3986), so they never reach a parameter.
	return []string{g.uuid(), "not-an-id", "0", strings.Repeat("a", 300), "ü∂ß", "...", "%00", "' OR '1'='1"}
}

// badQueryValues are query parameter values its schema may refuse.
func badQueryValues(s map[string]any) []string {
	out := []string{"", "fuzz-unknown", "-1", "99999999999999999999", "%00", strings.Repeat("q", 3000)}
	switch typeOf(s) {
	case "integer", "number":
		out = append(out, "twelve", "1.5")
	case "boolean":
		out = append(out, "maybe")
	}
	return out
}

// singular names one item of a list property.
func singular(name string) string {
	return strings.TrimSuffix(name, "s")
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

func stringsOf(v any) []string {
	var out []string
	list, _ := v.([]any)
	for _, x := range list {
		if s, ok := x.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
