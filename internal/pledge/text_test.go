package pledge_test

import (
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/pledge"
)

// TestPlaceFoldsLikeSearch: the place filter folds as /search does, also
// for places keyed under older rules once the job keyed them again.
func TestPlaceFoldsLikeSearch(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		p := e.active(t, owner, staff, 10, func(tm *pledge.Terms) { tm.Postcode, tm.Place = "37073", "Göttingen" })
		found := func(place string) int {
			t.Helper()
			page, err := e.Pledges.List(ctx, pledge.Filter{Place: place})
			if err != nil {
				t.Fatal(err)
			}
			return len(page.Items)
		}
		for _, q := range []string{"Goettingen", "gottingen", "GÖTTINGEN"} {
			if found(q) != 1 {
				t.Errorf("%q does not find Göttingen", q)
			}
		}
		// Keyed as before: the umlaut dropped, "oe" kept.
		if _, err := e.P.DB.ExecContext(ctx, "UPDATE pledges SET place = 'Goettingen', place_key = 'goettingen' WHERE id = $1", p.ID); err != nil {
			t.Fatal(err)
		}
		if found("Göttingen") != 0 {
			t.Fatal("found by a stale key")
		}
		e.runJobs(t, time.Minute)
		if found("Göttingen") != 1 {
			t.Error("not found after the keys were computed again")
		}
	})
}
