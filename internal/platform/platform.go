// Package platform opens the database, builds the shared services, lists
// the modules and runs the HTTP server with its background workers. The
// command line (cmd/teilhabe) and the tests start teilhabe through it.
package platform

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/clientip"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/mail"
)

// Config is how an operator configures teilhabe (flags and TEILHABE_*
// variables, see cmd/teilhabe).
type Config struct {
	Addr           string
	DataDir        string
	DatabaseURL    string
	BaseURL        string
	TrustedProxies string
	SMTP           mail.Config
	// HoldFirstListings: see board.Settings.
	HoldFirstListings bool

	// MetricsToken: see app.Services.
	MetricsToken string

	// SQLiteSynchronous is "full" (the default when empty) or "normal";
	// see db.Synchronous.
	SQLiteSynchronous string
}

// Platform is a running teilhabe.
type Platform struct {
	Config   Config
	DB       *db.DB
	Services *app.Services
	App      *app.App
	Accounts *account.Module
	Sender   mail.Sender
}

// Open connects to the database and assembles every module. It does not
// migrate; call Migrate.
func Open(ctx context.Context, cfg Config, clk clock.Clock, log *slog.Logger) (*Platform, error) {
	var opts []db.Option
	if cfg.SQLiteSynchronous != "" {
		sync, err := db.ParseSynchronous(cfg.SQLiteSynchronous)
		if err != nil {
			return nil, err
		}
		opts = append(opts, db.WithSynchronous(sync))
	}
	d, err := db.Open(ctx, cfg.DatabaseURL, cfg.DataDir, opts...)
	if err != nil {
		return nil, err
	}
	p, err := New(cfg, d, clk, log)
	if err != nil {
		d.Close()
		return nil, err
	}
	return p, nil
}

// New assembles every module on an open database.
func New(cfg Config, d *db.DB, clk clock.Clock, log *slog.Logger) (*Platform, error) {
	if cfg.BaseURL == "" {
		cfg.BaseURL = "http://" + cfg.Addr
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	trusted, err := clientip.Parse(cfg.TrustedProxies)
	if err != nil {
		return nil, fmt.Errorf("trusted proxies: %w", err)
	}
	if cfg.SMTP.Host != "" {
		if err := cfg.SMTP.Validate(); err != nil {
			return nil, fmt.Errorf("SMTP settings: %w", err)
		}
	}
	s := app.NewServices(d, clk, log, cfg.BaseURL)
	s.ClientIP = trusted
	s.Mail = app.MailSettings{Delivers: cfg.SMTP.Host != ""}
	s.MetricsToken = cfg.MetricsToken
	mods, accounts := Modules(s, cfg)
	a, err := app.New(s, mods)
	if err != nil {
		return nil, err
	}
	return &Platform{Config: cfg, DB: d, Services: s, App: a, Accounts: accounts, Sender: mail.NewSender(cfg.SMTP, log)}, nil
}

// Close closes the database.
func (p *Platform) Close() error { return p.DB.Close() }

// ModuleOf returns the platform's module of type T, and whether it has
// one: the command's tools reach the gazetteer and the search index so.
func ModuleOf[T app.Module](p *Platform) (T, bool) {
	for _, m := range p.App.Modules {
		if found, ok := m.(T); ok {
			return found, true
		}
	}
	var none T
	return none, false
}

// Migrate applies pending migrations of the shared packages and modules.
func (p *Platform) Migrate(ctx context.Context) ([]string, error) {
	applied, err := p.DB.Migrate(ctx, app.Migrations(p.App.Modules))
	if err != nil {
		return applied, err
	}
	return applied, p.DB.Optimize(ctx)
}

// SeedDemoIfEmpty fills an empty database with the demo content; it returns
// nil when there was content already.
func (p *Platform) SeedDemoIfEmpty(ctx context.Context) (*app.Demo, error) {
	has, err := p.Accounts.HasUsers(ctx)
	if err != nil || has {
		return nil, err
	}
	return p.App.Seed(ctx)
}

// MailWorker returns the worker delivering the outbox.
func (p *Platform) MailWorker() *mail.Worker {
	return mail.NewWorker(p.DB, p.Sender, p.Services.Clock, p.Services.Log)
}

// Serve listens on the configured address until ctx ends, then finishes
// requests in flight (up to 20 seconds) before returning. The mail worker
// and the job runner run beside it.
func (p *Platform) Serve(ctx context.Context, ready func(addr string)) error {
	ln, err := net.Listen("tcp", p.Config.Addr)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           p.App.Handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(p.Services.Log.Handler(), slog.LevelWarn),
	}
	workers, stopWorkers := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWorkers()
	go p.MailWorker().Run(workers, 5*time.Second)
	go p.App.Jobs.Start(workers, 30*time.Second)

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	if ready != nil {
		ready(ln.Addr().String())
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	p.Services.Log.Info("shutting down: finishing requests in flight")
	shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	err = srv.Shutdown(shutdown)
	stopWorkers()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}
