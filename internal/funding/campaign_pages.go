package funding

import (
	"encoding/json"
	"html/template"
	"net/http"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/blog"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

// Routes registers the campaigns' pages.
func (m *Module) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /campaigns", m.listPage)
	mux.HandleFunc("GET /campaigns/new", m.newPage)
	mux.HandleFunc("POST /campaigns/new", m.create)
	mux.HandleFunc("GET /campaigns/{id}", m.showPage)
	mux.HandleFunc("GET /campaigns/{id}/edit", m.editPage)
	mux.HandleFunc("POST /campaigns/{id}/edit", m.save)
	mux.HandleFunc("POST /campaigns/{id}/publish", m.publish)
	mux.HandleFunc("GET /campaigns/{id}/cancel", m.cancelPage)
	mux.HandleFunc("POST /campaigns/{id}/cancel", m.cancel)
	mux.HandleFunc("POST /campaigns/{id}/reserve", m.reserve)
	mux.HandleFunc("POST /campaigns/{id}/reservation/cancel", m.unreserve)
	mux.HandleFunc("POST /campaigns/{id}/match", m.match)
	mux.HandleFunc("GET /campaigns/{id}/reservations", m.reservationsPage)
	mux.HandleFunc("GET /campaigns/{id}/girocode.png", m.giroCodePNG)
	m.bookingRoutes(mux)
	m.ledgerRoutes(mux)
}

// item is a campaign as lists show it.
type item struct {
	*Campaign
	OrgName  string
	Progress Progress
}

type listPage struct {
	Campaigns []item
	CanCreate bool
}

// listSize is how many campaigns the list shows.
const listSize = 100

func (m *Module) listPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	cs, err := m.List(ctx, auth.From(ctx), "", listSize)
	var items []item
	if err == nil {
		items, err = m.items(r, cs)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "funding/campaigns", &listPage{Campaigns: items, CanCreate: auth.From(ctx) != nil}, nil)
}

func (m *Module) items(r *http.Request, cs []*Campaign) ([]item, error) {
	names := map[string]string{}
	out := make([]item, len(cs))
	for i, c := range cs {
		if _, ok := names[c.OrganizationID]; !ok {
			o, err := m.orgs.Get(r.Context(), c.OrganizationID)
			if err != nil {
				return nil, err
			}
			names[o.ID] = o.Name
		}
		p, err := m.Progress(r.Context(), c)
		if err != nil {
			return nil, err
		}
		out[i] = item{Campaign: c, OrgName: names[c.OrganizationID], Progress: p}
	}
	return out, nil
}

// showPage is what /campaigns/{id} shows.
type showPage struct {
	Campaign   *Campaign
	Org        *organization.Organization
	Story      template.HTML
	Progress   Progress
	Matches    []*Match
	Named      []*Reservation
	Anonymous  int
	Mine       *Reservation // the viewer's reservation
	CanManage  bool
	Open       bool
	MatchOrgs  []organization.Membership // organisations the viewer may promise matchfunding for
	Transfer   *Transfer                 // the viewer's transfer details after success
	JSONLD     json.RawMessage
	StretchPct int
	Treasurer  bool // the viewer reads the organisation's bank statements
}

func (m *Module) showPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	viewer := auth.From(ctx)
	c, err := m.Get(ctx, viewer, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data, err := m.showData(r, c, viewer)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "funding/campaign", data, m.pledgeForm(c, data.Mine))
}

// pledgeForm is the reservation form, offering the minimum.
func (m *Module) pledgeForm(c *Campaign, mine *Reservation) *web.Form {
	amount := c.Minimum
	if c.Purpose == Shares {
		amount = max(c.SharePrice, c.Minimum)
	}
	return web.EmptyForm(map[string]string{"amount": euros(amount)})
}

func (m *Module) showData(r *http.Request, c *Campaign, viewer *auth.Identity) (*showPage, error) {
	ctx := r.Context()
	now := m.s.Clock.Now()
	data := &showPage{Campaign: c, Story: blog.RenderMarkdown(c.Story), CanManage: m.mayActFor(ctx, c.OrganizationID, viewer),
		Open: c.Open(now), Treasurer: m.isTreasurer(ctx, c.OrganizationID, viewer)}
	var err error
	if data.Org, err = m.orgs.Get(ctx, c.OrganizationID); err != nil {
		return nil, err
	}
	if data.Progress, err = m.Progress(ctx, c); err != nil {
		return nil, err
	}
	if c.Stretch > 0 {
		data.StretchPct = int(min(100, data.Progress.Total*100/c.Stretch))
	}
	if data.Matches, err = m.Matches(ctx, c); err != nil {
		return nil, err
	}
	if data.Named, data.Anonymous, err = m.Supporters(ctx, c); err != nil {
		return nil, err
	}
	if mine, err := m.MyReservation(ctx, viewer, c); err == nil {
		data.Mine = mine
	} else if !apperr.Is(err, apperr.NotFound) {
		return nil, err
	}
	if t, err := m.transferFor(ctx, c, viewer); err != nil {
		return nil, err
	} else if t != nil {
		if data.Transfer, err = t.withCode(ctx); err != nil {
			return nil, err
		}
	}
	if viewer != nil && data.Open {
		ms, err := m.orgs.Memberships(ctx, viewer.UserID)
		if err != nil {
			return nil, err
		}
		for _, mb := range ms {
			if (mb.Role == organization.Owner || mb.Role == organization.Editor) && mb.OrganizationID != c.OrganizationID {
				data.MatchOrgs = append(data.MatchOrgs, mb)
			}
		}
	}
	if c.Status != Draft {
		data.JSONLD, err = m.structuredData(c, data.Org, data.Progress)
	}
	return data, err
}

// formPage is what the create and edit pages show besides the form.
type formPage struct {
	Campaign  *Campaign
	Action    string
	Orgs      []organization.Membership
	Purposes  []Purpose
	Languages []string
	Rows      []int
	Frozen    bool // people reserved: goal, deadline and account stay
}

func (m *Module) formPage(w http.ResponseWriter, r *http.Request, status int, id *auth.Identity, c *Campaign, form *web.Form) {
	data := &formPage{Campaign: c, Action: "/campaigns/new", Purposes: Purposes, Languages: text.LanguageCodes(),
		Rows: []int{1, 2, 3, 4, 5}}
	name := "funding/new"
	if c != nil {
		name, data.Action = "funding/edit", "/campaigns/"+c.ID+"/edit"
		n, err := reservationCount(r.Context(), m.s.DB, c.ID)
		if err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
		data.Frozen = n > 0
	} else {
		ms, err := m.orgs.Memberships(r.Context(), id.UserID)
		if err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
		for _, mb := range ms {
			if mb.Role == organization.Owner || mb.Role == organization.Editor {
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
	d := CampaignDraft{OrganizationID: r.URL.Query().Get("org"), Purpose: Donation, Minimum: defaultMinimum,
		ContentLang: web.Localizer(r.Context()).Lang(), LedgerPublic: true}
	m.formPage(w, r, http.StatusOK, id, nil, draftForm(d))
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
	c, err := m.Create(r.Context(), id, d)
	if err != nil {
		switch apperr.CodeOf(err) {
		case apperr.Invalid, apperr.RateLimited:
			m.formPage(w, r, form.Fail(err), id, nil, form)
		default:
			m.s.Render.Error(w, r, err)
		}
		return
	}
	m.s.Render.Redirect(w, r, "/campaigns/"+c.ID, "funding.created")
}

// editable loads the campaign of the request for a person who may change it.
func (m *Module) editable(r *http.Request) (*auth.Identity, *Campaign, error) {
	id, err := auth.Require(r.Context())
	if err != nil {
		return nil, nil, err
	}
	c, err := getCampaign(r.Context(), m.s.DB, r.PathValue("id"))
	if err != nil {
		return nil, nil, err
	}
	if !m.mayActFor(r.Context(), c.OrganizationID, id) {
		if c.Status == Draft {
			return nil, nil, apperr.New(apperr.NotFound, "")
		}
		return nil, nil, apperr.New(apperr.Forbidden, "funding.not_yours")
	}
	if c.Settled() {
		return nil, nil, apperr.New(apperr.Conflict, "funding.settled")
	}
	return id, c, nil
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
	d.OrganizationID = c.OrganizationID
	if len(bad) > 0 {
		m.formPage(w, r, form.Fail(formErr(d, bad)), id, c, form)
		return
	}
	if _, err := m.Update(r.Context(), id, c.ID, func(CampaignDraft) CampaignDraft { return d }); err != nil {
		if apperr.Is(err, apperr.Invalid) {
			m.formPage(w, r, form.Fail(err), id, c, form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/campaigns/"+c.ID, "funding.saved")
}

func (m *Module) publish(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		_, err = m.Publish(r.Context(), id, r.PathValue("id"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/campaigns/"+r.PathValue("id"), "funding.published")
}

func (m *Module) cancelPage(w http.ResponseWriter, r *http.Request) {
	_, c, err := m.editable(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "funding/cancel", c, nil)
}

func (m *Module) cancel(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		_, err = m.Cancel(r.Context(), id, r.PathValue("id"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/campaigns/"+r.PathValue("id"), "funding.cancelled")
}

func (m *Module) reserve(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	c, err := m.Get(ctx, id, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	p, bad := pledgeFrom(form)
	err = bad.Err()
	if err == nil {
		_, err = m.Reserve(ctx, id, c.ID, p)
	}
	m.afterForm(w, r, c, id, form, err, "funding.reserved")
}

func (m *Module) unreserve(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	c, err := m.Get(ctx, id, r.PathValue("id"))
	var mine *Reservation
	if err == nil {
		mine, err = m.MyReservation(ctx, id, c)
	}
	if err == nil {
		_, err = m.CancelReservation(ctx, id, mine.ID)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/campaigns/"+c.ID, "funding.unreserved")
}

func (m *Module) match(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	c, err := m.Get(ctx, id, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	bad := apperr.Fields{}
	cap := amountField(form, bad, "cap")
	err = bad.Err()
	if err == nil {
		_, err = m.OfferMatch(ctx, id, c.ID, form.Get("organization_id"), cap)
	}
	m.afterForm(w, r, c, id, form, err, "funding.matched")
}

// afterForm ends a form posted on the campaign's page: the page again with
// the form's values and errors when they were wrong, else back to the page
// with flash.
func (m *Module) afterForm(w http.ResponseWriter, r *http.Request, c *Campaign, id *auth.Identity, form *web.Form, err error, flash string) {
	switch {
	case apperr.Is(err, apperr.Invalid) || apperr.Is(err, apperr.RateLimited):
		data, derr := m.showData(r, c, id)
		if derr != nil {
			m.s.Render.Error(w, r, derr)
			return
		}
		m.s.Render.Page(w, r, form.Fail(err), "funding/campaign", data, form)
	case err != nil:
		m.s.Render.Error(w, r, err)
	default:
		m.s.Render.Redirect(w, r, "/campaigns/"+c.ID, flash)
	}
}

type reservationsPage struct {
	Campaign     *Campaign
	Reservations []*Reservation
	Progress     Progress
}

func (m *Module) reservationsPage(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	c, rs, err := m.Reservations(r.Context(), id, r.PathValue("id"))
	var p Progress
	if err == nil {
		p, err = m.Progress(r.Context(), c)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "funding/reservations", &reservationsPage{Campaign: c, Reservations: rs, Progress: p}, nil)
}
