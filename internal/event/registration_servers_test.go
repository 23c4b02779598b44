package event_test

import (
	"fmt"
	"slices"
	"sync"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/event"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/platform"
)

// TestFiftyRegisterForTwentyPlacesThroughTwoServers registers 50 people at
// the same moment for an event with 20 places, alternating between two app
// servers on one database: exactly 20 hold a place and 30 wait, numbered 1
// to 30; cancellations move the first waiting up, in their order.
func TestFiftyRegisterForTwentyPlacesThroughTwoServers(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d db.Dialect) [2]*platform.Platform { return apptest.TwoServers(t, d) },
		func(t *testing.T, servers [2]*platform.Platform) {
			events, organiser, eventID := languageCafeOn(t, servers, 20)
			people := make([]*auth.Identity, 50)
			for i := range people {
				u, err := servers[0].Accounts.CreateVerified(ctx, fmt.Sprintf("p%02d@example.org", i), fmt.Sprintf("P%02d", i),
					apptest.Password, "de", auth.Member)
				if err != nil {
					t.Fatal(err)
				}
				people[i] = u.Identity("session")
			}

			claims := make([]capacity.Claim, len(people))
			errs := make([]error, len(people))
			start := make(chan struct{})
			var wg sync.WaitGroup
			for i, p := range people {
				wg.Go(func() {
					<-start
					claims[i], errs[i] = events[i%2].Register(ctx, p, eventID)
				})
			}
			close(start)
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Fatalf("%s: %v", people[i].Name, err)
				}
			}

			var registered int
			var positions []int
			for _, c := range claims {
				switch c.Status {
				case capacity.Registered:
					registered++
				case capacity.Waiting:
					positions = append(positions, c.Position)
				}
			}
			slices.Sort(positions)
			if registered != 20 || len(positions) != 30 || positions[0] != 1 || positions[29] != 30 || len(slices.Compact(positions)) != 30 {
				t.Fatalf("%d registered, waiting positions %v; want 20 and 1…30", registered, positions)
			}

			// Three registered people cancel, on alternating servers: the
			// first three of the waiting list move up, and the rest move
			// forward by three.
			byPosition := map[int]*auth.Identity{}
			var cancelling []*auth.Identity
			for i, c := range claims {
				if c.Status == capacity.Waiting {
					byPosition[c.Position] = people[i]
				} else if len(cancelling) < 3 {
					cancelling = append(cancelling, people[i])
				}
			}
			for i, p := range cancelling {
				if err := events[i%2].CancelRegistration(ctx, p, eventID); err != nil {
					t.Fatal(err)
				}
			}
			_, list, err := events[0].Participants(ctx, organiser, eventID)
			if err != nil {
				t.Fatal(err)
			}
			status := map[string]event.Participant{}
			registered = 0
			for _, p := range list {
				status[p.Name] = p
				if p.Status == capacity.Registered {
					registered++
				}
			}
			if registered != 20 {
				t.Fatalf("%d registered after three cancellations, want 20", registered)
			}
			for pos := 1; pos <= 30; pos++ {
				got := status[byPosition[pos].Name]
				wantStatus, wantPos := capacity.Waiting, pos-3
				if pos <= 3 {
					wantStatus, wantPos = capacity.Registered, 0
				}
				if got.Status != wantStatus || got.Position != wantPos {
					t.Errorf("waiting %d (%s): %s at %d, want %s at %d", pos, got.Name, got.Status, got.Position, wantStatus, wantPos)
				}
			}
		})
}

// languageCafeOn makes an organisation and a language café with places,
// registration open, and returns the events module of each server, the
// organiser and the event's id.
func languageCafeOn(t testing.TB, servers [2]*platform.Platform, places int) ([2]*event.Module, *auth.Identity, string) {
	t.Helper()
	u, err := servers[0].Accounts.CreateVerified(ctx, "olga@example.org", "Olga", apptest.Password, "de", auth.Member)
	if err != nil {
		t.Fatal(err)
	}
	olga := u.Identity("session")
	orgs, _ := platform.ModuleOf[*organization.Module](servers[0])
	o, err := orgs.Create(ctx, u.ID, organization.Profile{Name: "Sprachbrücke Kassel", Kind: "initiative"})
	if err != nil {
		t.Fatal(err)
	}
	var events [2]*event.Module
	for i, p := range servers {
		events[i], _ = platform.ModuleOf[*event.Module](p)
	}
	d := (&env{OrgID: o.ID}).draft()
	d.Capacity, d.Registration = places, true
	ev, err := events[0].Create(ctx, olga, d)
	if err != nil {
		t.Fatal(err)
	}
	return events, olga, ev.ID
}
