package event_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/event"
	"teilhabe.org/teilhabe/internal/feed"
	"teilhabe.org/teilhabe/internal/feed/feedtest"
)

var calendarURL = regexp.MustCompile(`<code id="calendar-url">([^<]+)</code>`)

// calendarPath makes the person's feed address (or a new one) on the
// settings page and returns its path.
func calendarPath(t *testing.T, e *env, p *apptest.Person) string {
	t.Helper()
	res := p.Web.Post("/settings/calendar", nil)
	apptest.WantStatus(t, "make the calendar address", res.Status, http.StatusOK, res.Body)
	m := calendarURL.FindStringSubmatch(res.Body)
	if m == nil {
		t.Fatalf("no calendar address on the page:\n%s", res.Body)
	}
	path, ok := strings.CutPrefix(m[1], e.URL)
	if !ok {
		t.Fatalf("address %q is not on %s", m[1], e.URL)
	}
	return path
}

// feedEvents reads a personal feed with ical.js, by the events' ids.
func feedEvents(t *testing.T, e *env, path string) (string, map[string]feedtest.ICalEvent) {
	t.Helper()
	res := e.Client(t).Get(path)
	apptest.WantStatus(t, "personal feed", res.Status, http.StatusOK, res.Body)
	if ct := res.Header.Get("Content-Type"); ct != feed.CalendarType {
		t.Errorf("Content-Type %q", ct)
	}
	name, _, events := feedtest.ParseICS(t, res.Body)
	byID := map[string]feedtest.ICalEvent{}
	for _, ev := range events {
		byID[strings.Split(ev.UID, "@")[0]] = ev
	}
	if len(byID) != len(events) {
		t.Errorf("an event twice in the feed: %+v", events)
	}
	return name, byID
}

func TestPersonalCalendarHoldsWhatThePersonRegisteredFor(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		open := func(title string, start, end time.Time, places int) *event.Event {
			d := e.draft()
			d.Title, d.Start, d.End, d.Registration, d.Capacity = title, start, end, true, places
			return e.create(t, e.Olga, d)
		}
		// Saturdays before and after the switch to summer time (29 March
		// 2026), 18:00 to 20:00 in Kassel both times.
		before := open("Sprachcafé vor der Umstellung", at(2026, 3, 28, 18, 0), at(2026, 3, 28, 20, 0), 0)
		after := open("Sprachcafé nach der Umstellung", at(2026, 4, 4, 18, 0), at(2026, 4, 4, 20, 0), 0)
		given := open("Kurs, wieder abgemeldet", at(2026, 3, 20, 10, 0), at(2026, 3, 20, 12, 0), 0)
		full := open("Voller Kurs", at(2026, 3, 21, 10, 0), at(2026, 3, 21, 12, 0), 1)
		ana := e.NewPerson(t, "ana", auth.Member)
		for _, ev := range []*event.Event{before, after, given} {
			if _, err := e.Events.Register(ctx, e.Mia.Identity(), ev.ID); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := e.Events.Register(ctx, ana.Identity(), full.ID); err != nil {
			t.Fatal(err)
		}
		if c, err := e.Events.Register(ctx, e.Mia.Identity(), full.ID); err != nil || c.Position != 1 {
			t.Fatalf("waiting: %+v %v", c, err)
		}
		if err := e.Events.CancelRegistration(ctx, e.Mia.Identity(), given.ID); err != nil {
			t.Fatal(err)
		}

		// The settings page leads to the calendar page.
		apptest.Contains(t, "settings", e.Mia.Web.Get("/settings").Body, `href="/settings/calendar"`)
		path := calendarPath(t, e, e.Mia)
		name, events := feedEvents(t, e, path)
		if name != "Meine Termine (Mia)" {
			t.Errorf("calendar name %q", name)
		}
		if len(events) != 2 {
			t.Fatalf("%d events, want the two registered for: %+v", len(events), events)
		}
		// 18:00 in Kassel is 17:00 UTC before the switch and 16:00 UTC after.
		if got := events[before.ID]; got.Summary != before.Title || got.Status != "CONFIRMED" ||
			got.Start.Zone != "Europe/Berlin" || got.Start.Text != "2026-03-28T18:00:00" ||
			*got.Start.Unix != time.Date(2026, 3, 28, 17, 0, 0, 0, time.UTC).Unix() || *got.End.Unix != before.End.Unix() {
			t.Errorf("before the switch: %+v %+v", got, got.Start)
		}
		if got := events[after.ID]; got.Summary != after.Title || got.Start.Text != "2026-04-04T18:00:00" ||
			*got.Start.Unix != time.Date(2026, 4, 4, 16, 0, 0, 0, time.UTC).Unix() {
			t.Errorf("after the switch: %+v %+v", got, got.Start)
		}

		// Called off by the organisers: still in the feed, as CANCELLED,
		// so calendar programs take it out.
		if _, err := e.Events.Cancel(ctx, e.Olga.Identity(), after.ID); err != nil {
			t.Fatal(err)
		}
		_, events = feedEvents(t, e, path)
		if got := events[after.ID]; got.Status != "CANCELLED" || events[before.ID].Status != "CONFIRMED" {
			t.Errorf("after cancelling: %+v", events)
		}

		// Another person's feed holds only theirs; nobody else's address
		// works, and visitors find nothing without one.
		_, anas := feedEvents(t, e, calendarPath(t, e, ana))
		if len(anas) != 1 || anas[full.ID].Summary != full.Title {
			t.Errorf("ana's feed: %+v", anas)
		}
		for _, wrong := range []string{
			"/calendar/" + strings.Repeat("A", 43) + ".ics",
			strings.TrimSuffix(path, ".ics"),
			strings.TrimSuffix(path, ".ics") + ".txt",
			"/calendar/.ics",
		} {
			if res := e.Client(t).Get(wrong); res.Status != http.StatusNotFound || strings.Contains(res.Body, "BEGIN:VCALENDAR") {
				t.Errorf("%s: %d\n%s", wrong, res.Status, res.Body)
			}
		}
		for _, visitor := range []*apptest.Response{e.Client(t).Get("/settings/calendar"), e.Client(t).Post("/settings/calendar", nil)} {
			if visitor.Status == http.StatusOK || calendarURL.MatchString(visitor.Body) {
				t.Errorf("a visitor: %d\n%s", visitor.Status, visitor.Body)
			}
		}

		// Renewing ends the old address at once.
		renewed := calendarPath(t, e, e.Mia)
		if renewed == path {
			t.Fatal("the renewed address is the old one")
		}
		if res := e.Client(t).Get(path); res.Status != http.StatusNotFound {
			t.Errorf("old address after renewing: %d", res.Status)
		}
		if _, events = feedEvents(t, e, renewed); len(events) != 2 {
			t.Errorf("renewed feed: %+v", events)
		}
		page := e.Mia.Web.Get("/settings/calendar").Body
		apptest.Lacks(t, "calendar page later", page, strings.TrimPrefix(renewed, "/calendar/"))
		apptest.Contains(t, "calendar page later", page, "Neue Adresse erstellen")
	})
}
