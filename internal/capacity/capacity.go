// Package capacity counts places: a pool (an event's date, a volunteer-day
// project, a shift's slot) has a limit, holders claim places in it, and
// claims that do not fit wait in a list that moves up in order, first come,
// first served. It knows nothing of what the places are for.
//
// Every change runs in the caller's write transaction, so the caller's own
// rows and the claim commit together. Each change first locks the pool's row,
// so concurrent takers wait for each other on SQLite and on PostgreSQL with
// any number of app servers: a pool is never overbooked, and the order of
// claims is the order in which their transactions committed.
package capacity

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

//go:embed migrations
var migrations embed.FS

// Migrations creates the capacity_pools and capacity_claims tables.
func Migrations() db.Migrations {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		panic(err)
	}
	return db.Migrations{Module: "capacity", FS: sub}
}

// Pool names one set of places as its module names it, for example
// {"event.date", "<event id>/2026-12-17"}.
type Pool struct{ Kind, ID string }

// Status is where a claim stands.
type Status string

const (
	Registered Status = "registered" // holds its places
	Waiting    Status = "waiting"    // in the waiting list
	Cancelled  Status = "cancelled"  // holds nothing any more
)

// Claim is one holder's claim on places of a pool.
type Claim struct {
	ID       string
	Pool     Pool
	Holder   string
	Places   int
	Status   Status
	Position int // 1-based in the waiting list; 0 when registered or cancelled
	// CreatedAt is when the claim was taken (UTC, to the microsecond the
	// databases keep).
	CreatedAt time.Time
}

// Live tells whether the claim holds or waits for places.
func (c Claim) Live() bool { return c.Status == Registered || c.Status == Waiting }

// placesField is the field an Invalid error about places names.
const placesField = "places"

func (p Pool) check() error {
	if p.Kind == "" || p.ID == "" {
		return apperr.Wrap(apperr.Internal, fmt.Errorf("capacity: pool %+v has no kind or id", p))
	}
	return nil
}

// pool is a pool's row, read under its lock.
type pool struct {
	Pool
	limit, taken, waiting, waitingClaims int
	lastSeq                              int64
}

// fits tells whether places free places are there now.
func (s *pool) fits(places int) bool { return s.limit == 0 || s.taken+places <= s.limit }

// lockPool creates the pool's row on first use and locks it until tx ends.
// The upsert is one statement that takes the row lock on both engines
// (SQLite's single writer serialises anyway; PostgreSQL holds the lock of
// the updated row), and it returns the row as the previous lock holder
// committed it.
const lockPool = `INSERT INTO capacity_pools (kind, pool_id) VALUES ($1, $2)
ON CONFLICT (kind, pool_id) DO UPDATE SET last_seq = capacity_pools.last_seq
RETURNING places_limit, taken, waiting, waiting_claims, last_seq`

func lock(ctx context.Context, tx *sql.Tx, p Pool) (*pool, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	s := &pool{Pool: p}
	err := tx.QueryRowContext(ctx, lockPool, p.Kind, p.ID).
		Scan(&s.limit, &s.taken, &s.waiting, &s.waitingClaims, &s.lastSeq)
	if err != nil {
		return nil, db.Err(err)
	}
	return s, nil
}

func (s *pool) save(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `UPDATE capacity_pools
SET places_limit = $3, taken = $4, waiting = $5, waiting_claims = $6, last_seq = $7
WHERE kind = $1 AND pool_id = $2`,
		s.Kind, s.ID, s.limit, s.taken, s.waiting, s.waitingClaims, s.lastSeq)
	return db.Err(err)
}

// SetLimit sets how many places the pool has; 0 is unlimited. Raising it
// moves waiting claims up in order and returns them. Lowering it takes no
// place away from a registered claim: the waiting list waits until enough
// are free again.
func SetLimit(ctx context.Context, tx *sql.Tx, p Pool, places int) ([]Claim, error) {
	if places < 0 {
		return nil, apperr.Field(placesField, "error.invalid")
	}
	s, err := lock(ctx, tx, p)
	if err != nil {
		return nil, err
	}
	s.limit = places
	promoted, err := promote(ctx, tx, s)
	if err != nil {
		return nil, err
	}
	return promoted, s.save(ctx, tx)
}

// Take claims places for holder. The claim is registered if that many places
// are free and nobody waits (those who came first keep their turn);
// otherwise it waits whole: a claim is never registered for part of its
// places. A claim for more places than the limit waits until the limit is
// raised, without holding up smaller claims behind it. A holder has at most
// one live claim per pool (Conflict); places < 1 is Invalid.
func Take(ctx context.Context, tx *sql.Tx, p Pool, holder string, places int, now time.Time) (Claim, error) {
	if places < 1 {
		return Claim{}, apperr.Field(placesField, "error.invalid")
	}
	if holder == "" {
		return Claim{}, apperr.Wrap(apperr.Internal, errors.New("capacity: a claim needs a holder"))
	}
	s, err := lock(ctx, tx, p)
	if err != nil {
		return Claim{}, err
	}
	switch _, err := Of(ctx, tx, p, holder); {
	case err == nil:
		return Claim{}, apperr.New(apperr.Conflict, "")
	case !apperr.Is(err, apperr.NotFound):
		return Claim{}, err
	}
	c := Claim{ID: ids.New(), Pool: p, Holder: holder, Places: places, CreatedAt: dbTime(now)}
	registerNow := s.waitingClaims == 0 && s.fits(places)
	if registerNow {
		c.Status = Registered
		s.taken += places
	} else {
		c.Status = Waiting
		s.waiting += places
		s.waitingClaims++
		c.Position = s.waitingClaims // a new claim waits last
	}
	s.lastSeq++
	_, err = tx.ExecContext(ctx, `INSERT INTO capacity_claims
(id, pool_kind, pool_id, holder, places, status, seq, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		c.ID, p.Kind, p.ID, holder, places, string(c.Status), s.lastSeq, c.CreatedAt)
	if err != nil {
		return Claim{}, db.Err(err)
	}
	if !registerNow {
		// Only claims larger than the whole limit may wait while places
		// are free; the new claim then moves up past them.
		promoted, err := promote(ctx, tx, s)
		if err != nil {
			return Claim{}, err
		}
		if slices.ContainsFunc(promoted, func(m Claim) bool { return m.ID == c.ID }) {
			c.Status, c.Position = Registered, 0
		}
	}
	return c, s.save(ctx, tx)
}

// Cancel ends a claim: its places are free again and the first waiting
// claims that fit now move up, in order; a waiting claim for more places
// than are free keeps those behind it waiting. It returns the claims that
// moved up. Cancelling a cancelled claim changes nothing, so a second click
// is harmless.
func Cancel(ctx context.Context, tx *sql.Tx, claimID string, now time.Time) (promoted []Claim, err error) {
	c, err := Get(ctx, tx, claimID)
	if err != nil {
		return nil, err
	}
	s, err := lock(ctx, tx, c.Pool)
	if err != nil {
		return nil, err
	}
	// Read again under the lock: another transaction may have changed it.
	if c, err = Get(ctx, tx, claimID); err != nil {
		return nil, err
	}
	if !c.Live() {
		return nil, nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE capacity_claims SET status = $2, cancelled_at = $3 WHERE id = $1`,
		c.ID, string(Cancelled), dbTime(now)); err != nil {
		return nil, db.Err(err)
	}
	if c.Status == Registered {
		s.taken -= c.Places
	} else {
		s.waiting -= c.Places
		s.waitingClaims--
	}
	if promoted, err = promote(ctx, tx, s); err != nil {
		return nil, err
	}
	return promoted, s.save(ctx, tx)
}

// promote registers the first waiting claims that fit, in order, and
// updates s. A claim larger than the whole limit is passed over: it cannot
// fit before the limit is raised, and it must not stop the list until then.
func promote(ctx context.Context, tx *sql.Tx, s *pool) ([]Claim, error) {
	if s.waitingClaims == 0 || !s.fits(1) {
		return nil, nil
	}
	query := `SELECT ` + claimColumns + ` FROM capacity_claims
WHERE pool_kind = $1 AND pool_id = $2 AND status = 'waiting'`
	args := []any{s.Kind, s.ID}
	if s.limit > 0 {
		// At most one claim per free place can move up.
		query += ` AND places <= $3 ORDER BY seq LIMIT $4`
		args = append(args, s.limit, s.limit-s.taken)
	} else {
		query += ` ORDER BY seq`
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	candidates, err := db.Collect(rows, err, scanClaim)
	if err != nil {
		return nil, err
	}
	var promoted []Claim
	for _, c := range candidates {
		if !s.fits(c.Places) {
			break
		}
		if _, err := tx.ExecContext(ctx, `UPDATE capacity_claims SET status = $2 WHERE id = $1`,
			c.ID, string(Registered)); err != nil {
			return nil, db.Err(err)
		}
		s.taken += c.Places
		s.waiting -= c.Places
		s.waitingClaims--
		c.Status, c.Position = Registered, 0
		promoted = append(promoted, c)
	}
	return promoted, nil
}

// Move gives every claim of pool from, with its limit and waiting list in
// order, to pool to, which must hold no live claim (Conflict): for places
// whose date moves to another day. Both pools are locked, in one order.
func Move(ctx context.Context, tx *sql.Tx, from, to Pool) error {
	if from == to {
		return nil
	}
	first, second := from, to
	if to.Kind < from.Kind || (to.Kind == from.Kind && to.ID < from.ID) {
		first, second = to, from
	}
	locked := map[Pool]*pool{}
	for _, p := range []Pool{first, second} {
		s, err := lock(ctx, tx, p)
		if err != nil {
			return err
		}
		locked[p] = s
	}
	if t := locked[to]; t.taken+t.waiting+t.waitingClaims > 0 {
		return apperr.New(apperr.Conflict, "")
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM capacity_pools WHERE kind = $1 AND pool_id = $2`, to.Kind, to.ID); err != nil {
		return db.Err(err)
	}
	for _, stmt := range []string{
		`UPDATE capacity_claims SET pool_kind = $3, pool_id = $4 WHERE pool_kind = $1 AND pool_id = $2`,
		`UPDATE capacity_pools SET kind = $3, pool_id = $4 WHERE kind = $1 AND pool_id = $2`,
	} {
		if _, err := tx.ExecContext(ctx, stmt, from.Kind, from.ID, to.Kind, to.ID); err != nil {
			return db.Err(err)
		}
	}
	return nil
}

// EraseHolder cancels every live claim of holder, moving others up, and
// removes the holder from all its claims, so nothing of the person stays.
// It returns the claims that moved up.
func EraseHolder(ctx context.Context, tx *sql.Tx, holder string, now time.Time) ([]Claim, error) {
	if holder == "" {
		return nil, nil
	}
	// Pools in one order, so two erasures never wait for each other's locks.
	rows, err := tx.QueryContext(ctx, `SELECT id FROM capacity_claims
WHERE holder = $1 AND status <> 'cancelled' ORDER BY pool_kind, pool_id`, holder)
	live, err := db.Collect(rows, err, db.Value[string])
	if err != nil {
		return nil, err
	}
	var promoted []Claim
	for _, id := range live {
		moved, err := Cancel(ctx, tx, id, now)
		if err != nil {
			return nil, err
		}
		promoted = append(promoted, moved...)
	}
	_, err = tx.ExecContext(ctx, `UPDATE capacity_claims SET holder = '' WHERE holder = $1`, holder)
	return promoted, db.Err(err)
}

// claimColumns are the columns scanClaim reads.
const claimColumns = `id, pool_kind, pool_id, holder, places, status, created_at`

// positionColumn counts the waiting claims up to and including the claim c.
const positionColumn = `(SELECT COUNT(*) FROM capacity_claims w WHERE w.pool_kind = c.pool_kind
AND w.pool_id = c.pool_id AND w.status = 'waiting' AND w.seq <= c.seq)`

func scanClaim(s db.Scanner) (Claim, error) {
	var c Claim
	var status string
	err := s.Scan(&c.ID, &c.Pool.Kind, &c.Pool.ID, &c.Holder, &c.Places, &status, &c.CreatedAt)
	c.Status = Status(status)
	c.CreatedAt = c.CreatedAt.UTC()
	return c, err
}

// scanPlaced reads a claim followed by its place in the waiting list.
func scanPlaced(s db.Scanner) (Claim, error) {
	var position int
	c, err := scanClaim(db.WithExtra(s, &position))
	if c.Status == Waiting {
		c.Position = position
	}
	return c, err
}

// Get returns a claim, NotFound if there is none.
func Get(ctx context.Context, q db.Querier, claimID string) (Claim, error) {
	if !ids.Valid(claimID) {
		return Claim{}, apperr.New(apperr.NotFound, "")
	}
	c, err := scanPlaced(q.QueryRowContext(ctx, `SELECT `+prefixed(claimColumns)+`, `+positionColumn+`
FROM capacity_claims c WHERE c.id = $1`, strings.ToLower(claimID)))
	return c, db.Err(err)
}

// Of returns the holder's live claim in the pool, NotFound if none.
func Of(ctx context.Context, q db.Querier, p Pool, holder string) (Claim, error) {
	c, err := scanPlaced(q.QueryRowContext(ctx, `SELECT `+prefixed(claimColumns)+`, `+positionColumn+`
FROM capacity_claims c WHERE c.pool_kind = $1 AND c.pool_id = $2 AND c.holder = $3 AND c.status <> 'cancelled'`,
		p.Kind, p.ID, holder))
	return c, db.Err(err)
}

// Holding returns the holder's live claims in every pool, for a personal
// calendar and the export of a person's data.
func Holding(ctx context.Context, q db.Querier, holder string) ([]Claim, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+prefixed(claimColumns)+`, `+positionColumn+`
FROM capacity_claims c WHERE c.holder = $1 AND c.status <> 'cancelled'
ORDER BY c.pool_kind, c.pool_id`, holder)
	return db.Collect(rows, err, scanPlaced)
}

// List returns the pool's live claims: the registered ones in the order they
// were taken, then the waiting list in order.
func List(ctx context.Context, q db.Querier, p Pool) ([]Claim, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+claimColumns+` FROM capacity_claims
WHERE pool_kind = $1 AND pool_id = $2 AND status IN ('registered', 'waiting')
ORDER BY CASE status WHEN 'registered' THEN 0 ELSE 1 END, seq`, p.Kind, p.ID)
	claims, err := db.Collect(rows, err, scanClaim)
	if err != nil {
		return nil, err
	}
	position := 0
	for i := range claims {
		if claims[i].Status == Waiting {
			position++
			claims[i].Position = position
		}
	}
	return claims, nil
}

// Count tells the pool's limit (0: unlimited), the places taken by
// registered claims and the places the waiting claims ask for. A pool
// nobody used yet has all three 0.
func Count(ctx context.Context, q db.Querier, p Pool) (limit, taken, waiting int, err error) {
	err = q.QueryRowContext(ctx, `SELECT places_limit, taken, waiting FROM capacity_pools
WHERE kind = $1 AND pool_id = $2`, p.Kind, p.ID).Scan(&limit, &taken, &waiting)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, 0, nil
	}
	return limit, taken, waiting, db.Err(err)
}

// dbTime is t as the databases keep it: UTC, to the microsecond.
func dbTime(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// prefixed qualifies claimColumns with the alias c.
func prefixed(columns string) string {
	return "c." + strings.ReplaceAll(columns, ", ", ", c.")
}
