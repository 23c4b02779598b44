package event_test

import (
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/event"
	"teilhabe.org/teilhabe/internal/feed"
	"teilhabe.org/teilhabe/internal/feed/feedtest"
)

func TestEventCalendarReadByICALJS(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		// The Saturday before the switch to summer time (29 March 2026)
		// and the Saturday after: 18:00 in Kassel both times.
		before := e.draft()
		before.Start, before.End = at(2026, 3, 28, 18, 0), at(2026, 3, 28, 20, 0)
		after := before
		after.Start, after.End = at(2026, 4, 4, 18, 0), at(2026, 4, 4, 20, 0)
		after.Title = "Sprachcafé nach der Umstellung"
		after.Kind = event.Course
		evBefore, evAfter := e.create(t, e.Olga, before), e.create(t, e.Olga, after)
		allDay := e.draft()
		allDay.Title, allDay.AllDay, allDay.Start, allDay.End = "Aktionstag", true, clock.Date(2026, 3, 28), clock.Date(2026, 3, 29)
		evAllDay := e.create(t, e.Olga, allDay)
		if _, err := e.Events.Cancel(ctx, e.Olga.Identity(), evAfter.ID); err != nil {
			t.Fatal(err)
		}

		res := e.Client(t).Get("/events/" + evBefore.ID + ".ics")
		apptest.WantStatus(t, "event calendar", res.Status, http.StatusOK, res.Body)
		if ct := res.Header.Get("Content-Type"); ct != feed.CalendarType {
			t.Errorf("Content-Type %q", ct)
		}
		apptest.Contains(t, "ics", res.Body, "BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "DTSTART;TZID=Europe/Berlin:20260328T180000")
		_, _, events := feedtest.ParseICS(t, res.Body)
		if len(events) != 1 {
			t.Fatalf("%d events", len(events))
		}
		one := events[0]
		if one.UID != evBefore.ID+"@"+strings.TrimPrefix(e.URL, "http://") || one.Summary != before.Title ||
			one.Status != "CONFIRMED" || one.Location != "Wilhelmshöher Allee 1, 34117 Kassel" ||
			one.URL != e.URL+"/events/"+evBefore.ID || one.Start.Zone != "Europe/Berlin" ||
			*one.Start.Unix != before.Start.Unix() || *one.End.Unix != before.End.Unix() || one.Stamp == 0 {
			t.Errorf("event %+v start %+v", one, one.Start)
		}

		res = e.Client(t).Get("/events.ics?lang=ar")
		apptest.WantStatus(t, "list calendar", res.Status, http.StatusOK, res.Body)
		_, _, events = feedtest.ParseICS(t, res.Body)
		byUID := map[string]feedtest.ICalEvent{}
		for _, ev := range events {
			byUID[strings.Split(ev.UID, "@")[0]] = ev
		}
		if len(events) != 3 {
			t.Fatalf("%d events in the list feed", len(events))
		}
		// 18:00 is 17:00 UTC before the switch and 16:00 UTC after.
		if got := byUID[evBefore.ID].Start; *got.Unix != at(2026, 3, 28, 18, 0).Unix() || got.Text != "2026-03-28T18:00:00" {
			t.Errorf("before the switch: %+v", got)
		}
		if got := byUID[evAfter.ID]; *got.Start.Unix != at(2026, 4, 4, 18, 0).Unix() || got.Start.Text != "2026-04-04T18:00:00" ||
			got.Status != "CANCELLED" {
			t.Errorf("after the switch, cancelled: %+v %+v", got, got.Start)
		}
		if got := byUID[evAllDay.ID]; !got.Start.Date || got.Start.Text != "2026-03-28" || !got.End.Date || got.End.Text != "2026-03-30" {
			t.Errorf("all day: %+v %+v", got.Start, got.End)
		}
		_, _, events = feedtest.ParseICS(t, e.Client(t).Get("/events.ics?kind=course").Body)
		if len(events) != 1 || events[0].Summary != after.Title {
			t.Errorf("filtered feed: %+v", events)
		}
		if res := e.Client(t).Get("/events.ics?kind=party"); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("bad filter: %d", res.Status)
		}
		if res := e.Client(t).Get("/events/0190a000-0000-7000-8000-000000000000.ics"); res.Status != http.StatusNotFound {
			t.Errorf("unknown event: %d", res.Status)
		}
	})
}
