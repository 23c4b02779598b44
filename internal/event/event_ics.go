package event

import (
	"bytes"
	"net/http"
	"net/url"

	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/feed"
	"teilhabe.org/teilhabe/internal/web"
)

// calendarEvent is the event as a VEVENT: its page's address as URL, the
// address (never the online link) as LOCATION, CANCELLED once called
// off; its changes count up SEQUENCE by the seconds since it was created,
// so calendars take a later version over an earlier one.
func (m *Module) calendarEvent(e *Event) feed.Event {
	ev := feed.Event{
		UID: e.ID + "@" + m.host(), Stamp: e.UpdatedAt, Sequence: int(e.UpdatedAt.Sub(e.CreatedAt).Seconds()),
		Start: e.Start, End: e.End, AllDay: e.AllDay, Summary: e.Title, Description: e.Description,
		Lang: e.ContentLang, URL: m.s.BaseURL + "/events/" + e.ID, Status: feed.Confirmed,
		Categories: []string{string(e.Kind)},
	}
	if e.AllDay {
		ev.Start, ev.End = clock.DayOf(e.Start), clock.DayOf(e.End)
	}
	if e.PlaceKind == AtAddress {
		ev.Location = e.address()
	}
	if e.Status == Cancelled {
		ev.Status = feed.Cancelled
	}
	return ev
}

// calendarDate is one date as a VEVENT of its own, for a calendar that
// holds single dates (the personal feed): a one-off event as itself, a
// date of a series with a UID of its own.
func (m *Module) calendarDate(d *Event) feed.Event {
	ev := m.calendarEvent(d)
	if d.Repeat.Repeats() {
		ev.UID = d.ID + "-" + d.Date + "@" + m.host()
		ev.URL = m.s.BaseURL + d.Path()
	}
	return ev
}

// calendarSeries is the event with its dates for a calendar: a one-off
// event as one VEVENT; a series as one with its RRULE and the cancelled
// dates as EXDATE, and one VEVENT per moved date naming the date it
// replaces with RECURRENCE-ID.
func (m *Module) calendarSeries(e *Event, changes []DateChange) []feed.Event {
	ev := m.calendarEvent(e)
	if !e.Repeat.Repeats() {
		return []feed.Event{ev}
	}
	first := clock.Local(e.Start)
	rule := &feed.Rule{Count: e.Repeat.Count}
	if e.Repeat.Until != nil {
		rule.Until = *e.Repeat.Until
	}
	switch {
	case e.Repeat.Freq == Weekly:
		rule.Freq = feed.Weekly
	case e.Repeat.By == ByMonthDay:
		rule.Freq, rule.ByMonthDay = feed.Monthly, []int{first.Day()}
	default:
		nth := (first.Day()-1)/7 + 1
		if nth == 5 {
			nth = -1
		}
		rule.Freq, rule.ByDay = feed.Monthly, []feed.Weekday{{Nth: nth, Day: first.Weekday()}}
	}
	ev.Repeat = rule
	out := []feed.Event{ev}
	for _, c := range changes {
		day, ok := parseDayKey(c.Day)
		if !ok {
			continue
		}
		switch c.Status {
		case Cancelled:
			ev.Except = append(ev.Except, day)
		case Moved:
			d, ok := e.DateOf(changes, c.Day)
			if !ok {
				continue
			}
			moved := m.calendarEvent(d)
			// The start the rule gives it: feed would take a day at the
			// moved date's own time of day.
			if byRule, ok := e.DateOf(nil, c.Day); ok && !e.AllDay {
				moved.RecurrenceID = byRule.Start
			} else {
				moved.RecurrenceID = day
			}
			out = append(out, moved)
		}
	}
	out[0] = ev
	return out
}

// host is the platform's host name, for UIDs that stay unique anywhere.
func (m *Module) host() string {
	if u, err := url.Parse(m.s.BaseURL); err == nil && u.Host != "" {
		return u.Host
	}
	return "teilhabe.org"
}

// address is the street, postcode and place of an event at an address.
func (e *Event) address() string {
	return joinNonEmpty(", ", e.Street, joinNonEmpty(" ", e.Postcode, e.Place))
}

func joinNonEmpty(sep string, parts ...string) string {
	out := ""
	for _, p := range parts {
		if p == "" {
			continue
		}
		if out != "" {
			out += sep
		}
		out += p
	}
	return out
}

// eventCalendar answers /events/{id}.ics.
func (m *Module) eventCalendar(w http.ResponseWriter, r *http.Request, id string) {
	e, err := m.Get(r.Context(), id)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	changes, err := changesOfEvent(r.Context(), m.s.DB, e.ID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.writeCalendar(w, r, &feed.Calendar{Name: e.Title, Events: m.calendarSeries(e, changes)})
}

// listCalendar answers /events.ics: the upcoming events of the list's
// filter.
func (m *Module) listCalendar(w http.ResponseWriter, r *http.Request) {
	f, err := ParseFilter(r.URL.Query())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	events, err := m.List(r.Context(), f)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	cal := &feed.Calendar{Name: web.Localizer(r.Context()).T("event.list.title")}
	for _, e := range events {
		cal.Events = append(cal.Events, m.calendarDate(e))
	}
	m.writeCalendar(w, r, cal)
}

func (m *Module) writeCalendar(w http.ResponseWriter, r *http.Request, cal *feed.Calendar) {
	var buf bytes.Buffer
	if err := cal.WriteICS(&buf); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", feed.CalendarType)
	_, _ = w.Write(buf.Bytes())
}
