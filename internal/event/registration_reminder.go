package event

import (
	"bytes"
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/feed"
	"teilhabe.org/teilhabe/internal/jobs"
	"teilhabe.org/teilhabe/internal/mail"
	"teilhabe.org/teilhabe/internal/notify"
)

// The day before an event, everybody registered gets a reminder in their
// language with the place (or the online link, which only participants
// see) and the date as an iCalendar attachment, with a link to the
// event's calendar file besides.

// reminded is the reminder the day before.
var reminded = notify.Kind{Name: "event/reminder", Subject: "event.mail.reminder.subject",
	Greeting: "event.mail.greeting", Body: []string{"event.mail.reminder.body", "event.mail.reminder.where",
		"event.mail.reminder.calendar"}, Action: "event.mail.open", Footer: "event.mail.footer"}

// remindAhead is how long before its start an event's participants are
// reminded.
const remindAhead = 24 * time.Hour

// reminderJob looks for events to remind of; a run every quarter hour
// reminds each participant about a day ahead.
func (m *Module) reminderJob() jobs.Job {
	return jobs.Job{Name: "event.reminders", Every: 15 * time.Minute, Run: m.remindDue}
}

// remindDue reminds the participants of dates that begin within a day
// and were not reminded yet.
func (m *Module) remindDue(ctx context.Context, now time.Time) error {
	rows, err := m.s.DB.QueryContext(ctx, "SELECT "+eventColumns+` FROM events e
WHERE e.registration AND e.status <> 'cancelled' AND e.span_ends_at > $1 AND e.span_starts_at <= $2
ORDER BY e.span_starts_at, e.id`, now, now.Add(remindAhead))
	events, err := db.Collect(rows, err, scanEvent)
	if err != nil {
		return err
	}
	ids := make([]string, len(events))
	for i, e := range events {
		ids[i] = e.ID
	}
	changes, err := changesOf(ctx, m.s.DB, ids)
	if err != nil {
		return err
	}
	for _, e := range events {
		for _, d := range e.Dates(changes[e.ID]) {
			if d.Status == Cancelled || !d.Start.After(now) || d.Start.After(now.Add(remindAhead)) {
				continue
			}
			if err := m.remind(ctx, d, now); err != nil {
				return err
			}
		}
	}
	return nil
}

// remind mails the registered participants of the date d who were not
// reminded yet, in one transaction with the rows that say they were.
func (m *Module) remind(ctx context.Context, d *Event, now time.Time) error {
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		claims, err := capacity.List(ctx, tx, poolOf(d))
		if err != nil {
			return err
		}
		var to []string
		for _, c := range claims {
			if c.Status != capacity.Registered {
				continue
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO event_date_reminders (event_id, day, user_id, sent_at)
VALUES ($1, $2, $3, $4) ON CONFLICT (event_id, day, user_id) DO NOTHING`, d.ID, d.day(), c.Holder, now)
			if err != nil {
				return db.Err(err)
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n == 1 {
				to = append(to, c.Holder)
			}
		}
		if len(to) == 0 {
			return nil
		}
		where := d.address()
		if d.PlaceKind == Online {
			where = d.OnlineURL
		}
		var ics bytes.Buffer
		if err := (&feed.Calendar{Name: d.Title, Events: []feed.Event{m.calendarDate(d)}}).WriteICS(&ics); err != nil {
			return err
		}
		return m.s.Notify.Send(ctx, tx, notify.Notice{Kind: reminded, Item: notify.Item{Type: "event", ID: d.ID},
			Link: d.Path(), To: to, Params: []any{"Title", d.Title, "Start", d.Start},
			Mail: notify.Mail{Args: []any{"Where", where, "Calendar", m.s.BaseURL + "/events/" + d.ID + ".ics"},
				Attachment: &mail.Attachment{Name: "event.ics", Type: "text/calendar", Data: ics.Bytes()}}}, now)
	})
}
