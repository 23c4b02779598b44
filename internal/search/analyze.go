package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	snowball "github.com/blevesearch/snowballstem"
	"golang.org/x/text/unicode/norm"

	"teilhabe.org/teilhabe/internal/text"
)

// Text analysis, done in Go once for both databases: the same text gives
// the same terms on SQLite and PostgreSQL.
//
// A text is cut into words (letters, digits and combining marks; a
// zero-width non-joiner inside a Farsi word belongs to it), each word is
// lower-cased (the Turkish way for Turkish text), stemmed by the
// document's language and folded by the platform's rules (text.FoldWord:
// accents and vowel marks removed, ä/ae → a, ß → ss, Turkish ı → i, the
// Arabic and Farsi letter forms made one, tatweel and ZWNJ dropped).
// Stopwords of the language give no term.

const (
	maxWordRunes = 40 // longer "words" are noise (URLs, hashes) and give no term
)

// analyzer holds a Snowball environment and a cache of analysed words. It
// is not safe for concurrent use; take one from analyzers.
type analyzer struct {
	env   *snowball.Env
	cache map[stemKey]analyzedWord
}

type stemKey struct{ lang, word string }

// analyzedWord is what a lower-case word of a language gives.
type analyzedWord struct {
	term   string   // stemmed and folded
	folded string   // folded only
	stop   bool     // a stopword of the language
	hash   uint32   // hashTerm of what stands for it in a word sequence
	parts  []string // terms of the parts of a German compound
}

const stemCacheMax = 1 << 16

func newAnalyzer() *analyzer {
	return &analyzer{env: snowball.NewEnv(""), cache: make(map[stemKey]analyzedWord, 1024)}
}

// scriptLanguages are the scripts of the languages with a stemmer.
var scriptLanguages = map[string]script{
	"de": latinScript, "en": latinScript, "tr": latinScript,
	"ar": arabicScript, "fa": arabicScript, "uk": cyrillicScript, "ru": cyrillicScript,
}

// word analyses a lower-case word in lang, from the cache when it can. A
// word in another script than lang's (a German word in an Arabic text) is
// stemmed as the first language of its script, as a query word is.
func (a *analyzer) word(lang, w string) analyzedWord {
	if sc, ok := scriptLanguages[lang]; ok {
		if ws := scriptOf(w); ws != sc && ws != otherScript {
			lang = queryLanguages[ws][0]
		}
	}
	k := stemKey{lang, w}
	if r, ok := a.cache[k]; ok {
		return r
	}
	r := analyzedWord{folded: text.FoldWord(w)}
	if st := stemmers[lang]; st != nil {
		r.term = text.FoldWord(st(a.env, w))
	}
	if r.term == "" {
		r.term = r.folded
	}
	if s := stopwords[lang]; s != nil {
		r.stop = s[r.folded]
	}
	if r.stop || !usable(w) {
		r.hash = hashTerm(r.folded)
	} else {
		r.hash = hashTerm(r.term)
	}
	if lang == "de" && !r.stop {
		r.parts = compoundParts(a.env, r.folded)
	}
	if len(a.cache) >= stemCacheMax {
		clear(a.cache)
	}
	a.cache[k] = r
	return r
}

// term returns the index term of a lower-case word in lang: stemmed when
// lang has a stemmer, then folded.
func (a *analyzer) term(lang, w string) string { return a.word(lang, w).term }

// word is one word of a text: lower-cased, with its byte offsets in the
// text.
type word struct {
	lower      string
	start, end int
}

// isWordRune tells the runes words are made of.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '\u200c'
}

// eachWord calls fn for every word of text (which should be NFC) in
// order. Turkish text is lower-cased with the Turkish rules (I → ı).
func eachWord(text, lang string, fn func(w word)) {
	start := -1
	flush := func(end int) {
		if start < 0 {
			return
		}
		raw := strings.Trim(text[start:end], "\u200c")
		if raw != "" {
			var lower string
			switch {
			case lang == "tr" || lang == "az":
				lower = strings.ToLowerSpecial(unicode.TurkishCase, raw)
			default:
				lower = strings.ToLower(raw)
			}
			fn(word{lower: lower, start: start, end: end})
		}
		start = -1
	}
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(text))
}

// usable reports whether a word can be a term: not too long, and more
// than one letter unless it is a number.
func usable(w string) bool {
	n := utf8.RuneCountInString(w)
	if n > maxWordRunes {
		return false
	}
	if n >= 2 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsDigit(r)
}

// normalizeText brings text to NFC with Windows line ends unified; every
// stored text is normalized so that word offsets stay valid.
func normalizeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return norm.NFC.String(s)
}

// script is the writing system of a word, which decides the languages a
// query word is stemmed as.
type script int

const (
	otherScript script = iota
	latinScript
	arabicScript
	cyrillicScript
)

func scriptOf(w string) script {
	for _, r := range w {
		switch {
		case unicode.Is(unicode.Latin, r):
			return latinScript
		case unicode.Is(unicode.Arabic, r):
			return arabicScript
		case unicode.Is(unicode.Cyrillic, r):
			return cyrillicScript
		}
	}
	return otherScript
}

// queryLanguages are the languages a query word of a script may be
// written in, among those with a stemmer.
var queryLanguages = map[script][]string{
	latinScript:    {"de", "en", "tr"},
	arabicScript:   {"ar", "fa"},
	cyrillicScript: {"uk", "ru"},
}

// variants returns the terms a query word may stand for, the folded word
// first: its stem in every language of its script (the query's language
// is not known), deduplicated.
func (a *analyzer) variants(lower string) []string {
	out := []string{text.FoldWord(lower)}
	sc := scriptOf(lower)
	for _, lang := range queryLanguages[sc] {
		t := a.term(lang, lower)
		if t != "" && !contains(out, t) {
			out = append(out, t)
		}
	}
	if sc == cyrillicScript {
		// Russian spellings of Ukrainian words (квартиры, переезд)
		for _, w := range ukrainianSpellings(lower) {
			if t := a.term("uk", w); t != "" && !contains(out, t) {
				out = append(out, t)
			}
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// hashTerm gives the 32-bit value a term has in a document's word
// sequence (for phrases). 0 marks a field boundary, so no term hashes to 0.
func hashTerm(t string) uint32 {
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(t); i++ {
		h ^= uint32(t[i])
		h *= 16777619
	}
	if h != 0 {
		return h
	}
	return 1
}

// isStopword reports whether a lower-case word is a stopword of lang.
func isStopword(lang, lower string) bool {
	s := stopwords[lang]
	return s != nil && s[text.FoldWord(lower)]
}

// stopwordAnywhere reports whether a query word is a stopword in one of
// the languages its script may be.
func stopwordAnywhere(lower string) bool {
	for _, lang := range queryLanguages[scriptOf(lower)] {
		if isStopword(lang, lower) {
			return true
		}
	}
	return false
}

var stopwords = func() map[string]map[string]bool {
	lists := map[string]string{
		"de": `der die das den dem des ein eine einer eines einem einen und oder aber auch als am an auf aus bei bin bis bist
			da dass du er es für hat hatte habe haben ich ihr im in ist ja kann mit nach nicht noch nur ob sich sie sind so
			um uns von vom vor war wir wird wie zu zum zur über wo was wenn mich mir dich dir sein seine ihre ihr euch man`,
		"en": `the a an and or but of to in on at for with by from as is are was were be been am it its this that these those
			i you he she we they me my your our their his her not no so if then than there here do does did have has had
			can will would should could into about up out`,
		"tr": `ve ile bir bu şu o da de için ama veya ki mi mı mu mü ben sen biz siz onlar çok daha gibi her ne en olan olarak
			var yok ise`,
		"ar": `في من على إلى الى عن مع هذا هذه ذلك تلك التي الذي الذين و أو ثم لا ما لم لن هو هي هم نحن أنا انا كل قد كان كانت
			إن ان أن كما بين عند`,
		"fa": `و در به از که با را این آن برای یا هم تا بر اما هر می نیز ما من تو او شما آنها است هست بود شد یک ها های`,
		"uk": `і й та а але в у на з із зі до від для по за про що це як не ні так я ти він вона ми ви вони її його їх мене
			мені є бути був була чи або де коли`,
		"ru": `и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от
			меня еще нет о из ему или`,
	}
	out := map[string]map[string]bool{}
	for lang, list := range lists {
		set := map[string]bool{}
		for _, w := range strings.Fields(list) {
			set[text.FoldWord(w)] = true
		}
		out[lang] = set
	}
	return out
}()

// Buckets say how strongly a document speaks of a term; relevance adds
// them up (see query.go).
const (
	bucketMeta   = 0 // its place, postcode, category, location or type
	bucketBody   = 1 // in the text, once in a long one
	bucketStrong = 2 // in the text, often or in a short one
	bucketTitle  = 3 // in the title
	maxBucket    = bucketTitle
)

// BM25's length normalisation decides between bucketBody and
// bucketStrong: a word said once in a text of average length is strong,
// in a long text it takes two or three mentions.
const (
	bm25K1     = 1.2
	bm25B      = 0.75
	avgBodyLen = 50
)

// analyzed is what a document gives the index.
type analyzed struct {
	terms map[string]uint8 // term → strongest bucket
	seq   []uint32         // hashTerm of every word of title and body in order, 0 between them
}

// analyzeDoc finds the word terms of a document (title, body, place and
// postcode), stemmed in the document's language.
func (a *analyzer) analyzeDoc(title, body, lang, place, postcode string) analyzed {
	out := analyzed{terms: map[string]uint8{}}
	put := func(t string, b uint8) {
		if old, ok := out.terms[t]; !ok || b > old {
			out.terms[t] = b
		}
	}
	// The parts of compounds weigh a bucket less than the word.
	parts := map[string]uint8{}
	seqWord := func(w word) (string, string) {
		aw := a.word(lang, w.lower)
		out.seq = append(out.seq, aw.hash)
		if aw.stop || !usable(w.lower) {
			return "", aw.folded
		}
		return aw.term, aw.folded
	}
	partsOf := func(w word, b uint8) {
		for _, p := range a.word(lang, w.lower).parts {
			if old, ok := parts[p]; !ok || b > old {
				parts[p] = b
			}
		}
	}
	// Turkish words are also indexed unstemmed: the Turkish stemmer reads
	// vowel harmony, so a folded query word (Muller for Müller) or an
	// unusual form can miss the stem.
	surface := lang == "tr"
	eachWord(title, lang, func(w word) {
		if t, f := seqWord(w); t != "" {
			put(t, bucketTitle)
			partsOf(w, bucketTitle-1)
			if surface {
				put(f, bucketTitle)
			}
		}
	})
	out.seq = append(out.seq, 0)
	tf := map[string]int{}
	n := 0
	eachWord(body, lang, func(w word) {
		n++
		if t, f := seqWord(w); t != "" {
			tf[t]++
			partsOf(w, bucketMeta)
			if surface && f != t {
				tf[f]++
			}
		}
	})
	norm := bm25K1 * (1 - bm25B + bm25B*float64(n)/avgBodyLen)
	for t, c := range tf {
		impact := float64(c) * (bm25K1 + 1) / (float64(c) + norm)
		if impact >= 1 {
			put(t, bucketStrong)
		} else {
			put(t, bucketBody)
		}
	}
	for p, b := range parts {
		put(p, b)
	}
	for _, s := range []string{place, postcode} {
		eachWord(s, lang, func(w word) {
			if aw := a.word(lang, w.lower); usable(w.lower) && !aw.stop {
				put(aw.term, bucketMeta)
				put(aw.folded, bucketMeta) // place names are names: also unstemmed
			}
		})
	}
	return out
}
