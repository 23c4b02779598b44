package event

import (
	"context"
	"database/sql"

	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"

	"teilhabe.org/teilhabe/internal/searchdoc"
)

// SetIndex makes the module hand its events to a search index.
func (m *Module) SetIndex(ix searchdoc.Indexer) { m.index = ix }

// indexEvent hands the event to the search index in tx. Search finds it
// until it ends; a cancelled event leaves the search.
func (m *Module) indexEvent(ctx context.Context, tx *sql.Tx, e *Event) error {
	if m.index == nil {
		return nil
	}
	if err := m.indexDayProjects(ctx, tx, e); err != nil {
		return err
	}
	if err := m.indexSessions(ctx, tx, e); err != nil {
		return err
	}
	whole, err := m.wholeSpan(ctx, tx, e)
	if err != nil {
		return err
	}
	if e.Status == Cancelled || !whole.Upcoming(m.s.Clock.Now()) {
		return m.index.Delete(ctx, tx, searchdoc.Event, e.ID)
	}
	return m.index.Put(ctx, tx, m.eventDoc(ctx, whole))
}

// wholeSpan is the event as search shows it: a series from its next date
// that takes place to its last, so a search by days finds it on any of
// them; a one-off event as it is.
func (m *Module) wholeSpan(ctx context.Context, q db.Querier, e *Event) (*Event, error) {
	if !e.Repeat.Repeats() {
		return e, nil
	}
	dates, _, err := m.datesOf(ctx, q, e)
	if err != nil {
		return nil, err
	}
	whole := *e
	whole.Date = ""
	now := m.s.Clock.Now()
	first := true
	for _, d := range dates {
		if d.Status == Cancelled || d.End.Before(now) {
			continue
		}
		if first {
			whole.Start, first = d.Start, false
		}
		whole.End = d.End
	}
	return &whole, nil
}

// SearchTypes: events are found as type "event".
func (m *Module) SearchTypes() []searchdoc.Type {
	return []searchdoc.Type{{Name: searchdoc.Event, Label: "search.type.event", Order: 60}}
}

// eventDoc is what search shows of an event: what its page shows
// everybody, never the online link. It is found until the event ends.
func (m *Module) eventDoc(ctx context.Context, e *Event) searchdoc.Doc {
	end, start := e.End, e.Start
	startDay, endDay := clock.DayOf(e.Start), clock.DayOf(e.End)
	d := searchdoc.Doc{
		Type: searchdoc.Event, ID: e.ID, Title: e.Title, Body: e.Description, Lang: e.ContentLang, Langs: e.Languages,
		Category: e.Category, Visibility: searchdoc.Public, Postcode: e.Postcode, Place: e.Place, Lat: e.Lat, Lon: e.Lon,
		CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt, ExpiresAt: &end, Deadline: &start,
		Start: &startDay, End: &endDay, URL: "/events/" + e.ID,
	}
	if s, err := m.orgs.StandingOf(ctx, e.OrganizationID, ""); err == nil {
		d.OrgKind, d.Verified = s.Kind, s.Verified
	}
	return d
}

// SearchDocs yields every upcoming event that is not cancelled, soonest
// first, for rebuilding the search index (searchdoc.Source).
func (m *Module) SearchDocs(ctx context.Context, yield func(searchdoc.Doc) error) error {
	f := Filter{Limit: maxList}
	seen := map[string]bool{}
	for {
		events, next, err := m.Page(ctx, f)
		if err != nil {
			return err
		}
		for _, e := range events {
			if seen[e.ID] {
				continue
			}
			seen[e.ID] = true
			if e.Repeat.Repeats() {
				full, err := m.Get(ctx, e.ID)
				if err != nil {
					return err
				}
				if e, err = m.wholeSpan(ctx, m.s.DB, full); err != nil {
					return err
				}
			}
			if e.Status != Cancelled {
				if err := yield(m.eventDoc(ctx, e)); err != nil {
					return err
				}
				if err := m.projectDocs(ctx, e, yield); err != nil {
					return err
				}
				if err := m.sessionDocs(ctx, e, yield); err != nil {
					return err
				}
			}
		}
		if next == "" {
			return nil
		}
		f.Cursor = next
	}
}
