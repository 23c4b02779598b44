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
	m.writeCalendar(w, r, &feed.Calendar{Name: e.Title, Events: []feed.Event{m.calendarEvent(e)}})
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
		cal.Events = append(cal.Events, m.calendarEvent(e))
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
