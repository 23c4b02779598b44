package ratelimit

import (
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
)

var (
	start = time.Date(2026, 11, 21, 10, 0, 0, 0, time.UTC)
	login = Rule{Name: "login.account", Limit: 3, Window: time.Minute}
)

func sets() []db.Migrations { return []db.Migrations{Migrations()} }

func allowN(t *testing.T, l *Limiter, rule Rule, subject string, n int) {
	t.Helper()
	for i := range n {
		if err := l.Allow(context.Background(), rule, subject); err != nil {
			t.Fatalf("attempt %d of %d refused: %v", i+1, n, err)
		}
	}
}

func wantRefused(t *testing.T, l *Limiter, rule Rule, subject string) error {
	t.Helper()
	err := l.Allow(context.Background(), rule, subject)
	if !apperr.Is(err, apperr.RateLimited) {
		t.Fatalf("attempt over the limit: got %v, want RateLimited", err)
	}
	if got := apperr.MessageID(err); got != MessageID {
		t.Errorf("message id %q, want %q", got, MessageID)
	}
	return err
}

func countRows(t *testing.T, d *db.DB) int {
	t.Helper()
	var n int
	if err := d.QueryRowContext(context.Background(), "SELECT count(*) FROM rate_limits").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestLimitWindowsAndReset(t *testing.T) {
	dbtest.ForEach(t, sets(), func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := clock.NewFake(start.Add(15 * time.Second))
		l := New(d, clk)

		allowN(t, l, login, "ana@example.org", 3)
		err := wantRefused(t, l, login, "ana@example.org")
		if wait, ok := RetryAfter(err); !ok || wait != 45*time.Second {
			t.Errorf("RetryAfter = %v, %v; want 45s", wait, ok)
		}
		wantRefused(t, l, login, "ana@example.org")

		// Other subjects and other rules count apart.
		allowN(t, l, login, "bo@example.org", 3)
		allowN(t, l, Rule{Name: "signup", Limit: 1, Window: time.Minute}, "ana@example.org", 1)

		// The next window starts afresh.
		clk.Advance(45 * time.Second)
		allowN(t, l, login, "ana@example.org", 3)
		wantRefused(t, l, login, "ana@example.org")

		// Reset forgets the subject's attempts.
		if err := l.Reset(ctx, login, "ana@example.org"); err != nil {
			t.Fatal(err)
		}
		allowN(t, l, login, "ana@example.org", 3)
		wantRefused(t, l, login, "ana@example.org")
	})
}

func TestUndoTakesBackOneAttempt(t *testing.T) {
	dbtest.ForEach(t, sets(), func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := clock.NewFake(start)
		l := New(d, clk)
		// Counted first, taken back when the attempt turned out well: only
		// the failures use up the limit.
		for range 10 {
			allowN(t, l, login, "ana@example.org", 1)
			if err := l.Undo(ctx, login, "ana@example.org"); err != nil {
				t.Fatal(err)
			}
		}
		allowN(t, l, login, "ana@example.org", 3)
		wantRefused(t, l, login, "ana@example.org")

		// A window without attempts has nothing to take back: no credit
		// can be saved up for later.
		clk.Advance(time.Minute)
		for range 3 {
			if err := l.Undo(ctx, login, "bo@example.org"); err != nil {
				t.Fatal(err)
			}
		}
		allowN(t, l, login, "bo@example.org", 3)
		wantRefused(t, l, login, "bo@example.org")
	})
}

func TestCleanupDeletesEndedWindowsOnly(t *testing.T) {
	dbtest.ForEach(t, sets(), func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		clk := clock.NewFake(start)
		l := New(d, clk)
		hourly := Rule{Name: "report", Limit: 5, Window: time.Hour}
		allowN(t, l, login, "ana", 1)
		allowN(t, l, hourly, "ana", 1)
		clk.Advance(2 * time.Minute)
		allowN(t, l, login, "ana", 1)
		if n := countRows(t, d); n != 3 {
			t.Fatalf("%d counters, want 3", n)
		}
		if err := l.Cleanup(ctx); err != nil {
			t.Fatal(err)
		}
		// The first minute ended; the current minute and the hour remain.
		if n := countRows(t, d); n != 2 {
			t.Fatalf("%d counters after cleanup, want 2", n)
		}
		allowN(t, l, hourly, "ana", 4)
		wantRefused(t, l, hourly, "ana")
	})
}

func TestSubjectIsNotStoredInTheClear(t *testing.T) {
	dbtest.ForEach(t, sets(), func(t *testing.T, d *db.DB) {
		l := New(d, clock.NewFake(start))
		allowN(t, l, login, "ana@example.org", 1)
		var k string
		if err := d.QueryRowContext(context.Background(), "SELECT key FROM rate_limits").Scan(&k); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(k, "ana") || !strings.HasPrefix(k, "login.account:") {
			t.Errorf("key %q", k)
		}
	})
}

func TestInvalidRule(t *testing.T) {
	dbtest.ForEach(t, sets(), func(t *testing.T, d *db.DB) {
		l := New(d, clock.NewFake(start))
		for _, r := range []Rule{{Limit: 1, Window: time.Minute}, {Name: "x", Window: time.Minute}, {Name: "x", Limit: 1}} {
			if err := l.Allow(context.Background(), r, "s"); !apperr.Is(err, apperr.Internal) {
				t.Errorf("rule %+v: got %v, want Internal", r, err)
			}
		}
	})
}

func TestServersShareCounts(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(string(dialect), func(t *testing.T) {
			d1, d2 := dbtest.OpenTwice(t, dialect, sets())
			clk := clock.NewFake(start)
			a, b := New(d1, clk), New(d2, clk)
			allowN(t, a, login, "ana", 2)
			allowN(t, b, login, "ana", 1)
			wantRefused(t, a, login, "ana")
			wantRefused(t, b, login, "ana")
			if err := a.Reset(context.Background(), login, "ana"); err != nil {
				t.Fatal(err)
			}
			allowN(t, b, login, "ana", 3)
		})
	}
}

func TestConcurrentAttemptsAllowExactlyTheLimit(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(string(dialect), func(t *testing.T) {
			d1, d2 := dbtest.OpenTwice(t, dialect, sets())
			clk := clock.NewFake(start)
			servers := []*Limiter{New(d1, clk), New(d2, clk)}
			rule := Rule{Name: "burst", Limit: 10, Window: time.Minute}
			var allowed, refused atomic.Int32
			var wg sync.WaitGroup
			for i := range 20 {
				wg.Go(func() {
					err := servers[i%2].Allow(context.Background(), rule, "ana")
					switch {
					case err == nil:
						allowed.Add(1)
					case apperr.Is(err, apperr.RateLimited):
						refused.Add(1)
					default:
						t.Errorf("attempt %d: %v", i, err)
					}
				})
			}
			wg.Wait()
			if allowed.Load() != 10 || refused.Load() != 10 {
				t.Errorf("allowed %d, refused %d; want 10 and 10", allowed.Load(), refused.Load())
			}
		})
	}
}
