package search

import (
	"strings"
	"unicode/utf8"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
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

// stemmers by content language. German, English, Turkish and Arabic have
// Snowball stemmers; Ukrainian uses the Russian one on a transliteration
// (see stemUkrainian); Farsi drops the suffixes written after a
// zero-width non-joiner. Other languages are only folded.
var stemmers = map[string]stemmer{
	"de": snowballStem(german.Stem),
	"en": snowballStem(english.Stem),
	"tr": snowballStem(turkish.Stem),
	"ar": snowballStem(arabic.Stem),
	"ru": snowballStem(russian.Stem),
	"uk": stemUkrainian,
	"fa": stemFarsi,
}

// stemLanguages lists the languages with a stemmer, in a fixed order.
var stemLanguages = []string{"de", "en", "tr", "ar", "fa", "uk", "ru"}

// ukToRu maps the letters Ukrainian has and Russian lacks to the nearest
// Russian ones, so that the Russian stemmer sees the vowels of Ukrainian
// endings (діти, навчанні): without it, і is no vowel to it and the word
// keeps its ending. The stem is an index term, never shown, so the
// transliteration does no harm; it only has to be the same on both sides.
var ukToRu = strings.NewReplacer("і", "и", "ї", "и", "є", "е", "ґ", "г", "'", "", "’", "", "ʼ", "")

func stemUkrainian(env *snowball.Env, w string) string {
	env.SetCurrent(ukToRu.Replace(w))
	russian.Stem(env)
	return env.Current()
}

// farsiSuffixes are written after a zero-width non-joiner (ZWNJ): the
// plural ها, with ی, ای, the comparative تر, ترین, and possessive endings.
var farsiSuffixes = map[string]bool{
	"ها": true, "های": true, "هایی": true, "هایم": true, "هایت": true, "هایش": true, "هایمان": true,
	"هایتان": true, "هایشان": true, "ی": true, "ای": true, "ایی": true, "تر": true, "ترین": true,
}

const zwnj = "\u200c"

// stemFarsi drops one suffix written after a ZWNJ (کتاب‌ها → کتاب,
// خانه‌ای → خانه). Without the ZWNJ the boundary is not known (تنها is
// "alone", not تن + ها), so the word stays as it is.
func stemFarsi(_ *snowball.Env, w string) string {
	if i := strings.LastIndex(w, zwnj); i > 0 {
		if farsiSuffixes[w[i+len(zwnj):]] && utf8.RuneCountInString(w[:i]) >= 2 {
			return w[:i]
		}
	}
	return w
}
