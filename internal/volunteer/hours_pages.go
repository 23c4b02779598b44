package volunteer

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/web"
)

// hoursRoutes registers the hours' pages.
func (m *Module) hoursRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /me/hours", m.myHoursPage)
	mux.HandleFunc("POST /me/hours", m.addHours)
	mux.HandleFunc("GET /organizations/{id}/hours", m.orgHoursPage)
	mux.HandleFunc("POST /organizations/{id}/hours/{hid}/approve", m.decideHours(true))
	mux.HandleFunc("POST /organizations/{id}/hours/{hid}/reject", m.decideHours(false))
	mux.HandleFunc("POST /shifts/{id}/helpers/{hid}/no-show", m.markNoShow)
}

// period reads ?from and ?to (days; to inclusive) for the hours pages: by
// default the current year.
func period(r *http.Request, now time.Time) (from, to time.Time, err error) {
	today := clock.DayOf(now)
	from, to = clock.Date(today.Year(), 1, 1), clock.Date(today.Year()+1, 1, 1)
	bad := apperr.Fields{}
	if d, ok := parseDay(r.URL.Query().Get("from")); !ok {
		bad.Add("from", "volunteer.field.date_invalid")
	} else if d != nil {
		from = *d
	}
	if d, ok := parseDay(r.URL.Query().Get("to")); !ok {
		bad.Add("to", "volunteer.field.date_invalid")
	} else if d != nil {
		to = d.AddDate(0, 0, 1)
	}
	return from, to, bad.Err()
}

// myHoursPage is what /me/hours shows.
type myHoursPage struct {
	Entries []HoursEntry
	Totals  []Total
	Orgs    []KnownOrg
}

func (m *Module) myHoursPage(w http.ResponseWriter, r *http.Request) {
	m.renderMyHours(w, r, http.StatusOK, queryForm(r))
}

func queryForm(r *http.Request) *web.Form {
	f := web.EmptyForm(nil)
	for k, v := range r.URL.Query() {
		f.Values[k] = v
	}
	return f
}

func (m *Module) renderMyHours(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	from, to, err := period(r, m.s.Clock.Now())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := &myHoursPage{}
	data.Entries, err = m.MyHours(ctx, id, from, to)
	if err == nil {
		data.Orgs, err = m.knownOrgs(ctx, id.UserID)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	names := map[string]string{}
	for _, o := range data.Orgs {
		names[o.ID] = o.Name
	}
	data.Totals = Totals(data.Entries, func(h HoursEntry) (string, string) { return h.OrganizationID, names[h.OrganizationID] })
	m.s.Render.Page(w, r, status, "volunteer/hours", data, form)
}

// parseHours reads hours as typed: "2", "1,5", "1.5", "1:30".
func parseHours(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if h, mi, ok := strings.Cut(s, ":"); ok {
		hh, err1 := strconv.Atoi(h)
		mm, err2 := strconv.Atoi(mi)
		return hh*60 + mm, err1 == nil && err2 == nil && mm >= 0 && mm < 60
	}
	f, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f > 10000 || f < 0 {
		return 0, false
	}
	return int(math.Round(f * 60)), true
}

func (m *Module) addHours(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	bad := apperr.Fields{}
	d := HoursDraft{OrganizationID: form.Get("organization_id"), Activity: form.Get("activity")}
	if day, ok := parseDay(form.Get("day")); !ok {
		bad.Add("day", "volunteer.field.date_invalid")
	} else if day != nil {
		d.Day = *day
	}
	if s := form.Get("hours"); s != "" {
		n, ok := parseHours(s)
		if !ok {
			bad.Add("hours", "volunteer.hours.range")
		}
		d.Minutes = n
	}
	if len(bad) > 0 {
		err = bad.Err()
	} else {
		_, err = m.AddHours(r.Context(), id, d)
	}
	if err != nil {
		if apperr.Is(err, apperr.Invalid) {
			m.renderMyHours(w, r, form.Fail(err), form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/me/hours", "volunteer.hours.added")
}

// orgHoursPage is what /organizations/{id}/hours shows its planners.
type orgHoursPage struct {
	OrgID, OrgName string
	From, To       time.Time // To is the last day
	Pending        []HoursEntry
	Entries        []HoursEntry
	Totals         []Total
	Sum            int
}

func (m *Module) orgHoursPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	from, to, err := period(r, m.s.Clock.Now())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	entries, err := m.OrgHours(ctx, id, r.PathValue("id"), from, to)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	o, err := m.orgs.Get(ctx, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := &orgHoursPage{OrgID: o.ID, OrgName: o.Name, From: from, To: to.AddDate(0, 0, -1), Entries: entries}
	for _, h := range entries {
		if h.Status == Pending {
			data.Pending = append(data.Pending, h)
		}
	}
	data.Totals = Totals(entries, func(h HoursEntry) (string, string) { return h.UserID, h.Name })
	for _, t := range data.Totals {
		data.Sum += t.Minutes
	}
	m.s.Render.Page(w, r, http.StatusOK, "volunteer/org_hours", data, queryForm(r))
}

func (m *Module) decideHours(approve bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := auth.Require(r.Context())
		if err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
		h, err := m.DecideHours(r.Context(), id, r.PathValue("id"), r.PathValue("hid"), approve)
		if err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
		flash := "volunteer.hours.rejected"
		if approve {
			flash = "volunteer.hours.approved"
		}
		m.s.Render.Redirect(w, r, "/organizations/"+h.OrganizationID+"/hours", flash)
	}
}

func (m *Module) markNoShow(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	if err := m.MarkNoShow(r.Context(), id, r.PathValue("id"), r.PathValue("hid"), form.Get("no_show") == "1"); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/shifts/"+r.PathValue("id"), "volunteer.hours.no_show_saved")
}
