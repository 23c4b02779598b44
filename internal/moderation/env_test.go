package moderation_test

import (
	"context"
	"testing"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/moderation/moderationtest"
)

// env is the accounts and moderation modules alone on a fresh database,
// served over HTTP, with a real SMTP server behind the outbox and a test
// Target of kind "listing" over a table of its own. It is the one partial
// platform among the tests: on the whole platform the board owns the kind
// "listing", and these tests need items whose owner, audience and hidden
// mark they set directly.
type env struct {
	*apptest.Env
	Mod   *moderation.Module
	Items *moderationtest.Target
}

var ctx = context.Background()

// forEach runs fn on a fresh env on each database.
func forEach(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Helper()
	dbtest.Each(t, newEnv, fn)
}

func newEnv(t *testing.T, dialect db.Dialect) *env {
	t.Helper()
	var mod *moderation.Module
	a := apptest.NewWith(t, dialect, func(s *app.Services, accounts *account.Module) []app.Module {
		mod = moderation.New(s, accounts)
		return []app.Module{mod}
	})
	items := moderationtest.New(t, a.P.DB, "listing")
	mod.Register(items)
	return &env{Env: a, Mod: mod, Items: items}
}

// noMailTo fails when the outbox holds a mail to addr.
func (e *env) noMailTo(t *testing.T, addr string) {
	t.Helper()
	if n := len(e.Outbox(t, addr)); n > 0 {
		t.Errorf("%d mails to %s, want none", n, addr)
	}
}

// audits returns the audit entries of an object, newest first.
func (e *env) audits(t *testing.T, objectID string) []audit.Logged {
	t.Helper()
	entries, err := audit.List(ctx, e.P.DB, audit.Filter{ObjectID: objectID})
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// flagRows counts the flags of an item: all, and open ones.
func (e *env) flagRows(t *testing.T, itemID string) (all, open int) {
	t.Helper()
	err := e.P.DB.QueryRowContext(ctx, `SELECT count(*), count(*) - count(resolved_at) FROM moderation_flags WHERE item_id = $1`,
		itemID).Scan(&all, &open)
	if err != nil {
		t.Fatal(err)
	}
	return all, open
}
