package coordination

import (
	"context"
	"html/template"
	"math"
	"net/http"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/web"
)

// placeView is a place that can help, as the section shows it.
type placeView struct {
	ServiceID, Name string
	Km              int // whole km, rounded up; 0 when unknown
}

// referralView is a referral with the names it shows.
type referralView struct {
	*Referral
	Service     string // the service's name; "" once it is gone
	Listing     string // the request's title; "" when the reader may not see it
	MayAnswer   bool
	OutcomeText string // message id of the outcome
}

// placesData is the places section of a request's page.
type placesData struct {
	ListingID string
	Places    []placeView
	CanRefer  bool
	Referrals []referralView
}

// placesSection draws "Places that can help" on a request's page, for who
// asked and for staff; staff can refer the request and see its referrals.
func (m *Module) placesSection(ctx context.Context, id, _ string) (template.HTML, error) {
	viewer := auth.From(ctx)
	l, err := m.listings.Get(ctx, viewer, id)
	if err != nil {
		return "", nil // the page itself answers for a listing the viewer may not see
	}
	if !mayAskForPlaces(l, viewer) {
		return "", nil
	}
	places, err := m.PlacesFor(ctx, viewer, l)
	if err != nil {
		return "", err
	}
	d := &placesData{ListingID: l.ID, CanRefer: viewer.Staff() && m.mayRefer(ctx, viewer, l) == nil}
	for _, p := range places {
		v := placeView{ServiceID: p.Service.ID, Name: p.Service.Name}
		if p.Km != nil {
			v.Km = max(1, int(math.Ceil(*p.Km)))
		}
		d.Places = append(d.Places, v)
	}
	if viewer.Staff() {
		refs, err := m.ReferralsOf(ctx, viewer, l.ID)
		if err != nil {
			return "", err
		}
		for _, r := range refs {
			d.Referrals = append(d.Referrals, m.viewReferral(ctx, viewer, r, ""))
		}
	}
	if len(d.Places) == 0 && len(d.Referrals) == 0 && !viewer.Staff() {
		return "", nil
	}
	return m.s.Render.Fragment(ctx, "coordination/places", d, nil)
}

// viewReferral names the referral's service (and the request, when
// title is "", as far as the reader may see it).
func (m *Module) viewReferral(ctx context.Context, viewer *auth.Identity, r *Referral, title string) referralView {
	v := referralView{Referral: r, Listing: title, MayAnswer: m.mayAnswer(ctx, viewer, r),
		OutcomeText: "coordination.referral.outcome." + r.Outcome}
	if s, err := m.directory.Service(ctx, r.ServiceID); err == nil {
		v.Service = s.Name
	}
	return v
}

// referPage refers a request to one of its places that can help.
func (m *Module) referPage(w http.ResponseWriter, r *http.Request) {
	actor, err := auth.Require(r.Context())
	if err == nil {
		_, err = m.Refer(r.Context(), actor, r.PathValue("id"), web.NewForm(r).Get("service_id"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/listings/"+r.PathValue("id"), "coordination.referral.sent")
}

func (m *Module) referralPage(w http.ResponseWriter, r *http.Request) {
	m.renderReferral(w, r, http.StatusOK, web.EmptyForm(nil))
}

func (m *Module) renderReferral(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	ctx := r.Context()
	actor, err := auth.Require(ctx)
	var ref *Referral
	if err == nil {
		ref, err = m.GetReferral(ctx, actor, r.PathValue("id"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	title := ""
	if l, err := m.listings.Get(ctx, actor, ref.ListingID); err == nil {
		title = l.Title
	}
	m.s.Render.Page(w, r, status, "coordination/referral", m.viewReferral(ctx, actor, ref, title), form)
}

// outcomePage records what came of a referral.
func (m *Module) outcomePage(w http.ResponseWriter, r *http.Request) {
	actor, err := auth.Require(r.Context())
	form := web.NewForm(r)
	if err == nil {
		_, err = m.SetOutcome(r.Context(), actor, r.PathValue("id"), form.Get("outcome"))
	}
	if err != nil {
		if apperr.Is(err, apperr.Invalid) {
			m.renderReferral(w, r, form.Fail(err), form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/referrals/"+r.PathValue("id"), "coordination.referral.saved")
}
