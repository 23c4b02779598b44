package capacity_test

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"sync"
	"testing"

	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
)

// servers are two handles on one database, as two app servers have.
type servers [2]*db.DB

func eachWithTwoServers(t *testing.T, fn func(t *testing.T, s servers)) {
	dbtest.Each(t, func(t *testing.T, dialect db.Dialect) servers {
		a, b := dbtest.OpenTwice(t, dialect, sets)
		return servers{a, b}
	}, fn)
}

// op is one operation as it committed: a take of places, or a cancel.
type op struct {
	holder string
	places int // 0 for a cancel
}

// journal records operations in the order their transactions committed.
// Each entry is written inside the transaction after the pool is locked,
// and the lock is held until the commit, so no other operation on the pool
// can come between the entry and its commit.
type journal struct {
	mu    sync.Mutex
	ops   []op
	moved []string // holders moved up, in order
}

func (j *journal) add(o op, moved []capacity.Claim) {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.ops = append(j.ops, o)
	for _, c := range moved {
		j.moved = append(j.moved, c.Holder)
	}
}

// concurrently runs one write transaction per holder at the same moment,
// alternating between the two servers, and returns the claims they made.
func concurrently(t *testing.T, s servers, holders []string, fn func(tx *sql.Tx, holder string) (capacity.Claim, error)) map[string]capacity.Claim {
	t.Helper()
	var mu sync.Mutex
	claims := map[string]capacity.Claim{}
	start := make(chan struct{})
	var wg sync.WaitGroup
	errs := make(chan error, len(holders))
	for i, h := range holders {
		wg.Go(func() {
			<-start
			var c capacity.Claim
			err := s[i%2].Tx(context.Background(), func(tx *sql.Tx) (err error) {
				c, err = fn(tx, h)
				return err
			})
			if err != nil {
				errs <- fmt.Errorf("%s: %w", h, err)
				return
			}
			mu.Lock()
			claims[h] = c
			mu.Unlock()
		})
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if t.Failed() {
		t.FailNow()
	}
	return claims
}

func holders(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%02d", prefix, i)
	}
	return out
}

func setLimit(t *testing.T, d *db.DB, p capacity.Pool, places int) {
	t.Helper()
	err := d.Tx(context.Background(), func(tx *sql.Tx) error {
		_, err := capacity.SetLimit(context.Background(), tx, p, places)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestFiftyTakeTwentyPlacesAtOnceThroughTwoServers(t *testing.T) {
	eachWithTwoServers(t, func(t *testing.T, s servers) {
		ctx := context.Background()
		p := capacity.Pool{Kind: "event.date", ID: "e/2026-12-17"}
		setLimit(t, s[0], p, 20)
		var j journal
		claims := concurrently(t, s, holders("h", 50), func(tx *sql.Tx, h string) (capacity.Claim, error) {
			c, err := capacity.Take(ctx, tx, p, h, 1, t0)
			j.add(op{h, 1}, nil)
			return c, err
		})
		committed := holdersOf(j.ops)

		limit, taken, waiting, err := capacity.Count(ctx, s[1], p)
		if limit != 20 || taken != 20 || waiting != 30 || err != nil {
			t.Fatalf("Count: limit %d, taken %d, waiting %d, %v; want 20, 20, 30", limit, taken, waiting, err)
		}
		want := expectedList(committed[:20], committed[20:])
		if got := describe(list(t, s[1], p)); !slices.Equal(got, want) {
			t.Fatalf("list after the rush:\n got %q\nwant %q", got, want)
		}
		for i, h := range committed {
			if c := claims[h]; i < 20 && c.Status != capacity.Registered || i >= 20 && c.Position != i-19 {
				t.Errorf("%s, committed %d., was told %s at %d", h, i+1, c.Status, c.Position)
			}
		}

		// Ten of the registered cancel at once: the first ten waiting move
		// up, one per cancellation, in the order of the list.
		j = journal{}
		concurrently(t, s, committed[:10], func(tx *sql.Tx, h string) (capacity.Claim, error) {
			moved, err := capacity.Cancel(ctx, tx, claims[h].ID, t0)
			j.add(op{h, 0}, moved)
			return capacity.Claim{}, err
		})
		if !slices.Equal(j.moved, committed[20:30]) {
			t.Errorf("moved up %q, want %q", j.moved, committed[20:30])
		}
		want = expectedList(committed[10:30], committed[30:])
		if got := describe(list(t, s[0], p)); !slices.Equal(got, want) {
			t.Errorf("list after the cancellations:\n got %q\nwant %q", got, want)
		}
	})
}

func holdersOf(ops []op) []string {
	out := make([]string, len(ops))
	for i, o := range ops {
		out[i] = o.holder
	}
	return out
}

// expectedList describes claims of one place each, registered then waiting.
func expectedList(registered, waiting []string) []string {
	var out []string
	for _, h := range registered {
		out = append(out, h+" 1 registered 0")
	}
	for i, h := range waiting {
		out = append(out, fmt.Sprintf("%s 1 waiting %d", h, i+1))
	}
	return out
}

// With claims of different sizes taken and cancelled at once, the pool is
// never over its limit, and it ends exactly as if the same operations had
// run one after another in the order they committed.
func TestMixedSizesAtOnceEndAsInCommitOrder(t *testing.T) {
	eachWithTwoServers(t, func(t *testing.T, s servers) {
		ctx := context.Background()
		p := capacity.Pool{Kind: "event.project", ID: "rush"}
		setLimit(t, s[0], p, 20)
		var j journal
		sizes := map[string]int{}
		all := holders("m", 40)
		for i, h := range all {
			sizes[h] = 1 + 2*(i%3/2) // every third takes 3 places
		}
		claims := concurrently(t, s, all, func(tx *sql.Tx, h string) (capacity.Claim, error) {
			c, err := capacity.Take(ctx, tx, p, h, sizes[h], t0)
			j.add(op{h, sizes[h]}, nil)
			return c, err
		})
		checkWithinLimit(t, s[1], p, 20)

		// The first four registered and every fifth waiting cancel at once.
		var leaving []string
		for _, c := range list(t, s[0], p) {
			if c.Status == capacity.Registered && len(leaving) < 4 || c.Status == capacity.Waiting && c.Position%5 == 0 {
				leaving = append(leaving, c.Holder)
			}
		}
		concurrently(t, s, leaving, func(tx *sql.Tx, h string) (capacity.Claim, error) {
			moved, err := capacity.Cancel(ctx, tx, claims[h].ID, t0)
			j.add(op{h, 0}, moved)
			return capacity.Claim{}, err
		})
		checkWithinLimit(t, s[1], p, 20)

		serial := capacity.Pool{Kind: "event.project", ID: "one after another"}
		replay(t, s[0], serial, 20, j.ops)
		got, want := describe(list(t, s[0], p)), describe(list(t, s[0], serial))
		if !slices.Equal(got, want) {
			t.Errorf("concurrent:\n %q\none after another in commit order:\n %q", got, want)
		}
	})
}

// checkWithinLimit checks that the registered claims hold no more places
// than the limit and that the counters agree with the claims.
func checkWithinLimit(t *testing.T, d *db.DB, p capacity.Pool, limit int) {
	t.Helper()
	var registered, waiting int
	for _, c := range list(t, d, p) {
		if c.Status == capacity.Registered {
			registered += c.Places
		} else {
			waiting += c.Places
		}
	}
	_, taken, queued, err := capacity.Count(context.Background(), d, p)
	if err != nil || registered > limit || taken != registered || queued != waiting {
		t.Fatalf("registered %d places (counted %d) of %d, waiting %d (counted %d), %v",
			registered, taken, limit, waiting, queued, err)
	}
}

// replay runs ops one after another on a fresh pool.
func replay(t *testing.T, d *db.DB, p capacity.Pool, limit int, ops []op) {
	t.Helper()
	ctx := context.Background()
	setLimit(t, d, p, limit)
	ids := map[string]string{}
	for _, o := range ops {
		err := d.Tx(ctx, func(tx *sql.Tx) error {
			if o.places == 0 {
				_, err := capacity.Cancel(ctx, tx, ids[o.holder], t0)
				return err
			}
			c, err := capacity.Take(ctx, tx, p, o.holder, o.places, t0)
			ids[o.holder] = c.ID
			return err
		})
		if err != nil {
			t.Fatalf("replay %+v: %v", o, err)
		}
	}
}
