package event

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/notify"
)

// datesOf loads the event's changed dates and returns its dates.
func (m *Module) datesOf(ctx context.Context, q db.Querier, e *Event) ([]*Event, []DateChange, error) {
	changes, err := changesOfEvent(ctx, q, e.ID)
	if err != nil {
		return nil, nil, err
	}
	return e.Dates(changes), changes, nil
}

// reconcileDates keeps the registrations when a change of the event
// changes its dates: the first date's places go with it to its new day;
// a date with registrations never silently disappears (the organisers
// cancel or move it instead); changes of dates that are gone are dropped.
func (m *Module) reconcileDates(ctx context.Context, tx *sql.Tx, before, after *Event) error {
	oldDates, newDates := before.Dates(nil), after.Dates(nil)
	oldDays, newDays := map[string]bool{}, map[string]bool{}
	for _, d := range oldDates {
		oldDays[d.Date] = true
	}
	for _, d := range newDates {
		newDays[d.Date] = true
	}
	oldFirst, newFirst := oldDates[0].Date, newDates[0].Date
	if !newDays[oldFirst] && !oldDays[newFirst] {
		if err := capacity.Move(ctx, tx, datePool(before.ID, oldFirst), datePool(before.ID, newFirst)); err != nil {
			return err
		}
		if err := dropChange(ctx, tx, before.ID, oldFirst); err != nil {
			return err
		}
		oldDays[oldFirst] = false
	}
	for day, was := range oldDays {
		if !was || newDays[day] {
			continue
		}
		_, taken, waiting, err := capacity.Count(ctx, tx, datePool(before.ID, day))
		if err != nil {
			return err
		}
		if taken+waiting > 0 {
			return apperr.Field("start", "event.field.dates_have_registrations")
		}
		if err := dropChange(ctx, tx, before.ID, day); err != nil {
			return err
		}
	}
	return nil
}

// DateInfo is a date with its places.
type DateInfo struct {
	*Event
	Taken, Waiting int
}

// DateInfos lists the event's dates with their places taken and asked for
// in the waiting list; upcoming only drops the dates that have ended.
func (m *Module) DateInfos(ctx context.Context, eventID string, upcoming bool) (*Event, []DateInfo, error) {
	e, err := m.Get(ctx, eventID)
	if err != nil {
		return nil, nil, err
	}
	dates, _, err := m.datesOf(ctx, m.s.DB, e)
	if err != nil {
		return nil, nil, err
	}
	now := m.s.Clock.Now()
	var out []DateInfo
	for _, d := range dates {
		if upcoming && d.End.Before(now) {
			continue
		}
		info := DateInfo{Event: d}
		if e.Registration {
			if _, info.Taken, info.Waiting, err = capacity.Count(ctx, m.s.DB, poolOf(d)); err != nil {
				return nil, nil, err
			}
		}
		out = append(out, info)
	}
	return e, out, nil
}

// GetDate returns the event's date named day.
func (m *Module) GetDate(ctx context.Context, eventID, day string) (*Event, error) {
	if _, ok := parseDayKey(day); !ok {
		return nil, apperr.New(apperr.NotFound, "event.date.none")
	}
	return m.dateFor(ctx, m.s.DB, eventID, day)
}

// DateUpdate is what organisers change about one date: its status
// (scheduled again, cancelled or moved) and, when moved, its new time.
type DateUpdate struct {
	Status     Status
	Start, End time.Time
}

// dateMoved is the notice to everybody registered or waiting for a date
// that was moved.
var dateMoved = notify.Kind{Name: "event/date_moved", Subject: "event.mail.date_moved.subject",
	Greeting: "event.mail.greeting", Body: []string{"event.mail.date_moved.body"}, Action: "event.mail.open",
	Footer: "event.mail.footer"}

// dateCancelled is the notice to everybody registered or waiting for a
// date that was cancelled.
var dateCancelled = notify.Kind{Name: "event/date_cancelled", Subject: "event.mail.date_cancelled.subject",
	Greeting: "event.mail.greeting", Body: []string{"event.mail.date_cancelled.body"}, Action: "event.mail.open",
	Footer: "event.mail.footer", Required: true}

// UpdateDate cancels a single date of a series, moves it to another
// time or lets it take place as the rule says again; everybody registered
// or waiting for it is told of a cancellation or a move in their
// language. For a one-off event, cancelling or moving the date is
// cancelling or moving the event.
func (m *Module) UpdateDate(ctx context.Context, actor *auth.Identity, eventID, day string, u DateUpdate) (*Event, error) {
	e, err := m.manageable(ctx, m.s.DB, actor, eventID)
	if err != nil {
		return nil, err
	}
	if _, err := m.GetDate(ctx, eventID, day); err != nil {
		return nil, err
	}
	if !e.Repeat.Repeats() {
		return m.updateOneOffDate(ctx, actor, e, u)
	}
	f := apperr.Fields{}
	switch u.Status {
	case Scheduled, Cancelled:
	case Moved:
		checkMove(f, u, m.s.Clock.Now())
	default:
		f.Add("status", "form.invalid_choice")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	var out *Event
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if e, err = m.manageable(ctx, tx, actor, eventID); err != nil {
			return err
		}
		now := m.s.Clock.Now()
		change := DateChange{Day: day, Status: u.Status, Start: u.Start.UTC(), End: u.End.UTC(), UpdatedAt: now}
		if u.Status == Scheduled {
			err = dropChange(ctx, tx, e.ID, day)
		} else {
			if u.Status == Cancelled {
				d, _ := e.DateOf(nil, day)
				change.Start, change.End = d.Start, d.End
			}
			err = putChange(ctx, tx, e.ID, change)
		}
		if err != nil {
			return err
		}
		e.UpdatedAt = now
		if _, err := tx.ExecContext(ctx, `UPDATE events SET updated_at = $1 WHERE id = $2`, now, e.ID); err != nil {
			return db.Err(err)
		}
		dates, changes, err := m.datesOf(ctx, tx, e)
		if err != nil {
			return err
		}
		if err := writeSpan(ctx, tx, e, changes); err != nil {
			return err
		}
		out, _ = e.DateOf(changes, day)
		if err := m.tellDate(ctx, tx, out, now); err != nil {
			return err
		}
		if err := m.syncLimits(ctx, tx, e, dates); err != nil {
			return err
		}
		return m.indexEvent(ctx, tx, e)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// checkMove checks a date's new time: both given, in order, not in the
// past, no longer than an event may last.
func checkMove(f apperr.Fields, u DateUpdate, now time.Time) {
	switch {
	case u.Start.IsZero():
		f.Add("start", "form.required")
	case u.End.IsZero():
		f.Add("end", "form.required")
	case u.End.Before(u.Start):
		f.Add("end", "event.field.end_before_start")
	case u.End.Sub(u.Start) > maxSpan:
		f.Add("end", "event.field.too_long")
	case u.Start.Before(now):
		f.Add("start", "event.field.start_past")
	}
}

// updateOneOffDate is UpdateDate for the only date of a one-off event.
func (m *Module) updateOneOffDate(ctx context.Context, actor *auth.Identity, e *Event, u DateUpdate) (*Event, error) {
	var err error
	switch u.Status {
	case Cancelled:
		e, err = m.Cancel(ctx, actor, e.ID)
	case Moved:
		f := apperr.Fields{}
		checkMove(f, u, m.s.Clock.Now())
		if err := f.Err(); err != nil {
			return nil, err
		}
		e, err = m.Update(ctx, actor, e.ID, func(d Draft) Draft { d.Start, d.End = u.Start, u.End; return d })
	case Scheduled:
	default:
		return nil, apperr.Field("status", "form.invalid_choice")
	}
	if err != nil {
		return nil, err
	}
	return e.Dates(nil)[0], nil
}

// tellDate tells everybody registered or waiting for the date d that it
// was cancelled or moved, in tx.
func (m *Module) tellDate(ctx context.Context, tx *sql.Tx, d *Event, now time.Time) error {
	kind := dateCancelled
	switch d.Status {
	case Cancelled:
	case Moved:
		kind = dateMoved
	default:
		return nil
	}
	claims, err := capacity.List(ctx, tx, poolOf(d))
	if err != nil || len(claims) == 0 {
		return err
	}
	to := make([]string, len(claims))
	for i, c := range claims {
		to[i] = c.Holder
	}
	return m.s.Notify.Send(ctx, tx, notify.Notice{Kind: kind, Item: notify.Item{Type: "event", ID: d.ID},
		Link: d.Path(), To: to, Params: []any{"Title", d.Title, "Start", d.Start}}, now)
}

// tellMoved tells the people of each upcoming date whose time the change
// of the event moved; the first date counts as the same date on its new
// day.
func (m *Module) tellMoved(ctx context.Context, tx *sql.Tx, before, after []*Event) error {
	now := m.s.Clock.Now()
	was := map[string]*Event{}
	for _, d := range before {
		was[d.Date] = d
	}
	for i, d := range after {
		old, ok := was[d.Date]
		if !ok && i == 0 {
			old, ok = before[0], true
		}
		if !ok || d.End.Before(now) || d.Status == Cancelled || (old.Start.Equal(d.Start) && old.End.Equal(d.End)) {
			continue
		}
		moved := *d
		moved.Status = Moved
		if err := m.tellDate(ctx, tx, &moved, now); err != nil {
			return err
		}
	}
	return nil
}
