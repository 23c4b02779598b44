package conformance_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/conformance"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
)

// feeds are the Atom feeds the platform publishes, with filters that give
// entries in several languages.
var feeds = []string{
	"/blog?format=atom",
	"/search?format=atom",
	"/search?format=atom&q=Fahrrad",
	"/search?format=atom&type=offer&type=request",
	"/search?format=atom&type=organization",
	"/search?format=atom&type=service",
	"/search?format=atom&type=pledge",
	"/search?format=atom&type=report",
	"/search?format=atom&lang=ar",
	"/search?format=atom&lang=fa",
}

// TestAtomFeedsAsFeedparserReadsThem parses every feed of the demo
// content with npm's feedparser, in every direction of script, and checks
// what RFC 4287 requires of it: an id, a title, an updated time and a
// rel="self" link on the feed; an id, a title and an updated time on every
// entry, and an author on the feed or on every entry.
func TestAtomFeedsAsFeedparserReadsThem(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d db.Dialect) *apptest.Env { e, _ := conformance.Demo(t, d); return e },
		func(t *testing.T, e *apptest.Env) {
			entries := 0
			for _, lang := range []string{"de", "ar"} {
				for _, path := range feeds {
					entries += checkFeed(t, e, path, lang)
				}
			}
			if entries == 0 {
				t.Fatal("the feeds of the demo content have no entries")
			}
			t.Logf("%d feeds, %d entries", 2*len(feeds), entries)
		})
}

func checkFeed(t *testing.T, e *apptest.Env, path, lang string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, e.URL+path, nil)
	req.Header.Set("Accept-Language", lang)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body := readAll(t, res)
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/atom+xml") {
		t.Errorf("%s: %d %s", path, res.StatusCode, res.Header.Get("Content-Type"))
		return 0
	}
	f := conformance.ParseAtom(t, body)
	where := path + " (" + lang + ")"
	if f.Type != "atom" || len(f.Errors) > 0 {
		t.Errorf("%s: feedparser read %q with errors %v", where, f.Type, f.Errors)
	}
	if f.ID == "" || f.Title == "" || !isTime(f.Updated) {
		t.Errorf("%s: id %q, title %q, updated %q", where, f.ID, f.Title, f.Updated)
	}
	if f.Lang != lang {
		t.Errorf("%s: xml:lang %q", where, f.Lang)
	}
	if self := linkOf(f.Links, "self"); self == "" || !strings.HasPrefix(self, e.URL) {
		t.Errorf("%s: rel=self %q", where, self)
	}
	updated, _ := time.Parse(time.RFC3339, f.Updated)
	for _, en := range f.Entries {
		what := where + " " + en.ID
		if en.ID == "" || en.Title == "" || !isTime(en.Updated) {
			t.Errorf("%s: id %q, title %q, updated %q", what, en.ID, en.Title, en.Updated)
		}
		if len(f.Authors) == 0 && len(en.Authors) == 0 {
			t.Errorf("%s: no author, and the feed names none", what)
		}
		if en.Published != "" && !isTime(en.Published) {
			t.Errorf("%s: published %q", what, en.Published)
		}
		if en.Lang == "" {
			t.Errorf("%s: no xml:lang", what)
		}
		if linkOf(en.Links, "alternate") == "" {
			t.Errorf("%s: no alternate link", what)
		}
		if u, _ := time.Parse(time.RFC3339, en.Updated); u.After(updated) {
			t.Errorf("%s: updated %s after the feed's %s", what, en.Updated, f.Updated)
		}
	}
	return len(f.Entries)
}

func linkOf(links []conformance.AtomLink, rel string) string {
	for _, l := range links {
		if l.Rel == rel {
			return l.Href
		}
	}
	return ""
}

func isTime(s string) bool {
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}
