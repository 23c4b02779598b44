// Package feed writes the feeds the platform publishes: Atom (RFC 4287)
// for lists people follow in a feed reader, and iCalendar (RFC 5545) for
// dates they take into their calendar.
//
// Every text in a feed is plain text: people's titles and descriptions go
// out as type="text", so no feed reader ever renders their markup.
package feed

import (
	"encoding/xml"
	"errors"
	"io"
	"time"
)

// AtomType is the Content-Type of an Atom feed.
const AtomType = "application/atom+xml; charset=utf-8"

// Feed is an Atom feed. ID, Title and Updated are required, and so is an
// Author unless every entry names its own.
type Feed struct {
	ID       string // a permanent IRI, usually the feed's page
	Title    string
	Subtitle string
	Lang     string // language of the feed's own texts (title, subtitle)
	Updated  time.Time
	Author   Person
	Self     string // where the feed itself is read (rel="self")
	Page     string // the page the feed follows (rel="alternate", text/html)
	Entries  []Entry
}

// Entry is one item of a feed. ID, Title and Updated are required.
type Entry struct {
	ID        string // a permanent IRI, usually the item's page
	Title     string
	Lang      string // language the item is written in
	Page      string // the item's page (rel="alternate", text/html)
	Author    Person // empty: the feed's author
	Published time.Time
	Updated   time.Time
	Summary   string
	Content   string
	Category  string
	Related   []Link // further links: rel "related", "enclosure", …
}

// Person is an author.
type Person struct {
	Name string
	URI  string
}

// Link is a link of an entry beside its page.
type Link struct {
	Href  string
	Rel   string
	Type  string // media type, if known
	Title string
}

// ErrIncomplete is returned for a feed or entry that lacks a field RFC
// 4287 requires.
var ErrIncomplete = errors.New("feed: an id, title, updated time, author or link is missing")

// The XML shapes. A text construct always says type="text": encoding/xml
// escapes its characters, so markup in it stays visible text.

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID       string      `xml:"id"`
	Title    atomText    `xml:"title"`
	Subtitle *atomText   `xml:"subtitle"`
	Updated  string      `xml:"updated"`
	Author   *atomPerson `xml:"author"`
	Links    []atomLink  `xml:"link"`
	Entries  []atomEntry `xml:"entry"`
}

type atomEntry struct {
	Lang      string        `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID        string        `xml:"id"`
	Title     atomText      `xml:"title"`
	Updated   string        `xml:"updated"`
	Published string        `xml:"published,omitempty"`
	Author    *atomPerson   `xml:"author"`
	Links     []atomLink    `xml:"link"`
	Category  *atomCategory `xml:"category"`
	Summary   *atomText     `xml:"summary"`
	Content   *atomText     `xml:"content"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomLink struct {
	Href  string `xml:"href,attr"`
	Rel   string `xml:"rel,attr,omitempty"`
	Type  string `xml:"type,attr,omitempty"`
	Title string `xml:"title,attr,omitempty"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

func text(s string) atomText { return atomText{Type: "text", Body: s} }

func optionalText(s string) *atomText {
	if s == "" {
		return nil
	}
	t := text(s)
	return &t
}

func person(p Person) *atomPerson {
	if p.Name == "" {
		return nil
	}
	return &atomPerson{Name: p.Name, URI: p.URI}
}

func atomTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// WriteAtom writes the feed as an Atom document.
func (f *Feed) WriteAtom(w io.Writer) error {
	if f.ID == "" || f.Title == "" || f.Updated.IsZero() {
		return ErrIncomplete
	}
	out := atomFeed{Lang: f.Lang, ID: f.ID, Title: text(f.Title), Subtitle: optionalText(f.Subtitle),
		Updated: atomTime(f.Updated), Author: person(f.Author)}
	if f.Self != "" {
		out.Links = append(out.Links, atomLink{Href: f.Self, Rel: "self", Type: "application/atom+xml"})
	}
	if f.Page != "" {
		out.Links = append(out.Links, atomLink{Href: f.Page, Rel: "alternate", Type: "text/html"})
	}
	for _, e := range f.Entries {
		// An entry needs an author (its own or the feed's) and, without
		// content, a link to where it can be read.
		if e.ID == "" || e.Title == "" || e.Updated.IsZero() || (e.Author.Name == "" && f.Author.Name == "") ||
			(e.Content == "" && e.Page == "") {
			return ErrIncomplete
		}
		ae := atomEntry{Lang: e.Lang, ID: e.ID, Title: text(e.Title), Updated: atomTime(e.Updated),
			Published: atomTime(e.Published), Author: person(e.Author), Summary: optionalText(e.Summary),
			Content: optionalText(e.Content)}
		if e.Page != "" {
			ae.Links = append(ae.Links, atomLink{Href: e.Page, Rel: "alternate", Type: "text/html"})
		}
		for _, l := range e.Related {
			ae.Links = append(ae.Links, atomLink(l))
		}
		if e.Category != "" {
			ae.Category = &atomCategory{Term: e.Category}
		}
		out.Entries = append(out.Entries, ae)
	}
	if f.Author.Name == "" && len(f.Entries) == 0 {
		return ErrIncomplete
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
