// Package apptest boots the whole platform for tests: every module on a
// fresh SQLite or PostgreSQL database, a fake clock, a real SMTP server on
// loopback and an HTTP server, with clients that keep cookies and post forms
// as a browser of the same site would.
package apptest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/mail"
	"teilhabe.org/teilhabe/internal/mail/mailtest"
	"teilhabe.org/teilhabe/internal/platform"
)

// Password is the password of every account NewUser makes.
const Password = "correct horse battery"

// Start is where the fake clock starts: a Monday morning in Kassel.
var Start = time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)

// Env is a running platform.
type Env struct {
	P      *platform.Platform
	Server *httptest.Server
	Clock  *clock.Fake
	SMTP   *mailtest.Server
	URL    string
}

// ForEach runs fn on a fresh platform on each database.
func ForEach(t *testing.T, fn func(t *testing.T, e *Env)) {
	t.Helper()
	dbtest.Each(t, func(t *testing.T, d db.Dialect) *Env { return New(t, d) }, fn)
}

// New boots the platform on a fresh database of the dialect.
func New(t testing.TB, dialect db.Dialect) *Env {
	t.Helper()
	return boot(t, dialect, func(d *db.DB, cfg platform.Config, clk clock.Clock) (*platform.Platform, error) {
		return platform.New(cfg, d, clk, Logger(t))
	})
}

// NewWith boots a smaller platform: the shared services, the accounts
// module and the modules mods returns, for tests that need what the other
// modules would take (the moderation tests flag items of a kind of their
// own called "listing", which is the board's on the whole platform).
func NewWith(t testing.TB, dialect db.Dialect, mods func(s *app.Services, accounts *account.Module) []app.Module) *Env {
	t.Helper()
	return boot(t, dialect, func(d *db.DB, cfg platform.Config, clk clock.Clock) (*platform.Platform, error) {
		log := Logger(t)
		s := app.NewServices(d, clk, log, cfg.BaseURL)
		s.Mail.Delivers = true
		accounts := account.New(s)
		a, err := app.New(s, append([]app.Module{accounts}, mods(s, accounts)...))
		if err != nil {
			return nil, err
		}
		return &platform.Platform{Config: cfg, DB: d, Services: s, App: a, Accounts: accounts,
			Sender: mail.NewSender(cfg.SMTP, log)}, nil
	})
}

// boot assembles a platform on a fresh database of the dialect, behind a
// real SMTP server and an HTTP server, with the clock at Start.
func boot(t testing.TB, dialect db.Dialect, assemble func(d *db.DB, cfg platform.Config, clk clock.Clock) (*platform.Platform, error)) *Env {
	t.Helper()
	d := dbtest.Open(t, dialect, nil)
	smtp := mailtest.Start(t)
	clk := clock.NewFake(Start)
	srv := httptest.NewUnstartedServer(nil)
	base := "http://" + srv.Listener.Addr().String()
	p, err := assemble(d, platform.Config{Addr: srv.Listener.Addr().String(), BaseURL: base, SMTP: smtp.Config()}, clk)
	if err != nil {
		t.Fatalf("assemble platform: %v", err)
	}
	if _, err := p.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate: %v", err)
	}
	srv.Config.Handler = p.App.Handler
	srv.Start()
	t.Cleanup(srv.Close)
	return &Env{P: p, Server: srv, Clock: clk, SMTP: smtp, URL: base}
}

// Logger writes the platform's warnings and errors into the test's log,
// where they show beside the failure they explain.
func Logger(t testing.TB) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

type testWriter struct{ t testing.TB }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(b), "\n"))
	return len(b), nil
}

// NewUser creates a verified account with Password.
func (e *Env) NewUser(t testing.TB, email, name string, role auth.Role) *account.User {
	t.Helper()
	u, err := e.P.Accounts.CreateVerified(context.Background(), email, name, Password, "de", role)
	if err != nil {
		t.Fatalf("create user %s: %v", email, err)
	}
	return u
}

// DeliverMail runs the outbox worker once.
func (e *Env) DeliverMail(t testing.TB) {
	t.Helper()
	if _, err := e.P.MailWorker().DeliverDue(context.Background()); err != nil {
		t.Fatalf("deliver mail: %v", err)
	}
}

// MailTo delivers the outbox and returns the next mail to addr.
func (e *Env) MailTo(t testing.TB, addr string) mailtest.Message {
	t.Helper()
	e.DeliverMail(t)
	return e.SMTP.WaitFor(t, addr, 5*time.Second)
}

// Client is a browser-like client: it keeps cookies, does not follow
// redirects (tests look at them), and marks form posts as same-origin.
type Client struct {
	t    testing.TB
	e    *Env
	http *http.Client
	Lang string // Accept-Language, "de" by default
}

// Client returns a new client with an empty cookie jar.
func (e *Env) Client(t testing.TB) *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{t: t, e: e, Lang: "de", http: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// LoggedIn returns a client logged in as email (with Password).
func (e *Env) LoggedIn(t testing.TB, email string) *Client {
	t.Helper()
	c := e.Client(t)
	res := c.Post("/login", url.Values{"email": {email}, "password": {Password}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("login as %s: status %d\n%s", email, res.Status, res.Body)
	}
	return c
}

// Response is what a request returned.
type Response struct {
	Status int
	Header http.Header
	Body   string
}

// Location is the redirect target.
func (r *Response) Location() string { return r.Header.Get("Location") }

func (c *Client) do(req *http.Request) *Response {
	c.t.Helper()
	req.Header.Set("Accept-Language", c.Lang)
	res, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return &Response{Status: res.StatusCode, Header: res.Header, Body: string(b)}
}

// Get fetches a path.
func (c *Client) Get(path string) *Response {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.e.URL+path, nil)
	return c.do(req)
}

// Post submits a form as a page of the same site does.
func (c *Client) Post(path string, form url.Values) *Response {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodPost, c.e.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", c.e.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return c.do(req)
}

// Transferred fetches path as a browser does, accepting gzip, and returns
// the bytes on the wire and the unpacked body, for weighing pages. Any
// status but 200 fails the test.
func (c *Client) Transferred(path string) (wire int, body string) {
	c.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.e.URL+path, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res := c.do(req)
	if res.Status != http.StatusOK {
		c.t.Fatalf("%s: %d", path, res.Status)
	}
	if res.Header.Get("Content-Encoding") != "gzip" {
		return len(res.Body), res.Body
	}
	zr, err := gzip.NewReader(strings.NewReader(res.Body))
	if err != nil {
		c.t.Fatalf("%s: %v", path, err)
	}
	unpacked, err := io.ReadAll(zr)
	if err != nil {
		c.t.Fatalf("%s: %v", path, err)
	}
	return len(res.Body), string(unpacked)
}

// Form builds form values from pairs of name and value.
func Form(pairs ...string) url.Values {
	v := url.Values{}
	for i := 0; i+1 < len(pairs); i += 2 {
		v.Add(pairs[i], pairs[i+1])
	}
	return v
}

// Token logs in through the API and returns a bearer token.
func (e *Env) Token(t testing.TB, email string) string {
	t.Helper()
	status, body := e.API(t, "", http.MethodPost, "/api/v1/tokens", map[string]any{"email": email, "password": Password})
	if status != http.StatusCreated {
		t.Fatalf("token for %s: %d %v", email, status, body)
	}
	return body["token"].(string)
}

// API calls the JSON API with an optional bearer token and returns the
// status and the decoded object (nil for an empty body).
func (e *Env) API(t testing.TB, token, method, path string, body any) (int, map[string]any) {
	t.Helper()
	status, raw := e.APIRaw(t, token, method, path, body)
	var out map[string]any
	if len(bytes.TrimSpace(raw)) > 0 {
		if err := json.Unmarshal(raw, &out); err != nil {
			t.Fatalf("%s %s: not a JSON object: %v\n%s", method, path, err, raw)
		}
	}
	return status, out
}

// APIRaw calls the API and returns the raw body.
func (e *Env) APIRaw(t testing.TB, token, method, path string, body any) (int, []byte) {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, e.URL+path, r)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, b
}

// NewDemo is New with the demo content, as `teilhabe demo` shows it.
func NewDemo(t testing.TB, dialect db.Dialect) *Env {
	t.Helper()
	e := New(t, dialect)
	if _, err := e.P.SeedDemoIfEmpty(context.Background()); err != nil {
		t.Fatalf("demo content: %v", err)
	}
	return e
}
