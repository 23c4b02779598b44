package capacity_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/ids"
)

var sets = []db.Migrations{capacity.Migrations()}

var t0 = time.Date(2026, 12, 17, 9, 30, 0, 123456789, time.UTC)

// step is one operation on a pool and what it must give.
type step struct {
	op     string // "take", "cancel", "limit", "erase"
	holder string // take, cancel, erase
	places int    // take: places asked; limit: the new limit
	want   capacity.Status
	code   apperr.Code // the error it must fail with
	moved  []string    // cancel, limit, erase: holders moved up, in order
}

func take(holder string, places int, want capacity.Status) step {
	return step{op: "take", holder: holder, places: places, want: want}
}
func refuse(holder string, places int, code apperr.Code) step {
	return step{op: "take", holder: holder, places: places, code: code}
}
func cancel(holder string, moved ...string) step {
	return step{op: "cancel", holder: holder, moved: moved}
}
func limit(places int, moved ...string) step { return step{op: "limit", places: places, moved: moved} }
func erase(holder string, moved ...string) step {
	return step{op: "erase", holder: holder, moved: moved}
}

const (
	reg  = capacity.Registered
	wait = capacity.Waiting
)

func TestRules(t *testing.T) {
	cases := []struct {
		name           string
		steps          []step
		list           []string // "holder places status position", registered first
		taken, waiting int
	}{
		{
			name:  "a claim waits whole when not all its places are free",
			steps: []step{limit(3), take("a", 2, reg), take("b", 2, wait)},
			list:  []string{"a 2 registered 0", "b 2 waiting 1"},
			taken: 2, waiting: 2,
		},
		{
			name:  "a claim that would fit waits behind those who came first",
			steps: []step{limit(3), take("a", 2, reg), take("b", 2, wait), take("c", 1, wait)},
			list:  []string{"a 2 registered 0", "b 2 waiting 1", "c 1 waiting 2"},
			taken: 2, waiting: 3,
		},
		{
			name: "cancelling moves the first waiting up, in order",
			steps: []step{limit(2), take("a", 1, reg), take("b", 1, reg), take("c", 1, wait), take("d", 1, wait),
				take("e", 1, wait), cancel("a", "c"), cancel("b", "d")},
			list:  []string{"c 1 registered 0", "d 1 registered 0", "e 1 waiting 1"},
			taken: 2, waiting: 1,
		},
		{
			name: "a waiting claim larger than the free places keeps those behind it waiting",
			steps: []step{limit(4), take("a", 2, reg), take("b", 2, reg), take("c", 3, wait), take("d", 1, wait),
				cancel("a"), cancel("b", "c", "d")},
			list:  []string{"c 3 registered 0", "d 1 registered 0"},
			taken: 4,
		},
		{
			name: "cancelling a waiting claim lets those behind it move up",
			steps: []step{limit(3), take("a", 2, reg), take("b", 2, wait), take("c", 1, wait),
				cancel("b", "c")},
			list:  []string{"a 2 registered 0", "c 1 registered 0"},
			taken: 3,
		},
		{
			name: "raising the limit moves waiting claims up in order",
			steps: []step{limit(1), take("a", 1, reg), take("b", 1, wait), take("c", 2, wait), take("d", 1, wait),
				limit(3, "b"), limit(5, "c", "d")},
			list:  []string{"a 1 registered 0", "b 1 registered 0", "c 2 registered 0", "d 1 registered 0"},
			taken: 5,
		},
		{
			name:  "a pool without a limit registers everyone",
			steps: []step{take("a", 5, reg), take("b", 100, reg), limit(0), take("c", 1, reg)},
			list:  []string{"a 5 registered 0", "b 100 registered 0", "c 1 registered 0"},
			taken: 106,
		},
		{
			name:  "lifting the limit moves everyone up",
			steps: []step{limit(1), take("a", 1, reg), take("b", 1, wait), take("c", 3, wait), limit(0, "b", "c")},
			list:  []string{"a 1 registered 0", "b 1 registered 0", "c 3 registered 0"},
			taken: 5,
		},
		{
			name: "lowering the limit takes no place away; the list waits until enough are free",
			steps: []step{limit(3), take("a", 1, reg), take("b", 1, reg), take("c", 1, reg), limit(1),
				take("d", 1, wait), cancel("a"), cancel("b"), cancel("c", "d")},
			list:  []string{"d 1 registered 0"},
			taken: 1,
		},
		{
			name: "a waiting claim larger than a lowered limit is passed over",
			steps: []step{limit(4), take("a", 4, reg), take("b", 3, wait), take("c", 1, wait), limit(2),
				cancel("a", "c")},
			list:  []string{"c 1 registered 0", "b 3 waiting 1"},
			taken: 1, waiting: 3,
		},
		{
			name: "a holder has one live claim per pool",
			steps: []step{limit(1), take("a", 1, reg), refuse("a", 1, apperr.Conflict), take("b", 1, wait),
				refuse("b", 1, apperr.Conflict), cancel("b"), take("b", 1, wait)},
			list:  []string{"a 1 registered 0", "b 1 waiting 1"},
			taken: 1, waiting: 1,
		},
		{
			name: "places must be at least 1, and a limit at least 0",
			steps: []step{refuse("a", 0, apperr.Invalid), refuse("a", -2, apperr.Invalid), limit(2),
				take("a", 2, reg), {op: "limit", places: -1, code: apperr.Invalid}},
			list:  []string{"a 2 registered 0"},
			taken: 2,
		},
		{
			name: "a claim larger than the limit waits without holding up smaller ones",
			steps: []step{limit(2), take("a", 3, wait), take("b", 1, reg), take("c", 2, wait), cancel("b", "c"),
				limit(5, "a")},
			list:  []string{"a 3 registered 0", "c 2 registered 0"},
			taken: 5,
		},
		{
			name: "erasing a holder cancels its claims and moves others up",
			steps: []step{limit(2), take("z", 2, reg), take("b", 1, wait), take("c", 1, wait),
				erase("z", "b", "c"), erase("nobody")},
			list:  []string{"b 1 registered 0", "c 1 registered 0"},
			taken: 2,
		},
	}
	dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) {
		for i, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				p := capacity.Pool{Kind: "test", ID: fmt.Sprint(i)}
				claims := map[string]string{} // holder → id of its latest claim
				for n, s := range tc.steps {
					run(t, d, p, claims, s, n)
				}
				if got := describe(list(t, d, p)); !slices.Equal(got, tc.list) {
					t.Errorf("list:\n got %q\nwant %q", got, tc.list)
				}
				_, taken, waiting, err := capacity.Count(context.Background(), d, p)
				if err != nil || taken != tc.taken || waiting != tc.waiting {
					t.Errorf("Count: taken %d, waiting %d, %v; want %d, %d", taken, waiting, err, tc.taken, tc.waiting)
				}
			})
		}
	})
}

// run performs one step in its own write transaction and checks its outcome.
func run(t *testing.T, d *db.DB, p capacity.Pool, claims map[string]string, s step, n int) {
	t.Helper()
	ctx := context.Background()
	var c capacity.Claim
	var moved []capacity.Claim
	err := d.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		switch s.op {
		case "take":
			c, err = capacity.Take(ctx, tx, p, s.holder, s.places, t0)
		case "cancel":
			moved, err = capacity.Cancel(ctx, tx, claims[s.holder], t0)
		case "limit":
			moved, err = capacity.SetLimit(ctx, tx, p, s.places)
		case "erase":
			moved, err = capacity.EraseHolder(ctx, tx, s.holder, t0)
		}
		return err
	})
	if s.code != "" {
		if !apperr.Is(err, s.code) {
			t.Fatalf("step %d %+v: error %v, want %s", n, s, err, s.code)
		}
		return
	}
	if err != nil {
		t.Fatalf("step %d %+v: %v", n, s, err)
	}
	if s.op == "take" {
		if c.Status != s.want || c.Holder != s.holder || c.Places != s.places || c.Pool != p {
			t.Fatalf("step %d: took %+v, want %s", n, c, s.want)
		}
		stored, err := capacity.Get(ctx, d, c.ID)
		if err != nil || stored != c {
			t.Fatalf("step %d: Get = %+v, %v; Take returned %+v", n, stored, err, c)
		}
		claims[s.holder] = c.ID
	}
	var got []string
	for _, c := range moved {
		if c.Status != capacity.Registered || c.Position != 0 {
			t.Errorf("step %d: moved up as %+v", n, c)
		}
		got = append(got, c.Holder)
	}
	if !slices.Equal(got, s.moved) {
		t.Errorf("step %d %+v: moved up %q, want %q", n, s, got, s.moved)
	}
}

func list(t *testing.T, q db.Querier, p capacity.Pool) []capacity.Claim {
	t.Helper()
	claims, err := capacity.List(context.Background(), q, p)
	if err != nil {
		t.Fatal(err)
	}
	return claims
}

// describe writes claims as "holder places status position".
func describe(claims []capacity.Claim) []string {
	var out []string
	for _, c := range claims {
		out = append(out, fmt.Sprintf("%s %d %s %d", c.Holder, c.Places, c.Status, c.Position))
	}
	return out
}

func TestGetAndOfTellTheListsPositions(t *testing.T) {
	dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		p := capacity.Pool{Kind: "event.date", ID: ids.New() + "/2026-12-17"}
		claims := map[string]string{}
		for n, s := range []step{limit(1), take("a", 1, reg), take("b", 1, wait), take("c", 1, wait), take("d", 1, wait), cancel("b")} {
			run(t, d, p, claims, s, n)
		}
		for _, want := range list(t, d, p) {
			got, err := capacity.Get(ctx, d, want.ID)
			if err != nil || got != want {
				t.Errorf("Get = %+v, %v; List has %+v", got, err, want)
			}
			got, err = capacity.Of(ctx, d, p, want.Holder)
			if err != nil || got != want {
				t.Errorf("Of = %+v, %v; List has %+v", got, err, want)
			}
		}
		if c, _ := capacity.Get(ctx, d, claims["d"]); c.Position != 2 {
			t.Errorf("d waits at %d behind c, want 2", c.Position)
		}
		if c, err := capacity.Get(ctx, d, claims["b"]); err != nil || c.Status != capacity.Cancelled || c.Position != 0 {
			t.Errorf("cancelled claim: %+v, %v", c, err)
		}
		if _, err := capacity.Of(ctx, d, p, "b"); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("Of a holder whose claim was cancelled: %v, want NotFound", err)
		}
		for _, id := range []string{ids.New(), "not-an-id", ""} {
			if _, err := capacity.Get(ctx, d, id); !apperr.Is(err, apperr.NotFound) {
				t.Errorf("Get(%q): %v, want NotFound", id, err)
			}
		}
		limit, taken, waiting, err := capacity.Count(ctx, d, capacity.Pool{Kind: "event.date", ID: "unused"})
		if limit != 0 || taken != 0 || waiting != 0 || err != nil {
			t.Errorf("Count of an unused pool: %d %d %d %v", limit, taken, waiting, err)
		}
	})
}

func TestCancellingTwiceChangesNothing(t *testing.T) {
	dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) {
		p := capacity.Pool{Kind: "test", ID: "twice"}
		claims := map[string]string{}
		for n, s := range []step{limit(1), take("a", 1, reg), take("b", 1, wait), cancel("a", "b"), cancel("a")} {
			run(t, d, p, claims, s, n)
		}
		if got := describe(list(t, d, p)); !slices.Equal(got, []string{"b 1 registered 0"}) {
			t.Errorf("list %q", got)
		}
	})
}

// The caller's transaction decides: a claim taken in a transaction that
// rolls back leaves no trace, not even its place.
func TestClaimRollsBackWithTheCallersTransaction(t *testing.T) {
	dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		p := capacity.Pool{Kind: "test", ID: "rollback"}
		failed := errors.New("the caller's own insert failed")
		err := d.Tx(ctx, func(tx *sql.Tx) error {
			if _, err := capacity.SetLimit(ctx, tx, p, 1); err != nil {
				return err
			}
			if _, err := capacity.Take(ctx, tx, p, "a", 1, t0); err != nil {
				return err
			}
			return failed
		})
		if !errors.Is(err, failed) {
			t.Fatalf("Tx: %v", err)
		}
		limit, taken, waiting, err := capacity.Count(ctx, d, p)
		if limit != 0 || taken != 0 || waiting != 0 || err != nil || len(list(t, d, p)) != 0 {
			t.Errorf("after rollback: %d %d %d %v", limit, taken, waiting, err)
		}
	})
}

func TestEraseHolderAcrossPools(t *testing.T) {
	dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		day := capacity.Pool{Kind: "event.date", ID: "e/2026-12-17"}
		slot := capacity.Pool{Kind: "shift.slot", ID: "s"}
		claims := map[string]string{}
		for n, s := range []step{limit(1), take("erased", 1, reg), take("b", 1, wait)} {
			run(t, d, day, claims, s, n)
		}
		for n, s := range []step{limit(1), take("c", 1, reg), take("erased", 1, wait), take("d", 1, wait)} {
			run(t, d, slot, claims, s, n)
		}
		var moved []capacity.Claim
		err := d.Tx(ctx, func(tx *sql.Tx) (err error) {
			moved, err = capacity.EraseHolder(ctx, tx, "erased", t0)
			return err
		})
		if err != nil || len(moved) != 1 || moved[0].Holder != "b" {
			t.Fatalf("EraseHolder moved %+v, %v; want b", moved, err)
		}
		if got := describe(list(t, d, slot)); !slices.Equal(got, []string{"c 1 registered 0", "d 1 waiting 1"}) {
			t.Errorf("slot: %q", got)
		}
		held, err := capacity.Holding(ctx, d, "erased")
		if err != nil || len(held) != 0 {
			t.Errorf("Holding after erasure: %+v, %v", held, err)
		}
		var left int
		if err := d.QueryRowContext(ctx, `SELECT COUNT(*) FROM capacity_claims WHERE holder = $1`, "erased").Scan(&left); err != nil || left != 0 {
			t.Errorf("%d claims still name the erased holder (%v)", left, err)
		}
		held, err = capacity.Holding(ctx, d, "d")
		if err != nil || len(held) != 1 || held[0].Pool != slot || held[0].Position != 1 {
			t.Errorf("Holding(d): %+v, %v", held, err)
		}
	})
}

// A date that moves to another day takes its places along: the claims,
// their order and the limit; a pool that holds claims is not overwritten.
func TestMoveTakesClaimsAlong(t *testing.T) {
	dbtest.ForEach(t, sets, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		from := capacity.Pool{Kind: "event.date", ID: "e/2026-12-17"}
		to := capacity.Pool{Kind: "event.date", ID: "e/2026-12-18"}
		busy := capacity.Pool{Kind: "event.date", ID: "e/2026-12-19"}
		claims := map[string]string{}
		for n, s := range []step{limit(1), take("a", 1, reg), take("b", 1, wait), take("c", 1, wait)} {
			run(t, d, from, claims, s, n)
		}
		run(t, d, busy, claims, take("x", 1, reg), 0)
		move := func(a, b capacity.Pool) error {
			return d.Tx(ctx, func(tx *sql.Tx) error { return capacity.Move(ctx, tx, a, b) })
		}
		if err := move(from, busy); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("move onto a pool with claims: %v", err)
		}
		if err := move(from, to); err != nil {
			t.Fatal(err)
		}
		if got := describe(list(t, d, to)); !slices.Equal(got, []string{"a 1 registered 0", "b 1 waiting 1", "c 1 waiting 2"}) {
			t.Errorf("the moved pool: %q", got)
		}
		if len(list(t, d, from)) != 0 {
			t.Error("claims left behind")
		}
		if limit, taken, waiting, err := capacity.Count(ctx, d, to); limit != 1 || taken != 1 || waiting != 2 || err != nil {
			t.Errorf("counts after the move: %d %d %d %v", limit, taken, waiting, err)
		}
		// The waiting list goes on in order in its new pool.
		run(t, d, to, claims, cancel("a", "b"), 0)
	})
}
