package directory

import (
	"context"
	"net/http"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

// municipalityFormData is what the municipality form shows besides the form.
type municipalityFormData struct {
	Municipality *Municipality // nil on the create page
	Action       string
	States       []string
	StateNames   map[string]string
	Orgs         []*organization.Organization // organisations that are municipalities
}

func municipalityForm(mu Municipality) *web.Form {
	return web.EmptyForm(map[string]string{"ags": mu.AGS, "name": mu.Name, "state": mu.State,
		"organization_id": mu.OrganizationID})
}

func municipalityFrom(f *web.Form) Municipality {
	return Municipality{AGS: f.Get("ags"), Name: f.Get("name"), State: f.Get("state"), OrganizationID: f.Get("organization_id")}
}

// municipalityOrgs lists the organisations of kind municipality, which a
// municipality can be linked to.
func (m *Module) municipalityOrgs(ctx context.Context) ([]*organization.Organization, error) {
	var out []*organization.Organization
	f := organization.Filter{Kind: "municipality", Sort: organization.SortName, Limit: organization.MaxLimit}
	for {
		page, err := m.orgs.List(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if page.Next == "" {
			return out, nil
		}
		f.Cursor = page.Next
	}
}

func (m *Module) municipalityFormPage(w http.ResponseWriter, r *http.Request, status int, mu *Municipality, form *web.Form) {
	orgs, err := m.municipalityOrgs(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := municipalityFormData{Municipality: mu, Action: "/municipalities/new", States: StateKeys(), StateNames: States, Orgs: orgs}
	if mu != nil {
		data.Action = "/municipalities/" + mu.AGS + "/edit"
	}
	m.s.Render.Page(w, r, status, "directory/municipality_form", data, form)
}

func (m *Module) municipalityNew(w http.ResponseWriter, r *http.Request) {
	if _, err := auth.RequireStaff(r.Context()); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.municipalityFormPage(w, r, http.StatusOK, nil, municipalityForm(Municipality{}))
}

func (m *Module) municipalityCreate(w http.ResponseWriter, r *http.Request) {
	id, err := auth.RequireStaff(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	mu, err := m.CreateMunicipality(r.Context(), id, municipalityFrom(form))
	if err != nil {
		m.municipalityFormPage(w, r, form.Fail(err), nil, form)
		return
	}
	m.s.Render.Redirect(w, r, "/municipalities/"+mu.AGS, "directory.municipality.created")
}

func (m *Module) municipalityEdit(w http.ResponseWriter, r *http.Request) {
	if _, err := auth.RequireStaff(r.Context()); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	mu, err := m.Municipality(r.Context(), r.PathValue("ags"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.municipalityFormPage(w, r, http.StatusOK, mu, municipalityForm(*mu))
}

func (m *Module) municipalitySave(w http.ResponseWriter, r *http.Request) {
	id, err := auth.RequireStaff(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	mu, err := m.Municipality(r.Context(), r.PathValue("ags"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	form.Values.Set("ags", mu.AGS)
	if _, err := m.UpdateMunicipality(r.Context(), id, mu.AGS, municipalityFrom(form)); err != nil {
		if !apperr.Is(err, apperr.Invalid) {
			m.s.Render.Error(w, r, err)
			return
		}
		m.municipalityFormPage(w, r, form.Fail(err), mu, form)
		return
	}
	m.s.Render.Redirect(w, r, "/municipalities/"+mu.AGS, "directory.saved")
}

// factsData is what the page keeping a municipality's facts shows.
type factsData struct {
	Municipality *Municipality
	Facts        []Fact
	Links        []Link
	Languages    []string
	Lang         string
}

func (m *Module) factsPageWith(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	ctx := r.Context()
	mu, err := m.requireFactKeeper(ctx, auth.From(ctx), r.PathValue("ags"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := factsData{Municipality: mu, Languages: text.LanguageCodes(), Lang: web.Localizer(ctx).Lang()}
	if data.Facts, err = m.Facts(ctx, mu.AGS); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if data.Links, err = m.Links(ctx, mu.AGS); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if form == nil {
		form = web.EmptyForm(map[string]string{"fact_lang": data.Lang, "link_lang": data.Lang})
	}
	m.s.Render.Page(w, r, status, "directory/facts", data, form)
}

func (m *Module) factsPage(w http.ResponseWriter, r *http.Request) {
	m.factsPageWith(w, r, http.StatusOK, nil)
}

func (m *Module) factAdd(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	form := web.NewForm(r)
	x := Fact{Label: form.Get("label"), Value: form.Get("value"), AsOf: Day(form.Get("as_of")), Source: form.Get("source"),
		SourceURL: form.Get("source_url"), Lang: form.Get("fact_lang")}
	_, err := m.AddFact(ctx, auth.From(ctx), r.PathValue("ags"), x)
	m.factsAnswer(w, r, form, "fact_lang", err, "directory.facts.added")
}

func (m *Module) factDelete(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	err := m.DeleteFact(ctx, auth.From(ctx), r.PathValue("ags"), r.PathValue("id"))
	m.factsAnswer(w, r, nil, "", err, "directory.deleted")
}

func (m *Module) linkAdd(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	form := web.NewForm(r)
	x := Link{Title: form.Get("title"), URL: form.Get("url"), Lang: form.Get("link_lang")}
	_, err := m.AddLink(ctx, auth.From(ctx), r.PathValue("ags"), x)
	m.factsAnswer(w, r, form, "link_lang", err, "directory.links.added")
}

func (m *Module) linkDelete(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	err := m.DeleteLink(ctx, auth.From(ctx), r.PathValue("ags"), r.PathValue("id"))
	m.factsAnswer(w, r, nil, "", err, "directory.deleted")
}

// factsAnswer answers a change of a municipality's facts and links: back
// to the facts page with flash, the form again with its errors (the
// language's under langField, as the page has two language fields), or
// the error page.
func (m *Module) factsAnswer(w http.ResponseWriter, r *http.Request, form *web.Form, langField string, err error, flash string) {
	switch {
	case err == nil:
		m.s.Render.Redirect(w, r, "/municipalities/"+r.PathValue("ags")+"/facts", flash)
	case form != nil && apperr.Is(err, apperr.Invalid):
		e := apperr.As(err)
		if msg, ok := e.Fields["lang"]; ok {
			e.Fields[langField] = msg
		}
		m.factsPageWith(w, r, form.Fail(e), form)
	default:
		m.s.Render.Error(w, r, err)
	}
}
