package directory

import (
	"bytes"
	"context"
	"html/template"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/web"
)

// sectionTemplate draws the directory's part of an organisation's page. It
// is parsed when the program starts: a broken template stops the start.
var sectionTemplate = template.Must(template.ParseFS(files, "fragments/section.html"))

// sectionData is what the section shows.
type sectionData struct {
	OrgID        string
	Services     []*Service
	Locations    int
	Partnerships []*PartnershipView
	Seeking      *Seeking
	CanEdit      bool
	Lang         string
	JSONLD       map[string]any
}

// orgSection is the organisation page's section: services, partnerships,
// whether it looks for partners, and the organisation as schema.org data.
func (m *Module) orgSection(ctx context.Context, orgID, lang string) (template.HTML, error) {
	o, err := m.orgs.Get(ctx, orgID)
	if err != nil {
		return "", err
	}
	viewer := auth.From(ctx)
	data := &sectionData{OrgID: o.ID, Lang: lang}
	if viewer != nil {
		data.CanEdit = m.orgs.CanEdit(ctx, o.ID, viewer.UserID)
	}
	if data.Services, err = m.ServicesOf(ctx, o.ID); err != nil {
		return "", err
	}
	locs, err := m.LocationsOf(ctx, o.ID)
	if err != nil {
		return "", err
	}
	data.Locations = len(locs)
	ps, err := m.PartnershipsOf(ctx, viewer, o.ID)
	if err != nil {
		return "", err
	}
	if data.Partnerships, err = m.viewPartnerships(ctx, viewer, ps); err != nil {
		return "", err
	}
	seeking, err := m.SeekingOf(ctx, o.ID)
	if err != nil {
		return "", err
	}
	if s, ok := seeking[o.ID]; ok {
		data.Seeking = &s
	}
	data.JSONLD = m.orgJSONLD(o, locs)
	v := &web.View{L: m.s.Catalog.Localizer(lang), User: viewer, Data: data, Now: m.s.Clock.Now()}
	var b bytes.Buffer
	if err := sectionTemplate.ExecuteTemplate(&b, "section", v); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}
