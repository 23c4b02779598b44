package organization

import (
	"net/http"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

// formData is what the create and edit pages show besides the form.
type formData struct {
	Org       *Organization // nil on the create page
	Action    string
	Kinds     []string
	Languages []string
}

// profileForm fills a form with a profile's values.
func profileForm(p Profile) *web.Form {
	f := web.EmptyForm(map[string]string{
		"name": p.Name, "kind": p.Kind, "description": p.Description, "website": p.Website, "email": p.Email,
		"phone": p.Phone, "street": p.Street, "postcode": p.Postcode, "city": p.City,
	})
	f.Values["languages"] = append([]string{}, p.Languages...)
	return f
}

// profileFrom reads a profile from a posted form.
func profileFrom(f *web.Form) Profile {
	return Profile{
		Name: f.Get("name"), Kind: f.Get("kind"), Description: f.Get("description"), Website: f.Get("website"),
		Email: f.Get("email"), Phone: f.Get("phone"), Street: f.Get("street"), Postcode: f.Get("postcode"),
		City: f.Get("city"), Languages: f.Values["languages"],
	}
}

func (m *Module) formPage(w http.ResponseWriter, r *http.Request, status int, o *Organization, form *web.Form) {
	name, action := "organization/new", "/organizations/new"
	if o != nil {
		name, action = "organization/edit", "/organizations/"+o.ID+"/edit"
	}
	m.s.Render.Page(w, r, status, name, formData{Org: o, Action: action, Kinds: Kinds, Languages: text.LanguageCodes()}, form)
}

func (m *Module) newForm(w http.ResponseWriter, r *http.Request) {
	if _, err := auth.Require(r.Context()); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.formPage(w, r, http.StatusOK, nil, profileForm(Profile{}))
}

func (m *Module) create(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	o, err := m.Create(r.Context(), id.UserID, profileFrom(form))
	if err != nil {
		m.formPage(w, r, form.Fail(err), nil, form)
		return
	}
	m.s.Render.Redirect(w, r, "/organizations/"+o.ID, "organization.created")
}

// editable loads the organisation of the request for a person who may edit
// it: NotFound for unknown ids, Forbidden for everybody but its members.
func (m *Module) editable(r *http.Request) (*auth.Identity, *Organization, error) {
	id, err := auth.Require(r.Context())
	if err != nil {
		return nil, nil, err
	}
	o, err := m.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, nil, err
	}
	if err := requireEditor(r.Context(), m.s.DB, o.ID, id.UserID); err != nil {
		return nil, nil, err
	}
	return id, o, nil
}

func (m *Module) editForm(w http.ResponseWriter, r *http.Request) {
	_, o, err := m.editable(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.formPage(w, r, http.StatusOK, o, profileForm(o.Profile))
}

func (m *Module) save(w http.ResponseWriter, r *http.Request) {
	id, o, err := m.editable(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	if _, err := m.Update(r.Context(), id.UserID, o.ID, profileFrom(form)); err != nil {
		if !apperr.Is(err, apperr.Invalid) {
			m.s.Render.Error(w, r, err)
			return
		}
		m.formPage(w, r, form.Fail(err), o, form)
		return
	}
	m.s.Render.Redirect(w, r, "/organizations/"+o.ID, "organization.saved")
}
