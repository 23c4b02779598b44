package directory

import (
	"net/http"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/web"
)

// locationData is what a location's page shows.
type locationData struct {
	Location *Location
	Org      *organization.Organization
	Services []*Service
	Status   Status
	CanEdit  bool
	Lang     string
	Today    Day
	Upcoming []Closure
	JSONLD   map[string]any
}

func (m *Module) locationPage(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	ctx := r.Context()
	l, err := m.Location(ctx, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	o, err := m.orgs.Get(ctx, l.OrganizationID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	now := m.s.Clock.Now()
	data := &locationData{Location: l, Org: o, Status: l.Hours().StatusAt(now), Lang: web.Localizer(ctx).Lang(),
		Today: DayOf(now), Upcoming: l.Hours().Upcoming(DayOf(now)), JSONLD: m.locationPageJSONLD(l)}
	svcs, err := m.ServicesOf(ctx, o.ID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	for _, s := range svcs {
		if containsString(s.LocationIDs, l.ID) {
			data.Services = append(data.Services, s)
		}
	}
	if id := auth.From(ctx); id != nil {
		data.CanEdit = m.orgs.CanEdit(ctx, o.ID, id.UserID)
	}
	if form == nil && data.CanEdit {
		form = web.EmptyForm(map[string]string{"kind": "closed"})
	}
	m.s.Render.Page(w, r, status, "directory/location", data, form)
}

func (m *Module) locationShow(w http.ResponseWriter, r *http.Request) {
	m.locationPage(w, r, http.StatusOK, nil)
}

// locationFormData is what the location form shows besides the form.
type locationFormData struct {
	Org            *organization.Organization
	Location       *Location // nil on the create page
	Action         string
	Municipalities []MunicipalitySummary
	Wheelchair     []string
	Hours          []HourRow
}

func (m *Module) locationFormPage(w http.ResponseWriter, r *http.Request, status int, o *organization.Organization, l *Location, form *web.Form) {
	munis, err := m.Municipalities(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := locationFormData{Org: o, Location: l, Action: "/organizations/" + o.ID + "/locations/new", Municipalities: munis,
		Wheelchair: WheelchairValues, Hours: hourRows(form)}
	if l != nil {
		data.Action = "/locations/" + l.ID + "/edit"
	}
	m.s.Render.Page(w, r, status, "directory/location_form", data, form)
}

func (m *Module) locationNew(w http.ResponseWriter, r *http.Request) {
	_, o, err := m.editableOrg(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	in := LocationInput{Street: o.Street, Postcode: o.Postcode, City: o.City}
	m.locationFormPage(w, r, http.StatusOK, o, nil, locationForm(in))
}

func (m *Module) locationCreate(w http.ResponseWriter, r *http.Request) {
	id, o, err := m.editableOrg(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.saveLocation(w, r, o, nil, "directory.location.created", func(in LocationInput) (*Location, error) {
		return m.CreateLocation(r.Context(), id.UserID, o.ID, in)
	})
}

// saveLocation reads the location form and saves it with save, then
// shows the location with flash, or the form again with every mistake.
func (m *Module) saveLocation(w http.ResponseWriter, r *http.Request, o *organization.Organization, old *Location, flash string,
	save func(LocationInput) (*Location, error)) {
	form := web.NewForm(r)
	in, err := locationFrom(form)
	var l *Location
	if err == nil {
		l, err = save(in)
	} else {
		// Check the rest too, so every mistake shows at once.
		in.Normalize()
		err = mergeErrors(err, in.Validate())
	}
	if err != nil {
		if !apperr.Is(err, apperr.Invalid) {
			m.s.Render.Error(w, r, err)
			return
		}
		m.locationFormPage(w, r, form.Fail(err), o, old, form)
		return
	}
	m.s.Render.Redirect(w, r, "/locations/"+l.ID, flash)
}

func (m *Module) editableLocationPage(r *http.Request) (*auth.Identity, *Location, *organization.Organization, error) {
	id, err := auth.Require(r.Context())
	if err != nil {
		return nil, nil, nil, err
	}
	l, err := m.editableLocation(r.Context(), id.UserID, r.PathValue("id"))
	if err != nil {
		return nil, nil, nil, err
	}
	o, err := m.orgs.Get(r.Context(), l.OrganizationID)
	return id, l, o, err
}

func (m *Module) locationEdit(w http.ResponseWriter, r *http.Request) {
	_, l, o, err := m.editableLocationPage(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.locationFormPage(w, r, http.StatusOK, o, l, locationForm(l.LocationInput))
}

func (m *Module) locationSave(w http.ResponseWriter, r *http.Request) {
	id, l, o, err := m.editableLocationPage(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.saveLocation(w, r, o, l, "directory.saved", func(in LocationInput) (*Location, error) {
		return m.UpdateLocation(r.Context(), id.UserID, l.ID, in)
	})
}

func (m *Module) locationConfirm(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		err = m.ConfirmLocation(r.Context(), id.UserID, r.PathValue("id"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, web.SafeNext(r.PostFormValue("next"), "/locations/"+r.PathValue("id")), "directory.confirmed")
}

func (m *Module) locationDelete(w http.ResponseWriter, r *http.Request) {
	id, l, _, err := m.editableLocationPage(r)
	if err == nil {
		err = m.DeleteLocation(r.Context(), id.UserID, l.ID)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/organizations/"+l.OrganizationID+"/services", "directory.deleted")
}

// closureFrom reads an exception from the location page's form.
func closureFrom(f *web.Form) (Closure, error) {
	c := Closure{First: Day(f.Get("first")), Last: Day(f.Get("last")), Closed: f.Get("kind") != "hours", Note: f.Get("note")}
	if c.Closed {
		return c, nil
	}
	errs := apperr.Fields{}
	var ok1, ok2 bool
	c.Opens, ok1 = ParseMinute(f.Get("opens"))
	c.Closes, ok2 = ParseMinute(f.Get("closes"))
	if !ok1 || !ok2 {
		errs.Add("opens", "directory.hours.invalid_time")
	}
	return c, errs.Err()
}

func (m *Module) closureAdd(w http.ResponseWriter, r *http.Request) {
	id, _, _, err := m.editableLocationPage(r)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	c, err := closureFrom(form)
	if err == nil {
		_, err = m.AddClosure(r.Context(), id.UserID, r.PathValue("id"), c)
	} else {
		err = mergeErrors(err, c.Validate())
	}
	if err != nil {
		if !apperr.Is(err, apperr.Invalid) {
			m.s.Render.Error(w, r, err)
			return
		}
		m.locationPage(w, r, form.Fail(err), form)
		return
	}
	m.s.Render.Redirect(w, r, "/locations/"+r.PathValue("id"), "directory.closure.added")
}

func (m *Module) closureDelete(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		err = m.DeleteClosure(r.Context(), id.UserID, r.PathValue("id"), r.PathValue("closure"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/locations/"+r.PathValue("id"), "directory.deleted")
}
