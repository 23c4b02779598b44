package coop

import (
	"net/http"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

// Routes registers the cooperatives' pages.
func (m *Module) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /coops", m.listPage)
	mux.HandleFunc("GET /coops/new", m.newPage)
	mux.HandleFunc("POST /coops/new", m.create)
	mux.HandleFunc("GET /coops/{id}", m.showPage)
	mux.HandleFunc("GET /coops/{id}/edit", m.editPage)
	mux.HandleFunc("POST /coops/{id}/edit", m.save)
	m.memberRoutes(mux)
	m.assemblyRoutes(mux)
}

func (m *Module) listPage(w http.ResponseWriter, r *http.Request) {
	cs, err := m.List(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "coop/coops", cs, nil)
}

// showPage is what /coops/{id} shows: the public profile, and to members
// and the board what they may do.
type showPage struct {
	Coop         *Coop
	Purpose      [][]string
	HowToJoin    [][]string
	Parent       *Coop
	Subsidiaries []*Coop
	Offices      []Office
	Standing     Standing
	Application  *Application
	Assemblies   []*Assembly
	LoggedIn     bool
}

func (m *Module) showPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := m.Get(ctx, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	viewer := auth.From(ctx)
	data := &showPage{Coop: c, Purpose: text.Paragraphs(c.Purpose), HowToJoin: text.Paragraphs(c.HowToJoin), LoggedIn: viewer != nil}
	if c.ParentID != "" {
		data.Parent, err = m.Get(ctx, c.ParentID)
	}
	if err == nil {
		data.Subsidiaries, err = m.Subsidiaries(ctx, c.ID)
	}
	if err == nil {
		data.Offices, err = m.Offices(ctx, c)
	}
	if err == nil {
		data.Standing, err = m.standingIn(ctx, c, viewer)
	}
	if err == nil {
		data.Application, err = m.MyApplication(ctx, viewer, c.ID)
	}
	if err == nil && (data.Standing.SeesList()) {
		data.Assemblies, err = listAssemblies(ctx, m.s.DB, c.ID)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "coop/coop", data, nil)
}

// formPage is what the profile forms show besides the form.
type formPage struct {
	Coop       *Coop // nil on the create page
	Action     string
	Orgs       []organization.Membership
	Stages     []Stage
	Kinds      []ResolutionKind
	Majorities []Majority
	Months     []int
}

func (m *Module) formPage(w http.ResponseWriter, r *http.Request, status int, id *auth.Identity, c *Coop, form *web.Form) {
	data := &formPage{Coop: c, Action: "/coops/new", Stages: Stages, Kinds: ResolutionKinds, Majorities: Majorities,
		Months: []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}}
	name := "coop/new"
	if c != nil {
		name, data.Action = "coop/edit", "/coops/"+c.ID+"/edit"
	} else {
		ms, err := m.orgs.Memberships(r.Context(), id.UserID)
		if err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
		for _, mb := range ms {
			if mb.Role == organization.Owner && mb.Kind == "cooperative" {
				data.Orgs = append(data.Orgs, mb)
			}
		}
	}
	m.s.Render.Page(w, r, status, name, data, form)
}

func (m *Module) newPage(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := draftForm(defaultDraft())
	form.Values.Set("organization_id", r.URL.Query().Get("org"))
	m.formPage(w, r, http.StatusOK, id, nil, form)
}

func (m *Module) create(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	d, bad := draftFrom(form)
	if len(bad) > 0 {
		m.formPage(w, r, form.Fail(formErr(d, bad)), id, nil, form)
		return
	}
	c, err := m.Create(r.Context(), id, form.Get("organization_id"), d)
	if err != nil {
		if apperr.Is(err, apperr.Invalid) {
			m.formPage(w, r, form.Fail(err), id, nil, form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/coops/"+c.ID, "coop.created")
}

func (m *Module) editable(r *http.Request) (*auth.Identity, *Coop, error) {
	id, err := auth.Require(r.Context())
	if err != nil {
		return nil, nil, err
	}
	c, _, err := m.asBoard(r.Context(), id, r.PathValue("id"))
	return id, c, err
}

func (m *Module) editPage(w http.ResponseWriter, r *http.Request) {
	id, c, err := m.editable(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.formPage(w, r, http.StatusOK, id, c, draftForm(draftOf(c)))
}

func (m *Module) save(w http.ResponseWriter, r *http.Request) {
	id, c, err := m.editable(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	d, bad := draftFrom(form)
	if len(bad) > 0 {
		m.formPage(w, r, form.Fail(formErr(d, bad)), id, c, form)
		return
	}
	if _, err := m.Update(r.Context(), id, c.ID, func(Draft) Draft { return d }); err != nil {
		if apperr.Is(err, apperr.Invalid) {
			m.formPage(w, r, form.Fail(err), id, c, form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/coops/"+c.ID, "coop.saved")
}
