package pledge

import (
	"encoding/xml"
	"html/template"
	"net/http"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/uploads"
)

// The blog's Atom feed (RFC 4287) at /blog?format=atom: the newest
// published reports with their text and photos.

type atomFeed struct {
	XMLName  xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Updated  string      `xml:"updated"`
	Links    []atomLink  `xml:"link"`
	Author   atomPerson  `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	Body string `xml:",chardata"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published"`
	Links     []atomLink `xml:"link"`
	Author    atomPerson `xml:"author"`
	Summary   atomText   `xml:"summary"`
	Content   atomText   `xml:"content"`
}

// feedSize is how many reports the feed carries.
const feedSize = 50

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func (m *Module) atom(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	page, err := m.Blog(ctx, false, feedSize, "")
	if err != nil {
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		m.s.Log.ErrorContext(ctx, "blog feed", "err", err)
		return
	}
	l := m.localizer(ctx)
	base := m.s.BaseURL
	feed := atomFeed{
		ID: base + "/blog", Title: l.T("pledge.blog.title") + " · teilhabe", Subtitle: l.T("pledge.blog.intro"),
		Updated: atomTime(m.s.Clock.Now()),
		Links: []atomLink{{Href: base + "/blog?format=atom", Rel: "self", Type: "application/atom+xml"},
			{Href: base + "/blog", Rel: "alternate", Type: "text/html"}},
		Author: atomPerson{Name: "teilhabe"},
	}
	for i, rep := range page.Items {
		updated := rep.UpdatedAt
		if rep.PublishedAt.After(updated) {
			updated = *rep.PublishedAt
		}
		if i == 0 {
			feed.Updated = atomTime(updated)
		}
		author := m.author(ctx, rep)
		if author == "" {
			author = l.T("pledge.supporter.deleted")
		}
		var content strings.Builder
		content.WriteString(string(rep.HTML()))
		for _, id := range rep.Photos {
			content.WriteString(`<p><img src="` + template.HTMLEscapeString(base+uploads.URL(id)) + `" alt=""></p>`)
		}
		if p := page.Pledges[rep.PledgeID]; p != nil {
			content.WriteString(`<p><a href="` + template.HTMLEscapeString(base+"/pledges/"+p.ID) + `">` +
				template.HTMLEscapeString(m.Sentence(p)) + `</a></p>`)
		}
		feed.Entries = append(feed.Entries, atomEntry{
			ID: base + "/blog/" + rep.ID, Title: rep.Title, Updated: atomTime(updated), Published: atomTime(*rep.PublishedAt),
			Links:   []atomLink{{Href: base + "/blog/" + rep.ID, Rel: "alternate", Type: "text/html"}},
			Author:  atomPerson{Name: author},
			Summary: atomText{Type: "text", Lang: rep.Lang, Body: rep.Excerpt()},
			Content: atomText{Type: "html", Lang: rep.Lang, Body: content.String()},
		})
	}
	out, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("Vary", "Accept-Language, Cookie") // the feed's title is in the reader's language
	w.Write([]byte(xml.Header))
	w.Write(out)
}
