// Package moderationtest gives tests a real moderation Target: items of a
// kind kept in a small table that the test creates, with an owner, a title,
// a text, a hidden mark and optionally a single person besides the owner
// who may see it (as in a conversation). Tests of the moderation module use
// it, and so can tests of modules that want a second kind beside theirs.
package moderationtest

import (
	"context"
	"database/sql"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/moderation"
)

// Target is a moderated kind over the table moderationtest_items.
type Target struct {
	db   *db.DB
	kind string
}

// New creates the table (once per database) and returns the Target of
// kind; register it with moderation.Module.Register.
func New(t testing.TB, d *db.DB, kind string) *Target {
	t.Helper()
	_, err := d.ExecContext(context.Background(), `CREATE TABLE IF NOT EXISTS moderationtest_items (
		id TEXT PRIMARY KEY,
		kind TEXT NOT NULL,
		owner_id TEXT NOT NULL,
		audience TEXT NOT NULL DEFAULT '',
		title TEXT NOT NULL,
		body TEXT NOT NULL,
		hidden BOOLEAN NOT NULL DEFAULT FALSE
	)`)
	if err != nil {
		t.Fatalf("moderationtest: create table: %v", err)
	}
	return &Target{db: d, kind: kind}
}

func (g *Target) Kind() string { return g.kind }

// URL is where an item is said to be seen.
func (g *Target) URL(id string) string { return "/test-items/" + id }

func (g *Target) Describe(ctx context.Context, id string) (moderation.Item, error) {
	var it moderation.Item
	var body string
	err := g.db.QueryRowContext(ctx, "SELECT owner_id, title, body FROM moderationtest_items WHERE id = $1 AND kind = $2",
		id, g.kind).Scan(&it.OwnerID, &it.Title, &body)
	if err != nil {
		return moderation.Item{}, db.Err(err)
	}
	it.URL, it.Excerpt = g.URL(id), body
	return it, nil
}

// VisibleTo makes the Target Restricted: an item with an audience is seen
// by its owner and that one person only.
func (g *Target) VisibleTo(ctx context.Context, userID, id string) (bool, error) {
	var owner, audience string
	err := g.db.QueryRowContext(ctx, "SELECT owner_id, audience FROM moderationtest_items WHERE id = $1 AND kind = $2",
		id, g.kind).Scan(&owner, &audience)
	if err != nil {
		return false, db.Err(err)
	}
	return audience == "" || userID == owner || userID == audience, nil
}

func (g *Target) SetHidden(ctx context.Context, tx *sql.Tx, id string, hidden bool) error {
	return g.exec(ctx, tx, "UPDATE moderationtest_items SET hidden = $1 WHERE id = $2 AND kind = $3", hidden, id, g.kind)
}

func (g *Target) Remove(ctx context.Context, tx *sql.Tx, id string) error {
	return g.exec(ctx, tx, "DELETE FROM moderationtest_items WHERE id = $1 AND kind = $2", id, g.kind)
}

func (g *Target) exec(ctx context.Context, tx *sql.Tx, query string, args ...any) error {
	res, err := tx.ExecContext(ctx, query, args...)
	if err != nil {
		return db.Err(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.NotFound, "")
	}
	return nil
}

// Create stores a public, visible item and returns its id.
func (g *Target) Create(t testing.TB, ownerID, title, body string) string {
	t.Helper()
	return g.insert(t, ownerID, "", title, body, false)
}

// CreatePrivate stores an item only its owner and audience may see.
func (g *Target) CreatePrivate(t testing.TB, ownerID, audience, title, body string) string {
	t.Helper()
	return g.insert(t, ownerID, audience, title, body, false)
}

// CreateHeld stores a hidden item and holds it for review in the same
// transaction, as a posting module does with a new account's first post
// that NeedsReview.
func (g *Target) CreateHeld(t testing.TB, m *moderation.Module, ownerID, title, body string) string {
	t.Helper()
	id := ids.New()
	err := g.db.Tx(context.Background(), func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(context.Background(), `INSERT INTO moderationtest_items (id, kind, owner_id, title, body, hidden)
			VALUES ($1, $2, $3, $4, $5, $6)`, id, g.kind, ownerID, title, body, true); err != nil {
			return err
		}
		return m.HoldForReview(context.Background(), tx, g.kind, id, ownerID)
	})
	if err != nil {
		t.Fatalf("moderationtest: create held item: %v", err)
	}
	return id
}

func (g *Target) insert(t testing.TB, ownerID, audience, title, body string, hidden bool) string {
	t.Helper()
	id := ids.New()
	_, err := g.db.ExecContext(context.Background(), `INSERT INTO moderationtest_items (id, kind, owner_id, audience, title, body, hidden)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, id, g.kind, ownerID, audience, title, body, hidden)
	if err != nil {
		t.Fatalf("moderationtest: create item: %v", err)
	}
	return id
}

// State tells whether the item exists and whether it is hidden.
func (g *Target) State(t testing.TB, id string) (exists, hidden bool) {
	t.Helper()
	err := g.db.QueryRowContext(context.Background(), "SELECT hidden FROM moderationtest_items WHERE id = $1 AND kind = $2",
		id, g.kind).Scan(&hidden)
	if apperr.Is(db.Err(err), apperr.NotFound) {
		return false, false
	}
	if err != nil {
		t.Fatalf("moderationtest: state of %s: %v", id, err)
	}
	return true, hidden
}
