package volunteer_test

import (
	"sync"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/platform"
	"teilhabe.org/teilhabe/internal/volunteer"
)

// twoServers are two platforms on one database, as two app servers
// behind a load balancer have.
func twoServers(t *testing.T, dialect db.Dialect) [2]*platform.Platform {
	return apptest.TwoServers(t, dialect)
}

// shelterOn makes an organisation with its owner and returns them with
// the volunteer module of each server.
func shelterOn(t *testing.T, servers [2]*platform.Platform) (*auth.Identity, string, [2]*volunteer.Module) {
	t.Helper()
	owner, err := servers[0].Accounts.CreateVerified(ctx, "olga@example.org", "Olga", apptest.Password, "de", auth.Member)
	if err != nil {
		t.Fatal(err)
	}
	orgs, _ := platform.ModuleOf[*organization.Module](servers[0])
	o, err := orgs.Create(ctx, owner.ID, organization.Profile{Name: "Unterkunft", Kind: "initiative"})
	if err != nil {
		t.Fatal(err)
	}
	var vol [2]*volunteer.Module
	for i, p := range servers {
		v, ok := platform.ModuleOf[*volunteer.Module](p)
		if !ok {
			t.Fatal("no volunteer module")
		}
		vol[i] = v
	}
	return owner.Identity("session"), o.ID, vol
}

func TestThirtyTakeTheLastFivePlacesThroughTwoServers(t *testing.T) {
	dbtest.Each(t, twoServers, func(t *testing.T, servers [2]*platform.Platform) {
		owner, orgID, vol := shelterOn(t, servers)
		shifts, err := vol[0].Plan(ctx, owner, volunteer.Draft{OrganizationID: orgID, Title: "Küche",
			Public: true, Start: at(2026, 3, 7, 10, 0), End: at(2026, 3, 7, 14, 0),
			Slots: []volunteer.SlotDraft{{Task: "Kochen", Needed: 8}}})
		if err != nil {
			t.Fatal(err)
		}
		sh, slot := shifts[0], shifts[0].Slots[0]
		for range 3 {
			if _, err := vol[1].Take(ctx, &auth.Identity{UserID: ids.New()}, sh.ID, slot.ID, false); err != nil {
				t.Fatal(err)
			}
		}
		var mu sync.Mutex
		took, full := 0, 0
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := range 30 {
			wg.Go(func() {
				<-start
				_, err := vol[i%2].Take(ctx, &auth.Identity{UserID: ids.New()}, sh.ID, slot.ID, false)
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					took++
				case apperr.MessageID(err) == "volunteer.slot.full":
					full++
				default:
					t.Errorf("take %d: %v", i, err)
				}
			})
		}
		close(start)
		wg.Wait()
		if took != 5 || full != 25 {
			t.Errorf("%d took a place and %d were told it is full, want 5 and 25", took, full)
		}
		got, err := vol[1].Shift(ctx, nil, sh.ID)
		if err != nil || got.Slots[0].Taken != 8 || len(got.Slots[0].Helpers) != 8 {
			t.Errorf("slot after the rush: %+v, %v", got.Slots[0], err)
		}
	})
}

func TestOnePersonTakingOverlappingSlotsAtOnceGetsOne(t *testing.T) {
	dbtest.Each(t, twoServers, func(t *testing.T, servers [2]*platform.Platform) {
		owner, orgID, vol := shelterOn(t, servers)
		var slots [2][2]string
		for i := range 2 {
			shifts, err := vol[0].Plan(ctx, owner, volunteer.Draft{OrganizationID: orgID, Title: "Dienst",
				Public: true, Start: at(2026, 3, 7, 10+i, 0), End: at(2026, 3, 7, 14+i, 0),
				Slots: []volunteer.SlotDraft{{Task: "Kochen", Needed: 8}}})
			if err != nil {
				t.Fatal(err)
			}
			slots[i] = [2]string{shifts[0].ID, shifts[0].Slots[0].ID}
		}
		for round := range 10 {
			person := &auth.Identity{UserID: ids.New()}
			errs := make([]error, 2)
			var wg sync.WaitGroup
			for i := range 2 {
				wg.Go(func() { _, errs[i] = vol[i].Take(ctx, person, slots[i][0], slots[i][1], false) })
			}
			wg.Wait()
			if (errs[0] == nil) == (errs[1] == nil) {
				t.Fatalf("round %d: both or neither took an overlapping slot: %v", round, errs)
			}
		}
	})
}
