package event_test

import (
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
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
