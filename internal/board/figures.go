package board

import (
	"context"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/db"
)

// The board's answers to app.RequestFigures: requests counted from its own
// tables for the coordination office.

var _ app.RequestFigures = (*Module)(nil)

// inPostcodes adds the region's condition on l.postcode to w.
func inPostcodes(w *db.Where, where app.Postcodes) {
	if where.All {
		return
	}
	if len(where.List) == 0 {
		w.Add("1 = 0")
		return
	}
	w.Add("l.postcode IN (?)", where.List)
}

// OpenRequests counts the live requests by category and postcode.
func (m *Module) OpenRequests(ctx context.Context, now time.Time, where app.Postcodes) ([]app.OpenRequests, error) {
	var w db.Where
	w.Add(liveRequestArg, now)
	inPostcodes(&w, where)
	rs, err := m.s.DB.QueryContext(ctx, `SELECT l.category, l.postcode, count(*) FROM listings l`+w.SQL()+`
		GROUP BY l.category, l.postcode ORDER BY l.category, l.postcode`, w.Args()...)
	return db.Collect(rs, err, func(s db.Scanner) (app.OpenRequests, error) {
		var o app.OpenRequests
		err := s.Scan(&o.Category, &o.Postcode, &o.Count)
		return o, err
	})
}

// liveRequestArg is liveRequest with the moment as the Where's placeholder.
const liveRequestArg = `l.kind = 'request' AND l.status = 'open' AND l.hidden = FALSE AND l.held = FALSE
	AND l.removed_at IS NULL AND l.expires_at > ?`

// WaitingRequests counts the live requests created before before without
// any response and lists the oldest limit of them.
func (m *Module) WaitingRequests(ctx context.Context, now, before time.Time, where app.Postcodes, limit int) (int, []app.WaitingRequest, error) {
	var w db.Where
	w.Add(liveRequestArg, now)
	w.Add("l.created_at < ?", before)
	w.Add("NOT EXISTS (SELECT 1 FROM listing_responses r WHERE r.listing_id = l.id)")
	inPostcodes(&w, where)
	var total int
	if err := m.s.DB.QueryRowContext(ctx, "SELECT count(*) FROM listings l"+w.SQL(), w.Args()...).Scan(&total); err != nil {
		return 0, nil, db.Err(err)
	}
	if total == 0 || limit <= 0 {
		return total, nil, nil
	}
	limitMark := w.Arg(limit)
	rs, err := m.s.DB.QueryContext(ctx, `SELECT l.id, l.title, l.category, l.postcode, l.place, l.content_lang, l.created_at
		FROM listings l`+w.SQL()+` ORDER BY l.created_at, l.id LIMIT `+limitMark, w.Args()...)
	list, err := db.Collect(rs, err, func(s db.Scanner) (app.WaitingRequest, error) {
		var r app.WaitingRequest
		err := s.Scan(&r.ID, &r.Title, &r.Category, &r.Postcode, &r.Place, &r.ContentLang, &r.CreatedAt)
		r.CreatedAt = r.CreatedAt.UTC()
		r.Link = "/listings/" + r.ID
		return r, err
	})
	return total, list, err
}

// RequestTimings lists the requests created in [from, to) that are not
// hidden or removed, with their first response and first acceptance.
func (m *Module) RequestTimings(ctx context.Context, from, to time.Time, where app.Postcodes) ([]app.RequestTiming, error) {
	var w db.Where
	w.Add("l.kind = 'request' AND l.hidden = FALSE AND l.removed_at IS NULL")
	w.Add("l.created_at >= ? AND l.created_at < ?", from, to)
	inPostcodes(&w, where)
	rs, err := m.s.DB.QueryContext(ctx, `SELECT l.id, l.category, l.postcode, l.created_at,
			(SELECT min(r.created_at) FROM listing_responses r WHERE r.listing_id = l.id),
			(SELECT min(r.decided_at) FROM listing_responses r WHERE r.listing_id = l.id AND r.status = 'accepted')
		FROM listings l`+w.SQL()+` ORDER BY l.created_at, l.id`, w.Args()...)
	return db.Collect(rs, err, func(s db.Scanner) (app.RequestTiming, error) {
		var r app.RequestTiming
		var first, accepted any
		err := s.Scan(&r.ID, &r.Category, &r.Postcode, &r.CreatedAt, &first, &accepted)
		r.CreatedAt = r.CreatedAt.UTC()
		r.FirstResponse, r.Accepted = db.TimeOf(first), db.TimeOf(accepted)
		return r, err
	})
}
