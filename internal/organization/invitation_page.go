package organization

import (
	"net/http"
	"net/url"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/web"
)

// invitationData is what the page of an invitation link shows.
type invitationData struct {
	Org        *Organization
	Invitation *Invitation
	Role       Role   // the visitor's current role, if a member already
	LoginURL   string // for visitors: log in and come back here
}

func (m *Module) invitation(w http.ResponseWriter, r *http.Request) {
	m.invitationPage(w, r, http.StatusOK, nil)
}

func (m *Module) invitationPage(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	ctx := r.Context()
	inv, o, err := m.InvitationBySecret(ctx, r.PathValue("token"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := invitationData{Org: o, Invitation: inv, LoginURL: "/login?next=" + url.QueryEscape(r.URL.Path)}
	if id := auth.From(ctx); id != nil {
		data.Role, _ = m.RoleOf(ctx, o.ID, id.UserID)
	}
	m.s.Render.Page(w, r, status, "organization/invitation", data, form)
}

func (m *Module) acceptInvitation(w http.ResponseWriter, r *http.Request) {
	id := auth.From(r.Context())
	if id == nil {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.Path), http.StatusSeeOther)
		return
	}
	orgID, err := m.AcceptInvitation(r.Context(), id.UserID, r.PathValue("token"))
	if apperr.Is(err, apperr.Conflict) {
		form := web.EmptyForm(nil)
		m.invitationPage(w, r, form.Fail(err), form)
		return
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/organizations/"+orgID, "organization.invitation.accepted")
}
