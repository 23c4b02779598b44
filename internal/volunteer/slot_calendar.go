package volunteer

import (
	"context"
	"net/url"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/feed"
)

// CalendarEntries are the slots the person holds in shifts that overlap
// [from, to), for their personal calendar feed (app.CalendarSource). The
// UID is the helper row's, so a slot left and taken again is a new entry.
func (m *Module) CalendarEntries(ctx context.Context, userID string, from, to time.Time) ([]feed.Event, error) {
	mine, err := m.heldSlots(ctx, m.s.DB, userID, from, to)
	if err != nil {
		return nil, err
	}
	out := make([]feed.Event, len(mine))
	for i, x := range mine {
		out[i] = feed.Event{UID: x.Helper.ID + "@" + m.host(), Stamp: x.Shift.UpdatedAt, Start: x.Shift.Start,
			End: x.Shift.End, Summary: x.Slot.Task + " – " + x.Shift.Title, Location: x.Shift.Place, Lang: "de",
			URL: m.s.BaseURL + "/shifts/" + x.Shift.ID, Status: feed.Confirmed}
	}
	return out, nil
}

// Held is a slot a person holds, with its shift.
type Held struct {
	Shift  *Shift
	Slot   *Slot
	Helper Helper
}

// heldSlots lists the person's live places in shifts overlapping
// [from, to), soonest first.
func (m *Module) heldSlots(ctx context.Context, q db.Querier, userID string, from, to time.Time) ([]Held, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+shiftColumns+`, sl.id, sl.task, h.id, h.show_name, h.taken_at
FROM volunteer_helpers h JOIN volunteer_slots sl ON sl.id = h.slot_id JOIN volunteer_shifts sh ON sh.id = sl.shift_id
WHERE h.user_id = $1 AND h.left_at IS NULL AND sh.ends_at > $2 AND sh.starts_at < $3
ORDER BY sh.starts_at, sh.id`, userID, from, to)
	return db.Collect(rows, err, func(s db.Scanner) (Held, error) {
		x := Held{Slot: &Slot{}, Helper: Helper{UserID: userID}}
		var err error
		x.Shift, err = scanShift(db.WithExtra(s, &x.Slot.ID, &x.Slot.Task, &x.Helper.ID, &x.Helper.ShowName,
			&x.Helper.TakenAt))
		x.Slot.ShiftID, x.Helper.SlotID = x.Shift.ID, x.Slot.ID
		return x, err
	})
}

// host is the site's host name, for calendar UIDs.
func (m *Module) host() string {
	if u, err := url.Parse(m.s.BaseURL); err == nil && u.Host != "" {
		return u.Host
	}
	return "teilhabe.org"
}
