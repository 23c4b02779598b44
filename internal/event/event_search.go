package event

import (
	"context"
	"database/sql"

	"teilhabe.org/teilhabe/internal/clock"

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
	if e.Status == Cancelled || !e.Upcoming(m.s.Clock.Now()) {
		return m.index.Delete(ctx, tx, searchdoc.Event, e.ID)
	}
	return m.index.Put(ctx, tx, m.eventDoc(ctx, e))
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
		Visibility: searchdoc.Public, Postcode: e.Postcode, Place: e.Place, Lat: e.Lat, Lon: e.Lon,
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
	for {
		events, next, err := m.Page(ctx, f)
		if err != nil {
			return err
		}
		for _, e := range events {
			if e.Status != Cancelled {
				if err := yield(m.eventDoc(ctx, e)); err != nil {
					return err
				}
				if err := m.projectDocs(ctx, e, yield); err != nil {
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
