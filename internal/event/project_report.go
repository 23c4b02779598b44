package event

import (
	"net/http"
	"strconv"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/csvx"
	"teilhabe.org/teilhabe/internal/web"
)

// The day's organisers' pages: the totals with the closing date for
// projects, the totals as CSV, and the printable programme.

// totalsPage is what /events/{id}/projects/totals shows.
type totalsPage struct {
	*DayTotals
	Closes time.Time
	Open   bool
}

func (m *Module) totalsPage(w http.ResponseWriter, r *http.Request) {
	m.showTotals(w, r, http.StatusOK, nil)
}

func (m *Module) showTotals(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	t, err := m.Totals(r.Context(), id, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := &totalsPage{DayTotals: t}
	if data.Open, data.Closes, err = m.ProjectsOpen(r.Context(), t.Day); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if form == nil {
		form = web.EmptyForm(map[string]string{"closes": clock.DayOf(data.Closes).Format(time.DateOnly)})
	}
	m.s.Render.Page(w, r, status, "event/project_totals", data, form)
}

func (m *Module) setClosing(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	day, ok := parseDay(form.Get("closes"))
	if !ok || day == nil {
		err = apperr.Field("closes", "event.field.date_invalid")
	} else {
		err = m.SetProjectsClose(r.Context(), id, r.PathValue("id"), *day)
	}
	if apperr.Is(err, apperr.Invalid) {
		m.showTotals(w, r, form.Fail(err), form)
		return
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/events/"+r.PathValue("id")+"/projects/totals", "project.closing.saved")
}

// totalsCSV is the totals as a spreadsheet: a row per project, per
// organisation and for the day.
func (m *Module) totalsCSV(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	t, err := m.Totals(r.Context(), id, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	l := web.Localizer(r.Context())
	n := strconv.Itoa
	out := csvx.Attach(w, "volunteer-day-"+clock.DayOf(t.Day.Start).Format(time.DateOnly)+".csv")
	_ = out.Write([]string{l.T("project.csv.level"), l.T("project.csv.project"), l.T("project.csv.organization"),
		l.T("project.csv.start"), l.T("project.csv.end"), l.T("project.csv.place"), l.T("project.csv.capacity"),
		l.T("project.csv.registered"), l.T("project.csv.waiting"), l.T("project.csv.projects")})
	for _, p := range t.Projects {
		_ = out.Write([]string{l.T("project.csv.level.project"), p.Project.Title, p.OrgName,
			clock.Local(p.Project.Start).Format("2006-01-02 15:04"), clock.Local(p.Project.End).Format("2006-01-02 15:04"),
			p.Project.Address(), n(p.Project.Capacity), n(p.Registered), n(p.Waiting), "1"})
	}
	for _, s := range t.Orgs {
		_ = out.Write([]string{l.T("project.csv.level.organization"), "", s.Name, "", "", "", n(s.Capacity),
			n(s.Registered), n(s.Waiting), n(s.Projects)})
	}
	_ = out.Write([]string{l.T("project.csv.level.day"), t.Day.Title, "", "", "", "", n(t.All.Capacity),
		n(t.All.Registered), n(t.All.Waiting), n(t.All.Projects)})
	_ = out.Flush()
}

// programmePage is the day's approved projects on one printable page.
type programmePage struct {
	Day      *Event
	Projects []projectItem
}

func (m *Module) programmePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	day, projects, err := m.Projects(ctx, nil, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	items, err := m.projectItems(ctx, nil, projects)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "event/project_programme", &programmePage{Day: day, Projects: items}, nil)
}
