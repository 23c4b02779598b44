package directory_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io/fs"
	"log/slog"
	"net/http/httptest"
	"os"
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
	"teilhabe.org/teilhabe/internal/directory"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/geo/geotest"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/ratelimit"
	"teilhabe.org/teilhabe/internal/session"
	"teilhabe.org/teilhabe/internal/web"
)

// env is the accounts, organisations and directory modules assembled with
// app.New on a fresh database, served over HTTP, with apptest's clients.
type env struct {
	*apptest.Env
	DB       *db.DB
	S        *app.Services
	App      *app.App
	Dir      *directory.Module
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
		Sessions: sessions, Limiter: ratelimit.New(d, clk), BaseURL: base, Geo: geo.New(d)}
	accounts := account.New(s)
	orgs := organization.New(s, accounts)
	dir := directory.New(s, orgs, accounts)
	mods := []app.Module{accounts, geo.NewModule(s.Geo), orgs, dir}
	mods = append(mods, fillLanguages{web.Messages(), accounts.Messages(), orgs.Messages(), dir.Messages()})
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
	return &env{Env: &apptest.Env{Server: srv, Clock: clk, URL: base}, DB: d, S: s, App: a, Dir: dir, Orgs: orgs,
		Accounts: accounts}
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(b), "\n"))
	return len(b), nil
}

// fillLanguages gives a language that lacks messages the English text, so
// the catalogue check passes while a module's translations are written.
// With every language complete it adds nothing; TestCatalogComplete makes
// sure the directory's own are.
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
	return &person{ID: u.ID, Email: email, Web: e.LoggedIn(t, email)}
}

func staff(p *person) *auth.Identity {
	return &auth.Identity{UserID: p.ID, Email: p.Email, Role: auth.Coordinator, Lang: "de"}
}

// newOrg creates an organisation owned by p.
func (e *env) newOrg(t *testing.T, p *person, name, kind, postcode, city string, langs ...string) *organization.Organization {
	t.Helper()
	o, err := e.Orgs.Create(ctx, p.ID, organization.Profile{Name: name, Kind: kind, Street: "Beispielweg 1",
		Postcode: postcode, City: city, Languages: langs})
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	return o
}

// municipality adds a municipality as a coordinator.
func (e *env) municipality(t *testing.T, coordinator *person, ags, name string) *directory.Municipality {
	t.Helper()
	mu, err := e.Dir.CreateMunicipality(ctx, staff(coordinator), directory.Municipality{AGS: ags, Name: name, State: ags[:2]})
	if err != nil {
		t.Fatalf("municipality %s: %v", name, err)
	}
	return mu
}

func minute(s string) directory.Minute {
	m, ok := directory.ParseMinute(s)
	if !ok {
		panic(s)
	}
	return m
}

func period(day int, opens, closes string) directory.Period {
	return directory.Period{Weekday: day, Span: directory.Span{Opens: minute(opens), Closes: minute(closes)}}
}

func ptr(f float64) *float64 { return &f }

// location adds a location in Kassel open on weekdays 9–17.
func (e *env) location(t *testing.T, p *person, orgID, ags, street string) *directory.Location {
	t.Helper()
	in := directory.LocationInput{Street: street, Postcode: "34117", City: "Kassel", AGS: ags, Lat: ptr(51.3166), Lon: ptr(9.4912)}
	for d := 1; d <= 5; d++ {
		in.Periods = append(in.Periods, period(d, "09:00", "17:00"))
	}
	l, err := e.Dir.CreateLocation(ctx, p.ID, orgID, in)
	if err != nil {
		t.Fatalf("location %s: %v", street, err)
	}
	return l
}

// service adds a service at locations.
func (e *env) service(t *testing.T, p *person, orgID, name, category string, langs []string, locIDs ...string) *directory.Service {
	t.Helper()
	s, err := e.Dir.CreateService(ctx, p.ID, orgID, directory.ServiceInput{Name: name, Category: category, Lang: "de",
		Cost: directory.Free, WalkIn: true, Languages: langs, LocationIDs: locIDs})
	if err != nil {
		t.Fatalf("service %s: %v", name, err)
	}
	return s
}

// outboxTo returns the subjects and texts of the mails to addr.
func (e *env) outboxTo(t *testing.T, addr string) []string {
	t.Helper()
	rows, err := e.DB.QueryContext(ctx, "SELECT subject, body_text FROM mail_outbox WHERE recipient = $1 ORDER BY created_at, id", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s, b string
		if err := rows.Scan(&s, &b); err != nil {
			t.Fatal(err)
		}
		out = append(out, s+"\n"+b)
	}
	return out
}

// importPostcodes imports the rows of the shared postcode file for the
// given postcodes (skips without the file, fails under CI=true).
func (e *env) importPostcodes(t *testing.T, postcodes ...string) {
	t.Helper()
	f, err := os.Open(geotest.DataFile(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	first := true
	for sc.Scan() {
		line := sc.Text()
		keep := first
		for _, p := range postcodes {
			keep = keep || strings.HasPrefix(line, "DE,"+p+",")
		}
		if keep {
			b.WriteString(line + "\n")
		}
		first = false
	}
	if _, err := e.S.Geo.Import(ctx, strings.NewReader(b.String())); err != nil {
		t.Fatalf("import postcodes: %v", err)
	}
}

// invitationSecret is the secret of the newest invitation mailed to addr.
func (e *env) invitationSecret(t *testing.T, addr string) string {
	t.Helper()
	mails := e.outboxTo(t, addr)
	if len(mails) == 0 {
		t.Fatalf("no mail to %s", addr)
	}
	m := regexp.MustCompile(`/invitations/([A-Za-z0-9_-]+)`).FindStringSubmatch(mails[len(mails)-1])
	if m == nil {
		t.Fatalf("no invitation link to %s", addr)
	}
	return m[1]
}
