package moderation_test

import (
	"context"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/mail"
	"teilhabe.org/teilhabe/internal/mail/mailtest"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/moderation/moderationtest"
	"teilhabe.org/teilhabe/internal/ratelimit"
	"teilhabe.org/teilhabe/internal/session"
	"teilhabe.org/teilhabe/internal/web"
)

// env is the accounts and moderation modules assembled with app.New on a
// fresh database, served over HTTP, with a real SMTP server behind the
// outbox and a test Target of kind "listing" over a table of its own.
type env struct {
	*apptest.Env
	DB       *db.DB
	S        *app.Services
	Mod      *moderation.Module
	Accounts *account.Module
	Items    *moderationtest.Target
	worker   *mail.Worker
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
	log := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	s := &app.Services{DB: d, Clock: clk, Log: log, Catalog: cat, Render: web.NewRenderer(cat, sessions, clk, log),
		Sessions: sessions, Limiter: ratelimit.New(d, clk), BaseURL: base, Mail: app.MailSettings{Delivers: true}}
	accounts := account.New(s)
	mod := moderation.New(s, accounts)
	mods := []app.Module{accounts, mod}
	for _, p := range app.UserDataProviders(mods) {
		accounts.AddUserData(p)
	}
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
	return &env{
		Env: &apptest.Env{Server: srv, Clock: clk, SMTP: smtp, URL: base}, DB: d, S: s, Mod: mod, Accounts: accounts,
		Items: items, worker: mail.NewWorker(d, mail.NewSender(smtp.Config(), log), clk, log),
	}
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(b), "\n"))
	return len(b), nil
}

// person is an account with a logged-in browser.
type person struct {
	ID, Email string
	Role      auth.Role
	Web       *apptest.Client
}

func (e *env) newPerson(t *testing.T, handle string, role auth.Role) *person {
	t.Helper()
	return e.newPersonLang(t, handle, role, "de")
}

func (e *env) newPersonLang(t *testing.T, handle string, role auth.Role, lang string) *person {
	t.Helper()
	email := handle + "@example.org"
	u, err := e.Accounts.CreateVerified(ctx, email, strings.ToUpper(handle[:1])+handle[1:], apptest.Password, lang, role)
	if err != nil {
		t.Fatalf("create %s: %v", handle, err)
	}
	return &person{ID: u.ID, Email: email, Role: role, Web: e.LoggedIn(t, email)}
}

// identity is the person as the request context would carry them.
func (p *person) identity() *auth.Identity {
	return &auth.Identity{UserID: p.ID, Email: p.Email, Role: p.Role, Lang: "de"}
}

// mailTo delivers the outbox over SMTP and returns the next mail to addr
// as the SMTP server received it.
func (e *env) mailTo(t *testing.T, addr string) mailtest.Message {
	t.Helper()
	if _, err := e.worker.DeliverDue(ctx); err != nil {
		t.Fatalf("deliver mail: %v", err)
	}
	return e.SMTP.WaitFor(t, addr, 5*time.Second)
}

// noMailTo fails when the outbox holds a mail to addr.
func (e *env) noMailTo(t *testing.T, addr string) {
	t.Helper()
	var n int
	if err := e.DB.QueryRowContext(ctx, "SELECT count(*) FROM mail_outbox WHERE recipient = $1", addr).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n > 0 {
		t.Errorf("%d mails to %s, want none", n, addr)
	}
}

// audits returns the audit entries of an object, newest first.
func (e *env) audits(t *testing.T, objectID string) []audit.Logged {
	t.Helper()
	entries, err := audit.List(ctx, e.DB, audit.Filter{ObjectID: objectID})
	if err != nil {
		t.Fatal(err)
	}
	return entries
}

// flagRows counts the flags of an item: all, and open ones.
func (e *env) flagRows(t *testing.T, itemID string) (all, open int) {
	t.Helper()
	err := e.DB.QueryRowContext(ctx, `SELECT count(*), count(*) - count(resolved_at) FROM moderation_flags WHERE item_id = $1`,
		itemID).Scan(&all, &open)
	if err != nil {
		t.Fatal(err)
	}
	return all, open
}

func form(kv ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		v.Add(kv[i], kv[i+1])
	}
	return v
}

func wantStatus(t *testing.T, what string, got, want int, body string) {
	t.Helper()
	if got != want {
		t.Errorf("%s: status %d, want %d\n%.3000s", what, got, want, body)
	}
}
