package blog

import (
	"net/http"

	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/web"
)

// blogData is what the blog shows.
type blogData struct {
	Kinds    []Kind // the owners' lists it links to
	Featured []entry
	Entries  []entry
	NextURL  string
}

// entry is a report with its owner and author for the blog.
type entry struct {
	*Report
	Subject *Subject // nil when its owner is gone
	About   string   // the message id before the subject's title
	Author  string
	Day     string // the day it was published, in the page's language
	L       *i18n.Localizer
}

// entries are the reports of a page for the request's language.
func (m *Module) entries(r *http.Request, reports []*Report) []entry {
	ctx := r.Context()
	out := make([]entry, 0, len(reports))
	l := m.localizer(ctx)
	for _, rep := range reports {
		e := entry{Report: rep, Author: m.author(ctx, rep), L: l, Day: web.FormatDate(l, *rep.PublishedAt)}
		if k, err := m.kind(rep.OwnerKind); err == nil {
			e.About = k.Words.About
			if s, err := k.Owner.About(ctx, rep.OwnerID); err == nil {
				e.Subject = s
			}
		}
		out = append(out, e)
	}
	return out
}

func (m *Module) blog(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("format") == "atom" {
		m.atom(w, r)
		return
	}
	page, err := m.List(r.Context(), false, DefaultLimit, q.Get("cursor"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	d := blogData{Entries: m.entries(r, page.Items)}
	for _, name := range m.order {
		d.Kinds = append(d.Kinds, m.kinds[name])
	}
	if page.Next != "" {
		d.NextURL = "/blog?cursor=" + page.Next
	}
	if q.Get("cursor") == "" {
		featured, err := m.List(r.Context(), true, 3, "")
		if err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
		d.Featured = m.entries(r, featured.Items)
	}
	m.s.Render.Page(w, r, http.StatusOK, "blog/blog", d, nil)
}
