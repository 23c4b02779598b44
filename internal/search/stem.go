package search

import (
	"strings"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/russian"
	"github.com/blevesearch/snowballstem/turkish"
)

// stemmer reduces one lower-case word to its stem.
type stemmer func(env *snowball.Env, w string) string

func snowballStem(stem func(*snowball.Env) bool) stemmer {
	return func(env *snowball.Env, w string) string {
		env.SetCurrent(w)
		stem(env)
		return env.Current()
	}
}

// stemmers by content language. German, English, Turkish and Russian
// have Snowball stemmers; Arabic, Farsi and Ukrainian light stemmers of
// teilhabe's own (stem_light.go). Other languages are only folded.
var stemmers = map[string]stemmer{
	"de": stemGerman,
	"en": snowballStem(english.Stem),
	"tr": snowballStem(turkish.Stem),
	"ar": stemArabic,
	"ru": snowballStem(russian.Stem),
	"uk": stemUkrainian,
	"fa": stemFarsi,
}

// stemLanguages lists the languages with a stemmer, in a fixed order.
var stemLanguages = []string{"de", "en", "tr", "ar", "fa", "uk", "ru"}

const zwnj = "\u200c"

// stemGerman is Snowball's German stemmer, which also takes the plural s
// off the loanwords German writes so (Laptops, Handys, Autos): after p, y
// and o, where no German word ends in a stem's s.
func stemGerman(env *snowball.Env, w string) string {
	env.SetCurrent(w)
	german.Stem(env)
	st := env.Current()
	if n := len(st); n >= 5 && st[n-1] == 's' && strings.ContainsRune("pyo", rune(st[n-2])) {
		return st[:n-1]
	}
	return st
}
