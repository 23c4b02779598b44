package jobs_test

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/jobs"
)

var (
	sets  = []db.Migrations{jobs.Migrations()}
	start = time.Date(2026, 3, 1, 3, 0, 0, 0, time.UTC)
	quiet = slog.New(slog.DiscardHandler)
)

func runDue(t *testing.T, r *jobs.Runner) {
	t.Helper()
	if err := r.RunDue(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func stateOf(t *testing.T, d *db.DB, name string) jobs.State {
	t.Helper()
	states, err := jobs.States(context.Background(), d)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range states {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no state for job %s in %+v", name, states)
	return jobs.State{}
}

func TestJobRunsOncePerPeriod(t *testing.T) {
	dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) {
		clk := clock.NewFake(start)
		var runs []time.Time
		r := jobs.NewRunner(d, clk, quiet)
		r.Add(jobs.Job{Name: "expire-listings", Every: time.Hour, Run: func(_ context.Context, now time.Time) error {
			runs = append(runs, now)
			return nil
		}})

		runDue(t, r) // first sight: due at once
		runDue(t, r)
		clk.Advance(59 * time.Minute)
		runDue(t, r)
		if len(runs) != 1 || !runs[0].Equal(start) {
			t.Fatalf("runs %v, want one at %v", runs, start)
		}
		s := stateOf(t, d, "expire-listings")
		if !s.NextRunAt.Equal(start.Add(time.Hour)) || !s.LastStartedAt.Equal(start) || !s.LastFinishedAt.Equal(start) ||
			s.LockedBy != "" || !s.LockedUntil.IsZero() || s.LastError != "" {
			t.Errorf("state after the first run: %+v", s)
		}

		clk.Advance(time.Minute)
		runDue(t, r)
		runDue(t, r)
		if len(runs) != 2 || !runs[1].Equal(start.Add(time.Hour)) {
			t.Fatalf("runs %v, want a second one an hour later", runs)
		}

		// A server that was down long runs the job once, not once per missed period.
		clk.Advance(10 * time.Hour)
		runDue(t, r)
		if len(runs) != 3 {
			t.Fatalf("after a long pause: %d runs, want 3", len(runs))
		}
		if s := stateOf(t, d, "expire-listings"); !s.NextRunAt.Equal(clk.Now().Add(time.Hour)) {
			t.Errorf("next run %v, want an hour after the late run", s.NextRunAt)
		}
	})
}

func TestFailingJobIsRecordedAndRetriedNextPeriod(t *testing.T) {
	dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) {
		clk := clock.NewFake(start)
		r := jobs.NewRunner(d, clk, quiet)
		var flakyRuns, panickyRuns, steadyRuns int
		r.Add(jobs.Job{Name: "a-flaky", Every: time.Hour, Run: func(context.Context, time.Time) error {
			flakyRuns++
			if flakyRuns == 1 {
				return errors.New("mail server unreachable")
			}
			return nil
		}})
		r.Add(jobs.Job{Name: "b-panicky", Every: time.Hour, Run: func(context.Context, time.Time) error {
			panickyRuns++
			panic("index out of range")
		}})
		r.Add(jobs.Job{Name: "c-steady", Every: time.Hour, Run: func(context.Context, time.Time) error {
			steadyRuns++
			return nil
		}})

		runDue(t, r)
		if flakyRuns != 1 || panickyRuns != 1 || steadyRuns != 1 {
			t.Fatalf("runs flaky %d, panicky %d, steady %d; every job should have run once", flakyRuns, panickyRuns, steadyRuns)
		}
		if s := stateOf(t, d, "a-flaky"); s.LastError != "mail server unreachable" || !s.NextRunAt.Equal(start.Add(time.Hour)) || s.LockedBy != "" {
			t.Errorf("failed job state %+v", s)
		}
		if s := stateOf(t, d, "b-panicky"); s.LastError != "panic: index out of range" {
			t.Errorf("panicked job state %+v", s)
		}

		runDue(t, r)
		if flakyRuns != 1 {
			t.Errorf("failed job retried before its next period")
		}
		clk.Advance(time.Hour)
		runDue(t, r)
		if flakyRuns != 2 || panickyRuns != 2 || steadyRuns != 2 {
			t.Errorf("next period: runs flaky %d, panicky %d, steady %d, want 2 each", flakyRuns, panickyRuns, steadyRuns)
		}
		if s := stateOf(t, d, "a-flaky"); s.LastError != "" {
			t.Errorf("a successful run left the old error: %q", s.LastError)
		}
	})
}

func TestTwoServersRunAJobOncePerPeriod(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(string(dialect), func(t *testing.T) {
			a, b := dbtest.OpenTwice(t, dialect, sets)
			clk := clock.NewFake(start)
			var runs atomic.Int32
			var running atomic.Int32
			job := jobs.Job{Name: "send-reminders", Every: 24 * time.Hour, Run: func(context.Context, time.Time) error {
				if running.Add(1) > 1 {
					t.Error("the job runs on two servers at once")
				}
				defer running.Add(-1)
				runs.Add(1)
				time.Sleep(20 * time.Millisecond) // long enough for the other server to try
				return nil
			}}
			var runners []*jobs.Runner
			for _, d := range []*db.DB{a, a, b, b} {
				r := jobs.NewRunner(d, clk, quiet)
				r.Add(job)
				runners = append(runners, r)
			}
			const periods = 5
			for period := 1; period <= periods; period++ {
				var wg sync.WaitGroup
				for _, r := range runners {
					wg.Go(func() {
						for range 3 {
							if err := r.RunDue(context.Background()); err != nil {
								t.Error(err)
							}
						}
					})
				}
				wg.Wait()
				if got := runs.Load(); got != int32(period) {
					t.Fatalf("period %d: %d runs in all, want %d", period, got, period)
				}
				clk.Advance(24 * time.Hour)
			}
		})
	}
}

// A server that took the lease and then hung or died keeps the job only
// until the lease runs out; if it wakes up later, its record does not
// overwrite the one of the server that took over.
func TestExpiredLeaseIsTakenOver(t *testing.T) {
	dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) {
		clk := clock.NewFake(start)
		const timeout = 10 * time.Minute
		started, release := make(chan struct{}), make(chan struct{})
		hung := jobs.NewRunner(d, clk, quiet)
		hung.Add(jobs.Job{Name: "rebuild-index", Every: time.Hour, Timeout: timeout, Run: func(context.Context, time.Time) error {
			close(started)
			<-release
			return errors.New("woke up too late")
		}})
		var takeovers []time.Time
		other := jobs.NewRunner(d, clk, quiet)
		other.Add(jobs.Job{Name: "rebuild-index", Every: time.Hour, Timeout: timeout, Run: func(_ context.Context, now time.Time) error {
			takeovers = append(takeovers, now)
			return nil
		}})

		hungDone := make(chan error)
		go func() { hungDone <- hung.RunDue(context.Background()) }()
		<-started
		if s := stateOf(t, d, "rebuild-index"); s.LockedBy == "" || !s.LockedUntil.After(start.Add(timeout)) {
			t.Errorf("lease while running: %+v, want held for more than %v", s, timeout)
		}

		runDue(t, other)
		clk.Advance(timeout)
		runDue(t, other)
		if len(takeovers) != 0 {
			t.Fatalf("took over a lease that had not run out")
		}
		clk.Advance(time.Minute) // the lease is the timeout plus a minute
		runDue(t, other)
		if len(takeovers) != 1 {
			t.Fatalf("%d takeovers after the lease ran out, want 1", len(takeovers))
		}
		tookOver := clk.Now()

		close(release)
		if err := <-hungDone; err != nil {
			t.Fatal(err)
		}
		s := stateOf(t, d, "rebuild-index")
		if s.LastError != "" || !s.NextRunAt.Equal(tookOver.Add(time.Hour)) || s.LockedBy != "" {
			t.Errorf("the late server overwrote the record: %+v", s)
		}
	})
}

func TestShutdownHandsTheJobBack(t *testing.T) {
	dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) {
		clk := clock.NewFake(start)
		ctx, cancel := context.WithCancel(context.Background())
		stopping := jobs.NewRunner(d, clk, quiet)
		stopping.Add(jobs.Job{Name: "export", Every: time.Hour, Run: func(ctx context.Context, _ time.Time) error {
			cancel()
			<-ctx.Done()
			return ctx.Err()
		}})
		if err := stopping.RunDue(ctx); !errors.Is(err, context.Canceled) {
			t.Fatalf("RunDue after shutdown: %v", err)
		}
		ran := false
		other := jobs.NewRunner(d, clk, quiet)
		other.Add(jobs.Job{Name: "export", Every: time.Hour, Run: func(context.Context, time.Time) error {
			ran = true
			return nil
		}})
		runDue(t, other)
		if !ran {
			t.Errorf("the interrupted run was not handed back: %+v", stateOf(t, d, "export"))
		}
	})
}

func TestAddRefusesWiringMistakes(t *testing.T) {
	noop := func(context.Context, time.Time) error { return nil }
	cases := map[string][]jobs.Job{
		"no name":     {{Every: time.Hour, Run: noop}},
		"no period":   {{Name: "x", Run: noop}},
		"no function": {{Name: "x", Every: time.Hour}},
		"same name":   {{Name: "x", Every: time.Hour, Run: noop}, {Name: "x", Every: time.Minute, Run: noop}},
	}
	for name, js := range cases {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: Add accepted it", name)
				}
			}()
			r := jobs.NewRunner(nil, clock.NewFake(start), quiet)
			for _, j := range js {
				r.Add(j)
			}
		}()
	}
}
