package directory

import (
	"net/http"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

// serviceData is what a service's page shows.
type serviceData struct {
	Service    *Service
	Org        *organization.Organization
	Places     []PlaceStatus
	CanEdit    bool
	Lang       string
	Today      Day
	Paragraphs [][]string
	JSONLD     map[string]any
}

func (m *Module) serviceShow(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	s, err := m.Service(ctx, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	o, err := m.orgs.Get(ctx, s.OrganizationID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	now := m.s.Clock.Now()
	data := &serviceData{Service: s, Org: o, Lang: web.Localizer(ctx).Lang(), Today: DayOf(now),
		Paragraphs: text.Paragraphs(s.Description)}
	for _, p := range s.Places {
		data.Places = append(data.Places, PlaceStatus{Place: p, Status: p.Hours().StatusAt(now)})
	}
	if id := auth.From(ctx); id != nil {
		data.CanEdit = m.orgs.CanEdit(ctx, o.ID, id.UserID)
	}
	data.JSONLD = m.serviceJSONLD(s, o, data.Lang)
	m.s.Render.Page(w, r, http.StatusOK, "directory/service", data, nil)
}

// serviceFormData is what the service form shows besides the form.
type serviceFormData struct {
	Org        *organization.Organization
	Service    *Service // nil on the create page
	Action     string
	Categories []taxonomy.Option
	Targets    []string
	Languages  []string
	Locations  []*Location
}

func (m *Module) serviceFormPage(w http.ResponseWriter, r *http.Request, status int, o *organization.Organization, s *Service, form *web.Form) {
	ctx := r.Context()
	locs, err := m.LocationsOf(ctx, o.ID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := serviceFormData{Org: o, Service: s, Action: "/organizations/" + o.ID + "/services/new",
		Categories: taxonomy.Default().Options(web.Localizer(ctx).Lang()), Targets: Targets,
		Languages: text.LanguageCodes(), Locations: locs}
	if s != nil {
		data.Action = "/services/" + s.ID + "/edit"
	}
	m.s.Render.Page(w, r, status, "directory/service_form", data, form)
}

// editableOrg loads the organisation of the request for one of its editors.
func (m *Module) editableOrg(r *http.Request) (*auth.Identity, *organization.Organization, error) {
	id, err := auth.Require(r.Context())
	if err != nil {
		return nil, nil, err
	}
	o, err := m.orgs.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, nil, err
	}
	if !m.orgs.CanEdit(r.Context(), o.ID, id.UserID) {
		return nil, nil, apperr.New(apperr.Forbidden, "directory.not_editor")
	}
	return id, o, nil
}

func (m *Module) serviceNew(w http.ResponseWriter, r *http.Request) {
	_, o, err := m.editableOrg(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	in := ServiceInput{Lang: web.Localizer(r.Context()).Lang(), Cost: Free, Languages: []string{"de"}}
	locs, err := m.LocationsOf(r.Context(), o.ID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if len(locs) == 1 {
		in.LocationIDs = []string{locs[0].ID}
	}
	m.serviceFormPage(w, r, http.StatusOK, o, nil, serviceForm(in))
}

func (m *Module) serviceCreate(w http.ResponseWriter, r *http.Request) {
	id, o, err := m.editableOrg(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	s, err := m.CreateService(r.Context(), id.UserID, o.ID, serviceFrom(form))
	if err != nil {
		if !apperr.Is(err, apperr.Invalid) {
			m.s.Render.Error(w, r, err)
			return
		}
		m.serviceFormPage(w, r, form.Fail(err), o, nil, form)
		return
	}
	m.s.Render.Redirect(w, r, "/services/"+s.ID, "directory.service.created")
}

// editableService loads the service of the request for an editor of its
// organisation, with the organisation.
func (m *Module) editableServicePage(r *http.Request) (*auth.Identity, *Service, *organization.Organization, error) {
	id, err := auth.Require(r.Context())
	if err != nil {
		return nil, nil, nil, err
	}
	s, err := m.editableService(r.Context(), id.UserID, r.PathValue("id"))
	if err != nil {
		return nil, nil, nil, err
	}
	o, err := m.orgs.Get(r.Context(), s.OrganizationID)
	return id, s, o, err
}

func (m *Module) serviceEdit(w http.ResponseWriter, r *http.Request) {
	_, s, o, err := m.editableServicePage(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.serviceFormPage(w, r, http.StatusOK, o, s, serviceForm(s.ServiceInput))
}

func (m *Module) serviceSave(w http.ResponseWriter, r *http.Request) {
	id, s, o, err := m.editableServicePage(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	if _, err := m.UpdateService(r.Context(), id.UserID, s.ID, serviceFrom(form)); err != nil {
		if !apperr.Is(err, apperr.Invalid) {
			m.s.Render.Error(w, r, err)
			return
		}
		m.serviceFormPage(w, r, form.Fail(err), o, s, form)
		return
	}
	m.s.Render.Redirect(w, r, "/services/"+s.ID, "directory.saved")
}

func (m *Module) serviceConfirm(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		err = m.ConfirmService(r.Context(), id.UserID, r.PathValue("id"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, web.SafeNext(r.PostFormValue("next"), "/services/"+r.PathValue("id")), "directory.confirmed")
}

func (m *Module) serviceDelete(w http.ResponseWriter, r *http.Request) {
	id, s, _, err := m.editableServicePage(r)
	if err == nil {
		err = m.DeleteService(r.Context(), id.UserID, s.ID)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/organizations/"+s.OrganizationID+"/services", "directory.deleted")
}
