package coordination

import (
	"context"
	"net/http"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/web"
)

// coordinatorRegions is a coordinator with their regions.
type coordinatorRegions struct {
	UserID, Name string
	Regions      []string
}

// coordinatorScopes lists the coordinators who have regions, with names.
func (m *Module) coordinatorScopes(ctx context.Context, actor *auth.Identity) ([]coordinatorRegions, error) {
	scopes, err := m.AllScopes(ctx, actor)
	if err != nil {
		return nil, err
	}
	var out []coordinatorRegions
	var userIDs []string
	for _, s := range scopes {
		if len(out) == 0 || out[len(out)-1].UserID != s.UserID {
			out = append(out, coordinatorRegions{UserID: s.UserID})
			userIDs = append(userIDs, s.UserID)
		}
		last := &out[len(out)-1]
		last.Regions = append(last.Regions, s.Region)
	}
	names, err := m.accounts.Names(ctx, userIDs)
	if err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Name = names[out[i].UserID]
	}
	return out, nil
}

func (m *Module) scopesPage(w http.ResponseWriter, r *http.Request) {
	m.renderScopes(w, r, http.StatusOK, web.EmptyForm(nil))
}

func (m *Module) renderScopes(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	actor, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	list, err := m.coordinatorScopes(r.Context(), actor)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, status, "coordination/scopes", list, form)
}

// addScopePage gives the coordinator with the typed address one more region.
func (m *Module) addScopePage(w http.ResponseWriter, r *http.Request) {
	actor, err := auth.Require(r.Context())
	if err == nil && !actor.IsAdmin() {
		err = apperr.New(apperr.Forbidden, "")
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	err = m.addScopeByEmail(r.Context(), actor, form.Get("email"), form.Get("region"))
	if err != nil {
		if apperr.Is(err, apperr.Invalid) {
			m.renderScopes(w, r, form.Fail(err), form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/admin/scopes", "coordination.scope.saved")
}

// addScopeByEmail checks both fields at once, so the form names every mistake.
func (m *Module) addScopeByEmail(ctx context.Context, actor *auth.Identity, email, region string) error {
	f := apperr.Fields{}
	if !ValidRegion(region) {
		f.Add("region", "coordination.region.invalid")
	}
	userID := ""
	if c, err := m.accounts.ContactByEmail(ctx, email); err == nil {
		userID = c.UserID
	} else if !apperr.Is(err, apperr.NotFound) {
		return err
	}
	if userID == "" || m.checkCoordinator(ctx, userID, "email") != nil {
		f.Add("email", "coordination.scope.not_coordinator")
	}
	if err := f.Err(); err != nil {
		return err
	}
	return m.AddScope(ctx, actor, userID, region)
}

func (m *Module) removeScopePage(w http.ResponseWriter, r *http.Request) {
	actor, err := auth.Require(r.Context())
	if err == nil {
		err = m.RemoveScope(r.Context(), actor, r.PathValue("user"), r.PathValue("region"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/admin/scopes", "coordination.scope.removed")
}
