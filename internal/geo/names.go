package geo

import (
	"log/slog"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"teilhabe.org/teilhabe/internal/jobs"
	"teilhabe.org/teilhabe/internal/text"
)

// placeKey is the form in which names are stored and compared: the words
// of text.Key (case, umlauts with or without e or dropped, ß as ss,
// accents, punctuation and hyphens), with the word "st" as "sankt". So
// Göttingen, Goettingen and Gottingen have one key, and "St. Wendel" that
// of "Sankt Wendel".
func placeKey(s string) string { return sankt(text.Words(s)) }

// spell is the finer form that tells apart names placeKey makes equal:
// umlauts written ae, oe, ue, every other e kept (Münster = Muenster, not
// Munster; Neuenkirchen is not Neunkirchen).
func spell(s string) string {
	s = strings.NewReplacer("ä", "ae", "ö", "oe", "ü", "ue", "ß", "ss").Replace(norm.NFC.String(strings.ToLower(s)))
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return sankt(strings.FieldsFunc(b.String(), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
}

func sankt(words []string) string {
	for i, w := range words {
		if w == "st" {
			words[i] = "sankt"
		}
	}
	return strings.Join(words, " ")
}

// Jobs computes the stored keys of the places again when the folding rules
// change.
func (g *Gazetteer) Jobs() []jobs.Job {
	return []jobs.Job{text.RekeyJob("geo.rekey", g.db, slog.Default(), placeKeys)}
}

// placeKeys is the key column of the places, for computing it again.
var placeKeys = text.Keys{Table: "geo_places", ID: "seq", Sources: []string{"name"}, Keys: []string{"fold"},
	Compute: func(s []string) []string { return []string{placeKey(s[0])} }}
