package network

import (
	"context"
	"html/template"
	"net/http"
	"strings"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/web"
)

// PartnershipView is a partnership with its partners' organisations.
type PartnershipView struct {
	*Partnership
	Orgs map[string]*organization.Organization
	// Mine lists the waiting partners the viewer may confirm for.
	Mine []string
	// Involved: the viewer edits one of the partners.
	Involved bool
}

// Name returns the name of a partner.
func (v *PartnershipView) Name(orgID string) string {
	if o := v.Orgs[orgID]; o != nil {
		return o.Name
	}
	return ""
}

// viewPartnerships adds the partners' organisations and what the viewer
// may do.
func (m *Module) viewPartnerships(ctx context.Context, viewer *auth.Identity, ps []*Partnership) ([]*PartnershipView, error) {
	orgs := map[string]*organization.Organization{}
	out := make([]*PartnershipView, 0, len(ps))
	for _, p := range ps {
		v := &PartnershipView{Partnership: p, Orgs: map[string]*organization.Organization{}}
		for _, pt := range p.Partners {
			o := orgs[pt.OrganizationID]
			if o == nil {
				var err error
				if o, err = m.orgs.Get(ctx, pt.OrganizationID); err != nil {
					return nil, err
				}
				orgs[o.ID] = o
			}
			v.Orgs[o.ID] = o
			if viewer != nil && m.orgs.CanEdit(ctx, o.ID, viewer.UserID) {
				v.Involved = true
				if pt.ConfirmedAt == nil && p.Status == Proposed {
					v.Mine = append(v.Mine, o.ID)
				}
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// PartnerNames lists a partnership's partners by name.
func (v *PartnershipView) PartnerNames() string {
	names := make([]string, 0, len(v.Partners))
	for _, pt := range v.Partners {
		names = append(names, v.Name(pt.OrganizationID))
	}
	return strings.Join(names, ", ")
}

// IsolatedPartnerNames lists the partners' names each in <bdi>, so a Latin
// and an Arabic name side by side keep their own order.
func (v *PartnershipView) IsolatedPartnerNames() template.HTML {
	names := make([]string, 0, len(v.Partners))
	for _, pt := range v.Partners {
		names = append(names, string(web.Isolate(v.Name(pt.OrganizationID))))
	}
	return template.HTML(strings.Join(names, ", "))
}

// orgPart is what the network shows of an organisation: its partnerships
// the viewer may see and whether it looks for partners.
type orgPart struct {
	OrgID        string
	OrgName      string
	Partnerships []*PartnershipView
	Seeking      *Seeking
	CanEdit      bool
}

func (m *Module) orgPart(ctx context.Context, orgID string) (*orgPart, error) {
	o, err := m.orgs.Get(ctx, orgID)
	if err != nil {
		return nil, err
	}
	viewer := auth.From(ctx)
	d := &orgPart{OrgID: o.ID, OrgName: o.Name}
	if viewer != nil {
		d.CanEdit = m.orgs.CanEdit(ctx, o.ID, viewer.UserID)
	}
	ps, err := m.PartnershipsOf(ctx, viewer, o.ID)
	if err != nil {
		return nil, err
	}
	if d.Partnerships, err = m.viewPartnerships(ctx, viewer, ps); err != nil {
		return nil, err
	}
	seeking, err := m.SeekingOf(ctx, o.ID)
	if err != nil {
		return nil, err
	}
	if s, ok := seeking[o.ID]; ok {
		d.Seeking = &s
	}
	return d, nil
}

// sectionPart is the network's lines in the directory's section of an
// organisation's page.
func (m *Module) sectionPart(ctx context.Context, orgID, lang string) (template.HTML, error) {
	d, err := m.orgPart(ctx, orgID)
	if err != nil {
		return "", err
	}
	return m.s.Render.Fragment(ctx, "network/section_part", d, nil)
}

// seekingFormKey carries a seeking form that failed its checks to the
// organisation's directory page drawn again with it.
type seekingFormKey struct{}

// organizationPart is the network's section of an organisation's
// directory page: partnerships, the partner finder and, for editors, the
// form saying what the organisation looks for partners for.
func (m *Module) organizationPart(ctx context.Context, orgID, lang string) (template.HTML, error) {
	d, err := m.orgPart(ctx, orgID)
	if err != nil {
		return "", err
	}
	form, _ := ctx.Value(seekingFormKey{}).(*web.Form)
	if form == nil && d.CanEdit {
		form = web.EmptyForm(map[string]string{"what_for": ""})
		if d.Seeking != nil {
			form.Values.Set("what_for", d.Seeking.WhatFor)
		}
	}
	return m.s.Render.Fragment(ctx, "network/organization_part", d, form)
}

func (m *Module) seekingSave(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	orgID := r.PathValue("id")
	if err := m.SetSeeking(ctx, id.UserID, orgID, form.Get("what_for"), web.Localizer(ctx).Lang()); err != nil {
		if !apperr.Is(err, apperr.Invalid) {
			m.s.Render.Error(w, r, err)
			return
		}
		status := form.Fail(err)
		m.dir.OrganizationPage(w, r.WithContext(context.WithValue(ctx, seekingFormKey{}, form)), status)
		return
	}
	m.s.Render.Redirect(w, r, "/organizations/"+orgID+"/services", "network.saved")
}

// finderData is what the partner finder shows.
type finderData struct {
	Org         *organization.Organization
	Suggestions []Suggestion
	CanEdit     bool
	NearbyKm    int
}

func (m *Module) finderPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	o, err := m.orgs.Get(ctx, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := finderData{Org: o, NearbyKm: NearbyKm}
	if data.Suggestions, err = m.Suggestions(ctx, o.ID); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if id := auth.From(ctx); id != nil {
		data.CanEdit = m.orgs.CanEdit(ctx, o.ID, id.UserID)
	}
	m.s.Render.Page(w, r, http.StatusOK, "network/finder", data, nil)
}
