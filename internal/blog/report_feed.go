package blog

import (
	stdhtml "html"
	"net/http"
	"regexp"
	"strings"

	"teilhabe.org/teilhabe/internal/feed"
	"teilhabe.org/teilhabe/internal/uploads"
)

// The blog's Atom feed (RFC 4287) at /blog?format=atom: the newest
// published reports as plain text, their photos as enclosures and their
// pledge as a related link.

// feedSize is how many reports the feed carries.
const feedSize = 50

func (m *Module) atom(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	page, err := m.List(ctx, false, feedSize, "")
	if err != nil {
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		m.s.Log.ErrorContext(ctx, "blog feed", "err", err)
		return
	}
	l := m.localizer(ctx)
	base := m.s.BaseURL
	f := &feed.Feed{
		ID: base + "/blog", Title: l.T("blog.title") + " · teilhabe", Subtitle: l.T("blog.intro"),
		Lang: l.Lang(), Updated: m.s.Clock.Now(), Author: feed.Person{Name: "teilhabe", URI: base + "/"},
		Self: base + "/blog?format=atom", Page: base + "/blog",
	}
	for i, rep := range page.Items {
		updated := rep.UpdatedAt
		if rep.PublishedAt.After(updated) {
			updated = *rep.PublishedAt
		}
		if i == 0 {
			f.Updated = updated
		}
		author := m.author(ctx, rep)
		if author == "" {
			author = l.T("blog.author_deleted")
		}
		var links []feed.Link
		for _, id := range rep.Photos {
			links = append(links, feed.Link{Href: base + uploads.URL(id), Rel: "enclosure"})
		}
		if k, err := m.kind(rep.OwnerKind); err == nil {
			if s, err := k.Owner.About(ctx, rep.OwnerID); err == nil {
				links = append(links, feed.Link{Href: base + s.URL, Rel: "related", Title: s.Summary})
			}
		}
		f.Entries = append(f.Entries, feed.Entry{
			ID: base + "/blog/" + rep.ID, Title: rep.Title, Lang: rep.Lang, Page: base + "/blog/" + rep.ID,
			Author: feed.Person{Name: author}, Published: *rep.PublishedAt, Updated: updated,
			Summary: rep.Excerpt(), Content: readableText(rep.Body), Related: links,
		})
	}
	w.Header().Set("Content-Type", feed.AtomType)
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("Vary", "Accept-Language, Cookie") // the feed's title is in the reader's language
	if err := f.WriteAtom(w); err != nil {
		m.s.Log.ErrorContext(ctx, "blog feed", "err", err)
	}
}

var (
	// link is a link as the report policy leaves it: an href and nofollow.
	link = regexp.MustCompile(`<a href="([^"]*)"[^>]*>(.*?)</a>`)
	// blockEnd ends a paragraph, heading, quote or list.
	blockEnd = regexp.MustCompile(`</(p|h[1-6]|blockquote|ul|ol|pre)>`)
	tag      = regexp.MustCompile(`<[^>]*>`)
	// tagLines are tags with the line breaks around them, which are only
	// layout of the HTML.
	tagLines = regexp.MustCompile(`\n*(<[^>]*>)\n*`)
	// blankLines are two or more line breaks with any spaces between.
	blankLines = regexp.MustCompile(`\n[ \t]*(\n[ \t]*)+`)
)

// readableText is a report as plain text for a feed reader: paragraphs
// apart, list items on their own lines, each link's address after its
// words. It starts from the sanitised HTML, so nothing the policy drops
// (scripts, javascript: links) comes back.
func readableText(src string) string {
	s := tagLines.ReplaceAllString(string(RenderMarkdown(src)), "$1")
	s = link.ReplaceAllStringFunc(s, func(a string) string {
		m := link.FindStringSubmatch(a)
		if m[2] == m[1] {
			return m[1]
		}
		return m[2] + " (" + m[1] + ")"
	})
	s = strings.NewReplacer("<br>", "\n", "<br/>", "\n", "<li>", "\n• ", "<hr>", "\n\n").Replace(s)
	s = blockEnd.ReplaceAllString(s, "\n\n")
	s = stdhtml.UnescapeString(tag.ReplaceAllString(s, ""))
	s = blankLines.ReplaceAllString(s, "\n\n")
	return strings.TrimSpace(s)
}
