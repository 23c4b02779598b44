package board

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/jobs"
	"teilhabe.org/teilhabe/internal/notify"
	"teilhabe.org/teilhabe/internal/secrets"
)

// The life of a listing: open until its poster marks it fulfilled or
// withdraws it, or until it expires (after DefaultLifetimeDays, or up to
// MaxLifetimeDays as the poster chose). ReminderBefore the end the poster
// gets a mail with a link that extends it by ExtendDays: the link works
// once, without logging in, and opens a page with a button (so a mail
// program that opens links to check them extends nothing). Logged in, the
// poster extends with a button on the listing page or /me/listings, or
// with POST /api/v1/listings/{id}/extend. An expired listing leaves the
// board and search but stays visible to its poster, who may extend it
// again.

// lifecycleEvery is how often expiry and reminders run.
const lifecycleEvery = 15 * time.Minute

// lifecycleBatch bounds the listings one run handles in one transaction.
const lifecycleBatch = 200

func (m *Module) lifecycleJobs() []jobs.Job {
	return []jobs.Job{
		{Name: "board.listings.expire", Every: lifecycleEvery, Run: m.expireListings},
		{Name: "board.listings.remind", Every: lifecycleEvery, Run: m.remindListings},
		{Name: "board.listings.locate", Every: time.Hour, Run: m.locateListings},
	}
}

// locateListings gives open listings posted before postcode data was
// imported their coordinates, so they take part in radius searches. A
// listing whose place stays unknown is tried again next hour, at most for
// its lifetime.
func (m *Module) locateListings(ctx context.Context, now time.Time) error {
	if m.places == nil {
		return nil
	}
	if ok, err := m.places.Imported(ctx); err != nil || !ok {
		return err
	}
	rows, err := m.s.DB.QueryContext(ctx, `SELECT id, postcode, place FROM listings WHERE removed_at IS NULL
		AND status = 'open' AND lat IS NULL AND (postcode <> '' OR place <> '') ORDER BY created_at, id LIMIT `+
		strconv.Itoa(lifecycleBatch))
	type todo struct{ id, postcode, place string }
	list, err := db.Collect(rows, err, func(row db.Scanner) (todo, error) {
		var t todo
		err := row.Scan(&t.id, &t.postcode, &t.place)
		return t, err
	})
	if err != nil {
		return err
	}
	for _, t := range list {
		p, err := m.places.Resolve(ctx, strings.TrimSpace(t.postcode+" "+t.place))
		if apperr.Is(err, apperr.NotFound) || apperr.Is(err, apperr.Invalid) {
			continue
		}
		if err != nil {
			return err
		}
		err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, "UPDATE listings SET lat = $1, lon = $2 WHERE id = $3 AND lat IS NULL",
				p.Lat, p.Lon, t.id); err != nil {
				return err
			}
			return m.indexListing(ctx, tx, t.id)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// dueIDs returns ids of listings matching cond (with $1 = now).
func (m *Module) dueIDs(ctx context.Context, cond string, now time.Time, extra ...any) ([]string, error) {
	rows, err := m.s.DB.QueryContext(ctx, "SELECT id FROM listings WHERE removed_at IS NULL AND "+cond+
		" ORDER BY expires_at, id LIMIT "+strconv.Itoa(lifecycleBatch), append([]any{now}, extra...)...)
	return db.Collect(rows, err, db.Value[string])
}

// expireListings closes open listings whose time is up, recording the
// change without an editor.
func (m *Module) expireListings(ctx context.Context, now time.Time) error {
	for {
		due, err := m.dueIDs(ctx, "status = 'open' AND expires_at <= $1", now)
		if err != nil || len(due) == 0 {
			return err
		}
		err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
			for _, id := range due {
				res, err := tx.ExecContext(ctx, `UPDATE listings SET status = $1, closed_at = expires_at
					WHERE id = $2 AND status = $3 AND expires_at <= $4`, string(Expired), id, string(Open), now)
				if err != nil {
					return err
				}
				if n, _ := res.RowsAffected(); n == 0 {
					continue // extended meanwhile
				}
				if err := insertChange(ctx, tx, id, "", now, map[string]FieldChange{"status": {From: string(Open), To: string(Expired)}}); err != nil {
					return err
				}
				if err := m.indexListing(ctx, tx, id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		if len(due) < lifecycleBatch {
			return nil
		}
	}
}

// remindListings mails the posters of listings that end within
// ReminderBefore, once per listing and end, with a single-use link that
// extends it. Hidden listings get no reminder; a poster whose account is
// gone none either.
func (m *Module) remindListings(ctx context.Context, now time.Time) error {
	for {
		due, err := m.dueIDs(ctx, "status = 'open' AND hidden = FALSE AND reminded_at IS NULL AND expires_at > $1 AND expires_at <= $2",
			now, now.Add(ReminderBefore))
		if err != nil || len(due) == 0 {
			return err
		}
		for _, id := range due {
			if err := m.remind(ctx, id, now); err != nil {
				return err
			}
		}
		if len(due) < lifecycleBatch {
			return nil
		}
	}
}

// remind mails one reminder in its own transaction.
func (m *Module) remind(ctx context.Context, id string, now time.Time) error {
	l, err := getListing(ctx, m.s.DB, id)
	if err != nil {
		return err
	}
	// A poster who left the organisation gets no extend link.
	manages := m.posterManages(ctx, l)
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		secret, hash := secrets.New()
		res, err := tx.ExecContext(ctx, `UPDATE listings SET reminded_at = $1, extend_hash = $2
			WHERE id = $3 AND reminded_at IS NULL AND status = $4`, now, hash, id, string(Open))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 || !manages {
			return nil
		}
		return m.s.Notify.Send(ctx, tx, m.reminder(l, secret), now)
	})
}

// listingEnds reminds the poster that a listing ends soon.
var listingEnds = notify.Kind{
	Name:     "board/listing_ends",
	Subject:  "board.reminder.subject",
	Greeting: "board.reminder.greeting",
	Body:     []string{"board.reminder.body", "board.reminder.extend", "board.reminder.manage"},
	Action:   "board.extend",
	Footer:   "board.reminder.footer",
}

// reminder is the notice that l ends soon. Its mail's button extends the
// listing with the single-use secret, which the notice itself never keeps.
func (m *Module) reminder(l *Listing, secret string) notify.Notice {
	return notify.Notice{
		Kind:   listingEnds,
		Item:   notify.Item{Type: "listing", ID: l.ID},
		Link:   "/listings/" + l.ID,
		To:     []string{l.PosterID},
		Params: []any{"Title", l.Title, "Date", l.ExpiresAt, "Count", ExtendDays},
		Mail: notify.Mail{
			Link: "/listings/" + l.ID + "/extend/" + secret,
			Args: []any{"URL", m.s.BaseURL + "/me/listings"},
		},
	}
}
