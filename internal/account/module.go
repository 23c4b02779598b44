// Package account is the accounts module: registration with e-mail
// confirmation, login and logout, password reset, settings, personal API
// tokens, data export and account deletion, and the admin list of users.
// It resolves who is asking (session cookie or bearer token) for every
// request and puts the auth.Identity into the context.
package account

import (
	"context"
	"embed"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"time"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/userdata"
	"teilhabe.org/teilhabe/internal/web"
)

//go:embed migrations templates locales
var files embed.FS

// Module is the accounts module.
type Module struct {
	app.Folder
	s         *app.Services
	providers []userdata.Provider
	calendars []app.CalendarSource // the modules adding entries to personal calendar feeds

	keyMu sync.Mutex
	key   []byte // signs device cookies; see deviceKey

	hash func(password string) string // HashPassword; tests count the calls
}

// New returns the accounts module. It also answers for the session
// manager when the session store fails, as it does for its own lookups.
func New(s *app.Services) *Module {
	m := &Module{Folder: app.NewFolder("account", files), s: s}
	if s.Sessions != nil {
		s.Sessions.ErrorFunc = m.sessionStoreFailed
	}
	return m
}

// Nav: one's inbox with the number of unread notices, one's settings and
// logging out, or logging in and registering.
func (m *Module) Nav() []web.NavEntry {
	return []web.NavEntry{
		{Path: "/me/inbox", Label: "account.inbox.nav", Order: 45, Show: web.Members,
			Badge: m.inboxBadge, BadgeLabel: "account.inbox.nav.unread"},
		{Path: "/settings", Label: "layout.nav.settings", Order: 60, Show: web.Members},
		{Path: "/logout", Label: "layout.nav.logout", Order: 80, Show: web.Members, Post: true},
		{Path: "/login", Label: "layout.nav.login", Order: 80, Show: web.Visitors},
		{Path: "/register", Label: "layout.nav.register", Order: 90, Show: web.Visitors},
	}
}

// Session keys.
const (
	sessionUser    = "user_id"
	sessionVersion = "auth_version"
)

// Middleware resolves the identity from a bearer token or the session. A
// session whose account was deleted, suspended, or whose password changed
// since (auth_version) is ignored. When the database cannot tell who is
// asking, the request ends with 503: taking the caller for a visitor would
// answer "please log in" and drop the session.
func (m *Module) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := m.identify(r)
		if err != nil {
			m.lookupFailed(w, r, err)
			return
		}
		if id != nil {
			r = r.WithContext(auth.With(r.Context(), id))
		}
		next.ServeHTTP(w, r)
	})
}

// identify returns who is asking, nil for a visitor, or an error when the
// lookup failed for another reason than "no such session or token".
func (m *Module) identify(r *http.Request) (*auth.Identity, error) {
	ctx := r.Context()
	if h := r.Header.Get("Authorization"); h != "" {
		if secret, ok := strings.CutPrefix(h, "Bearer "); ok {
			return m.identityFromToken(ctx, strings.TrimSpace(secret))
		}
		return nil, nil
	}
	userID := m.s.Sessions.GetString(ctx, sessionUser)
	if userID == "" {
		return nil, nil
	}
	u, err := userByID(ctx, m.s.DB, userID)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return nil, err
	}
	if err == nil && u.Active() && u.AuthVersion == m.s.Sessions.GetInt(ctx, sessionVersion) {
		return u.Identity("session"), nil
	}
	m.s.Sessions.Remove(ctx, sessionUser)
	m.s.Sessions.Remove(ctx, sessionVersion)
	return nil, nil
}

// retryAfterSeconds is what a client is asked to wait while the database
// is unreachable: about as long as a PostgreSQL restart takes.
const retryAfterSeconds = "10"

// lookupFailed answers 503 with Retry-After, as problem JSON under the API
// and as the translated error page elsewhere.
func (m *Module) lookupFailed(w http.ResponseWriter, r *http.Request, cause error) {
	err := apperr.Wrap(apperr.Unavailable, cause)
	r = r.WithContext(web.WithLocalizer(r.Context(), m.s.Catalog.Localizer(web.ChooseLanguage(m.s.Catalog, r))))
	w.Header().Set("Retry-After", retryAfterSeconds)
	if r.URL.Path != api.Prefix && !strings.HasPrefix(r.URL.Path, api.Prefix+"/") {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Log.ErrorContext(r.Context(), "request failed", "err", err)
	problem := api.Err(r.Context(), err)
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(apperr.Status(err))
	_ = json.NewEncoder(w).Encode(problem)
}

// sessionStoreFailed is the session manager's answer when it cannot load or
// save a session: the same 503, drawn with an empty session because the
// request's own could not be loaded.
func (m *Module) sessionStoreFailed(w http.ResponseWriter, r *http.Request, err error) {
	if ctx, lerr := m.s.Sessions.Load(r.Context(), ""); lerr == nil {
		r = r.WithContext(ctx)
	}
	m.lookupFailed(w, r, err)
}

// tokenTouchEvery bounds how often a token's last use is written, so API
// reads do not turn into database writes.
const tokenTouchEvery = time.Hour

// identityFromToken resolves a bearer token; an unknown token is a visitor.
func (m *Module) identityFromToken(ctx context.Context, secret string) (*auth.Identity, error) {
	if !strings.HasPrefix(secret, tokenPrefix) {
		return nil, nil
	}
	u, tokenID, last, err := userByAPIToken(ctx, m.s.DB, secret)
	if apperr.Is(err, apperr.NotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if !u.Active() || !u.Verified() {
		return nil, nil
	}
	now := m.s.Clock.Now()
	if last == nil || now.Sub(*last) > tokenTouchEvery {
		_, _ = m.s.DB.ExecContext(ctx, "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2", now, tokenID)
	}
	return u.Identity("token"), nil
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
	mux.HandleFunc("GET /verify/{token}", m.verifyForm)
	mux.HandleFunc("POST /verify/{token}", m.verify)
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
	mux.HandleFunc("POST /settings/notices", m.saveNoticeMails)
	mux.HandleFunc("POST /settings/password", m.changePassword)
	mux.HandleFunc("POST /settings/email", m.changeEmail)
	mux.HandleFunc("GET /settings/email/{token}", m.confirmEmailForm)
	mux.HandleFunc("POST /settings/email/{token}", m.confirmEmail)
	mux.HandleFunc("POST /settings/tokens", m.createToken)
	mux.HandleFunc("POST /settings/tokens/{id}/revoke", m.revokeToken)
	mux.HandleFunc("GET /settings/export", m.exportPage)
	mux.HandleFunc("GET /settings/export.json", m.exportJSON)
	mux.HandleFunc("POST /settings/delete", m.deleteAccount)
	mux.HandleFunc("GET /admin/users", m.adminUsers)
	mux.HandleFunc("POST /admin/users/{id}/role", m.adminSetRole)
	mux.HandleFunc("POST /admin/users/{id}/suspend", m.adminSuspend)
	mux.HandleFunc("POST /admin/users/{id}/restore", m.adminRestore)
	m.calendarRoutes(mux)
	m.inboxRoutes(mux)
}
