package event

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

// projectRoutes registers the volunteer day's pages. A project's calendar
// file is /events/{id}/projects/{pid}.ics, served by the project page's
// handler as the event's is.
func (m *Module) projectRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /events/{id}/projects", m.projectsPage)
	mux.HandleFunc("GET /events/{id}/projects/new", m.newProjectPage)
	mux.HandleFunc("POST /events/{id}/projects/new", m.createProject)
	mux.HandleFunc("GET /events/{id}/projects/totals", m.totalsPage)
	mux.HandleFunc("GET /events/{id}/projects/totals.csv", m.totalsCSV)
	mux.HandleFunc("POST /events/{id}/projects/closing", m.setClosing)
	mux.HandleFunc("GET /events/{id}/projects/programme", m.programmePage)
	mux.HandleFunc("GET /events/{id}/projects/{pid}", m.projectPage)
	mux.HandleFunc("POST /events/{id}/projects/{pid}/approve", m.decideProject(Approved))
	mux.HandleFunc("POST /events/{id}/projects/{pid}/decline", m.decideProject(Declined))
	mux.HandleFunc("POST /events/{id}/projects/{pid}/signup", m.signUpPage)
	mux.HandleFunc("GET /events/{id}/projects/{pid}/signup/cancel", m.cancelSignupPage)
	mux.HandleFunc("POST /events/{id}/projects/{pid}/signup/cancel", m.cancelSignup)
	mux.HandleFunc("GET /events/{id}/projects/{pid}/volunteers", m.volunteersPage)
}

// projectItem is a project as lists show it.
type projectItem struct {
	*Project
	OrgName string
	Taken   int             // places taken
	Waiting int             // places asked for in the waiting list
	Mine    *capacity.Claim // the viewer's sign-up
}

// Free is how many helpers the project still needs.
func (p projectItem) Free() int { return max(p.Capacity-p.Taken, 0) }

// projectFilter is what volunteers look for: a time window within the
// day, a place, a language, and suitability.
type projectFilter struct {
	From, Until   int // minutes after midnight; Until 0: no end
	Place         string
	Lang          string
	ForFamilies   bool
	WithoutGerman bool
}

// parseProjectFilter reads the filter from the query; times that are no
// times and languages that are none are field errors.
func parseProjectFilter(q map[string][]string) (projectFilter, error) {
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return strings.TrimSpace(v[0])
		}
		return ""
	}
	f := projectFilter{Place: get("place"), Lang: text.CanonicalLanguage(get("lang")),
		ForFamilies: get("families") != "", WithoutGerman: get("without_german") != ""}
	bad := apperr.Fields{}
	for _, t := range []struct {
		name string
		to   *int
	}{{"from", &f.From}, {"until", &f.Until}} {
		if s := get(t.name); s != "" {
			h, mi, ok := parseClock(s)
			if !ok {
				bad.Add(t.name, "event.field.time_invalid")
			}
			*t.to = h*60 + mi
		}
	}
	if get("lang") != "" && !text.ValidLanguage(f.Lang) {
		bad.Add("lang", "form.invalid_choice")
	}
	return f, bad.Err()
}

// keeps reports whether the project passes the filter.
func (f projectFilter) keeps(p *Project) bool {
	minutes := func(t time.Time) int { l := clock.Local(t); return l.Hour()*60 + l.Minute() }
	if minutes(p.Start) < f.From || (f.Until > 0 && minutes(p.End) > f.Until) {
		return false
	}
	if f.Place != "" && p.Place != f.Place {
		return false
	}
	if f.Lang != "" && !slices.Contains(p.Languages, f.Lang) {
		return false
	}
	return (!f.ForFamilies || p.ForFamilies) && (!f.WithoutGerman || p.WithoutGerman)
}

// projectsPage is what /events/{id}/projects shows.
type projectsPage struct {
	Day       *Event
	Projects  []projectItem // approved ones the filter keeps
	Pending   []projectItem // those not approved the viewer may see
	Places    []string
	Languages []string
	Open      bool      // organisations may add projects
	Closes    time.Time // until when
	CanManage bool
	Filtered  bool
}

func (m *Module) projectsPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	viewer := auth.From(ctx)
	form := queryForm(r)
	day, projects, err := m.Projects(ctx, viewer, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := &projectsPage{Day: day, CanManage: m.canManage(ctx, day, viewer), Filtered: r.URL.RawQuery != ""}
	if data.Open, data.Closes, err = m.ProjectsOpen(ctx, day); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	items, err := m.projectItems(ctx, viewer, projects)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	for _, it := range items {
		if it.Status != Approved {
			data.Pending = append(data.Pending, it)
			continue
		}
		if it.Place != "" && !slices.Contains(data.Places, it.Place) {
			data.Places = append(data.Places, it.Place)
		}
		for _, l := range it.Languages {
			if !slices.Contains(data.Languages, l) {
				data.Languages = append(data.Languages, l)
			}
		}
	}
	slices.Sort(data.Places)
	data.Languages = text.SortLanguages(data.Languages)
	f, err := parseProjectFilter(r.URL.Query())
	if err != nil {
		m.s.Render.Page(w, r, form.Fail(err), "event/project_list", data, form)
		return
	}
	for _, it := range items {
		if it.Status == Approved && f.keeps(it.Project) {
			data.Projects = append(data.Projects, it)
		}
	}
	m.s.Render.Page(w, r, http.StatusOK, "event/project_list", data, form)
}

// projectItems adds the organisations' names, the places counted and the
// viewer's sign-ups.
func (m *Module) projectItems(ctx context.Context, viewer *auth.Identity, projects []*Project) ([]projectItem, error) {
	names, err := m.orgNames(ctx, projects)
	if err != nil {
		return nil, err
	}
	mine := map[string]capacity.Claim{} // the viewer's claims by project, read once
	if viewer != nil {
		claims, err := capacity.Holding(ctx, m.s.DB, viewer.UserID)
		if err != nil {
			return nil, err
		}
		for _, c := range claims {
			if c.Pool.Kind == projectPoolKind {
				mine[c.Pool.ID] = c
			}
		}
	}
	out := make([]projectItem, len(projects))
	for i, p := range projects {
		it := projectItem{Project: p, OrgName: names[p.OrganizationID]}
		if _, it.Taken, it.Waiting, err = capacity.Count(ctx, m.s.DB, projectPool(p)); err != nil {
			return nil, err
		}
		if c, ok := mine[p.ID]; ok {
			it.Mine = &c
		}
		out[i] = it
	}
	return out, nil
}

// projectPage is what /events/{id}/projects/{pid} shows.
type projectPage struct {
	Day            *Event
	Item           projectItem
	Paragraphs     [][]string
	Open           bool // volunteers may sign up now
	IsOrganiser    bool // of the day
	SeesVolunteers bool
	Problem        string // why a sign-up was refused, translated
}

func (m *Module) projectPage(w http.ResponseWriter, r *http.Request) {
	pid := r.PathValue("pid")
	if strings.HasSuffix(pid, ".ics") {
		m.projectCalendar(w, r, strings.TrimSuffix(pid, ".ics"))
		return
	}
	m.showProject(w, r, http.StatusOK, "")
}

// showProject draws the project page with status and, after a refused
// sign-up, the reason.
func (m *Module) showProject(w http.ResponseWriter, r *http.Request, status int, problem string) {
	ctx := r.Context()
	viewer := auth.From(ctx)
	day, p, err := m.Project(ctx, viewer, r.PathValue("id"), strings.TrimSuffix(r.PathValue("pid"), ".ics"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	items, err := m.projectItems(ctx, viewer, []*Project{p})
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := &projectPage{Day: day, Item: items[0], Paragraphs: text.Paragraphs(p.Description),
		Open:        p.Status == Approved && day.Status != Cancelled && m.s.Clock.Now().Before(p.Start),
		IsOrganiser: m.canManage(ctx, day, viewer), SeesVolunteers: m.seesVolunteers(ctx, day, p, viewer), Problem: problem}
	m.s.Render.Page(w, r, status, "event/project", data, nil)
}

// projectFormPage is what the page adding a project shows besides the form.
type projectFormPage struct {
	Day       *Event
	Orgs      []organization.Membership // organisations the person may add projects for
	Languages []string
	Open      bool
	Closes    time.Time
}

func (m *Module) projectForm(w http.ResponseWriter, r *http.Request, status int, id *auth.Identity, day *Event, form *web.Form) {
	ctx := r.Context()
	data := &projectFormPage{Day: day, Languages: text.LanguageCodes()}
	var err error
	if data.Open, data.Closes, err = m.ProjectsOpen(ctx, day); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	ms, err := m.orgs.Memberships(ctx, id.UserID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	for _, mb := range ms {
		if mb.Role == organization.Owner || mb.Role == organization.Editor {
			data.Orgs = append(data.Orgs, mb)
		}
	}
	if o := form.Get("organization_id"); o != "" && id.Staff() && !hasOrg(data.Orgs, o) {
		if org, err := m.orgs.Get(ctx, o); err == nil {
			data.Orgs = append(data.Orgs, organization.Membership{OrganizationID: org.ID, Name: org.Name})
		}
	}
	m.s.Render.Page(w, r, status, "event/project_new", data, form)
}

func (m *Module) newProjectPage(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	day, err := volunteerDay(r.Context(), m.s.DB, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.EmptyForm(map[string]string{"organization_id": r.URL.Query().Get("org"),
		"date": clock.DayOf(day.Start).Format(time.DateOnly), "street": day.Street, "postcode": day.Postcode,
		"place": day.Place, "capacity": "5"})
	form.Values["languages"] = []string{web.Localizer(r.Context()).Lang()}
	m.projectForm(w, r, http.StatusOK, id, day, form)
}

// projectDraftFrom reads a project from the posted form; what is not even
// a day, a time or a number is a field error.
func projectDraftFrom(f *web.Form) (ProjectDraft, apperr.Fields) {
	bad := apperr.Fields{}
	d := ProjectDraft{OrganizationID: f.Get("organization_id"), Title: f.Get("title"), Description: f.Raw("description"),
		Street: f.Get("street"), Postcode: f.Get("postcode"), Place: f.Get("place"), Languages: f.Values["languages"],
		ForFamilies: f.Checked("for_families"), WithoutGerman: f.Checked("without_german")}
	day, ok := parseDay(f.Get("date"))
	if !ok || day == nil {
		bad.Add("date", "event.field.date_invalid")
	}
	for _, t := range []struct {
		name string
		to   *time.Time
	}{{"start_time", &d.Start}, {"end_time", &d.End}} {
		h, mi, ok := parseClock(f.Get(t.name))
		switch {
		case f.Get(t.name) == "":
			bad.Add(t.name, "event.field.time_required")
		case !ok:
			bad.Add(t.name, "event.field.time_invalid")
		case day != nil:
			*t.to = time.Date(day.Year(), day.Month(), day.Day(), h, mi, 0, 0, clock.Zone)
		}
	}
	n, err := strconv.Atoi(f.Get("capacity"))
	if err != nil {
		bad.Add("capacity", "event.field.number_invalid")
	}
	d.Capacity = n
	return d, bad
}

func (m *Module) createProject(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	day, err := volunteerDay(ctx, m.s.DB, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	d, bad := projectDraftFrom(form)
	if len(bad) > 0 {
		// Name the draft's own mistakes too, so the page lists them all at once.
		d.normalize()
		timeBad := bad["date"] != "" || bad["start_time"] != "" || bad["end_time"] != ""
		for k, v := range d.validate(day) {
			if bad[k] == "" && !(timeBad && (k == "start" || k == "end")) {
				bad.Add(k, v)
			}
		}
		m.projectForm(w, r, form.Fail(bad.Err()), id, day, form)
		return
	}
	p, err := m.CreateProject(ctx, id, day.ID, d)
	if err != nil {
		switch apperr.CodeOf(err) {
		case apperr.Invalid, apperr.RateLimited, apperr.Conflict:
			m.projectForm(w, r, form.Fail(err), id, day, form)
		default:
			m.s.Render.Error(w, r, err)
		}
		return
	}
	m.s.Render.Redirect(w, r, "/events/"+day.ID+"/projects/"+p.ID, "project.created")
}

// decideProject answers the organisers' approve and decline buttons.
func (m *Module) decideProject(to ProjectStatus) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := auth.Require(r.Context())
		if err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
		day, p, err := m.DecideProject(r.Context(), id, r.PathValue("id"), r.PathValue("pid"), to)
		if err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
		m.s.Render.Redirect(w, r, web.SafeNext(r.FormValue("next"), "/events/"+day.ID+"/projects/"+p.ID),
			"project.decided."+string(to))
	}
}

func (m *Module) signUpPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	c, err := m.SignUp(ctx, id, r.PathValue("id"), r.PathValue("pid"))
	if e := apperr.As(err); err != nil && e.Code == apperr.Conflict {
		// Said on the project's page, naming the slot it clashes with.
		m.showProject(w, r, http.StatusConflict, web.Localizer(ctx).T(apperr.MessageID(err), argPairs(e.Args)...))
		return
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	flash := "project.signup.done"
	if c.Status == capacity.Waiting {
		flash = "project.signup.waiting_done"
	}
	m.s.Render.Redirect(w, r, "/events/"+r.PathValue("id")+"/projects/"+r.PathValue("pid"), flash)
}

// argPairs turns an error's message arguments into name/value pairs.
func argPairs(args map[string]any) []any {
	var out []any
	for k, v := range args {
		out = append(out, k, v)
	}
	return out
}

// cancelSignupPage asks before a sign-up is cancelled, so that mail
// scanners following links cancel nothing.
func (m *Module) cancelSignupPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	_, p, err := m.Project(ctx, id, r.PathValue("id"), r.PathValue("pid"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if _, ok := m.SignupOf(ctx, id.UserID, p); !ok {
		m.s.Render.Error(w, r, apperr.New(apperr.NotFound, "project.signup.none"))
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "event/project_cancel", p, nil)
}

func (m *Module) cancelSignup(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if err := m.CancelSignup(r.Context(), id, r.PathValue("id"), r.PathValue("pid")); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/events/"+r.PathValue("id")+"/projects/"+r.PathValue("pid"), "project.signup.cancelled")
}

// volunteersPage is what /events/{id}/projects/{pid}/volunteers shows.
type volunteersPage struct {
	Day        *Event
	Project    *Project
	Volunteers []Volunteer
}

func (m *Module) volunteersPage(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	day, p, vs, err := m.Volunteers(r.Context(), id, r.PathValue("id"), r.PathValue("pid"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "event/project_volunteers", &volunteersPage{Day: day, Project: p, Volunteers: vs}, nil)
}

// projectItemView is what the template "project_item" draws: a project of
// a list, with the approve and decline buttons when decide.
type projectItemView struct {
	View   *web.View
	Item   projectItem
	Decide bool
}

func projectItemOf(v *web.View, it projectItem, decide bool) projectItemView {
	return projectItemView{View: v, Item: it, Decide: decide}
}
