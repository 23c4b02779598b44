// Package account is the accounts module: registration with e-mail
// confirmation, login and logout, password reset, settings, personal API
// tokens, data export and account deletion, and the admin list of users.
// It resolves who is asking (session cookie or bearer token) for every
// request and puts the auth.Identity into the context.
package account

import (
	"context"
	"embed"
	"io/fs"
	"net/http"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/userdata"
)

//go:embed migrations templates locales
var files embed.FS

// Module is the accounts module.
type Module struct {
	s         *app.Services
	providers []userdata.Provider
}

// New returns the accounts module.
func New(s *app.Services) *Module { return &Module{s: s} }

func (m *Module) Name() string { return "account" }

func (m *Module) Migrations() db.Migrations {
	return db.Migrations{Module: "account", FS: sub("migrations")}
}
func (m *Module) Messages() fs.FS  { return sub("locales") }
func (m *Module) Templates() fs.FS { return sub("templates") }

func sub(dir string) fs.FS {
	f, err := fs.Sub(files, dir)
	if err != nil {
		panic(err)
	}
	return f
}

// Session keys.
const (
	sessionUser    = "user_id"
	sessionVersion = "auth_version"
)

// Middleware resolves the identity from a bearer token or the session. A
// session whose account was deleted, suspended, or whose password changed
// since (auth_version) is ignored.
func (m *Module) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if h := r.Header.Get("Authorization"); h != "" {
			if secret, ok := strings.CutPrefix(h, "Bearer "); ok {
				if id := m.identityFromToken(ctx, strings.TrimSpace(secret)); id != nil {
					ctx = auth.With(ctx, id)
				}
			}
		} else if userID := m.s.Sessions.GetString(ctx, sessionUser); userID != "" {
			u, err := userByID(ctx, m.s.DB, userID)
			if err == nil && u.Active() && u.AuthVersion == m.s.Sessions.GetInt(ctx, sessionVersion) {
				ctx = auth.With(ctx, u.Identity("session"))
			} else if err == nil || u == nil {
				m.s.Sessions.Remove(ctx, sessionUser)
				m.s.Sessions.Remove(ctx, sessionVersion)
			}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

// tokenTouchEvery bounds how often a token's last use is written, so API
// reads do not turn into database writes.
const tokenTouchEvery = time.Hour

func (m *Module) identityFromToken(ctx context.Context, secret string) *auth.Identity {
	if !strings.HasPrefix(secret, tokenPrefix) {
		return nil
	}
	u, tokenID, last, err := userByAPIToken(ctx, m.s.DB, secret)
	if err != nil || !u.Active() || !u.Verified() {
		return nil
	}
	now := m.s.Clock.Now()
	if last == nil || now.Sub(*last) > tokenTouchEvery {
		_, _ = m.s.DB.ExecContext(ctx, "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2", now, tokenID)
	}
	return u.Identity("token")
}

// logIn starts a fresh session for u (a new session id defeats fixation).
func (m *Module) logIn(ctx context.Context, u *User) error {
	if err := m.s.Sessions.RenewToken(ctx); err != nil {
		return err
	}
	m.s.Sessions.Put(ctx, sessionUser, u.ID)
	m.s.Sessions.Put(ctx, sessionVersion, u.AuthVersion)
	return nil
}

// Routes registers the account pages.
func (m *Module) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /register", m.registerForm)
	mux.HandleFunc("POST /register", m.register)
	mux.HandleFunc("GET /register/done", m.registerDone)
	mux.HandleFunc("GET /verify/{token}", m.verify)
	mux.HandleFunc("GET /login", m.loginForm)
	mux.HandleFunc("POST /login", m.login)
	mux.HandleFunc("POST /logout", m.logout)
	mux.HandleFunc("GET /password/forgot", m.forgotForm)
	mux.HandleFunc("POST /password/forgot", m.forgot)
	mux.HandleFunc("GET /password/reset/{token}", m.resetForm)
	mux.HandleFunc("POST /password/reset/{token}", m.reset)
	mux.HandleFunc("POST /language", m.language)
	mux.HandleFunc("GET /settings", m.settings)
	mux.HandleFunc("POST /settings/profile", m.saveProfile)
	mux.HandleFunc("POST /settings/password", m.changePassword)
	mux.HandleFunc("POST /settings/email", m.changeEmail)
	mux.HandleFunc("GET /settings/email/{token}", m.confirmEmail)
	mux.HandleFunc("POST /settings/tokens", m.createToken)
	mux.HandleFunc("POST /settings/tokens/{id}/revoke", m.revokeToken)
	mux.HandleFunc("GET /settings/export", m.exportPage)
	mux.HandleFunc("GET /settings/export.json", m.exportJSON)
	mux.HandleFunc("POST /settings/delete", m.deleteAccount)
	mux.HandleFunc("GET /admin/users", m.adminUsers)
	mux.HandleFunc("POST /admin/users/{id}/role", m.adminSetRole)
	mux.HandleFunc("POST /admin/users/{id}/suspend", m.adminSuspend)
	mux.HandleFunc("POST /admin/users/{id}/restore", m.adminRestore)
}
