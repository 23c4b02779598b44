package organization

import (
	"context"
	"net/http"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/web"
)

// membersData is what the members page shows.
type membersData struct {
	Org         *Organization
	Me          string // the visitor's user id
	Role        Role   // the visitor's role
	Members     []Member
	Invitations []Invitation // owners only
	Roles       []Role
}

// membersPage shows the members of the organisation in the path to one of
// its members; form carries the invitation form or an action's error.
func (m *Module) membersPage(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	o, err := m.Get(ctx, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := membersData{Org: o, Me: id.UserID, Roles: Roles}
	if data.Members, err = m.Members(ctx, id.UserID, o.ID); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	for _, mb := range data.Members {
		if mb.UserID == id.UserID {
			data.Role = mb.Role
		}
	}
	if data.Role == Owner {
		if data.Invitations, err = m.PendingInvitations(ctx, id.UserID, o.ID); err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
	}
	if form == nil {
		form = web.EmptyForm(map[string]string{"role": string(Editor)})
	}
	m.s.Render.Page(w, r, status, "organization/members", data, form)
}

func (m *Module) members(w http.ResponseWriter, r *http.Request) {
	m.membersPage(w, r, http.StatusOK, nil)
}

// memberAction runs a form of the members page: on success it redirects to
// target with a flash; a refusal the person can act on (the last owner, a
// typo in the address) shows the page again with the message and input.
func (m *Module) memberAction(w http.ResponseWriter, r *http.Request, target, flash string,
	do func(ctx context.Context, id *auth.Identity, orgID string, form *web.Form) error) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	orgID := r.PathValue("id")
	if err := do(r.Context(), id, orgID, form); err != nil {
		switch apperr.CodeOf(err) {
		case apperr.Invalid, apperr.Conflict, apperr.RateLimited:
		default:
			m.s.Render.Error(w, r, err)
			return
		}
		m.membersPage(w, r, form.Fail(err), form)
		return
	}
	if target == "" {
		target = "/organizations/" + orgID + "/members"
	}
	m.s.Render.Redirect(w, r, target, flash)
}

func (m *Module) invite(w http.ResponseWriter, r *http.Request) {
	m.memberAction(w, r, "", "organization.invite.sent", func(ctx context.Context, id *auth.Identity, orgID string, f *web.Form) error {
		return m.Invite(ctx, id.UserID, orgID, f.Get("email"), Role(f.Get("role")))
	})
}

func (m *Module) changeRole(w http.ResponseWriter, r *http.Request) {
	m.memberAction(w, r, "", "organization.member.role_changed", func(ctx context.Context, id *auth.Identity, orgID string, f *web.Form) error {
		return m.SetRole(ctx, id.UserID, orgID, r.PathValue("user"), Role(f.Get("member_role")))
	})
}

func (m *Module) removeMember(w http.ResponseWriter, r *http.Request) {
	m.memberAction(w, r, "", "organization.member.removed", func(ctx context.Context, id *auth.Identity, orgID string, _ *web.Form) error {
		return m.RemoveMember(ctx, id.UserID, orgID, r.PathValue("user"))
	})
}

func (m *Module) withdrawInvitation(w http.ResponseWriter, r *http.Request) {
	m.memberAction(w, r, "", "organization.invite.withdrawn", func(ctx context.Context, id *auth.Identity, orgID string, _ *web.Form) error {
		return m.WithdrawInvitation(ctx, id.UserID, orgID, r.PathValue("invitation"))
	})
}

func (m *Module) leave(w http.ResponseWriter, r *http.Request) {
	m.memberAction(w, r, "/organizations/"+r.PathValue("id"), "organization.member.left",
		func(ctx context.Context, id *auth.Identity, orgID string, _ *web.Form) error {
			return m.Leave(ctx, id.UserID, orgID)
		})
}
