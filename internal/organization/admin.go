package organization

import (
	"net/http"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/web"
)

// adminData is the coordinators' list with who verified each organisation.
type adminData struct {
	*listData
	Verifiers map[string]string // user id → display name
}

func (m *Module) admin(w http.ResponseWriter, r *http.Request) {
	if _, err := auth.RequireStaff(r.Context()); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data, err := m.listPage(r, "/admin/organizations")
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	var verifiers []string
	for _, o := range data.Page.Items {
		if o.VerifiedBy != "" {
			verifiers = append(verifiers, o.VerifiedBy)
		}
	}
	names, err := m.accounts.Names(r.Context(), verifiers)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "organization/admin", adminData{listData: data, Verifiers: names}, nil)
}

func (m *Module) setVerified(w http.ResponseWriter, r *http.Request, verified bool, flash string) {
	actor, err := auth.RequireStaff(r.Context())
	if err == nil {
		_, err = m.SetVerified(r.Context(), actor, r.PathValue("id"), verified)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	m.s.Render.Redirect(w, r, web.SafeNext(form.Get("next"), "/admin/organizations"), flash)
}

func (m *Module) verify(w http.ResponseWriter, r *http.Request) {
	m.setVerified(w, r, true, "organization.verified_now")
}

func (m *Module) unverify(w http.ResponseWriter, r *http.Request) {
	m.setVerified(w, r, false, "organization.unverified_now")
}
