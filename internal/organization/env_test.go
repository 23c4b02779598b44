package organization_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"log/slog"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/ratelimit"
	"teilhabe.org/teilhabe/internal/session"
	"teilhabe.org/teilhabe/internal/web"
)

// env is the accounts and organisations modules assembled with app.New on
// a fresh database, served over HTTP, with apptest's clients.
type env struct {
	*apptest.Env
	DB       *db.DB
	S        *app.Services
	App      *app.App
	Orgs     *organization.Module
	Accounts *account.Module
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
	clk := clock.NewFake(apptest.Start)
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	cat := i18n.NewCatalog()
	sessions := session.NewManager(d, clk, false)
	log := slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	s := &app.Services{DB: d, Clock: clk, Log: log, Catalog: cat, Render: web.NewRenderer(cat, sessions, clk, log),
		Sessions: sessions, Limiter: ratelimit.New(d, clk), BaseURL: base}
	accounts := account.New(s)
	orgs := organization.New(s, accounts)
	mods := []app.Module{accounts, orgs}
	mods = append(mods, fillLanguages{web.Messages(), accounts.Messages(), orgs.Messages()})
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
	srv.Config.Handler = a.Handler
	srv.Start()
	t.Cleanup(srv.Close)
	return &env{Env: &apptest.Env{Server: srv, Clock: clk, URL: base}, DB: d, S: s, App: a, Orgs: orgs, Accounts: accounts}
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(b), "\n"))
	return len(b), nil
}

// fillLanguages gives the languages whose translations are not written yet
// the English text of what they lack, so the catalogue check passes in
// these tests. Once every language is complete it adds nothing.
type fillLanguages []fs.FS

func (fillLanguages) Name() string { return "testfill" }

func (f fillLanguages) Messages() fs.FS {
	have := map[string]map[string]any{}
	for _, l := range i18n.Languages {
		have[l.Tag] = map[string]any{}
		for _, src := range f {
			b, err := fs.ReadFile(src, l.Tag+".json")
			if err != nil {
				continue
			}
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				panic(err)
			}
			for id, v := range m {
				have[l.Tag][id] = v
			}
		}
	}
	out := fstest.MapFS{}
	for _, l := range i18n.Languages {
		missing := map[string]any{}
		for id := range have[i18n.Default] {
			if _, ok := have[l.Tag][id]; !ok {
				missing[id] = have["en"][id]
			}
		}
		if len(missing) > 0 {
			b, _ := json.Marshal(missing)
			out[l.Tag+".json"] = &fstest.MapFile{Data: b}
		}
	}
	return out
}

// person is an account with a logged-in browser.
type person struct {
	ID, Email string
	Web       *apptest.Client
	e         *env
}

// newPerson creates a verified account and logs it in.
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
	return &person{ID: u.ID, Email: email, Web: e.LoggedIn(t, email), e: e}
}

// identity is the person as the request context would carry them.
func (p *person) identity(role auth.Role) *auth.Identity {
	return &auth.Identity{UserID: p.ID, Email: p.Email, Role: role, Lang: "de"}
}

// mail is one message of the outbox.
type mail struct{ To, Lang, Subject, Text string }

// outbox returns the mails to addr, oldest first.
func (e *env) outbox(t *testing.T, addr string) []mail {
	t.Helper()
	rows, err := e.DB.QueryContext(ctx, "SELECT recipient, lang, subject, body_text FROM mail_outbox WHERE recipient = $1 ORDER BY created_at, id", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []mail
	for rows.Next() {
		var m mail
		if err := rows.Scan(&m.To, &m.Lang, &m.Subject, &m.Text); err != nil {
			t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

var invitationLink = regexp.MustCompile(`/invitations/([A-Za-z0-9_-]+)`)

// lastInvitation returns the secret of the newest invitation mailed to addr.
func (e *env) lastInvitation(t *testing.T, addr string) (secret string, m mail) {
	t.Helper()
	mails := e.outbox(t, addr)
	if len(mails) == 0 {
		t.Fatalf("no mail to %s", addr)
	}
	m = mails[len(mails)-1]
	match := invitationLink.FindStringSubmatch(m.Text)
	if match == nil {
		t.Fatalf("no invitation link in mail to %s:\n%s", addr, m.Text)
	}
	return match[1], m
}

// kassel is a valid profile to start from.
func kassel(name string) organization.Profile {
	return organization.Profile{
		Name: name, Kind: "initiative", Description: "Wir helfen.\n\nJeden Dienstag.",
		Website: "https://example.org", Email: "info@example.org", Phone: "0561 999 0000",
		Street: "Beispielweg 1", Postcode: "34117", City: "Kassel", Languages: []string{"ar", "de"},
	}
}

// mustCreate creates an organisation owned by p.
func (e *env) mustCreate(t *testing.T, p *person, name string) *organization.Organization {
	t.Helper()
	o, err := e.Orgs.Create(ctx, p.ID, kassel(name))
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	return o
}
