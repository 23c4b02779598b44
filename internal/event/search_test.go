package event_test

import (
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/event"
	"teilhabe.org/teilhabe/internal/feed/feedtest"
)

func TestSearchFindsUpcomingEventsOnly(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		cafe := e.create(t, e.Olga, e.draft())
		other := e.draft()
		other.Title = "Sprachcafé Ukrainisch"
		gone := e.create(t, e.Olga, other)
		c := e.Client(t)
		body := c.Get("/search?type=event&q=Sprachcafé").Body
		apptest.Contains(t, "search", body, "/events/"+cafe.ID, "/events/"+gone.ID)

		if _, err := e.Events.Cancel(ctx, e.Olga.Identity(), gone.ID); err != nil {
			t.Fatal(err)
		}
		body = c.Get("/search?type=event&q=Sprachcafé").Body
		apptest.Contains(t, "after cancelling", body, "/events/"+cafe.ID)
		apptest.Lacks(t, "after cancelling", body, "/events/"+gone.ID)

		e.Clock.Set(at(2026, 3, 10, 21, 0)) // the café has ended
		apptest.Lacks(t, "after the event", c.Get("/search?type=event&q=Sprachcafé").Body, "/events/"+cafe.ID)
	})
}

// TestSearchFindsEachDateOfASeries: a weekly café is found in a later
// week by that week's date, its result names and links that date; without
// a date filter it is one result, its next date; a cancelled date and
// dates the series no longer has leave the search.
func TestSearchFindsEachDateOfASeries(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		d := e.draft()
		d.Repeat = event.Repeat{Freq: event.Weekly, Count: 6} // Tuesdays from 10 March to 14 April
		cafe := e.create(t, e.Olga, d)
		c := e.Client(t)
		week := func(from, to string) string {
			return c.Get("/search?type=event&q=Sprachcafé&from=" + from + "&to=" + to).Body
		}
		body := week("2026-03-30", "2026-04-05")
		apptest.Contains(t, "the week of 31 March", body, "/events/"+cafe.ID+"?date=2026-03-31", "31.03.2026")
		apptest.Lacks(t, "the week of 31 March", body, "?date=2026-03-10", "?date=2026-04-07", "10.03.2026")

		status, res := e.API(t, "", http.MethodGet, "/api/v1/search?type=event&q=Sprachcaf%C3%A9&from=2026-04-06&to=2026-04-12", nil)
		hits, _ := res["results"].([]any)
		if status != http.StatusOK || len(hits) != 1 {
			t.Fatalf("API: %d %v", status, res)
		}
		if hit := hits[0].(map[string]any); hit["id"] != cafe.ID+"@2026-04-07" ||
			hit["url"] != e.URL+"/events/"+cafe.ID+"?date=2026-04-07" || !strings.HasPrefix(hit["starts_at"].(string), "2026-04-07") {
			t.Errorf("API hit %v", hit)
		}
		undated := c.Get("/search?type=event&q=Sprachcafé").Body
		if n := strings.Count(undated, "/events/"+cafe.ID+"?date="); n != 1 || !strings.Contains(undated, "?date=2026-03-10") {
			t.Errorf("without a date filter %d dates of the series are found, want only the next, 10 March", n)
		}

		if _, err := e.Events.UpdateDate(ctx, e.Olga.Identity(), cafe.ID, "2026-03-31", event.DateUpdate{Status: event.Cancelled}); err != nil {
			t.Fatal(err)
		}
		apptest.Lacks(t, "a cancelled date", week("2026-03-30", "2026-04-05"), "/events/"+cafe.ID)
		if _, err := e.Events.Update(ctx, e.Olga.Identity(), cafe.ID, func(d event.Draft) event.Draft {
			d.Repeat.Count = 3
			return d
		}); err != nil {
			t.Fatal(err)
		}
		apptest.Lacks(t, "a date the series no longer has", week("2026-04-06", "2026-04-19"), "/events/"+cafe.ID)
		apptest.Contains(t, "a date it still has", week("2026-03-16", "2026-03-22"), "?date=2026-03-17")

		e.Clock.Set(at(2026, 3, 10, 21, 0)) // the first date has ended: the second is next
		undated = c.Get("/search?type=event&q=Sprachcafé").Body
		apptest.Contains(t, "the next date once the first is over", undated, "?date=2026-03-17")
		apptest.Lacks(t, "the next date once the first is over", undated, "?date=2026-03-10", "?date=2026-03-24")

		e.Clock.Set(at(2026, 3, 24, 21, 0)) // the third and last date has ended
		apptest.Lacks(t, "after the last date", c.Get("/search?type=event&q=Sprachcafé").Body, "/events/"+cafe.ID)
	})
}

// TestSearchOfEventsAsCalendar: a search of events offers its results as
// an iCalendar file, which ical.js reads: the one-off event and the next
// date of the series, each on its day, linking its page.
func TestSearchOfEventsAsCalendar(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		once := e.create(t, e.Olga, e.draft())
		weekly := e.draft()
		weekly.Title, weekly.Repeat = "Sprachcafé jede Woche", event.Repeat{Freq: event.Weekly, Count: 4}
		series := e.create(t, e.Olga, weekly)
		c := e.Client(t)
		page := c.Get("/search?type=event&q=Sprachcafé").Body
		if !strings.Contains(page, "format=ics") {
			t.Fatal("a search of events offers no calendar")
		}
		res := c.Get("/search?type=event&q=Sprachcaf%C3%A9&format=ics")
		if res.Status != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/calendar") {
			t.Fatalf("calendar: %d %s", res.Status, res.Header.Get("Content-Type"))
		}
		_, _, events := feedtest.ParseICS(t, res.Body)
		urls := map[string]string{}
		for _, ev := range events {
			urls[ev.URL] = ev.Start.Text
		}
		if len(events) != 2 || urls[e.URL+"/events/"+once.ID] != "2026-03-10" || urls[e.URL+"/events/"+series.ID+"?date=2026-03-10"] != "2026-03-10" {
			t.Errorf("the calendar holds %+v, want the event and the series' next date on 10 March", urls)
		}
	})
}
