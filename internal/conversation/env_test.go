package conversation_test

import (
	"context"
	"database/sql"
	"log/slog"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/conversation"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/mail"
	"teilhabe.org/teilhabe/internal/mail/mailtest"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/ratelimit"
	"teilhabe.org/teilhabe/internal/session"
	"teilhabe.org/teilhabe/internal/web"
)

// env is the accounts, organisations and conversations modules assembled
// with app.New on a fresh database, served over HTTP, delivering mail to a
// real SMTP server on loopback.
type env struct {
	*apptest.Env
	DB       *db.DB
	S        *app.Services
	App      *app.App
	Accounts *account.Module
	Orgs     *organization.Module
	Conv     *conversation.Module
	SMTP     *mailtest.Server
	worker   *mail.Worker
}

var ctx = context.Background()

// forEach runs fn on a fresh env on each database.
func forEach(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Helper()
	for _, d := range dbtest.Dialects {
		t.Run(string(d), func(t *testing.T) { fn(t, newEnv(t, d, true)) })
	}
}

// newEnv assembles the modules the way the platform does; withLister
// false leaves out the organisation list, so the module must fall back on
// asking about each organisation.
func newEnv(t *testing.T, dialect db.Dialect, withLister bool) *env {
	t.Helper()
	d := dbtest.Open(t, dialect, nil)
	clk := clock.NewFake(apptest.Start)
	smtp := mailtest.Start(t)
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	cat := i18n.NewCatalog()
	sessions := session.NewManager(d, clk, false)
	log := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	s := &app.Services{DB: d, Clock: clk, Log: log, Catalog: cat, Render: web.NewRenderer(cat, sessions, clk, log),
		Sessions: sessions, Limiter: ratelimit.New(d, clk), BaseURL: base, Mail: app.MailSettings{Delivers: true}}
	accounts := account.New(s)
	orgs := organization.New(s, accounts)
	conv := conversation.New(s, accounts, func(ctx context.Context, orgID, userID string) bool {
		_, err := orgs.RoleOf(ctx, orgID, userID)
		return err == nil
	})
	if withLister {
		conv.UseOrgLister(func(ctx context.Context, userID string) ([]string, error) {
			ms, err := orgs.Memberships(ctx, userID)
			out := make([]string, len(ms))
			for i, m := range ms {
				out[i] = m.OrganizationID
			}
			return out, err
		})
	}
	mods := []app.Module{accounts, orgs, conv}
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
	sender, err := mail.NewSMTPSender(smtp.Config())
	if err != nil {
		t.Fatal(err)
	}
	srv.Config.Handler = a.Handler
	srv.Start()
	t.Cleanup(srv.Close)
	return &env{Env: &apptest.Env{Server: srv, Clock: clk, URL: base}, DB: d, S: s, App: a, Accounts: accounts, Orgs: orgs,
		Conv: conv, SMTP: smtp, worker: mail.NewWorker(d, sender, clk, log)}
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(b), "\n"))
	return len(b), nil
}

// person is an account with a logged-in browser.
type person struct {
	ID, Email, Name, Lang string
	Web                   *apptest.Client
}

func (e *env) newPerson(t *testing.T, name, lang string) *person {
	t.Helper()
	email := strings.ToLower(name) + "@example.org"
	u, err := e.Accounts.CreateVerified(ctx, email, name, apptest.Password, lang, auth.Member)
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	c := e.LoggedIn(t, email)
	c.Lang = lang
	return &person{ID: u.ID, Email: email, Name: name, Lang: lang, Web: c}
}

func (p *person) part() conversation.Participant { return conversation.Participant{UserID: p.ID} }

// start opens a conversation as the board would, in a transaction of its
// own.
func (e *env) start(t *testing.T, about conversation.About, from *person, first string, to ...conversation.Participant) string {
	t.Helper()
	id, err := e.tryStart(about, from.part(), to, first)
	if err != nil {
		t.Fatalf("start: %v", err)
	}
	return id
}

func (e *env) tryStart(about conversation.About, from conversation.Participant, to []conversation.Participant, first string) (string, error) {
	var id string
	err := e.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		id, err = e.Conv.Start(ctx, tx, about, from, to, first)
		return err
	})
	return id, err
}

func (e *env) post(t *testing.T, convID string, p *person, body string) *conversation.Message {
	t.Helper()
	msg, err := e.Conv.Post(ctx, convID, p.ID, body)
	if err != nil {
		t.Fatalf("%s posts: %v", p.Name, err)
	}
	return msg
}

func (e *env) unread(t *testing.T, p *person) int {
	t.Helper()
	n, err := e.Conv.Unread(ctx, p.ID)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// deliver runs the outbox worker once.
func (e *env) deliver(t *testing.T) {
	t.Helper()
	if _, err := e.worker.DeliverDue(ctx); err != nil {
		t.Fatalf("deliver mail: %v", err)
	}
}

// mailTo delivers the outbox and returns the next mail to addr as the SMTP
// server received it.
func (e *env) mailTo(t *testing.T, addr string) mailtest.Message {
	t.Helper()
	e.deliver(t)
	return e.SMTP.WaitFor(t, addr, 5*time.Second)
}

// mailCount delivers the outbox and counts every mail addr received.
func (e *env) mailCount(t *testing.T, addr string) int {
	t.Helper()
	e.deliver(t)
	n := 0
	for _, m := range e.SMTP.Messages() {
		for _, to := range m.To {
			if strings.EqualFold(to, addr) {
				n++
			}
		}
	}
	return n
}

var invitationLink = regexp.MustCompile(`/invitations/([A-Za-z0-9_-]+)`)

// join makes p a member of the organisation through an invitation by its
// owner.
func (e *env) join(t *testing.T, owner *person, orgID string, p *person) {
	t.Helper()
	if err := e.Orgs.Invite(ctx, owner.ID, orgID, p.Email, organization.Editor); err != nil {
		t.Fatal(err)
	}
	var text string
	if err := e.DB.QueryRowContext(ctx, "SELECT body_text FROM mail_outbox WHERE recipient = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
		p.Email).Scan(&text); err != nil {
		t.Fatal(err)
	}
	m := invitationLink.FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no invitation link in %s", text)
	}
	if _, err := e.Orgs.AcceptInvitation(ctx, p.ID, m[1]); err != nil {
		t.Fatal(err)
	}
}

// newOrg makes an organisation owned by p.
func (e *env) newOrg(t *testing.T, p *person, name string) string {
	t.Helper()
	o, err := e.Orgs.Create(ctx, p.ID, organization.Profile{Name: name, Kind: "initiative", Languages: []string{"de"}})
	if err != nil {
		t.Fatal(err)
	}
	return o.ID
}

var sofa = conversation.About{Kind: "listing", ID: "0190a0a0-0000-7000-8000-000000000001", Title: "Sofa zu verschenken",
	URL: "/listings/0190a0a0-0000-7000-8000-000000000001"}
