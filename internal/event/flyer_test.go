package event_test

import (
	"context"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/apptest/flyertest"
)

// TestEventFlyerLeadsToItsPage: an upcoming event prints as a flyer with
// its time, place and cost, whose code leads to the event.
func TestEventFlyerLeadsToItsPage(t *testing.T) {
	e := apptest.NewDemo(t, "sqlite")
	var id string
	if err := e.P.DB.QueryRowContext(context.Background(),
		"SELECT id FROM events WHERE place_kind <> 'online' AND ends_at > $1 ORDER BY starts_at LIMIT 1", e.P.Services.Clock.Now()).Scan(&id); err != nil {
		t.Fatal(err)
	}
	flyertest.Check(t, e, "/events/"+id, "Kosten")
	flyertest.Refused(t, e, "/events/0190d0a0-0000-7000-8000-000000000009")
}
