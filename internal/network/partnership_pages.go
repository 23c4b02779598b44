package network

import (
	"net/http"
	"slices"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/directory"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

// partnershipsData is the list of active partnerships.
type partnershipsData struct {
	Items []*PartnershipView
}

func (m *Module) partnershipList(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ps, err := m.ActivePartnerships(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := partnershipsData{}
	if data.Items, err = m.viewPartnerships(ctx, auth.From(ctx), ps); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "network/partnerships", data, nil)
}

// partnershipFormData is what the proposal form shows besides the form.
type partnershipFormData struct {
	Mine      []organization.Membership    // organisations the person may propose for
	Orgs      []*organization.Organization // possible partners
	Languages []string
}

func (m *Module) partnershipFormPage(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := partnershipFormData{Languages: text.LanguageCodes()}
	if data.Mine, err = m.orgs.Memberships(ctx, id.UserID); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data.Mine = slices.DeleteFunc(data.Mine, func(ms organization.Membership) bool {
		return ms.Role != organization.Owner && ms.Role != organization.Editor
	})
	if len(data.Mine) == 0 {
		m.s.Render.Error(w, r, apperr.New(apperr.Forbidden, "network.partnership.no_org"))
		return
	}
	if data.Orgs, err = m.orgs.All(ctx); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, status, "network/partnership_form", data, form)
}

func (m *Module) partnershipNew(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	form := web.EmptyForm(map[string]string{"org": q.Get("org"), "lang": web.Localizer(r.Context()).Lang(),
		"starts_on": string(directory.DayOf(m.s.Clock.Now()))})
	if p := q.Get("partner"); p != "" {
		form.Values["partners"] = []string{p}
	}
	m.partnershipFormPage(w, r, http.StatusOK, form)
}

func (m *Module) partnershipCreate(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	in := PartnershipInput{ProposerID: form.Get("org"), PartnerIDs: form.Values["partners"], Goal: form.Get("goal"),
		Benefit: form.Get("benefit"), StartsOn: directory.Day(form.Get("starts_on")), Lang: form.Get("lang"),
		Contributions: map[string]string{form.Get("org"): form.Get("contribution")}}
	if in.ProposerID == "" {
		m.partnershipFormPage(w, r, form.Fail(apperr.Field("org", "form.required")), form)
		return
	}
	p, err := m.Propose(r.Context(), id.UserID, in)
	if err != nil {
		if !apperr.Is(err, apperr.Invalid) {
			m.s.Render.Error(w, r, err)
			return
		}
		m.partnershipFormPage(w, r, form.Fail(err), form)
		return
	}
	m.s.Render.Redirect(w, r, "/partnerships/"+p.ID, "network.partnership.proposed")
}

// partnershipData is what a partnership's page shows.
type partnershipData struct {
	*PartnershipView
	Paragraphs map[string][][]string
}

func (m *Module) partnershipPage(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	ctx := r.Context()
	viewer := auth.From(ctx)
	p, err := m.Partnership(ctx, viewer, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	views, err := m.viewPartnerships(ctx, viewer, []*Partnership{p})
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := partnershipData{PartnershipView: views[0], Paragraphs: map[string][][]string{
		"goal": text.Paragraphs(p.Goal), "benefit": text.Paragraphs(p.Benefit)}}
	if form == nil && len(data.Mine) > 0 {
		form = web.EmptyForm(map[string]string{"organization_id": data.Mine[0]})
	}
	m.s.Render.Page(w, r, status, "network/partnership", data, form)
}

func (m *Module) partnershipShow(w http.ResponseWriter, r *http.Request) {
	m.partnershipPage(w, r, http.StatusOK, nil)
}

func (m *Module) partnershipConfirm(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	var contribution *string
	if _, ok := form.Values["contribution"]; ok {
		c := form.Get("contribution")
		contribution = &c
	}
	p, err := m.Confirm(r.Context(), id.UserID, r.PathValue("id"), form.Get("organization_id"), contribution)
	if err != nil {
		if !apperr.Is(err, apperr.Invalid) {
			m.s.Render.Error(w, r, err)
			return
		}
		m.partnershipPage(w, r, form.Fail(err), form)
		return
	}
	flash := "network.partnership.confirmed"
	if p.Status == Active {
		flash = "network.partnership.activated"
	}
	m.s.Render.Redirect(w, r, "/partnerships/"+p.ID, flash)
}

func (m *Module) partnershipWithdraw(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		err = m.Withdraw(r.Context(), id.UserID, r.PathValue("id"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/directory", "network.partnership.withdrawn")
}

func (m *Module) partnershipEnd(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	var p *Partnership
	if err == nil {
		p, err = m.End(r.Context(), id.UserID, r.PathValue("id"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/partnerships/"+p.ID, "network.partnership.ended")
}
