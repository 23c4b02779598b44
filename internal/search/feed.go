package search

import (
	"net/http"
	"strings"

	"teilhabe.org/teilhabe/internal/feed"
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
	query := q.Values()
	page := m.s.BaseURL + "/search?" + query.Encode()
	query.Set("format", "atom")
	title := l.T("search.feed.title.all")
	if q.Q != "" {
		title = l.T("search.feed.title", "Query", q.Q)
	}
	f := &feed.Feed{ID: page, Title: title, Subtitle: l.T("search.feed.description"), Lang: l.Lang(),
		Updated: m.s.Clock.Now(), Author: feed.Person{Name: "teilhabe", URI: m.s.BaseURL + "/"},
		Self: m.s.BaseURL + "/search?" + query.Encode(), Page: page}
	for i, h := range res.Hits {
		link := m.s.BaseURL + h.URL
		if i == 0 || h.UpdatedAt.After(f.Updated) {
			f.Updated = h.UpdatedAt
		}
		f.Entries = append(f.Entries, feed.Entry{ID: link, Title: h.Title, Lang: h.Lang, Page: link,
			Published: h.CreatedAt, Updated: h.UpdatedAt, Summary: plainText(h.Snippet), Category: h.Category})
	}
	w.Header().Set("Content-Type", feed.AtomType)
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("Vary", "Accept-Language, Cookie") // the feed's title is in the reader's language
	if err := f.WriteAtom(w); err != nil {
		m.s.Log.ErrorContext(ctx, "write feed", "err", err)
	}
}

// calendar answers /search?format=ics: the dated results of the search
// (events, dates of series), soonest first, as an iCalendar file people
// subscribe to. Each entry spans its days and links its page, which has
// the exact times and a calendar file of its own.
func (m *Module) calendar(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q, err := QueryFrom(r.URL.Query())
	if err == nil {
		q.Sort, q.Cursor, q.Limit = SortEnding, "", feedSize
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
	name := l.T("search.feed.title.all")
	if q.Q != "" {
		name = l.T("search.feed.title", "Query", q.Q)
	}
	cal := &feed.Calendar{Name: name}
	host := strings.TrimPrefix(strings.TrimPrefix(m.s.BaseURL, "https://"), "http://")
	for _, h := range res.Hits {
		if h.Start == nil {
			continue
		}
		ev := feed.Event{UID: h.Type + "-" + h.ID + "@" + host, Stamp: h.UpdatedAt, Start: *h.Start, AllDay: true,
			Summary: h.Title, Lang: h.Lang, URL: m.s.BaseURL + h.URL,
			Location: strings.TrimSpace(h.Postcode + " " + h.Place)}
		if h.End != nil && !h.End.Equal(*h.Start) {
			ev.End = *h.End
		}
		cal.Events = append(cal.Events, ev)
	}
	w.Header().Set("Content-Type", feed.CalendarType)
	w.Header().Set("Cache-Control", "public, max-age=300")
	w.Header().Set("Vary", "Accept-Language, Cookie")
	if err := cal.WriteICS(w); err != nil {
		m.s.Log.ErrorContext(ctx, "write calendar", "err", err)
	}
}
