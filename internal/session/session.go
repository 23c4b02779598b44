// Package session keeps browser sessions in the database, so any app server
// behind a load balancer can serve any request of a logged-in person.
package session

import (
	"context"
	"embed"
	"errors"
	"io/fs"
	"net/http"
	"time"

	"github.com/alexedwards/scs/v2"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
)

//go:embed migrations
var migrations embed.FS

// Migrations creates the sessions table.
func Migrations() db.Migrations {
	sub, _ := fs.Sub(migrations, "migrations")
	return db.Migrations{Module: "session", FS: sub}
}

// CookieName is the session cookie.
const CookieName = "teilhabe_session"

// NewManager returns a session manager with cookies that are HttpOnly,
// SameSite=Lax, and Secure when the site is served over https.
func NewManager(d *db.DB, clk clock.Clock, secure bool) *scs.SessionManager {
	m := scs.New()
	m.Store = NewStore(d, clk)
	m.Lifetime = 30 * 24 * time.Hour
	m.IdleTimeout = 14 * 24 * time.Hour
	m.Cookie.Name = CookieName
	m.Cookie.HttpOnly = true
	m.Cookie.SameSite = http.SameSiteLaxMode
	m.Cookie.Secure = secure
	m.Cookie.Path = "/"
	m.Cookie.Persist = true
	return m
}

// NewStore returns the database session store.
func NewStore(d *db.DB, clk clock.Clock) *Store { return &Store{db: d, clock: clk} }

// Store implements scs.CtxStore over database/sql.
type Store struct {
	db    *db.DB
	clock clock.Clock
}

func (s *Store) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var data []byte
	err := s.db.QueryRowContext(ctx, "SELECT data FROM sessions WHERE token = $1 AND expiry > $2",
		token, s.clock.Now()).Scan(&data)
	if err != nil {
		if apperr.Is(db.Err(err), apperr.NotFound) {
			return nil, false, nil
		}
		return nil, false, db.Err(err)
	}
	return data, true, nil
}

func (s *Store) CommitCtx(ctx context.Context, token string, b []byte, expiry time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO sessions (token, data, expiry) VALUES ($1, $2, $3)
		ON CONFLICT (token) DO UPDATE SET data = excluded.data, expiry = excluded.expiry`,
		token, b, expiry.UTC())
	return err
}

func (s *Store) DeleteCtx(ctx context.Context, token string) error {
	_, err := s.db.ExecContext(ctx, "DELETE FROM sessions WHERE token = $1", token)
	return err
}

// The context-free methods exist because scs requires them; scs calls the
// Ctx variants.
func (s *Store) Find(token string) ([]byte, bool, error) {
	return s.FindCtx(context.Background(), token)
}
func (s *Store) Commit(token string, b []byte, expiry time.Time) error {
	return s.CommitCtx(context.Background(), token, b, expiry)
}
func (s *Store) Delete(token string) error { return s.DeleteCtx(context.Background(), token) }

// DeleteExpired removes old sessions; a periodic job calls it.
func (s *Store) DeleteExpired(ctx context.Context, now time.Time) error {
	_, err := s.db.ExecContext(ctx, "DELETE FROM sessions WHERE expiry <= $1", now)
	if err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}
