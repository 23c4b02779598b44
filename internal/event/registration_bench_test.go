package event_test

import (
	"fmt"
	"net/http"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/event"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/loadgen"
	"teilhabe.org/teilhabe/internal/organization"
)

// BenchmarkRegisterUnderContention registers people for one event from 16
// goroutines at once, through one app server and through two on the same
// database; half of them get a place, half join the waiting list. Each
// registration is a whole Register call: its transaction, the date's
// row, the capacity pool's lock and the claim.
func BenchmarkRegisterUnderContention(b *testing.B) {
	for _, dialect := range dbtest.Dialects {
		for _, n := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/servers=%d", dialect, n), func(b *testing.B) {
				servers := apptest.TwoServers(b, dialect)
				events, _, eventID := languageCafeOn(b, servers, max(1, b.N/2))
				var next atomic.Int64
				b.SetParallelism(8) // 8 goroutines per core
				b.ReportAllocs()
				b.ResetTimer()
				b.RunParallel(func(pb *testing.PB) {
					for pb.Next() {
						i := next.Add(1)
						// The capacity core counts holders, not accounts:
						// a fresh id stands for a fresh person.
						who := &auth.Identity{UserID: ids.New(), Name: "bench", Role: auth.Member}
						if _, err := events[int(i)%n].Register(ctx, who, eventID); err != nil {
							b.Error(err)
							return
						}
					}
				})
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "registrations/s")
			})
		}
	}
}

// BenchmarkCalendarOfABusyPerson reads, as the person, the month view of a
// month with 200 events they registered for, and their personal calendar
// feed holding those 200 registrations; each reports its p95.
func BenchmarkCalendarOfABusyPerson(b *testing.B) {
	for _, dialect := range dbtest.Dialects {
		b.Run(string(dialect), func(b *testing.B) {
			e, amal, feedPath := busyPerson(b, dialect, 200)
			b.Run("month", func(b *testing.B) {
				benchmarkGet(b, amal.Web, "/events/month?month=2026-04")
			})
			b.Run("feed", func(b *testing.B) {
				benchmarkGet(b, e.Client(b), feedPath)
			})
		})
	}
}

// busyPerson boots a platform with n events in April 2026 (a few a day),
// registers Amal for all of them and returns her and her feed's path.
func busyPerson(b *testing.B, dialect db.Dialect, n int) (*apptest.Env, *apptest.Person, string) {
	b.Helper()
	e := apptest.New(b, dialect)
	olga := e.NewPerson(b, "olga", auth.Member)
	amal := e.NewPerson(b, "amal", auth.Member)
	orgs := apptest.Module[*organization.Module](b, e)
	events := apptest.Module[*event.Module](b, e)
	o, err := orgs.Create(ctx, olga.ID, organization.Profile{Name: "Sprachbrücke Kassel", Kind: "initiative"})
	if err != nil {
		b.Fatal(err)
	}
	for i := range n {
		d := (&env{OrgID: o.ID}).draft()
		d.Title = fmt.Sprintf("Sprachcafé %d", i+1)
		d.Start = at(2026, 4, 1+i%30, 9+i/30, 0)
		d.End = d.Start.Add(50 * time.Minute)
		d.Registration = true
		ev, err := events.Create(ctx, olga.Identity(), d)
		if err != nil {
			b.Fatalf("event %d: %v", i, err)
		}
		if _, err := events.Register(ctx, amal.Identity(), ev.ID); err != nil {
			b.Fatalf("register %d: %v", i, err)
		}
		e.Clock.Advance(time.Hour) // stays under the daily limit of new events
	}
	secret, err := apptest.Module[*account.Module](b, e).RenewCalendar(ctx, amal.Identity())
	if err != nil {
		b.Fatal(err)
	}
	return e, amal, "/calendar/" + secret + ".ics"
}

// benchmarkGet requests path b.N times, one at a time, and reports the
// p95 of the answers' times.
func benchmarkGet(b *testing.B, c *apptest.Client, path string) {
	times := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		res := c.Get(path)
		times = append(times, time.Since(t0))
		if res.Status != http.StatusOK {
			b.Fatalf("GET %s: %d\n%.400s", path, res.Status, res.Body)
		}
	}
	slices.Sort(times)
	b.ReportMetric(float64(loadgen.Percentile(times, 95).Microseconds())/1000, "p95-ms")
}
