package search

import (
	"net/http"

	"github.com/gorilla/feeds"

	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/web"
)

// feedSize is how many results a feed carries.
const feedSize = 50

// feed answers /search?format=atom: the search's newest results (unless
// another order is asked for) as an Atom feed, as anybody sees them: a
// feed's address is shared and read without a session.
func (m *Module) feed(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q, err := QueryFrom(r.URL.Query())
	if err == nil {
		if q.Sort == "" {
			q.Sort = SortNewest
		}
		q.Cursor, q.Limit = "", feedSize
		err = q.Normalize()
	}
	var res *Result
	if err == nil {
		res, err = m.Search(ctx, q, Anyone)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	l := web.Localizer(ctx)
	if l == nil {
		l = m.s.Catalog.Localizer(i18n.Default)
	}
	self := m.s.BaseURL + "/search?" + q.Values().Encode()
	title := l.T("search.feed.title.all")
	if q.Q != "" {
		title = l.T("search.feed.title", "Query", q.Q)
	}
	f := &feeds.Feed{Title: title, Link: &feeds.Link{Href: self}, Id: self, Description: l.T("search.feed.description"),
		Updated: m.s.Clock.Now()}
	for _, h := range res.Hits {
		link := m.s.BaseURL + h.URL
		f.Add(&feeds.Item{Title: h.Title, Link: &feeds.Link{Href: link}, Id: link, Description: plainText(h.Snippet),
			Created: h.CreatedAt, Updated: h.UpdatedAt})
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	if err := f.WriteAtom(w); err != nil {
		m.s.Log.ErrorContext(ctx, "write feed", "err", err)
	}
}
