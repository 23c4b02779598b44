package pledge_test

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
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/pledge"
	"teilhabe.org/teilhabe/internal/ratelimit"
	"teilhabe.org/teilhabe/internal/session"
	"teilhabe.org/teilhabe/internal/web"
)

// env is the accounts, organisations, conversations, moderation and
// pledges modules assembled with app.New on a fresh database, served over
// HTTP, with apptest's clients.
type env struct {
	*apptest.Env
	DB       *db.DB
	S        *app.Services
	App      *app.App
	Accounts *account.Module
	Orgs     *organization.Module
	Conv     *conversation.Module
	Mod      *moderation.Module
	Pledges  *pledge.Module
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
	conv := conversation.New(s, accounts, func(ctx context.Context, orgID, userID string) bool {
		_, err := orgs.RoleOf(ctx, orgID, userID)
		return err == nil
	})
	mod := moderation.New(s, accounts)
	pledges := pledge.New(s, accounts, orgs, conv, mod)
	mods := []app.Module{accounts, orgs, conv, mod, pledges}
	var sources []fs.FS
	for _, m := range mods {
		if tr, ok := m.(app.Translated); ok {
			sources = append(sources, tr.Messages())
		}
	}
	mods = append(mods, fillLanguages(append([]fs.FS{web.Messages()}, sources...)))
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
	return &env{Env: &apptest.Env{Server: srv, Clock: clk, URL: base}, DB: d, S: s, App: a, Accounts: accounts,
		Orgs: orgs, Conv: conv, Mod: mod, Pledges: pledges}
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(b), "\n"))
	return len(b), nil
}

// fillLanguages gives the other modules' languages whose translations are
// not written yet the English text of what they lack, so the catalogue
// check passes in these tests; this module's own catalogue is checked
// complete on its own in TestMessagesComplete.
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

// person is an account with a logged-in browser and an API token.
type person struct {
	ID, Email, Name string
	Web             *apptest.Client
	Role            auth.Role
	token           string
	e               *env
}

// newPerson creates a verified account and logs it in.
func (e *env) newPerson(t *testing.T, handle string, role auth.Role) *person {
	t.Helper()
	return e.newPersonLang(t, handle, role, "de")
}

func (e *env) newPersonLang(t *testing.T, handle string, role auth.Role, lang string) *person {
	t.Helper()
	email := handle + "@example.org"
	name := strings.ToUpper(handle[:1]) + handle[1:]
	u, err := e.Accounts.CreateVerified(ctx, email, name, apptest.Password, lang, role)
	if err != nil {
		t.Fatalf("create %s: %v", handle, err)
	}
	return &person{ID: u.ID, Email: email, Name: name, Web: e.LoggedIn(t, email), Role: role, e: e}
}

// id is the person as the request context would carry them.
func (p *person) id() *auth.Identity {
	return &auth.Identity{UserID: p.ID, Email: p.Email, Name: p.Name, Role: p.Role, Lang: "de"}
}

// api calls the API as the person.
func (p *person) api(t *testing.T, method, path string, body any) (int, map[string]any) {
	t.Helper()
	if p.token == "" {
		p.token = p.e.Token(t, p.Email)
	}
	return p.e.API(t, p.token, method, path, body)
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

// mailWith reports whether a mail to addr has a subject containing s.
func (e *env) mailWith(t *testing.T, addr, s string) bool {
	t.Helper()
	for _, m := range e.outbox(t, addr) {
		if strings.Contains(m.Subject, s) {
			return true
		}
	}
	return false
}

// terms are valid terms of a pledge, due in days.
func (e *env) terms(days int) pledge.Terms {
	return pledge.Terms{
		Promise: "20 Tablets für eine Willkommensklasse", Needed: 2, Who: "Ehrenamtliche",
		Condition: "drei Monate lang mit den Kindern damit lernen", Deadline: e.Clock.Now().Add(time.Duration(days) * 24 * time.Hour),
		Postcode: "34117", Place: "Kassel", Category: "children.school", Lang: "de",
		Description: "Mittwochs 14 bis 16 Uhr.",
	}
}

// active makes a pledge of owner, due in days, and has staff approve it.
func (e *env) active(t *testing.T, owner, staff *person, days int, change func(*pledge.Terms)) *pledge.Pledge {
	t.Helper()
	tm := e.terms(days)
	if change != nil {
		change(&tm)
	}
	p, err := e.Pledges.Create(ctx, owner.id(), tm, nil)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if _, err := e.Pledges.Submit(ctx, owner.id(), p.ID); err != nil {
		t.Fatalf("submit: %v", err)
	}
	if p, err = e.Pledges.Approve(ctx, staff.id(), p.ID); err != nil {
		t.Fatalf("approve: %v", err)
	}
	return p
}

// get reads a pledge as staff sees it.
func (e *env) get(t *testing.T, id string) *pledge.Pledge {
	t.Helper()
	p, err := e.Pledges.Get(ctx, &auth.Identity{UserID: "", Role: auth.Admin}, id)
	if err != nil {
		t.Fatalf("get %s: %v", id, err)
	}
	return p
}

// runJobs moves the clock and runs what is due.
func (e *env) runJobs(t *testing.T, d time.Duration) {
	t.Helper()
	e.Clock.Advance(d)
	if err := e.App.Jobs.RunDue(ctx); err != nil {
		t.Fatalf("jobs: %v", err)
	}
}

var invitationLink = regexp.MustCompile(`/invitations/([A-Za-z0-9_-]+)`)

// join makes who an editor of the organisation through owner's invitation.
func (e *env) join(t *testing.T, owner, who *person, orgID string) {
	t.Helper()
	if err := e.Orgs.Invite(ctx, owner.ID, orgID, who.Email, organization.Editor); err != nil {
		t.Fatal(err)
	}
	mails := e.outbox(t, who.Email)
	match := invitationLink.FindStringSubmatch(mails[len(mails)-1].Text)
	if match == nil {
		t.Fatal("no invitation link")
	}
	if _, err := e.Orgs.AcceptInvitation(ctx, who.ID, match[1]); err != nil {
		t.Fatal(err)
	}
}
