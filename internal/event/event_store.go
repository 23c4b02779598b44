package event

import (
	"context"
	"database/sql"
	"sort"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/paging"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
)

// eventColumns is the column list scanEvent reads, prefixed "e.".
const eventColumns = `e.id, e.organization_id, COALESCE(CAST(e.created_by AS TEXT), ''), e.title, e.description, e.kind,
	e.status, e.starts_at, e.ends_at, e.all_day, e.place_kind, e.street, e.postcode, e.place, e.lat, e.lon, e.online_url,
	e.content_lang, e.accessibility, e.cost, e.capacity, e.registration, e.registration_opens, e.registration_closes,
	e.created_at, e.updated_at, e.cancelled_at, e.repeat_freq, e.repeat_by, e.repeat_until, e.repeat_count, e.category,
	e.municipality`

func scanEvent(row db.Scanner) (*Event, error) {
	e := &Event{}
	var kind, status, placeKind string
	var lat, lon sql.NullFloat64
	var opens, closes, cancelled, until sql.NullTime
	var freq, by string
	err := row.Scan(&e.ID, &e.OrganizationID, &e.CreatedBy, &e.Title, &e.Description, &kind, &status, &e.Start, &e.End,
		&e.AllDay, &placeKind, &e.Street, &e.Postcode, &e.Place, &lat, &lon, &e.OnlineURL, &e.ContentLang,
		&e.Accessibility, &e.Cost, &e.Capacity, &e.Registration, &opens, &closes, &e.CreatedAt, &e.UpdatedAt, &cancelled,
		&freq, &by, &until, &e.Repeat.Count, &e.Category, &e.Municipality)
	if err != nil {
		return nil, db.Err(err)
	}
	e.Kind, e.Status, e.PlaceKind = Kind(kind), Status(status), PlaceKind(placeKind)
	e.Repeat.Freq, e.Repeat.By, e.Repeat.Until = Freq(freq), MonthlyBy(by), db.TimePtr(until)
	if e.Repeat.Until != nil {
		*e.Repeat.Until = clock.DayOf(*e.Repeat.Until)
	}
	if lat.Valid && lon.Valid {
		e.Lat, e.Lon = &lat.Float64, &lon.Float64
	}
	e.RegOpens, e.RegCloses, e.CancelledAt = db.TimePtr(opens), db.TimePtr(closes), db.TimePtr(cancelled)
	e.Start, e.End, e.CreatedAt, e.UpdatedAt = e.Start.UTC(), e.End.UTC(), e.CreatedAt.UTC(), e.UpdatedAt.UTC()
	return e, nil
}

// getEvent loads an event with its languages.
func getEvent(ctx context.Context, q db.Querier, id string) (*Event, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	e, err := scanEvent(q.QueryRowContext(ctx, "SELECT "+eventColumns+" FROM events e WHERE e.id = $1", id))
	if err != nil {
		return nil, err
	}
	if err := withLanguages(ctx, q, []*Event{e}); err != nil {
		return nil, err
	}
	if err := withImages(ctx, q, []*Event{e}); err != nil {
		return nil, err
	}
	return e, nil
}

// withLanguages fills in the spoken languages of the events.
func withLanguages(ctx context.Context, q db.Querier, events []*Event) error {
	if len(events) == 0 {
		return nil
	}
	byID := map[string]*Event{}
	keys := make([]string, len(events))
	for i, e := range events {
		byID[e.ID], keys[i] = e, e.ID
	}
	marks, args := db.In(1, keys)
	rows, err := q.QueryContext(ctx, "SELECT event_id, lang FROM event_languages WHERE event_id IN ("+marks+") ORDER BY event_id, lang", args...)
	err = db.Each(rows, err, func(s db.Scanner) error {
		var id, lang string
		if err := s.Scan(&id, &lang); err != nil {
			return err
		}
		byID[id].Languages = append(byID[id].Languages, lang)
		return nil
	})
	for _, e := range events {
		e.Languages = text.SortLanguages(e.Languages)
	}
	return err
}

func insertEvent(ctx context.Context, tx *sql.Tx, e *Event) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO events (id, organization_id, created_by, title, description, kind, status,
		starts_at, ends_at, all_day, place_kind, street, postcode, place, lat, lon, online_url, content_lang,
		accessibility, cost, capacity, registration, registration_opens, registration_closes, created_at, updated_at,
		repeat_freq, repeat_by, repeat_until, repeat_count, category, municipality)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22,
		$23, $24, $25, $26, $27, $28, $29, $30, $31, $32)`,
		e.ID, e.OrganizationID, db.NullString(e.CreatedBy), e.Title, e.Description, string(e.Kind), string(e.Status),
		e.Start, e.End, e.AllDay, string(e.PlaceKind), e.Street, e.Postcode, e.Place, db.NullPtr(e.Lat), db.NullPtr(e.Lon),
		e.OnlineURL, e.ContentLang, e.Accessibility, e.Cost, e.Capacity, e.Registration, db.NullPtr(e.RegOpens),
		db.NullPtr(e.RegCloses), e.CreatedAt, e.UpdatedAt, string(e.Repeat.Freq), string(e.Repeat.By),
		db.NullPtr(e.Repeat.Until), e.Repeat.Count, e.Category, e.Municipality)
	if err != nil {
		return db.Err(err)
	}
	return setLanguages(ctx, tx, e.ID, e.Languages)
}

// updateEvent writes what organisers may change and the status.
func updateEvent(ctx context.Context, tx *sql.Tx, e *Event) error {
	_, err := tx.ExecContext(ctx, `UPDATE events SET title = $1, description = $2, kind = $3, status = $4,
		starts_at = $5, ends_at = $6, all_day = $7, place_kind = $8, street = $9, postcode = $10, place = $11, lat = $12,
		lon = $13, online_url = $14, content_lang = $15, accessibility = $16, cost = $17, capacity = $18,
		registration = $19, registration_opens = $20, registration_closes = $21, updated_at = $22, cancelled_at = $23,
		repeat_freq = $25, repeat_by = $26, repeat_until = $27, repeat_count = $28, category = $29, municipality = $30
		WHERE id = $24`,
		e.Title, e.Description, string(e.Kind), string(e.Status), e.Start, e.End, e.AllDay, string(e.PlaceKind), e.Street,
		e.Postcode, e.Place, db.NullPtr(e.Lat), db.NullPtr(e.Lon), e.OnlineURL, e.ContentLang, e.Accessibility, e.Cost,
		e.Capacity, e.Registration, db.NullPtr(e.RegOpens), db.NullPtr(e.RegCloses), e.UpdatedAt, db.NullPtr(e.CancelledAt),
		e.ID, string(e.Repeat.Freq), string(e.Repeat.By), db.NullPtr(e.Repeat.Until), e.Repeat.Count, e.Category,
		e.Municipality)
	if err != nil {
		return db.Err(err)
	}
	return setLanguages(ctx, tx, e.ID, e.Languages)
}

func setLanguages(ctx context.Context, tx *sql.Tx, id string, langs []string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM event_languages WHERE event_id = $1", id); err != nil {
		return db.Err(err)
	}
	for _, l := range langs {
		if _, err := tx.ExecContext(ctx, "INSERT INTO event_languages (event_id, lang) VALUES ($1, $2)", id, l); err != nil {
			return db.Err(err)
		}
	}
	return nil
}

// Filter selects events of a list: those that have not ended by Now and
// overlap the days From to To (both optional, Europe/Berlin), of a kind,
// of a category (with its subcategories), in a language (written or
// spoken), within RadiusKm of Near, in a municipality, of an organisation.
type Filter struct {
	Kind           Kind
	Category       string     // a taxonomy id
	From, To       *time.Time // date values (clock.Date)
	Lang           string
	Near           string // a postcode or place
	RadiusKm       int    // around Near; 0: geo.DefaultRadiusKm
	Municipality   string // a municipality's key (AGS)
	OrganizationID string
	Limit          int
	Cursor         string  // where the page starts (paging), from the previous page
	area           *around // Near resolved (Module.locate)
}

// cursorOrder names the order of event lists for their cursors.
const cursorOrder = "event.start"

// maxList bounds a list; the month view shows at most a month of events.
const maxList = 500

// listEvents returns the dates (Event.Dates) of the events of f that have
// not ended by now, soonest first, and the cursor of the next page (""
// on the last). Events are read in the order their span begins, a batch
// at a time, until no later event can have a date before the page's last.
func listEvents(ctx context.Context, q db.Querier, f Filter, now time.Time) ([]*Event, string, error) {
	var from, to time.Time
	if f.From != nil {
		from = clock.StartOfDay(*f.From)
	}
	if f.To != nil {
		to = clock.StartOfDay(f.To.AddDate(0, 0, 1))
	}
	var afterAt time.Time
	var afterID string
	if f.Cursor != "" {
		r := paging.Read(cursorOrder, f.Cursor)
		afterAt, afterID = r.Time(), r.ID()
		if err := r.Err(); err != nil {
			return nil, "", err
		}
	}
	limit := f.Limit
	if limit <= 0 || limit > maxList {
		limit = maxList
	}
	var dates []*Event
	var lastStart time.Time
	lastID := ""
	for {
		var w db.Where
		w.Add("e.span_ends_at >= ?", now)
		if f.Kind != "" {
			w.Add("e.kind = ?", string(f.Kind))
		}
		if !from.IsZero() {
			w.Add("e.span_ends_at >= ?", from)
		}
		if !to.IsZero() {
			w.Add("e.span_starts_at < ?", to)
		}
		if f.Category != "" {
			w.Add("e.category IN (?)", taxonomy.Default().AndBelow(f.Category))
		}
		if f.Municipality != "" {
			w.Add("e.municipality = ?", f.Municipality)
		}
		if a := f.area; a != nil && a.place != nil {
			// A box around the circle in SQL; around.keeps decides.
			minLat, maxLat, minLon, maxLon := geo.Box(a.place.Lat, a.place.Lon, a.km)
			w.Add("e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?", minLat, maxLat, minLon, maxLon)
		}
		if f.Lang != "" {
			w.Add("(e.content_lang = ? OR EXISTS (SELECT 1 FROM event_languages l WHERE l.event_id = e.id AND l.lang = ?))", f.Lang, f.Lang)
		}
		if f.OrganizationID != "" {
			w.Add("e.organization_id = ?", f.OrganizationID)
		}
		if !afterAt.IsZero() {
			w.Add("e.span_ends_at >= ?", afterAt)
		}
		if lastID != "" {
			w.Add("(e.span_starts_at > ? OR (e.span_starts_at = ? AND e.id > ?))", lastStart, lastStart, lastID)
		}
		batch := limit + 1
		rows, err := q.QueryContext(ctx, "SELECT "+eventColumns+", e.span_starts_at FROM events e"+w.SQL()+
			" ORDER BY e.span_starts_at, e.id LIMIT "+w.Arg(batch), w.Args()...)
		var spanStarts []time.Time
		events, err := db.Collect(rows, err, func(s db.Scanner) (*Event, error) {
			var at time.Time
			e, err := scanEvent(db.WithExtra(s, &at))
			spanStarts = append(spanStarts, at.UTC())
			return e, err
		})
		if err != nil {
			return nil, "", err
		}
		if err := withLanguages(ctx, q, events); err != nil {
			return nil, "", err
		}
		if err := withImages(ctx, q, events); err != nil {
			return nil, "", err
		}
		ids := make([]string, len(events))
		for i, e := range events {
			ids[i] = e.ID
		}
		changes, err := changesOf(ctx, q, ids)
		if err != nil {
			return nil, "", err
		}
		for _, e := range events {
			if !f.area.keeps(e) {
				continue
			}
			for _, d := range e.Dates(changes[e.ID]) {
				if d.End.Before(now) || (!from.IsZero() && d.End.Before(from)) || (!to.IsZero() && !d.Start.Before(to)) {
					continue
				}
				if !afterAt.IsZero() && (d.Start.Before(afterAt) || (d.Start.Equal(afterAt) && d.ID <= afterID)) {
					continue
				}
				dates = append(dates, d)
			}
		}
		sort.SliceStable(dates, func(i, j int) bool {
			if !dates[i].Start.Equal(dates[j].Start) {
				return dates[i].Start.Before(dates[j].Start)
			}
			return dates[i].ID < dates[j].ID
		})
		if len(events) < batch {
			break
		}
		lastStart, lastID = spanStarts[len(spanStarts)-1], events[len(events)-1].ID
		if len(dates) > limit && dates[limit].Start.Before(lastStart) {
			break
		}
	}
	next := ""
	if len(dates) > limit {
		dates = dates[:limit]
		last := dates[limit-1]
		next = paging.New(cursorOrder).Time(last.Start).ID(last.ID).String()
	}
	return dates, next, nil
}
