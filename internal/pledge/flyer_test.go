package pledge_test

import (
	"context"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/apptest/flyertest"
)

// TestPledgeFlyerLeadsToItsPage: an open pledge prints as a flyer with its
// progress, whose code leads to the pledge; one that is not public has none.
func TestPledgeFlyerLeadsToItsPage(t *testing.T) {
	e := apptest.NewDemo(t, "sqlite")
	var open, hidden string
	ctx := context.Background()
	if err := e.P.DB.QueryRowContext(ctx, "SELECT id FROM pledges WHERE status = 'active' AND NOT hidden ORDER BY created_at LIMIT 1").Scan(&open); err != nil {
		t.Fatal(err)
	}
	if err := e.P.DB.QueryRowContext(ctx, "SELECT id FROM pledges WHERE status NOT IN ('active', 'successful', 'failed') ORDER BY created_at LIMIT 1").Scan(&hidden); err != nil {
		t.Fatal(err)
	}
	flyertest.Check(t, e, "/pledges/"+open, "bestätigt")
	flyertest.Refused(t, e, "/pledges/"+hidden)
}
