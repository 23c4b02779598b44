package directory

import (
	"context"
	"html/template"
	"net/http"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/web"
)

// The pages other modules draw sections on (app.SectionHost): the
// directory's section of an organisation's page, an organisation's page in
// the directory (/organizations/{id}/services), and a municipality's page
// (/municipalities/{ags}; the section is given the municipality's key).
const (
	SectionPage      = "directory.section"
	OrganizationPage = "directory.organization"
	MunicipalityPage = "directory.municipality"
)

// SectionPages: other modules add to the directory's pages of an
// organisation (the network its partnerships) and of a municipality (the
// events there).
func (m *Module) SectionPages() []string {
	return []string{SectionPage, OrganizationPage, MunicipalityPage}
}

// AddSection adds a section below the directory's own parts.
func (m *Module) AddSection(s app.Section) {
	if m.sections == nil {
		m.sections = map[string][]app.SectionFunc{}
	}
	m.sections[s.Page] = append(m.sections[s.Page], s.Draw)
}

// drawSections draws the other modules' sections of a page about an
// organisation or a municipality (id).
func (m *Module) drawSections(ctx context.Context, page, id, lang string) ([]template.HTML, error) {
	var out []template.HTML
	for _, draw := range m.sections[page] {
		html, err := draw(ctx, id, lang)
		if err != nil {
			return nil, err
		}
		if html != "" {
			out = append(out, html)
		}
	}
	return out, nil
}

// orgData is an organisation's page in the directory: its services and
// locations, for its editors the tools to keep them, and other modules'
// sections.
type orgData struct {
	Org       *organization.Organization
	Services  []*Service
	Locations []*Location
	Statuses  map[string]Status
	Sections  []template.HTML
	CanEdit   bool
	Lang      string
	Today     Day
	now       time.Time
}

// Due reports whether an entry confirmed at t waits for a confirmation.
func (d *orgData) Due(t time.Time) bool { return Stale(t, d.now) }

// OrganizationPage draws the directory page of the organisation named
// by the request's {id} with status; a module whose section holds a form
// calls it to show the form again with its errors.
func (m *Module) OrganizationPage(w http.ResponseWriter, r *http.Request, status int) {
	ctx := r.Context()
	o, err := m.orgs.Get(ctx, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	now := m.s.Clock.Now()
	viewer := auth.From(ctx)
	data := &orgData{Org: o, Statuses: map[string]Status{}, Lang: pageLang(ctx), Today: DayOf(now), now: now}
	if viewer != nil {
		data.CanEdit = m.orgs.CanEdit(ctx, o.ID, viewer.UserID)
	}
	if data.Services, err = m.ServicesOf(ctx, o.ID); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if data.Locations, err = m.LocationsOf(ctx, o.ID); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	for _, l := range data.Locations {
		data.Statuses[l.ID] = l.Hours().StatusAt(now)
	}
	if data.Sections, err = m.drawSections(ctx, OrganizationPage, o.ID, data.Lang); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, status, "directory/organization", data, nil)
}

func (m *Module) orgPage(w http.ResponseWriter, r *http.Request) {
	m.OrganizationPage(w, r, http.StatusOK)
}

// pageLang is the language of the request's page.
func pageLang(ctx context.Context) string {
	if l := web.Localizer(ctx); l != nil {
		return l.Lang()
	}
	return i18n.Default
}

// sectionData is what the directory's section of an organisation's page
// shows.
type sectionData struct {
	OrgID    string
	Services []*Service
	Sections []template.HTML
	CanEdit  bool
	Lang     string
	JSONLD   map[string]any
}

// orgSection is the organisation page's section: services, what other
// modules add (partnerships), and the organisation as schema.org data.
func (m *Module) orgSection(ctx context.Context, orgID, lang string) (template.HTML, error) {
	o, err := m.orgs.Get(ctx, orgID)
	if err != nil {
		return "", err
	}
	data := &sectionData{OrgID: o.ID, Lang: lang}
	if viewer := auth.From(ctx); viewer != nil {
		data.CanEdit = m.orgs.CanEdit(ctx, o.ID, viewer.UserID)
	}
	if data.Services, err = m.ServicesOf(ctx, o.ID); err != nil {
		return "", err
	}
	locs, err := m.LocationsOf(ctx, o.ID)
	if err != nil {
		return "", err
	}
	if data.Sections, err = m.drawSections(ctx, SectionPage, o.ID, lang); err != nil {
		return "", err
	}
	data.JSONLD = m.orgJSONLD(o, locs)
	return m.s.Render.Fragment(ctx, "directory/org_section", data, nil)
}
