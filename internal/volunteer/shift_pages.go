package volunteer

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

// Routes registers the shift plans' pages.
func (m *Module) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /shifts", m.upcomingPage)
	mux.HandleFunc("GET /shifts/{id}", m.shiftPage)
	mux.HandleFunc("POST /shifts/{id}/slots/{sid}/take", m.take)
	mux.HandleFunc("GET /shifts/{id}/slots/{sid}/leave", m.leavePage)
	mux.HandleFunc("POST /shifts/{id}/slots/{sid}/leave", m.leave)
	mux.HandleFunc("GET /organizations/{id}/shifts", m.planPage)
	mux.HandleFunc("GET /organizations/{id}/shifts/new", m.newPage)
	mux.HandleFunc("POST /organizations/{id}/shifts/new", m.create)
	m.rosterRoutes(mux)
	m.hoursRoutes(mux)
	m.certificateRoutes(mux)
	m.checkRoutes(mux)
	mux.HandleFunc("POST /shifts/{id}/message", m.messageHelpers)
}

// upcomingWeeks is how far ahead the lists of shifts look.
const upcomingWeeks = 8

// upcomingPage is what /shifts shows: the person's own slots, then the
// public shifts of the coming weeks.
type upcomingPage struct {
	Mine   []Held
	Shifts []*Shift
}

func (m *Module) upcomingPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	now := m.s.Clock.Now()
	until := now.AddDate(0, 0, 7*upcomingWeeks)
	data := &upcomingPage{}
	var err error
	if id := auth.From(ctx); id != nil {
		data.Mine, err = m.heldSlots(ctx, m.s.DB, id.UserID, now, until)
	}
	if err == nil {
		data.Shifts, err = m.Upcoming(ctx, now, until, 200)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "volunteer/shifts", data, nil)
}

// shiftPage is what /shifts/{id} shows.
type shiftPage struct {
	Shift     *Shift
	OrgName   string
	Manage    bool
	Mine      map[string]bool // slot ids the viewer holds
	Problem   string          // message id of a refused take
	Other     *Shift          // the shift a refused take overlapped
	LoggedIn  bool
	Remaining int  // places still free over all slots
	Begun     bool // the shift has begun: planners mark no-shows
}

func (m *Module) shiftPage(w http.ResponseWriter, r *http.Request) {
	m.renderShift(w, r, http.StatusOK, nil)
}

// renderShift draws the shift page, with the reason a take was refused.
func (m *Module) renderShift(w http.ResponseWriter, r *http.Request, status int, refused error) {
	ctx := r.Context()
	viewer := auth.From(ctx)
	sh, err := m.Shift(ctx, viewer, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	o, err := m.orgs.Get(ctx, sh.OrganizationID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := &shiftPage{Shift: sh, OrgName: o.Name, Manage: m.mayPlan(ctx, sh.OrganizationID, viewer),
		Mine: map[string]bool{}, LoggedIn: viewer != nil, Begun: !m.s.Clock.Now().Before(sh.Start)}
	for _, sl := range sh.Slots {
		data.Remaining += sl.Free()
		for _, h := range sl.Helpers {
			if viewer != nil && h.UserID == viewer.UserID {
				data.Mine[sl.ID] = true
			}
		}
	}
	if refused != nil {
		data.Problem = apperr.MessageID(refused)
		var overlap *OverlapError
		if errors.As(refused, &overlap) {
			data.Other = overlap.Other
		}
	}
	m.s.Render.Page(w, r, status, "volunteer/shift", data, nil)
}

func (m *Module) take(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	_, err = m.Take(r.Context(), id, r.PathValue("id"), r.PathValue("sid"), form.Checked("show_name"))
	switch code := apperr.CodeOf(err); {
	case err == nil:
		m.s.Render.Redirect(w, r, "/shifts/"+r.PathValue("id"), "volunteer.slot.taken")
	case code == apperr.Conflict || (code == apperr.Forbidden && apperr.MessageID(err) == "volunteer.slot.check_required"):
		m.renderShift(w, r, apperr.Status(err), err)
	default:
		m.s.Render.Error(w, r, err)
	}
}

// leavePage asks before a slot is given back; close to the start it asks
// for the reason the organisation is told.
type leavePage struct {
	Shift      *Shift
	Slot       *Slot
	NeedReason bool
}

func (m *Module) leavePage(w http.ResponseWriter, r *http.Request) {
	m.renderLeave(w, r, http.StatusOK, web.EmptyForm(nil))
}

func (m *Module) renderLeave(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	sh, err := getShift(ctx, m.s.DB, r.PathValue("id"))
	var sl *Slot
	if err == nil {
		sl, err = slotIn(sh, r.PathValue("sid"))
	}
	if err == nil {
		if _, e := liveHelper(ctx, m.s.DB, sl.ID, id.UserID); e != nil {
			err = apperr.New(apperr.NotFound, "volunteer.slot.not_taken")
		}
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, status, "volunteer/leave", &leavePage{Shift: sh, Slot: sl, NeedReason: m.LeaveNeedsReason(sh)}, form)
}

func (m *Module) leave(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	err = m.Leave(r.Context(), id, r.PathValue("id"), r.PathValue("sid"), form.Raw("reason"))
	switch {
	case err == nil:
		m.s.Render.Redirect(w, r, "/shifts/"+r.PathValue("id"), "volunteer.slot.left")
	case apperr.Is(err, apperr.Invalid):
		m.renderLeave(w, r, form.Fail(err), form)
	default:
		m.s.Render.Error(w, r, err)
	}
}

// planPage is what /organizations/{id}/shifts shows: the organisation's
// shifts of the coming weeks, from the day ?from names.
type planPage struct {
	OrgID, OrgName string
	From           time.Time
	Prev, Next     string
	Shifts         []*Shift
	Manage         bool
	LoggedIn       bool
	Roster         *RosterEntry // the viewer's entry on the roster, nil without
}

func (m *Module) planPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	viewer := auth.From(ctx)
	o, err := m.orgs.Get(ctx, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	from := clock.DayOf(m.s.Clock.Now())
	if s := r.URL.Query().Get("from"); s != "" {
		day, ok := parseDay(s)
		if !ok || day == nil {
			m.s.Render.Error(w, r, apperr.New(apperr.Invalid, "volunteer.field.date_invalid"))
			return
		}
		from = *day
	}
	to := from.AddDate(0, 0, 7*upcomingWeeks)
	shifts, err := m.OrgShifts(ctx, viewer, o.ID, from, to)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	base := "/organizations/" + o.ID + "/shifts?from="
	data := &planPage{OrgID: o.ID, OrgName: o.Name, From: from,
		Prev: base + from.AddDate(0, 0, -7*upcomingWeeks).Format(dayLayout), Next: base + to.Format(dayLayout),
		Shifts: shifts, Manage: m.mayPlan(ctx, o.ID, viewer), LoggedIn: viewer != nil}
	if viewer != nil {
		if entry, ok := m.MyRosterEntry(ctx, viewer.UserID, o.ID); ok {
			data.Roster = &entry
		}
	}
	m.s.Render.Page(w, r, http.StatusOK, "volunteer/plan", data, nil)
}

// slotRows is how many slot rows the form offers.
const slotRows = 4

// formPage is what the form to plan shifts shows.
type formPage struct {
	Org       *organization.Organization
	Rows      []string // the slot rows' field prefixes
	Languages []string
}

func (m *Module) newPage(w http.ResponseWriter, r *http.Request) {
	form := web.EmptyForm(map[string]string{"public": "1", "slot0_needed": "1"})
	m.renderForm(w, r, http.StatusOK, form)
}

func (m *Module) renderForm(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	o, err := m.orgs.Get(ctx, r.PathValue("id"))
	if err == nil && !m.mayPlan(ctx, o.ID, id) {
		err = apperr.New(apperr.Forbidden, "volunteer.shift.not_yours")
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := &formPage{Org: o, Languages: text.LanguageCodes()}
	for i := range slotRows {
		data.Rows = append(data.Rows, "slot"+strconv.Itoa(i)+"_")
	}
	m.s.Render.Page(w, r, status, "volunteer/new", data, form)
}

func (m *Module) create(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	d, bad := draftFrom(form)
	d.OrganizationID = r.PathValue("id")
	if !m.mayPlan(r.Context(), d.OrganizationID, id) {
		m.s.Render.Error(w, r, apperr.New(apperr.NotFound, ""))
		return
	}
	var shifts []*Shift
	if len(bad) > 0 {
		// Show every mistake at once, and plan nothing.
		d.normalize()
		if e := d.Validate(); e != nil {
			for k, v := range apperr.As(e).Fields {
				if _, ok := bad[k]; !ok {
					bad[k] = v
				}
			}
		}
		err = bad.Err()
	} else {
		shifts, err = m.Plan(r.Context(), id, d)
	}
	if err != nil {
		if apperr.Is(err, apperr.Invalid) {
			m.renderForm(w, r, form.Fail(err), form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	flash := "volunteer.shift.planned"
	if len(shifts) > 1 {
		flash = "volunteer.shift.planned_series"
	}
	m.s.Render.Redirect(w, r, "/organizations/"+d.OrganizationID+"/shifts?from="+
		clock.DayOf(shifts[0].Start).Format(dayLayout), flash)
}
