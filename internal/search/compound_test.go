package search

import (
	"slices"
	"testing"

	snowball "github.com/blevesearch/snowballstem"

	"teilhabe.org/teilhabe/internal/searchdoc"
)

func TestCompoundParts(t *testing.T) {
	env := snowball.NewEnv("")
	for w, want := range map[string][]string{
		"fahrradwerkstatt":    {"fahrrad", "werkstatt"},
		"deutschkurs":         {"deutsch", "kur"},
		"sprachkurs":          {"sprach", "kur"},
		"gemeinschaftsgarten": {"gemeinschaft", "gart"},
		"kinderfahrrader":     {"kind", "fahrrad"},
		"hausaufgabenhilfe":   {"hausaufgab", "hilf"},
		"beratung":            nil, // no compound of known words
		"kassel":              nil,
		"angebot":             nil,
	} {
		if got := compoundParts(env, w); !slices.Equal(got, want) {
			t.Errorf("compoundParts(%q) = %q, want %q", w, got, want)
		}
	}
}

// TestCompoundsFound: a German compound is found by its parts, below a
// document that has the part as a word of its own.
func TestCompoundsFound(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		e.put(
			germanOffer("de-compound", "Deutschkurs am Abend", "Wir lernen zusammen."),
			germanOffer("de-word", "Kurs am Abend", "Ein Kurs für alle."),
			germanOffer("de-werkstatt", "Fahrradwerkstatt im Hof", "Wir reparieren zusammen."),
		)
		e.expect(Query{Q: "Kurs"}, Anyone, "de-word", "de-compound")
		e.expect(Query{Q: "Werkstatt"}, Anyone, "de-werkstatt")
		e.expect(Query{Q: "Fahrrad Werkstatt"}, Anyone, "de-werkstatt")
	})
}

func germanOffer(id, title, body string) searchdoc.Doc {
	return searchdoc.Doc{Type: "offer", ID: id, Lang: "de", Title: title, Body: body}
}
