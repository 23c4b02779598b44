package event

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"

	"teilhabe.org/teilhabe/internal/searchdoc"
)

// SetIndex makes the module hand its events to a search index.
func (m *Module) SetIndex(ix searchdoc.Indexer) { m.index = ix }

// indexEvent hands the event to the search index in tx. A one-off event
// is one document, found until it ends; a series is one document per
// date that has not ended and is not cancelled, with that date's days, so
// that the date filters find the right dates and each result names and
// links its date. A cancelled event leaves the search.
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
	docs, err := m.searchDocsOf(ctx, tx, e)
	if err != nil {
		return err
	}
	gone, err := replaceSearchDates(ctx, tx, e.ID, docs)
	if err != nil {
		return err
	}
	if e.Repeat.Repeats() || len(docs) == 0 {
		gone = append(gone, e.ID)
	}
	for _, id := range gone {
		if err := m.index.Delete(ctx, tx, searchdoc.Event, id); err != nil {
			return err
		}
	}
	for _, d := range docs {
		if err := m.index.Put(ctx, tx, d); err != nil {
			return err
		}
	}
	return nil
}

// searchDocsOf is what search holds of the event now: nothing once it is
// cancelled or over, the event itself when it takes place once, each
// upcoming date that takes place of a series, named "<id>@<date>" and
// linking the event's page at that date. Results without a date filter
// show a series once: each later date waits until the one before is over.
func (m *Module) searchDocsOf(ctx context.Context, q db.Querier, e *Event) ([]searchdoc.Doc, error) {
	now := m.s.Clock.Now()
	if e.Status == Cancelled {
		return nil, nil
	}
	if !e.Repeat.Repeats() {
		if !e.Upcoming(now) {
			return nil, nil
		}
		return []searchdoc.Doc{m.eventDoc(ctx, e)}, nil
	}
	dates, _, err := m.datesOf(ctx, q, e)
	if err != nil {
		return nil, err
	}
	series := m.eventDoc(ctx, e)
	var docs []searchdoc.Doc
	var before *time.Time // the end of the date before, which a later date waits for
	for _, d := range dates {
		if d.Status == Cancelled || d.End.Before(now) {
			continue
		}
		doc := dateDoc(series, d)
		doc.ShownFrom = before
		docs = append(docs, doc)
		end := d.End
		before = &end
	}
	return docs, nil
}

// dateDoc is the series' document for one of its dates.
func dateDoc(series searchdoc.Doc, d *Event) searchdoc.Doc {
	start, end := d.Start, d.End
	startDay, endDay := clock.DayOf(d.Start), clock.DayOf(d.End)
	series.ID, series.URL = d.ID+"@"+d.Date, "/events/"+d.ID+"?date="+d.Date
	series.ExpiresAt, series.Deadline, series.Start, series.End = &end, &start, &startDay, &endDay
	return series
}

// replaceSearchDates records which dates of a series search holds now and
// returns the documents of those it held before and holds no more.
func replaceSearchDates(ctx context.Context, tx *sql.Tx, eventID string, docs []searchdoc.Doc) ([]string, error) {
	rows, err := tx.QueryContext(ctx, "SELECT day FROM event_search_dates WHERE event_id = $1", eventID)
	before, err := db.Collect(rows, err, func(s db.Scanner) (string, error) {
		var day string
		return day, s.Scan(&day)
	})
	if err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM event_search_dates WHERE event_id = $1", eventID); err != nil {
		return nil, db.Err(err)
	}
	now := map[string]bool{}
	for _, d := range docs {
		day, ok := strings.CutPrefix(d.ID, eventID+"@")
		if !ok {
			continue // the event itself
		}
		now[day] = true
		if _, err := tx.ExecContext(ctx, "INSERT INTO event_search_dates (event_id, day) VALUES ($1, $2)", eventID, day); err != nil {
			return nil, db.Err(err)
		}
	}
	var gone []string
	for _, day := range before {
		if !now[day] {
			gone = append(gone, eventID+"@"+day)
		}
	}
	return gone, nil
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

// SearchDocs yields every upcoming event that is not cancelled (each
// upcoming date of a series), soonest first, for rebuilding the search
// index (searchdoc.Source).
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
				e = full
			}
			docs, err := m.searchDocsOf(ctx, m.s.DB, e)
			if err != nil {
				return err
			}
			for _, d := range docs {
				if err := yield(d); err != nil {
					return err
				}
			}
			if e.Status != Cancelled {
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
