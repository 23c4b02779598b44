package search

import (
	"strings"
	"sync"
	"unicode/utf8"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/german"

	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
)

// German compounds are split when a document is indexed, against a
// dictionary: the German words of the taxonomy's names and a list of
// common words of what the platform is about. "Fahrradwerkstatt" gives
// the terms of fahrrad and werkstatt beside its own, so "Werkstatt" and
// "Fahrrad Werkstatt" find it; the parts weigh one bucket less than the
// whole word, so a listing that says "Werkstatt" ranks above one that
// only holds it in a compound.

const (
	minCompound = 7 // letters of the shortest word split
	minPart     = 3 // letters of the shortest part
)

// germanWords are common words beside the taxonomy's, folded.
const germanWords = `arbeit abend amt antrag anfanger arzt asyl auto aufgabe ausflug bad bahn beratung berater besuch bett
	bild bildung buch burger buro computer damen deutsch dienst dolmetscher eltern essen familie fahrrad fahrt fest
	frau frauen freizeit fuhrer garten gast gemeinschaft geschenk gesprach gruppe haus hausaufgaben hilfe helfer herr
	heim hof jacke jugend kaffee kammer karte kind kinder kirche kleider kleidung koch kuche kurs kultur laden lehrer
	lern lese leben licht mann markt miete mobel musik mutter nachbar nachhilfe nah park paten platz post prufung
	rad raum recht reparatur reise rente sache schein schloss schrank schule schwimm sommer spiel sport sprache
	stadt stelle stunde suche tag tafel tausch teil termin theorie tisch treff ubung unterricht unterstutzung umzug
	vater verein wagen wasche werkstatt winter woche wohnung zeit zentrum zimmer`

// compoundDictionary holds the German stems of the dictionary's words.
var compoundDictionary = sync.OnceValue(func() map[string]bool {
	env := snowball.NewEnv("")
	out := map[string]bool{}
	add := func(w string) {
		if utf8.RuneCountInString(w) >= minPart {
			out[germanStem(env, w)] = true
		}
	}
	for _, w := range strings.Fields(germanWords) {
		add(w)
	}
	for _, c := range taxonomy.Default().All() {
		for _, s := range append([]string{c.Names["de"]}, c.Synonyms["de"]...) {
			for _, w := range text.Words(s) {
				add(w)
			}
		}
	}
	return out
})

func germanStem(env *snowball.Env, w string) string {
	env.SetCurrent(w)
	german.Stem(env)
	return text.FoldWord(env.Current())
}

// linkers join the parts of a German compound (Arbeit-s-platz,
// Kinder-garten, Sprach(e)-kurs).
var linkers = []string{"", "s", "es", "n", "en", "e"}

// compoundParts returns the stems of the parts of a folded German word,
// or none when it does not split into words of the dictionary. The last
// part may itself be a compound.
func compoundParts(env *snowball.Env, w string) []string {
	if utf8.RuneCountInString(w) < minCompound {
		return nil
	}
	dict := compoundDictionary()
	rs := []rune(w)
	// The longest head first: Fahrradwerkstatt is Fahrrad + Werkstatt
	// before Fahr + Radwerkstatt.
	for cut := len(rs) - minPart; cut >= minPart; cut-- {
		head, tail := string(rs[:cut]), string(rs[cut:])
		hs, ok := headStem(env, dict, head)
		if !ok {
			continue
		}
		for _, l := range linkers {
			rest, ok := strings.CutPrefix(tail, l)
			if !ok || utf8.RuneCountInString(rest) < minPart {
				continue
			}
			if ts := germanStem(env, rest); dict[ts] {
				return []string{hs, ts}
			}
			if more := compoundParts(env, rest); more != nil {
				return append([]string{hs}, more...)
			}
		}
	}
	return nil
}

// headStem finds the first part of a compound in the dictionary, also
// when it lost its final e (Sprach-kurs, Schul-anmeldung).
func headStem(env *snowball.Env, dict map[string]bool, head string) (string, bool) {
	for _, h := range []string{head, head + "e"} {
		if s := germanStem(env, h); dict[s] {
			return s, true
		}
	}
	return "", false
}
