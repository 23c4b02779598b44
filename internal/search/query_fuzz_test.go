package search

import (
	"reflect"
	"testing"
	"unicode/utf8"
)

// FuzzParseQuery feeds arbitrary query text, broken UTF-8 included, to the
// query parser: it must never panic, must stay within its token limits, and
// must give the same answer twice (queries are cached by their text).
func FuzzParseQuery(f *testing.F) {
	for _, seed := range []string{
		"", "Deutschkurs", `"Fahrrad reparieren" -verkaufen`, "Wohn*", "-", `"`, `""`, "*", "a*",
		"سكن في كاسل", "کلاس زبان", "житло Київ", "Müller Mueller", "\xff\xfe", "-\"x y\"", "word\u200cword",
	} {
		f.Add(seed)
	}
	a := newAnalyzer()
	f.Fuzz(func(t *testing.T, q string) {
		p := parseQuery(a, q)
		if again := parseQuery(a, q); !reflect.DeepEqual(p, again) {
			t.Fatalf("parseQuery(%q) differs between two calls", q)
		}
		for _, tok := range p.tokens {
			if !utf8.ValidString(tok.lower) {
				t.Fatalf("token %q of %q is not valid UTF-8", tok.lower, q)
			}
		}
		if len(p.tokens) > maxTokens || len(p.exclude) > maxTokens {
			t.Fatalf("parseQuery(%q) gave %d tokens, %d exclusions", q, len(p.tokens), len(p.exclude))
		}
	})
}
