// Package searchdoc is what a module hands the search engine: a Doc for
// each public thing it holds (a listing, an organisation, a service, an
// event, a pledge, a report), given in the transaction of the change with
// an Indexer's Put and taken back with Delete. It is plumbing both sides
// import, so a module that feeds search never imports the search module,
// and search never reads a module's tables.
package searchdoc

import (
	"context"
	"database/sql"
	"time"
)

// Names of the types of documents the platform's modules feed. Each
// module registers the types it feeds with search (see Type); these names
// are here because StructuredData describes some of them.
const (
	Offer        = "offer"
	Request      = "request"
	Opportunity  = "opportunity" // a request on behalf of an organisation: a place to volunteer
	Organization = "organization"
	Service      = "service"
	Event        = "event"
	Pledge       = "pledge"
	Report       = "report"
)

// Type is a type of document, as the module that feeds it registers it
// with search (app.Searchable).
type Type struct {
	Name  string // Doc.Type, and the value of the type filter: lower-case letters, digits, "_"
	Label string // message id of its plural name in the type filter, facets and results
	// Order places it in the type filter and facets, lowest first. The
	// platform's modules use tens: offer 10, request 20, opportunity 30,
	// organization 40, service 50, event 60, pledge 70, report 80.
	Order int
}

// Who may find a document.
const (
	Public   = "public"   // anybody
	Members  = "members"  // people logged in
	Verified = "verified" // members of verified organisations and coordinators
)

// Doc is one searchable thing. Everything in it may be shown on a result
// page to those its Visibility allows, so it holds no contact data of
// people and only coarse locations.
type Doc struct {
	Type string // a Type's Name, of a type the module registered
	ID   string // the module's id; (Type, ID) names the document

	Title string // shown as the result's heading; weighs most
	Body  string // the text; a snippet of it is shown
	Lang  string // language the text is written in (ISO 639-1, "de"); decides stemming
	// Langs are further languages spoken (by the poster, the
	// organisation): the language filter finds a document by these too.
	Langs []string

	Category string // a taxonomy id, or ""
	OrgKind  string // the kind of the organisation it is, or is posted on behalf of; ""
	Verified bool   // the organisation (behind it) is verified by the coordination office

	Visibility string // Public, Members or Verified

	Postcode, Place string   // shown, and Place is found as a word
	Lat, Lon        *float64 // the postcode's or place's centre, never a person's address

	CreatedAt time.Time
	UpdatedAt time.Time
	// ExpiresAt is the moment from which the document is no longer found
	// (a listing's expiry, an event's end); nil: it stays until deleted.
	ExpiresAt *time.Time
	// Deadline is what the order "ending" sorts by, soonest first: a
	// listing's expiry, a pledge's deadline, an event's start. Documents
	// without one come last.
	Deadline *time.Time
	// ShownFrom, on a later date of a series, is when results without a
	// date filter start to show it (when the date before it is over), so a
	// weekly café is one result, not fifty; date filters find every date.
	ShownFrom *time.Time
	// Start and End are the days it takes place (events, listings for a
	// date): the from/to filter keeps documents whose span meets the
	// range. End nil means the same as Start.
	Start, End *time.Time

	URL string // path of its page, e.g. "/organizations/<id>"
}

// Indexer keeps the search index. Put and Delete run in the caller's
// write transaction, so a change is found (or gone) the moment it
// commits; call them last in the transaction, as they take the index's
// write lock until the commit.
type Indexer interface {
	// Put adds the document or replaces the one with its Type and ID.
	Put(ctx context.Context, tx *sql.Tx, d Doc) error
	// Delete takes the document out; unknown documents are no error.
	Delete(ctx context.Context, tx *sql.Tx, docType, id string) error
}

// Finder finds documents by the words of a query the way the search
// engine does (every form of a word, the taxonomy's names in every
// language, typos): a module that filters a list of its own by words asks
// it rather than matching text itself, so words find the same everywhere.
// The Indexer a module is given may be one (a type assertion tells).
type Finder interface {
	// Find returns up to limit documents whose words match q and that
	// pass the filter, best first, whoever may see them: the module
	// filters its list by its own rules of visibility (and may apply its
	// filters again).
	Find(ctx context.Context, q string, f FindFilter, limit int) ([]Match, error)
}

// FindFilter narrows what Find answers, so that the best documents that
// pass a module's filters are among the answer however many match the
// words alone. The fields mean what the search engine's parameters of the
// same names mean; zero values filter nothing.
type FindFilter struct {
	Types    []string
	Category string // a taxonomy id; a top-level id includes its subcategories
	Lang     string
	Near     string // a postcode or place, with RadiusKm
	RadiusKm int
	OrgKind  string
	Verified bool
}

// Match is a document a Finder found, with its relevance (higher is
// better; the order of Find's answer).
type Match struct {
	Type, ID string
	Score    int
}

// Source lists every document a module would Put, for rebuilding the
// index ("teilhabe search reindex"). It calls yield once per document, in
// the order the module created them, and stops at yield's first error.
type Source interface {
	SearchDocs(ctx context.Context, yield func(Doc) error) error
}

// GuessLang guesses the language of a text for a module that does not ask
// for it (an organisation's description): Arabic script is Arabic, or
// Farsi when it has letters Arabic lacks; Cyrillic is Ukrainian, or
// Russian without the letters only Ukrainian has; Latin text is German,
// English or Turkish by its commonest short words, German when in doubt.
func GuessLang(text string) string {
	var arabic, farsi, cyrillic, ukrainian, latin int
	for _, r := range text {
		switch {
		case r == 'پ' || r == 'چ' || r == 'ژ' || r == 'گ' || r == 'ی' || r == 'ک':
			farsi++
			arabic++
		case r >= 0x0600 && r <= 0x06FF:
			arabic++
		case r == 'і' || r == 'ї' || r == 'є' || r == 'ґ' || r == 'І' || r == 'Ї' || r == 'Є' || r == 'Ґ':
			ukrainian++
			cyrillic++
		case r >= 0x0400 && r <= 0x04FF:
			cyrillic++
		case r < 0x250 && ((r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || r >= 0xC0):
			latin++
		}
	}
	switch {
	case arabic > latin && arabic >= cyrillic:
		if farsi > 0 {
			return "fa"
		}
		return "ar"
	case cyrillic > latin:
		if ukrainian > 0 {
			return "uk"
		}
		return "ru"
	}
	score := map[string]int{}
	word := make([]rune, 0, 16)
	flush := func() {
		if w := string(word); w != "" {
			for lang, words := range commonWords {
				if words[w] {
					score[lang]++
				}
			}
		}
		word = word[:0]
	}
	for _, r := range text {
		if r == ' ' || r == '\n' || r == '\t' || r == ',' || r == '.' || r == '!' || r == '?' || r == ';' || r == ':' {
			flush()
			continue
		}
		if r >= 'A' && r <= 'Z' {
			r += 'a' - 'A'
		}
		word = append(word, r)
	}
	flush()
	best, bestScore := "de", score["de"]
	for _, lang := range []string{"en", "tr"} {
		if score[lang] > bestScore {
			best, bestScore = lang, score[lang]
		}
	}
	return best
}

var commonWords = map[string]map[string]bool{
	"de": set("der die das und ist nicht mit für von zu den ein eine wir sie auf im auch sich bei"),
	"en": set("the and is of to in for with we you are our on this that at be"),
	"tr": set("ve bir bu için ile da de çok biz olarak gibi ama daha her"),
}

func set(words string) map[string]bool {
	out := map[string]bool{}
	start := -1
	for i := 0; i <= len(words); i++ {
		if i == len(words) || words[i] == ' ' {
			if start >= 0 {
				out[words[start:i]] = true
			}
			start = -1
		} else if start < 0 {
			start = i
		}
	}
	return out
}
