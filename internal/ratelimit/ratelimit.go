// Package ratelimit counts attempts in fixed time windows. The counters live
// in the database, so a limit holds across all app servers behind a load
// balancer and survives restarts.
package ratelimit

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"math"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
)

//go:embed migrations
var migrations embed.FS

// Migrations creates the rate_limits table.
func Migrations() db.Migrations {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		panic(err)
	}
	return db.Migrations{Module: "ratelimit", FS: fsys}
}

// MessageID explains a refusal to the user.
const MessageID = "error.rate_limited"

// Rule allows Limit attempts per subject in each fixed Window. Name keeps
// the counters of different rules apart, e.g. "login.account".
type Rule struct {
	Name   string
	Limit  int
	Window time.Duration
}

func (r Rule) validate() error {
	if r.Name == "" || r.Limit < 1 || r.Window <= 0 {
		return apperr.Wrap(apperr.Internal, fmt.Errorf("ratelimit: invalid rule %+v", r))
	}
	return nil
}

// window returns the start and end of the fixed window that holds now.
func (r Rule) window(now time.Time) (start, end time.Time) {
	start = now.Truncate(r.Window)
	return start, start.Add(r.Window)
}

// Limiter counts attempts in the database.
type Limiter struct {
	db  *db.DB
	clk clock.Clock
}

// New returns a limiter on d that reads the time from clk.
func New(d *db.DB, clk clock.Clock) *Limiter {
	return &Limiter{db: d, clk: clk}
}

// key names a counter. The subject (an e-mail address, an IP address) is
// hashed: the table then holds no personal data in the clear, and a key
// has a fixed length whatever a client sends.
func key(rule Rule, subject string) string {
	sum := sha256.Sum256([]byte(subject))
	return rule.Name + ":" + hex.EncodeToString(sum[:16])
}

// One statement both creates and increments the counter; the database makes
// concurrent increments from any number of servers wait for each other.
const countAttempt = `INSERT INTO rate_limits (key, window_start, expires_at, count)
VALUES ($1, $2, $3, 1)
ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1
RETURNING count`

// Allow counts one attempt of subject under rule and returns a RateLimited
// error once the rule's limit for the current window is exceeded. Refused
// attempts count too. It writes in its own transaction, not the caller's,
// so an attempt stays counted when the caller's work rolls back.
func (l *Limiter) Allow(ctx context.Context, rule Rule, subject string) error {
	if err := rule.validate(); err != nil {
		return err
	}
	now := l.clk.Now().UTC()
	start, end := rule.window(now)
	var count int
	err := l.db.Tx(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, countAttempt, key(rule, subject), start, end).Scan(&count)
	})
	if err != nil {
		return err
	}
	if count > rule.Limit {
		return refused(end.Sub(now))
	}
	return nil
}

func refused(wait time.Duration) error {
	e := apperr.New(apperr.RateLimited, MessageID)
	e.Args = map[string]any{
		"Minutes":           int(math.Ceil(wait.Minutes())),
		"RetryAfterSeconds": int(math.Ceil(wait.Seconds())),
	}
	return e
}

// RetryAfter tells how long a refused caller should wait, for the
// Retry-After header; ok is false for other errors.
func RetryAfter(err error) (wait time.Duration, ok bool) {
	if !apperr.Is(err, apperr.RateLimited) {
		return 0, false
	}
	seconds, ok := apperr.As(err).Args["RetryAfterSeconds"].(int)
	return time.Duration(seconds) * time.Second, ok
}

// Undo takes back one attempt of subject counted by Allow in the current
// window, for rules that count only failures: the attempt is counted before
// its outcome is known, so that parallel attempts cannot slip past the
// limit, and taken back once it succeeded. It never goes below zero.
func (l *Limiter) Undo(ctx context.Context, rule Rule, subject string) error {
	if err := rule.validate(); err != nil {
		return err
	}
	start, _ := rule.window(l.clk.Now().UTC())
	_, err := l.db.ExecContext(ctx, `UPDATE rate_limits SET count = count - 1
		WHERE key = $1 AND window_start = $2 AND count > 0`, key(rule, subject), start)
	return err
}

// Reset forgets the attempts of subject under rule, e.g. after a
// successful login.
func (l *Limiter) Reset(ctx context.Context, rule Rule, subject string) error {
	_, err := l.db.ExecContext(ctx, "DELETE FROM rate_limits WHERE key = $1", key(rule, subject))
	return err
}

// Cleanup deletes the counters of windows that have ended; run it
// periodically.
func (l *Limiter) Cleanup(ctx context.Context) error {
	_, err := l.db.ExecContext(ctx, "DELETE FROM rate_limits WHERE expires_at <= $1", l.clk.Now().UTC())
	return err
}
