package app

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/jobs"
	"teilhabe.org/teilhabe/internal/mail"
	"teilhabe.org/teilhabe/internal/metrics"
	"teilhabe.org/teilhabe/internal/notify"
	"teilhabe.org/teilhabe/internal/ratelimit"
	"teilhabe.org/teilhabe/internal/session"
	"teilhabe.org/teilhabe/internal/uploads"
	"teilhabe.org/teilhabe/internal/web"
)

// App is the assembled platform.
type App struct {
	S       *Services
	Modules []Module
	Handler http.Handler
	API     huma.API
	Jobs    *jobs.Runner
	Metrics *metrics.Registry
	// Mux is the route table every module registered on, for the tests
	// that walk every route (the authorization matrix).
	Mux *http.ServeMux
}

// PlumbingMigrations are the tables of the shared packages, migrated before
// any module's.
func PlumbingMigrations() []db.Migrations {
	return []db.Migrations{
		session.Migrations(), mail.Migrations(), jobs.Migrations(), ratelimit.Migrations(),
		audit.Migrations(), uploads.Migrations(), notify.Migrations(), capacity.Migrations(),
	}
}

// Migrations lists every migration set in the order they apply.
func Migrations(mods []Module) []db.Migrations {
	sets := PlumbingMigrations()
	for _, m := range mods {
		if mg, ok := m.(Migrator); ok {
			sets = append(sets, mg.Migrations())
		}
	}
	return sets
}

// New assembles the modules: contributions handed to their receivers,
// messages checked complete in every language, templates parsed, routes
// and API operations registered, jobs collected. Any mistake here stops
// the start.
func New(s *Services, mods []Module) (*App, error) {
	a := &App{S: s, Modules: mods, Metrics: metrics.New()}
	if err := contribute(mods); err != nil {
		return nil, err
	}
	if err := s.Catalog.Load("web", web.Messages()); err != nil {
		return nil, err
	}
	for _, m := range mods {
		if n, ok := m.(Navigator); ok {
			s.Render.AddNav(n.Nav()...)
		}
		if f, ok := m.(FuncProvider); ok {
			if err := s.Render.AddFuncs(m.Name(), f.TemplateFuncs()); err != nil {
				return nil, err
			}
		}
		if st, ok := m.(StaticAssets); ok {
			if err := s.Render.AddAssets(m.Name(), st.Assets()); err != nil {
				return nil, err
			}
		}
		if t, ok := m.(Translated); ok {
			if err := s.Catalog.Load(m.Name(), t.Messages()); err != nil {
				return nil, err
			}
		}
		if t, ok := m.(Templated); ok {
			s.Render.Add(m.Name(), t.Templates())
		}
	}
	if err := s.Catalog.Check(); err != nil {
		return nil, err
	}
	if err := setUpNotices(s, mods); err != nil {
		return nil, err
	}
	if err := s.Render.Parse(); err != nil {
		return nil, err
	}

	mux := http.NewServeMux()
	a.Mux = mux
	a.API = api.New(mux, s.BaseURL)
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("GET /readyz", a.ready)
	mux.Handle("GET /metrics", metrics.Guard(a.Metrics.Handler(), s.ClientIP.ClientIP, s.MetricsToken))
	mux.Handle("GET /static/", s.Render.Static())
	mux.Handle("GET /favicon.ico", web.Favicon())
	mux.Handle("GET /uploads/{id}", uploads.Handler(s.DB))
	for _, m := range mods {
		if r, ok := m.(Routed); ok {
			r.Routes(mux)
		}
		if p, ok := m.(APIProvider); ok {
			p.RegisterAPI(a.API)
		}
	}
	a.Metrics.AddDBStats("read", func() sql.DBStats { st, _ := s.DB.Stats(); return st })
	if s.DB.Dialect() == db.SQLite {
		a.Metrics.AddDBStats("write", func() sql.DBStats { _, st := s.DB.Stats(); return st })
	}

	a.Jobs = jobs.NewRunner(s.DB, s.Clock, s.Log)
	sessions := session.NewStore(s.DB, s.Clock)
	a.Jobs.Add(jobs.Job{Name: "sessions.cleanup", Every: time.Hour, Run: sessions.DeleteExpired})
	a.Jobs.Add(jobs.Job{Name: "ratelimit.cleanup", Every: time.Hour, Run: func(ctx context.Context, _ time.Time) error {
		return s.Limiter.Cleanup(ctx)
	}})
	a.Jobs.Add(jobs.Job{Name: "db.optimize", Every: time.Hour, Run: func(ctx context.Context, _ time.Time) error {
		return s.DB.Optimize(ctx)
	}})
	a.Jobs.Add(jobs.Job{Name: "mail.purge", Every: 6 * time.Hour, Run: func(ctx context.Context, now time.Time) error {
		return mail.Purge(ctx, s.DB, now)
	}})
	for _, m := range mods {
		if sch, ok := m.(Scheduled); ok {
			for _, j := range sch.Jobs() {
				a.Jobs.Add(j)
			}
		}
	}

	// The identity must be known before the language (a person's setting
	// wins), and metrics sit next to the mux to read the matched route.
	inner := []func(http.Handler) http.Handler{s.Sessions.LoadAndSave}
	for _, m := range mods {
		if mw, ok := m.(Middleware); ok {
			inner = append(inner, mw.Middleware)
		}
	}
	// Cross-site refusals come last so their page is translated.
	inner = append(inner, web.Locale(s.Catalog), web.CrossOrigin(http.HandlerFunc(a.crossOriginRefused)))
	a.Handler = web.Chain(a.Metrics.Middleware(mux),
		append([]func(http.Handler) http.Handler{
			web.Observe(s.Log),
			web.TrackClient(s.ClientIP.ClientIP),
			web.SecurityHeaders(isHTTPS(s.BaseURL)),
			web.Compress,
		}, inner...)...)
	return a, nil
}

func (a *App) ready(w http.ResponseWriter, r *http.Request) {
	if err := a.S.DB.Ping(r.Context()); err != nil {
		http.Error(w, "database unreachable", http.StatusServiceUnavailable)
		return
	}
	n, err := a.S.DB.Pending(r.Context(), Migrations(a.Modules))
	if err != nil || n > 0 {
		http.Error(w, fmt.Sprintf("%d migrations pending", n), http.StatusServiceUnavailable)
		return
	}
	fmt.Fprintln(w, "ready")
}

// crossOriginRefused explains a refused cross-site form post in the layout.
func (a *App) crossOriginRefused(w http.ResponseWriter, r *http.Request) {
	a.S.Render.Error(w, r, apperr.New(apperr.Forbidden, "error.cross_origin"))
}

// Seed fills an empty database with every module's demo content.
func (a *App) Seed(ctx context.Context) (*Demo, error) {
	d := NewDemo()
	for _, m := range a.Modules {
		if s, ok := m.(Seeder); ok {
			if err := s.SeedDemo(ctx, d); err != nil {
				return nil, fmt.Errorf("demo content of %s: %w", m.Name(), err)
			}
		}
	}
	return d, nil
}

func isHTTPS(baseURL string) bool { return strings.HasPrefix(baseURL, "https://") }
