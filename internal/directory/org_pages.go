package directory

import (
	"context"
	"net/http"
	"time"

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
	cache := m.newOrgCache()
	out := make([]*PartnershipView, 0, len(ps))
	for _, p := range ps {
		v := &PartnershipView{Partnership: p, Orgs: map[string]*organization.Organization{}}
		for _, pt := range p.Partners {
			o, err := cache.get(ctx, pt.OrganizationID)
			if err != nil {
				return nil, err
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

// orgData is an organisation's page in the directory: its services,
// locations and partnerships, and for its editors the tools to keep them.
type orgData struct {
	Org          *organization.Organization
	Services     []*Service
	Locations    []*Location
	Statuses     map[string]Status
	Partnerships []*PartnershipView
	Seeking      *Seeking
	CanEdit      bool
	Lang         string
	Today        Day
	now          time.Time
}

// Due reports whether an entry confirmed at t waits for a confirmation.
func (d *orgData) Due(t time.Time) bool { return Stale(t, d.now) }

func (m *Module) orgPageWith(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	ctx := r.Context()
	o, err := m.orgs.Get(ctx, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	now := m.s.Clock.Now()
	viewer := auth.From(ctx)
	data := &orgData{Org: o, Statuses: map[string]Status{}, Lang: web.Localizer(ctx).Lang(), Today: DayOf(now),
		now: now}
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
	ps, err := m.PartnershipsOf(ctx, viewer, o.ID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if data.Partnerships, err = m.viewPartnerships(ctx, viewer, ps); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	seeking, err := m.SeekingOf(ctx, o.ID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if s, ok := seeking[o.ID]; ok {
		data.Seeking = &s
	}
	if form == nil && data.CanEdit {
		form = web.EmptyForm(map[string]string{"what_for": ""})
		if data.Seeking != nil {
			form.Values.Set("what_for", data.Seeking.WhatFor)
		}
	}
	m.s.Render.Page(w, r, status, "directory/organization", data, form)
}

func (m *Module) orgPage(w http.ResponseWriter, r *http.Request) {
	m.orgPageWith(w, r, http.StatusOK, nil)
}

func (m *Module) seekingSave(w http.ResponseWriter, r *http.Request) {
	id, o, err := m.editableOrg(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	if err := m.SetSeeking(r.Context(), id.UserID, o.ID, form.Get("what_for"), web.Localizer(r.Context()).Lang()); err != nil {
		if !apperr.Is(err, apperr.Invalid) {
			m.s.Render.Error(w, r, err)
			return
		}
		m.orgPageWith(w, r, form.Fail(err), form)
		return
	}
	m.s.Render.Redirect(w, r, "/organizations/"+o.ID+"/services", "directory.saved")
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
	m.s.Render.Page(w, r, http.StatusOK, "directory/finder", data, nil)
}
