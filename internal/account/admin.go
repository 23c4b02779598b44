package account

import (
	"context"
	"net/http"
	"strings"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
)

// adminUsersLimit bounds the admin list; the search narrows it down.
const adminUsersLimit = 100

// searchUsers lists accounts for coordinators, newest first, optionally
// filtered by a part of name or address.
func searchUsers(ctx context.Context, q db.Querier, term string) ([]*User, error) {
	like := db.LikeContains(strings.ToLower(strings.TrimSpace(term)))
	rows, err := q.QueryContext(ctx, "SELECT "+userColumns+` FROM users
		WHERE deleted_at IS NULL AND (lower(name) LIKE $1 ESCAPE '\' OR email LIKE $1 ESCAPE '\')
		ORDER BY created_at DESC, id DESC LIMIT $2`, like, adminUsersLimit)
	return db.Collect(rows, err, scanUser)
}

func (m *Module) adminUsers(w http.ResponseWriter, r *http.Request) {
	if _, err := auth.RequireStaff(r.Context()); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	q := r.URL.Query().Get("q")
	users, err := searchUsers(r.Context(), m.s.DB, q)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "account/admin_users", map[string]any{"Users": users, "Q": q}, nil)
}

func (m *Module) adminAction(w http.ResponseWriter, r *http.Request, do func(ctx context.Context, actor *auth.Identity, userID string) error) {
	actor, err := auth.RequireStaff(r.Context())
	if err == nil {
		err = do(r.Context(), actor, r.PathValue("id"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/admin/users", "account.saved")
}

func (m *Module) adminSetRole(w http.ResponseWriter, r *http.Request) {
	m.adminAction(w, r, func(ctx context.Context, actor *auth.Identity, userID string) error {
		r.ParseForm()
		return m.SetRole(ctx, actor, userID, auth.Role(r.PostForm.Get("role")))
	})
}

func (m *Module) adminSuspend(w http.ResponseWriter, r *http.Request) {
	m.adminAction(w, r, func(ctx context.Context, actor *auth.Identity, userID string) error {
		return m.SetSuspended(ctx, actor, userID, true)
	})
}

func (m *Module) adminRestore(w http.ResponseWriter, r *http.Request) {
	m.adminAction(w, r, func(ctx context.Context, actor *auth.Identity, userID string) error {
		return m.SetSuspended(ctx, actor, userID, false)
	})
}
