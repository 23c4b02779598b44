package event

import (
	"context"
	"encoding/json"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/flyer"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/paging"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

// Routes registers the events' pages and calendar files. An event's
// calendar file is /events/{id}.ics: a wildcard fills a whole segment, so
// the event page's handler serves it.
func (m *Module) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /events", m.listPage)
	mux.HandleFunc("GET /events.ics", m.listCalendar)
	mux.HandleFunc("GET /events/month", m.monthPage)
	mux.HandleFunc("GET /events/new", m.newPage)
	mux.HandleFunc("POST /events/new", m.create)
	mux.HandleFunc("GET /events/{id}", m.showPage)
	flyerPage, flyerPDF := flyer.Handlers(m.s.Render, "event/flyer", "/events/", m.flyerOf)
	mux.HandleFunc("GET /events/{id}/flyer", flyerPage)
	mux.HandleFunc("GET /events/{id}/flyer.pdf", flyerPDF)
	mux.HandleFunc("GET /events/{id}/edit", m.editPage)
	mux.HandleFunc("POST /events/{id}/edit", m.save)
	mux.HandleFunc("GET /events/{id}/cancel", m.cancelPage)
	mux.HandleFunc("POST /events/{id}/cancel", m.cancel)
	mux.HandleFunc("POST /events/{id}/register", m.register)
	mux.HandleFunc("GET /events/{id}/registration/cancel", m.unregisterPage)
	mux.HandleFunc("POST /events/{id}/registration/cancel", m.unregister)
	mux.HandleFunc("GET /events/{id}/participants", m.participantsPage)
	m.dateRoutes(mux)
	m.projectRoutes(mux)
	m.barcampRoutes(mux)
}

// listing is an event as lists show it, with its organisation's name.
type listing struct {
	*Event
	OrgName string
}

// TemplateFuncs: eventItem pairs a listed event with the page's View for
// the template "event_item".
func (m *Module) TemplateFuncs() template.FuncMap {
	return template.FuncMap{"eventItem": func(v *web.View, l listing) itemView { return itemView{View: v, listing: l} },
		"projectItem": projectItemOf}
}

type itemView struct {
	View *web.View
	listing
}

// filterPart is what the filter form of the list and the month view
// offers, and where it sends.
type filterPart struct {
	Kinds      []Kind
	Categories []taxonomy.Option
	Languages  []string
	Radii      []int
	Action     string
	Days       bool // the list filters by days; the month view has its month
}

// newFilterPart is the filter form of a page in the page language.
func newFilterPart(r *http.Request, action string, days bool) filterPart {
	return filterPart{Kinds: Kinds, Categories: taxonomy.Default().Options(web.Localizer(r.Context()).Lang()),
		Languages: text.LanguageCodes(), Radii: geo.Radii, Action: action, Days: days}
}

// listPage is what /events shows.
type listPage struct {
	filterPart
	Events    []listing
	Query     string // the filter's query, for the month view and the feed
	NextURL   string // the next page, "" on the last
	CanCreate bool
}

// pageSize is how many events a page of the list shows.
const pageSize = 50

func (m *Module) listPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	form := queryForm(r)
	data := &listPage{filterPart: newFilterPart(r, "/events", true), CanCreate: auth.From(ctx) != nil}
	f, err := m.filterFrom(ctx, r.URL.Query())
	if err != nil {
		m.s.Render.Page(w, r, form.Fail(err), "event/events", data, form)
		return
	}
	data.Query = f.query()
	f.Limit, f.Cursor = pageSize, r.URL.Query().Get(paging.Param)
	events, next, err := m.Page(ctx, f)
	if err == nil {
		data.Events, err = m.withOrgNames(ctx, events)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if next != "" {
		v := f.Values()
		v.Set(paging.Param, next)
		data.NextURL = "/events?" + v.Encode()
	}
	m.s.Render.Page(w, r, http.StatusOK, "event/events", data, form)
}

// queryForm is the filter form filled with the request's query.
func queryForm(r *http.Request) *web.Form {
	f := web.EmptyForm(nil)
	for k, v := range r.URL.Query() {
		f.Values[k] = v
	}
	return f
}

// withOrgNames adds the organisations' names, each read once.
func (m *Module) withOrgNames(ctx context.Context, events []*Event) ([]listing, error) {
	names := map[string]string{}
	out := make([]listing, len(events))
	for i, e := range events {
		if _, ok := names[e.OrganizationID]; !ok {
			o, err := m.orgs.Get(ctx, e.OrganizationID)
			if err != nil {
				return nil, err
			}
			names[o.ID] = o.Name
		}
		out[i] = listing{Event: e, OrgName: names[e.OrganizationID]}
	}
	return out, nil
}

// monthPage is what /events/month shows: the days of a month that have
// events, each with its events.
type monthPage struct {
	Month      time.Time // its first day, a date value
	Title      string    // "Events in March 2026" in the page language
	Prev, Next string    // links to the months before and after
	ListURL    string
	Days       []monthDay
	filterPart
}

type monthDay struct {
	Day    time.Time // a date value
	Events []listing
}

func (m *Module) monthPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	form := queryForm(r)
	data := &monthPage{filterPart: newFilterPart(r, "/events/month", false)}
	today := clock.DayOf(m.s.Clock.Now())
	data.Month = clock.Date(today.Year(), today.Month(), 1)
	data.Title = web.Localizer(ctx).T("event.list.title")
	bad := apperr.Fields{}
	if s := q.Get("month"); s != "" {
		t, err := time.Parse("2006-01", s)
		if err != nil || t.Year() < 2000 || t.Year() > 2100 {
			bad.Add("month", "event.month.invalid")
		} else {
			data.Month = t
		}
	}
	q.Del("from")
	q.Del("to")
	f, err := m.filterFrom(ctx, q)
	if err == nil {
		err = bad.Err()
	} else {
		for k, v := range bad {
			apperr.As(err).Fields[k] = v
		}
	}
	if err != nil {
		m.s.Render.Page(w, r, form.Fail(err), "event/month", data, form)
		return
	}
	l := web.Localizer(ctx)
	data.Title = l.T("event.month.title", "Month", l.T("event.month."+strconv.Itoa(int(data.Month.Month())))+" "+
		strconv.Itoa(data.Month.Year()))
	last := data.Month.AddDate(0, 1, -1)
	f.From, f.To = &data.Month, &last
	rest := f.Values()
	rest.Del("from")
	rest.Del("to")
	link := func(month time.Time) string {
		v := rest
		v.Set("month", month.Format("2006-01"))
		return "/events/month?" + v.Encode()
	}
	data.Prev, data.Next = link(data.Month.AddDate(0, -1, 0)), link(data.Month.AddDate(0, 1, 0))
	rest.Del("month")
	data.ListURL = "/events"
	if s := rest.Encode(); s != "" {
		data.ListURL += "?" + s
	}
	events, err := m.List(ctx, f)
	var listed []listing
	if err == nil {
		listed, err = m.withOrgNames(ctx, events)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data.Days = byDay(listed, data.Month, last)
	m.s.Render.Page(w, r, http.StatusOK, "event/month", data, form)
}

// byDay puts each event on every day from first to last it takes place
// on, in Europe/Berlin; days without events are left out.
func byDay(events []listing, first, last time.Time) []monthDay {
	var days []monthDay
	for day := first; !day.After(last); day = day.AddDate(0, 0, 1) {
		md := monthDay{Day: day}
		for _, e := range events {
			if !clock.DayOf(e.Start).After(day) && !clock.DayOf(e.End).Before(day) {
				md.Events = append(md.Events, e)
			}
		}
		if len(md.Events) > 0 {
			days = append(days, md)
		}
	}
	return days
}

// showPage is what /events/{id} shows.
type showPage struct {
	Event         *Event
	Org           *organization.Organization
	Paragraphs    [][]string
	Accessibility [][]string
	CanManage     bool
	ShowLink      bool
	Upcoming      bool
	Claim         *capacity.Claim // the viewer's registration or place in the waiting list
	Open          bool            // people may register now
	Taken         int             // places taken
	Waiting       int             // places asked for in the waiting list
	JSONLD        json.RawMessage // the event in schema.org terms (structuredData)
	Dates         []DateInfo      // the upcoming dates of a series
	Series        *Event          // the event as a whole, when Event is one of its dates
	Code          string          // the viewer's check-in code, when registered
	Memberships   []organization.Membership
	Declarations  []string
	Declared      Declared // the self-declarations, once they may be shown
}

func (m *Module) showPage(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if strings.HasSuffix(id, ".ics") {
		m.eventCalendar(w, r, strings.TrimSuffix(id, ".ics"))
		return
	}
	m.renderShow(w, r, http.StatusOK, id, r.URL.Query().Get("date"), nil)
}

// renderShow draws the event page with the date named day chosen, and
// the registration form as posted (nil: empty).
func (m *Module) renderShow(w http.ResponseWriter, r *http.Request, status int, id, day string, form *web.Form) {
	ctx := r.Context()
	series, dates, err := m.DateInfos(ctx, id, true)
	var e *Event
	if err == nil {
		e, err = m.chosenDate(ctx, series, dates, day)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	viewer := auth.From(ctx)
	now := m.s.Clock.Now()
	data := &showPage{Event: e, Paragraphs: text.Paragraphs(e.Description), Accessibility: text.Paragraphs(e.Accessibility),
		CanManage: m.canManage(ctx, e, viewer), ShowLink: m.showsLink(ctx, e, viewer), Upcoming: e.Upcoming(now),
		Open: e.RegistrationOpen(now), Declarations: Declarations}
	if series.Repeat.Repeats() {
		data.Dates, data.Series = dates, series
	}
	if viewer != nil {
		if c, ok := m.ClaimOf(ctx, viewer.UserID, e); ok {
			data.Claim = &c
			if c.Status == capacity.Registered {
				data.Code = CheckinCode(c.ID)
			}
		} else if data.Open {
			if data.Memberships, err = m.orgs.Memberships(ctx, viewer.UserID); err != nil {
				m.s.Render.Error(w, r, err)
				return
			}
		}
	}
	if e.Registration {
		if _, data.Taken, data.Waiting, err = capacity.Count(ctx, m.s.DB, poolOf(e)); err == nil {
			data.Declared, err = m.declared(ctx, e)
		}
		if err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
	}
	if data.Org, err = m.orgs.Get(ctx, e.OrganizationID); err == nil {
		data.JSONLD, err = m.structuredData(e, data.Org)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if form == nil {
		form = web.EmptyForm(map[string]string{"places": "1"})
	}
	m.s.Render.Page(w, r, status, "event/event", data, form)
}

// formPage is what the create and edit pages show besides the form.
type formPage struct {
	Event      *Event // nil on the create page
	Action     string
	Orgs       []organization.Membership // organisations the person may hold events for
	Kinds      []Kind
	Categories []taxonomy.Option
	Languages  []string
	PlaceKinds []PlaceKind
	Repeats    []Freq
	RepeatBys  []MonthlyBy
	Locations  []locationGroup // the directory's addresses of those organisations
}

// locationGroup is the directory locations of one organisation, offered as
// an event's place.
type locationGroup struct {
	Org       string // the organisation's name; "" on the edit page, which has one
	Locations []OrgLocation
}

// locationGroups lists the directory locations of the organisations, each
// named by names (nil: one group without a name).
func (m *Module) locationGroups(ctx context.Context, orgIDs []string, names map[string]string) ([]locationGroup, error) {
	if m.locations == nil || len(orgIDs) == 0 {
		return nil, nil
	}
	locs, err := m.locations(ctx, orgIDs...)
	if err != nil {
		return nil, err
	}
	var groups []locationGroup
	for _, id := range orgIDs {
		g := locationGroup{Org: names[id]}
		for _, l := range locs {
			if l.OrganizationID == id {
				g.Locations = append(g.Locations, l)
			}
		}
		if len(g.Locations) > 0 {
			groups = append(groups, g)
		}
	}
	return groups, nil
}

func (m *Module) formPage(w http.ResponseWriter, r *http.Request, status int, id *auth.Identity, e *Event, form *web.Form) {
	data := &formPage{Event: e, Action: "/events/new", Kinds: Kinds, Languages: text.LanguageCodes(),
		Categories: taxonomy.Default().Options(web.Localizer(r.Context()).Lang()),
		PlaceKinds: []PlaceKind{AtAddress, Online}, Repeats: []Freq{Once, Weekly, Monthly},
		RepeatBys: []MonthlyBy{ByWeekday, ByMonthDay}}
	name := "event/new"
	var err error
	if e != nil {
		name, data.Action = "event/edit", "/events/"+e.ID+"/edit"
		data.Locations, err = m.locationGroups(r.Context(), []string{e.OrganizationID}, nil)
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
		// A coordinator holds events for any organisation; the one asked
		// for by ?org= is offered.
		if o := form.Get("organization_id"); o != "" && id.Staff() && !hasOrg(data.Orgs, o) {
			if org, err := m.orgs.Get(r.Context(), o); err == nil {
				data.Orgs = append(data.Orgs, organization.Membership{OrganizationID: org.ID, Name: org.Name})
			}
		}
		ids, names := make([]string, len(data.Orgs)), map[string]string{}
		for i, mb := range data.Orgs {
			ids[i], names[mb.OrganizationID] = mb.OrganizationID, mb.Name
		}
		data.Locations, err = m.locationGroups(r.Context(), ids, names)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, status, name, data, form)
}

func hasOrg(ms []organization.Membership, id string) bool {
	for _, mb := range ms {
		if mb.OrganizationID == id {
			return true
		}
	}
	return false
}

func (m *Module) newPage(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	lang := web.Localizer(r.Context()).Lang()
	d := Draft{Kind: InfoEvent, PlaceKind: AtAddress, ContentLang: lang, Languages: []string{lang},
		OrganizationID: r.URL.Query().Get("org")}
	m.formPage(w, r, http.StatusOK, id, nil, draftForm(d))
}

func (m *Module) create(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form, image, closeImage, err := imageForm(w, r)
	defer closeImage()
	d, bad := draftFrom(form)
	d.Image = image
	imageErr(bad, err)
	checkImage(bad, &d, nil)
	if len(bad) > 0 {
		m.formPage(w, r, form.Fail(formErr(d, bad)), id, nil, form)
		return
	}
	e, err := m.Create(r.Context(), id, d)
	if err != nil {
		switch apperr.CodeOf(err) {
		case apperr.Invalid, apperr.RateLimited:
			m.formPage(w, r, form.Fail(err), id, nil, form)
		default:
			m.s.Render.Error(w, r, err)
		}
		return
	}
	m.s.Render.Redirect(w, r, "/events/"+e.ID, "event.created")
}

// editable loads the event of the request for a person who may change it.
func (m *Module) editable(r *http.Request) (*auth.Identity, *Event, error) {
	id, err := auth.Require(r.Context())
	if err != nil {
		return nil, nil, err
	}
	e, err := m.manageable(r.Context(), m.s.DB, id, r.PathValue("id"))
	return id, e, err
}

func (m *Module) editPage(w http.ResponseWriter, r *http.Request) {
	id, e, err := m.editable(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.formPage(w, r, http.StatusOK, id, e, draftForm(draftOf(e)))
}

func (m *Module) save(w http.ResponseWriter, r *http.Request) {
	id, e, err := m.editable(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form, image, closeImage, err := imageForm(w, r)
	defer closeImage()
	d, bad := draftFrom(form)
	d.OrganizationID, d.Image = e.OrganizationID, image
	imageErr(bad, err)
	checkImage(bad, &d, e)
	if len(bad) > 0 {
		m.formPage(w, r, form.Fail(formErr(d, bad)), id, e, form)
		return
	}
	if _, err := m.Update(r.Context(), id, e.ID, func(Draft) Draft { return d }); err != nil {
		if apperr.Is(err, apperr.Invalid) {
			m.formPage(w, r, form.Fail(err), id, e, form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/events/"+e.ID, "event.saved")
}

func (m *Module) cancelPage(w http.ResponseWriter, r *http.Request) {
	_, e, err := m.editable(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "event/cancel", e, nil)
}

func (m *Module) cancel(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	e, err := m.Cancel(r.Context(), id, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/events/"+e.ID, "event.cancelled")
}

func (m *Module) register(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	day := form.Get("date")
	reg := Registration{Day: day, ShareContact: form.Checked("share_contact"), OrganizationID: form.Get("organization_id"),
		Declaration: form.Get("declaration")}
	if s := form.Get("places"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			m.renderShow(w, r, form.Fail(apperr.Field("places", "event.field.number_invalid")), r.PathValue("id"), day, form)
			return
		}
		reg.Places = n
	}
	c, err := m.RegisterWith(r.Context(), id, r.PathValue("id"), reg)
	if apperr.Is(err, apperr.Invalid) && apperr.As(err).Fields["date"] == "" {
		m.renderShow(w, r, form.Fail(err), r.PathValue("id"), day, form)
		return
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	flash := "event.registration.done"
	if c.Status == capacity.Waiting {
		flash = "event.registration.waiting_done"
	}
	m.s.Render.Redirect(w, r, dateLink(r.PathValue("id"), day), flash)
}

// unregisterPage asks before a registration is cancelled: a link in a
// mail opens it, and only its button cancels, so mail scanners that follow
// links cancel nothing.
func (m *Module) unregisterPage(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	e, err := m.dateFor(r.Context(), m.s.DB, r.PathValue("id"), r.URL.Query().Get("date"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if _, ok := m.ClaimOf(r.Context(), id.UserID, e); !ok {
		m.s.Render.Error(w, r, apperr.New(apperr.NotFound, "event.registration.none"))
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "event/unregister", e, nil)
}

func (m *Module) unregister(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	day := web.NewForm(r).Get("date")
	if err := m.CancelRegistrationFor(r.Context(), id, r.PathValue("id"), day); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, dateLink(r.PathValue("id"), day), "event.registration.cancelled")
}

// participantsPage is what /events/{id}/participants shows its organisers.
type participantsPage struct {
	Event        *Event
	Participants []Participant
}

func (m *Module) participantsPage(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	e, ps, err := m.ParticipantsOf(r.Context(), id, r.PathValue("id"), r.URL.Query().Get("date"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "event/participants", &participantsPage{Event: e, Participants: ps}, nil)
}
