package feed_test

import (
	"encoding/xml"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed/atom"

	"teilhabe.org/teilhabe/internal/feed"
	"teilhabe.org/teilhabe/internal/feed/feedtest"
)

var (
	published = time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)
	changed   = time.Date(2026, 12, 3, 17, 0, 0, 0, time.UTC)
)

func sample() *feed.Feed {
	return &feed.Feed{
		ID: "https://teilhabe.example/blog", Title: "Berichte · teilhabe", Subtitle: "Was aus Versprechen wurde",
		Lang: "de", Updated: changed, Author: feed.Person{Name: "teilhabe", URI: "https://teilhabe.example/"},
		Self: "https://teilhabe.example/blog?format=atom", Page: "https://teilhabe.example/blog",
		Entries: []feed.Entry{
			{ID: "https://teilhabe.example/blog/1", Title: "درس زبان", Lang: "fa", Page: "https://teilhabe.example/blog/1",
				Author: feed.Person{Name: "Ana"}, Published: published, Updated: changed,
				Summary: "کوتاه", Content: "متن کامل\n\nپاراگراف دوم", Category: "german_lessons",
				Related: []feed.Link{{Href: "https://teilhabe.example/uploads/p1", Rel: "enclosure", Type: "image/jpeg"},
					{Href: "https://teilhabe.example/pledges/7", Rel: "related", Title: "Das Versprechen"}}},
			{ID: "https://teilhabe.example/blog/2", Title: "Ohne Autor", Page: "https://teilhabe.example/blog/2", Updated: published},
		},
	}
}

func write(t *testing.T, f *feed.Feed) string {
	t.Helper()
	var b strings.Builder
	if err := f.WriteAtom(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestAtomFields reads a feed back with gofeed's Atom parser.
func TestAtomFields(t *testing.T) {
	body := write(t, sample())
	feedtest.TextOnly(t, body)
	got, err := (&atom.Parser{}).Parse(strings.NewReader(body))
	if err != nil {
		t.Fatalf("%v\n%s", err, body)
	}
	if got.ID != "https://teilhabe.example/blog" || got.Title != "Berichte · teilhabe" || got.Subtitle != "Was aus Versprechen wurde" ||
		got.Language != "de" || got.UpdatedParsed == nil || !got.UpdatedParsed.Equal(changed) ||
		len(got.Authors) != 1 || got.Authors[0].Name != "teilhabe" || got.Authors[0].URI != "https://teilhabe.example/" {
		t.Errorf("feed: %+v", got)
	}
	links := map[string]string{}
	for _, l := range got.Links {
		links[l.Rel] = l.Href + " " + l.Type
	}
	if links["self"] != "https://teilhabe.example/blog?format=atom application/atom+xml" ||
		links["alternate"] != "https://teilhabe.example/blog text/html" {
		t.Errorf("feed links: %v", links)
	}
	if len(got.Entries) != 2 {
		t.Fatalf("%d entries", len(got.Entries))
	}
	e := got.Entries[0]
	if e.ID != "https://teilhabe.example/blog/1" || e.Title != "درس زبان" || e.Summary != "کوتاه" ||
		e.Content == nil || e.Content.Type != "text" || e.Content.Value != "متن کامل\n\nپاراگراف دوم" ||
		e.PublishedParsed == nil || !e.PublishedParsed.Equal(published) || e.UpdatedParsed == nil || !e.UpdatedParsed.Equal(changed) ||
		len(e.Authors) != 1 || e.Authors[0].Name != "Ana" || len(e.Categories) != 1 || e.Categories[0].Term != "german_lessons" {
		t.Errorf("entry: %+v", e)
	}
	rels := map[string]string{}
	for _, l := range e.Links {
		rels[l.Rel] = l.Href
	}
	if rels["alternate"] != "https://teilhabe.example/blog/1" || rels["enclosure"] != "https://teilhabe.example/uploads/p1" ||
		rels["related"] != "https://teilhabe.example/pledges/7" {
		t.Errorf("entry links: %v", rels)
	}
	if second := got.Entries[1]; len(second.Authors) != 0 || second.Published != "" || second.Content != nil {
		t.Errorf("second entry has what it was not given: %+v", second)
	}
	// gofeed does not report an entry's language; read xml:lang directly.
	var langs struct {
		Entries []struct {
			Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(body), &langs); err != nil || len(langs.Entries) != 2 ||
		langs.Entries[0].Lang != "fa" || langs.Entries[1].Lang != "" {
		t.Errorf("entry languages: %+v %v", langs, err)
	}
}

// crossSite are texts people could type to attack feed readers.
var crossSite = []string{
	`<script>alert(1)</script>`,
	`<img src=x onerror="alert(2)">`,
	`javascript:alert(3)`,
	`]]><script>alert(4)</script>`,
	`&lt;b&gt;already escaped&lt;/b&gt; & <b>bold</b>`,
}

// TestAtomKeepsMarkupAsText: whatever people type comes back as the same
// text, and never as markup.
func TestAtomKeepsMarkupAsText(t *testing.T) {
	for _, payload := range crossSite {
		f := sample()
		f.Title, f.Subtitle = payload, payload
		f.Entries[0].Title, f.Entries[0].Summary, f.Entries[0].Content = payload, payload, payload
		f.Entries[0].Author.Name = payload
		body := write(t, f)
		feedtest.TextOnly(t, body)
		got, err := (&atom.Parser{}).Parse(strings.NewReader(body))
		if err != nil {
			t.Fatalf("%v\n%s", err, body)
		}
		e := got.Entries[0]
		if got.Title != payload || got.Subtitle != payload || e.Title != payload || e.Summary != payload ||
			e.Content.Value != payload || e.Authors[0].Name != payload {
			t.Errorf("%q came back as %q %q %q %q %q", payload, got.Title, e.Title, e.Summary, e.Content.Value, e.Authors[0].Name)
		}
		for _, raw := range []string{"<script", "<img", "<b>"} {
			if strings.Contains(body, raw) {
				t.Errorf("%q is markup in the feed:\n%s", raw, body)
			}
		}
	}
}

// TestAtomDropsWhatXMLCannotHold: control characters cannot be in XML at
// all; the feed stays well-formed.
func TestAtomDropsWhatXMLCannotHold(t *testing.T) {
	f := sample()
	f.Entries[0].Title = "Glocke\x07 und \x00Null"
	body := write(t, f)
	if _, err := (&atom.Parser{}).Parse(strings.NewReader(body)); err != nil || strings.ContainsAny(body, "\x07\x00") {
		t.Errorf("%v\n%q", err, body)
	}
}

func TestAtomRequiredFields(t *testing.T) {
	for name, spoil := range map[string]func(f *feed.Feed){
		"feed id":           func(f *feed.Feed) { f.ID = "" },
		"feed title":        func(f *feed.Feed) { f.Title = "" },
		"feed updated":      func(f *feed.Feed) { f.Updated = time.Time{} },
		"an author":         func(f *feed.Feed) { f.Author = feed.Person{} },
		"entry id":          func(f *feed.Feed) { f.Entries[1].ID = "" },
		"entry updated":     func(f *feed.Feed) { f.Entries[1].Updated = time.Time{} },
		"content or a page": func(f *feed.Feed) { f.Entries[1].Page = "" },
	} {
		f := sample()
		spoil(f)
		if err := f.WriteAtom(&strings.Builder{}); !errors.Is(err, feed.ErrIncomplete) {
			t.Errorf("without %s: %v", name, err)
		}
	}
}
