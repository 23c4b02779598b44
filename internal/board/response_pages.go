package board

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/web"
)

// responseRoutes registers the pages and forms of responses, thanks and
// saved searches.
func (m *Module) responseRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /listings/{id}/respond", m.respondForm)
	mux.HandleFunc("POST /listings/{id}/responses", m.respond)
	mux.HandleFunc("POST /listings/{id}/responses/{rid}/accept", m.acceptResponse)
	mux.HandleFunc("POST /listings/{id}/responses/{rid}/decline", m.declineResponse)
	mux.HandleFunc("POST /listings/{id}/responses/{rid}/withdraw", m.withdrawResponse)
	mux.HandleFunc("GET /listings/{id}/thanks", m.thanksForm)
	mux.HandleFunc("POST /listings/{id}/thanks", m.thank)
	mux.HandleFunc("POST /listings/{id}/thanks/delete", m.deleteThanks)
	mux.HandleFunc("GET /me/responses", m.myResponses)
	mux.HandleFunc("GET /me/searches", m.savedSearchesPage)
	mux.HandleFunc("POST /me/searches", m.saveSearch)
	mux.HandleFunc("POST /me/searches/{id}/delete", m.deleteSavedSearch)
	mux.HandleFunc("POST /me/searches/{id}/digest", m.setDigest)
	mux.HandleFunc("GET /searches/unsubscribe/{token}", m.unsubscribe)
	mux.HandleFunc("POST /searches/unsubscribe/{token}", m.setDigestByLink)
}

// responsesData is what the listing page shows of responses, suggestions
// and thanks (the partial "listing_responses"), and what the respond and
// thanks pages show.
type responsesData struct {
	Listing  *Listing
	Path     string // the listing's page
	LoginURL string // for visitors: log in and come back
	Visitor  bool
	Manager  bool // the viewer manages the listing
	Live     bool // open for responses
	Closed   bool // fulfilled, withdrawn or expired
	Decide   bool // the managers may still accept and decline
	Visible  bool // the viewer may open the listing's page

	// For people who do not manage the listing.
	Own        *Response // the viewer's response
	CanRespond bool
	Blocked    bool
	Orgs       []organization.Membership // to respond on behalf of

	// For its managers.
	Responses   []*Response
	Pending     int
	Accepted    int
	Suggestions []suggestionView

	// On a fulfilled listing.
	Thanks   []*Thanks
	CanThank bool
	MyThanks *Thanks
}

// suggestionView is a suggestion with its reason in the page's language:
// "8 km · speaks Arabic · same category".
type suggestionView struct {
	Listing *Listing
	Reason  string
}

// responsesFor fills the listing page's part of this area for the viewer
// (nil for visitors); the listing page already checked that they may see
// the listing.
func (m *Module) responsesFor(ctx context.Context, l *Listing, id *auth.Identity) (any, error) {
	return m.responsesData(ctx, l, id, web.Localizer(ctx))
}

func (m *Module) responsesData(ctx context.Context, l *Listing, id *auth.Identity, loc *i18n.Localizer) (*responsesData, error) {
	now := m.s.Clock.Now()
	path := "/listings/" + l.ID
	d := &responsesData{Listing: l, Path: path, LoginURL: "/login?next=" + url.QueryEscape(path), Live: l.Live(now),
		Closed: l.Status != Open || !now.Before(l.ExpiresAt), Decide: decidable(l, now)}
	if id == nil {
		d.Visitor = true
	} else {
		d.Manager = m.canManage(ctx, l, id)
	}
	d.Visible = m.canSee(ctx, l, id, now)
	var err error
	switch {
	case d.Visitor:
	case d.Manager:
		if d.Responses, err = queryResponses(ctx, m.s.DB, "r.listing_id = $1", l.ID); err != nil {
			return nil, err
		}
		if err := m.fillNames(ctx, d.Responses); err != nil {
			return nil, err
		}
		for _, r := range d.Responses {
			switch r.Status {
			case ResponsePending:
				d.Pending++
			case ResponseAccepted:
				d.Accepted++
			}
		}
		if d.Live {
			ss, err := m.suggestFor(ctx, id, l, suggestLimit)
			if err != nil {
				return nil, err
			}
			if loc == nil {
				loc = m.s.Catalog.Localizer(id.Lang)
			}
			for _, s := range ss {
				d.Suggestions = append(d.Suggestions, suggestionView{Listing: s.Listing, Reason: m.reason(loc, s)})
			}
		}
	default:
		r, err := responseOf(ctx, m.s.DB, l.ID, id.UserID)
		switch {
		case err == nil:
			d.Own = r
		case !apperr.Is(err, apperr.NotFound):
			return nil, err
		}
		if d.Own == nil && d.Live {
			if d.Blocked, err = m.conversations.Blocked(ctx, id.UserID, l.PosterID); err != nil {
				return nil, err
			}
			d.CanRespond = !d.Blocked
			if d.CanRespond {
				if d.Orgs, err = m.respondableOrgs(ctx, l, id.UserID); err != nil {
					return nil, err
				}
			}
		}
	}
	d.CanThank = m.mayThank(ctx, l, id)
	if l.Status == Fulfilled {
		if d.Thanks, err = m.ThanksFor(ctx, l, id); err != nil {
			return nil, err
		}
		for _, t := range d.Thanks {
			if id != nil && t.AuthorID == id.UserID {
				d.MyThanks = t
			}
		}
	}
	return d, nil
}

// respondableOrgs are the organisations a person may respond for: those
// they belong to, except the one the listing was posted for.
func (m *Module) respondableOrgs(ctx context.Context, l *Listing, userID string) ([]organization.Membership, error) {
	ms, err := m.orgs.Memberships(ctx, userID)
	if err != nil {
		return nil, err
	}
	out := ms[:0]
	for _, mb := range ms {
		if mb.OrganizationID != l.OrganizationID {
			out = append(out, mb)
		}
	}
	return out, nil
}

// reason words why a suggestion fits.
func (m *Module) reason(loc *i18n.Localizer, s Suggestion) string {
	var parts []string
	if s.Located {
		parts = append(parts, loc.T("board.suggest.reason.km", "Km", s.Km))
	} else {
		parts = append(parts, loc.T("board.suggest.reason.same_place"))
	}
	if len(s.Shared) > 0 {
		parts = append(parts, loc.T("board.suggest.reason.speaks", "Lang", spokenLangName(loc, s.Shared[0])))
	}
	parts = append(parts, loc.T("board.suggest.reason."+s.Match))
	return strings.Join(parts, " · ")
}

// responsePage is the page of the respond and thanks forms, shown on its
// own for people without the listing page at hand and again with errors.
type responsePage struct {
	Responses *responsesData
	Mode      string // "respond" or "thanks"
}

// responseFormPage draws the respond or thanks page for the listing in the
// path.
func (m *Module) responseFormPage(w http.ResponseWriter, r *http.Request, status int, mode string, form *web.Form) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	l, err := getListing(ctx, m.s.DB, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if !m.canSee(ctx, l, id, m.s.Clock.Now()) && !m.isResponder(ctx, l.ID, id.UserID) {
		m.s.Render.NotFound(w, r)
		return
	}
	d, err := m.responsesData(ctx, l, id, web.Localizer(ctx))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if form == nil {
		form = web.EmptyForm(nil)
		if mode == "thanks" && d.MyThanks != nil {
			form.Values.Set("text", d.MyThanks.Text)
		}
	}
	m.s.Render.Page(w, r, status, "board/response_form", responsePage{Responses: d, Mode: mode}, form)
}

func (m *Module) respondForm(w http.ResponseWriter, r *http.Request) {
	m.responseFormPage(w, r, http.StatusOK, "respond", nil)
}

func (m *Module) thanksForm(w http.ResponseWriter, r *http.Request) {
	m.responseFormPage(w, r, http.StatusOK, "thanks", nil)
}

// formRefusal reports whether an error belongs beside the form (wrong
// input, a duplicate, a closed listing, a block, too many attempts)
// rather than on an error page.
func formRefusal(err error) bool {
	switch apperr.CodeOf(err) {
	case apperr.Invalid, apperr.Conflict, apperr.RateLimited:
		return true
	}
	return apperr.Is(err, apperr.Forbidden) && apperr.MessageID(err) == "board.response.blocked"
}

func (m *Module) respond(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	listingID := r.PathValue("id")
	_, err = m.Respond(r.Context(), id, listingID, ResponseInput{Body: form.Raw("body"), OrganizationID: form.Get("organization_id")})
	if err != nil {
		if formRefusal(err) {
			m.responseFormPage(w, r, form.Fail(err), "respond", form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/listings/"+listingID+"#responses", "board.response.sent")
}

// responseAction runs accept, decline or withdraw and returns to the
// listing page.
func (m *Module) responseAction(w http.ResponseWriter, r *http.Request, flash string,
	do func(ctx context.Context, id *auth.Identity, listingID, responseID string) (*Response, error)) {
	id, err := auth.Require(r.Context())
	if err == nil {
		_, err = do(r.Context(), id, r.PathValue("id"), r.PathValue("rid"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/listings/"+r.PathValue("id")+"#responses", flash)
}

func (m *Module) acceptResponse(w http.ResponseWriter, r *http.Request) {
	m.responseAction(w, r, "board.response.accepted_now", m.Accept)
}

func (m *Module) declineResponse(w http.ResponseWriter, r *http.Request) {
	m.responseAction(w, r, "board.response.declined_now", m.Decline)
}

func (m *Module) withdrawResponse(w http.ResponseWriter, r *http.Request) {
	m.responseAction(w, r, "board.response.withdrawn_now", m.WithdrawResponse)
}

func (m *Module) thank(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	listingID := r.PathValue("id")
	if _, err := m.Thank(r.Context(), id, listingID, form.Raw("text")); err != nil {
		if formRefusal(err) {
			m.responseFormPage(w, r, form.Fail(err), "thanks", form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, m.thanksTarget(r.Context(), id, listingID), "board.thanks.saved")
}

func (m *Module) deleteThanks(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		err = m.DeleteThanks(r.Context(), id, r.PathValue("id"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, m.thanksTarget(r.Context(), id, r.PathValue("id")), "board.thanks.deleted")
}

// thanksTarget is where the notes of a listing are shown to the person:
// the listing's page when they may see it, else the thanks page (a
// responder of a listing that is no longer on the board).
func (m *Module) thanksTarget(ctx context.Context, id *auth.Identity, listingID string) string {
	if l, err := getListing(ctx, m.s.DB, listingID); err == nil && m.canSee(ctx, l, id, m.s.Clock.Now()) {
		return "/listings/" + l.ID + "#thanks"
	}
	return "/listings/" + listingID + "/thanks"
}

// myResponsesData is the page of the person's responses.
type myResponsesData struct {
	Responses []MyResponse
}

func (m *Module) myResponses(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	rs, err := m.MyResponses(r.Context(), id.UserID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "board/responses", myResponsesData{Responses: rs}, nil)
}
