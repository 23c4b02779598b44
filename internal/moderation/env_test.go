package moderation_test

import (
	"context"
	"net/http/httptest"
	"testing"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/mail"
	"teilhabe.org/teilhabe/internal/mail/mailtest"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/moderation/moderationtest"
	"teilhabe.org/teilhabe/internal/notify"
	"teilhabe.org/teilhabe/internal/platform"
	"teilhabe.org/teilhabe/internal/ratelimit"
	"teilhabe.org/teilhabe/internal/session"
	"teilhabe.org/teilhabe/internal/web"
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
	for _, d := range dbtest.Dialects {
		t.Run(string(d), func(t *testing.T) { fn(t, newEnv(t, d)) })
	}
}

func newEnv(t *testing.T, dialect db.Dialect) *env {
	t.Helper()
	d := dbtest.Open(t, dialect, nil)
	smtp := mailtest.Start(t)
	clk := clock.NewFake(apptest.Start)
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	cat := i18n.NewCatalog()
	sessions := session.NewManager(d, clk, false)
	log := apptest.Logger(t)
	s := &app.Services{DB: d, Clock: clk, Log: log, Catalog: cat, Render: web.NewRenderer(cat, sessions, clk, log),
		Sessions: sessions, Limiter: ratelimit.New(d, clk), BaseURL: base, Mail: app.MailSettings{Delivers: true},
		Notify: notify.New(d, cat, base)}
	accounts := account.New(s)
	mod := moderation.New(s, accounts)
	mods := []app.Module{accounts, mod}
	a, err := app.New(s, mods)
	if err != nil {
		t.Fatalf("assemble: %v", err)
	}
	if _, err := d.Migrate(ctx, app.Migrations(mods)); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	items := moderationtest.New(t, d, "listing")
	mod.Register(items)
	srv.Config.Handler = a.Handler
	srv.Start()
	t.Cleanup(srv.Close)
	// As a Platform, the two modules get apptest's people, mail and API
	// helpers.
	p := &platform.Platform{Config: platform.Config{BaseURL: base, SMTP: smtp.Config()}, DB: d, Services: s, App: a,
		Accounts: accounts, Sender: mail.NewSender(smtp.Config(), log)}
	return &env{Env: &apptest.Env{P: p, Server: srv, Clock: clk, SMTP: smtp, URL: base}, Mod: mod, Items: items}
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
