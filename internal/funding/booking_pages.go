package funding

import (
	"errors"
	"io"
	"net/http"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/web"
)

// bookingRoutes are the treasurers' pages of an organisation.
func (m *Module) bookingRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /organizations/{id}/bookings", m.bookingsPage)
	mux.HandleFunc("POST /organizations/{id}/statements", m.upload)
	mux.HandleFunc("POST /organizations/{id}/bookings/{bid}", m.review)
	mux.HandleFunc("POST /organizations/{id}/treasurers", m.treasurers)
}

// bookingsPage is what a treasurer sees: the upload form, what the last
// upload did, the bookings to review and those kept, and (for owners) who
// else is treasurer.
type bookingsPage struct {
	Org        *organization.Organization
	Result     *ImportResult
	Bookings   []*Booking
	Categories []string
	Members    []organization.Member // for owners: whom they may name
	Treasurers map[string]bool
	Owner      bool
}

// bookingsShown is how many bookings the page lists.
const bookingsShown = 500

func (m *Module) bookingsPage(w http.ResponseWriter, r *http.Request) {
	m.renderBookings(w, r, http.StatusOK, nil, nil)
}

func (m *Module) renderBookings(w http.ResponseWriter, r *http.Request, status int, res *ImportResult, form *web.Form) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	orgID := r.PathValue("id")
	data := &bookingsPage{Result: res, Categories: Categories, Treasurers: map[string]bool{}}
	data.Bookings, err = m.Bookings(ctx, id, orgID, "", bookingsShown)
	if err == nil {
		data.Org, err = m.orgs.Get(ctx, orgID)
	}
	if err == nil {
		if s, serr := m.orgs.StandingOf(ctx, orgID, id.UserID); serr == nil && s.Role == organization.Owner {
			data.Owner = true
			if data.Members, err = m.orgs.Members(ctx, id.UserID, orgID); err == nil {
				for _, mb := range data.Members {
					data.Treasurers[mb.UserID], _ = treasurerNamed(ctx, m.s.DB, orgID, mb.UserID)
				}
			}
		}
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if form == nil {
		form = web.EmptyForm(nil)
	}
	m.s.Render.Page(w, r, status, "funding/bookings", data, form)
}

func (m *Module) upload(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if err := m.treasury(ctx, id, r.PathValue("id")); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload+1<<20)
	var data []byte
	if err = r.ParseMultipartForm(1 << 20); err == nil {
		file, _, ferr := r.FormFile("file")
		if ferr != nil {
			err = apperr.Field("file", "funding.statement.none")
		} else {
			data, err = io.ReadAll(io.LimitReader(file, maxUpload+1))
			file.Close()
		}
	} else if errors.Is(err, http.ErrNotMultipart) {
		err = apperr.Field("file", "funding.statement.none")
	} else {
		err = apperr.Field("file", "funding.statement.too_large")
	}
	form := web.NewForm(r)
	var res *ImportResult
	if err == nil {
		res, err = m.Import(ctx, id, r.PathValue("id"), data, Layout{Date: form.Get("col_date"),
			Amount: form.Get("col_amount"), Name: form.Get("col_name"), Purpose: form.Get("col_purpose")})
	}
	if err != nil {
		if apperr.Is(err, apperr.Invalid) {
			m.renderBookings(w, r, form.Fail(err), nil, form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.renderBookings(w, r, http.StatusOK, res, form)
}

func (m *Module) review(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	_, err = m.ReviewBooking(ctx, id, r.PathValue("id"), r.PathValue("bid"),
		Review{Action: form.Get("action"), Category: form.Get("category"), Note: form.Get("note")})
	if apperr.Is(err, apperr.Invalid) {
		m.renderBookings(w, r, form.Fail(err), nil, form)
		return
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/organizations/"+r.PathValue("id")+"/bookings", "funding.booking.saved")
}

func (m *Module) treasurers(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	err = m.NameTreasurer(ctx, id, r.PathValue("id"), form.Get("user_id"), form.Get("named") == "1")
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/organizations/"+r.PathValue("id")+"/bookings", "funding.treasurer.saved")
}
