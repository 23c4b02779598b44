package volunteer

import (
	"net/http"
	"strconv"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

// rosterRoutes registers the roster's and the profile's pages.
func (m *Module) rosterRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /organizations/{id}/volunteers", m.rosterPage)
	mux.HandleFunc("POST /organizations/{id}/volunteers/join", m.join)
	mux.HandleFunc("POST /organizations/{id}/volunteers/leave", m.leaveRoster)
	mux.HandleFunc("GET /organizations/{id}/volunteers/{user}", m.volunteerPage)
	mux.HandleFunc("POST /organizations/{id}/volunteers/{user}/status", m.setStatus)
	mux.HandleFunc("GET /me/volunteer-profile", m.profilePage)
	mux.HandleFunc("POST /me/volunteer-profile", m.saveProfile)
}

// rosterPage is what /organizations/{id}/volunteers shows its planners.
type rosterPage struct {
	OrgID, OrgName string
	Entries        []RosterEntry
	Statuses       []RosterStatus
}

func (m *Module) rosterPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	entries, err := m.Roster(ctx, id, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	o, err := m.orgs.Get(ctx, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "volunteer/roster",
		&rosterPage{OrgID: o.ID, OrgName: o.Name, Entries: entries, Statuses: RosterStatuses}, nil)
}

func (m *Module) join(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		_, err = m.Join(r.Context(), id, r.PathValue("id"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/organizations/"+r.PathValue("id")+"/shifts", "volunteer.roster.joined")
}

func (m *Module) leaveRoster(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		_, err = m.SetStatus(r.Context(), id, r.PathValue("id"), id.UserID, Ended)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/organizations/"+r.PathValue("id")+"/shifts", "volunteer.roster.left")
}

func (m *Module) setStatus(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	orgID := r.PathValue("id")
	if err := m.planRoster(r.Context(), id, orgID); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if _, err := m.SetStatus(r.Context(), id, orgID, r.PathValue("user"), RosterStatus(form.Get("status"))); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/organizations/"+orgID+"/volunteers", "volunteer.roster.saved")
}

// volunteerPage is a volunteer's roster entry with the profile, for the
// organisation's planners.
type volunteerPage struct {
	OrgID  string
	Entry  RosterEntry
	Prof   Profile
	Skills []string // the skills' names in the page language
	Days   []int
	Parts  []string
}

func (m *Module) volunteerPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	entry, p, err := m.ProfileFor(ctx, id, r.PathValue("id"), r.PathValue("user"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	lang := web.Localizer(ctx).Lang()
	data := &volunteerPage{OrgID: r.PathValue("id"), Entry: entry, Prof: p, Days: []int{0, 1, 2, 3, 4, 5, 6}, Parts: DayParts}
	for _, s := range p.Skills {
		data.Skills = append(data.Skills, taxonomy.Default().Name(s, lang))
	}
	m.s.Render.Page(w, r, http.StatusOK, "volunteer/volunteer", data, nil)
}

// profileForm is what the profile form offers.
type profileForm struct {
	Skills    []taxonomy.Option
	Languages []string
	Levels    []string
	LangRows  []string
	Days      []int
	Parts     []string
	Exists    bool
}

// langRows is how many language rows the profile form offers.
const langRows = 5

func (m *Module) profilePage(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	p, exists, err := m.MyProfile(r.Context(), id)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.renderProfile(w, r, http.StatusOK, profileToForm(p), exists)
}

func (m *Module) renderProfile(w http.ResponseWriter, r *http.Request, status int, form *web.Form, exists bool) {
	lang := web.Localizer(r.Context()).Lang()
	data := &profileForm{Languages: text.LanguageCodes(), Levels: Levels, Days: []int{0, 1, 2, 3, 4, 5, 6},
		Parts: DayParts, Exists: exists}
	for _, o := range taxonomy.Default().Options(lang) {
		if o.Depth == 0 {
			data.Skills = append(data.Skills, o)
		}
	}
	for i := range langRows {
		data.LangRows = append(data.LangRows, strconv.Itoa(i))
	}
	m.s.Render.Page(w, r, status, "volunteer/profile", data, form)
}

// profileToForm fills the form with a profile.
func profileToForm(p Profile) *web.Form {
	f := web.EmptyForm(map[string]string{"latin_name": p.LatinName, "postcode": p.Postcode, "place": p.Place,
		"contact": p.Contact})
	if p.RadiusKm > 0 {
		f.Values.Set("radius_km", strconv.Itoa(p.RadiusKm))
	}
	if p.MaxHoursMonth > 0 {
		f.Values.Set("max_hours_month", strconv.Itoa(p.MaxHoursMonth))
	}
	f.Values["skills"] = p.Skills
	for i, l := range p.Languages {
		f.Values.Set("lang"+strconv.Itoa(i), l.Lang)
		f.Values.Set("level"+strconv.Itoa(i), l.Level)
	}
	for d, parts := range p.Availability {
		for i, free := range parts {
			if free {
				f.Values.Add("available", strconv.Itoa(d)+DayParts[i])
			}
		}
	}
	return f
}

// profileFrom reads a profile from the posted form.
func profileFrom(f *web.Form) (Profile, apperr.Fields) {
	bad := apperr.Fields{}
	p := Profile{LatinName: f.Get("latin_name"), Postcode: f.Get("postcode"), Place: f.Get("place"),
		Contact: f.Get("contact"), Skills: f.Values["skills"]}
	for _, field := range []struct {
		name string
		to   *int
	}{{"radius_km", &p.RadiusKm}, {"max_hours_month", &p.MaxHoursMonth}} {
		if s := f.Get(field.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				bad.Add(field.name, "volunteer.profile.number_invalid")
			}
			*field.to = n
		}
	}
	for i := range langRows {
		if l := f.Get("lang" + strconv.Itoa(i)); l != "" {
			p.Languages = append(p.Languages, LanguageLevel{Lang: l, Level: f.Get("level" + strconv.Itoa(i))})
		}
	}
	for d := range 7 {
		for i, part := range DayParts {
			p.Availability[d][i] = f.Has("available", strconv.Itoa(d)+part)
		}
	}
	return p, bad
}

func (m *Module) saveProfile(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	p, bad := profileFrom(form)
	_, exists, _ := m.MyProfile(r.Context(), id)
	if len(bad) == 0 {
		_, err = m.SaveProfile(r.Context(), id, p)
	} else {
		err = bad.Err()
	}
	if err != nil {
		if apperr.Is(err, apperr.Invalid) {
			m.renderProfile(w, r, form.Fail(err), form, exists)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/me/volunteer-profile", "volunteer.profile.saved")
}
