package volunteer

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
)

// RosterEntryOut is a volunteer on an organisation's roster.
type RosterEntryOut struct {
	UserID     string    `json:"user_id" format:"uuid"`
	Name       string    `json:"name"`
	Status     string    `json:"status" enum:"active,paused,ended"`
	JoinedVia  string    `json:"joined_via" enum:"invitation,application,placement,shift"`
	Since      time.Time `json:"since"`
	HasProfile bool      `json:"has_profile"`
}

func rosterOut(r RosterEntry) RosterEntryOut {
	return RosterEntryOut{UserID: r.UserID, Name: r.Name, Status: string(r.Status), JoinedVia: r.JoinedVia,
		Since: r.Since, HasProfile: r.HasProfile}
}

// RosterOutput lists an organisation's volunteers.
type RosterOutput struct {
	Body struct {
		Volunteers []RosterEntryOut `json:"volunteers"`
	}
}

// RosterEntryOutput is one roster entry.
type RosterEntryOutput struct {
	Body RosterEntryOut
}

// RosterJoinedOutput is the caller's new roster entry.
type RosterJoinedOutput struct {
	Body RosterEntryOut
}

// OrgPath names an organisation.
type OrgPath struct {
	ID string `path:"id" doc:"The organisation's id (a UUID)."`
}

// RosterStatusInput changes a volunteer's status.
type RosterStatusInput struct {
	ID   string `path:"id" doc:"The organisation's id (a UUID)."`
	User string `path:"user" doc:"The volunteer's user id (a UUID)."`
	Body struct {
		Status string `json:"status" enum:"active,paused,ended"`
	}
}

// LanguageLevelIO is a language with a level.
type LanguageLevelIO struct {
	Lang  string `json:"lang" minLength:"2" maxLength:"3" doc:"ISO 639-1."`
	Level string `json:"level" enum:"native,fluent,basic"`
}

// AvailabilityIO says when the person is usually free, per weekday.
type AvailabilityIO struct {
	Monday    []string `json:"monday" maxItems:"3" uniqueItems:"true" enum:"morning,afternoon,evening"`
	Tuesday   []string `json:"tuesday" maxItems:"3" uniqueItems:"true" enum:"morning,afternoon,evening"`
	Wednesday []string `json:"wednesday" maxItems:"3" uniqueItems:"true" enum:"morning,afternoon,evening"`
	Thursday  []string `json:"thursday" maxItems:"3" uniqueItems:"true" enum:"morning,afternoon,evening"`
	Friday    []string `json:"friday" maxItems:"3" uniqueItems:"true" enum:"morning,afternoon,evening"`
	Saturday  []string `json:"saturday" maxItems:"3" uniqueItems:"true" enum:"morning,afternoon,evening"`
	Sunday    []string `json:"sunday" maxItems:"3" uniqueItems:"true" enum:"morning,afternoon,evening"`
}

func (a *AvailabilityIO) days() []*[]string {
	return []*[]string{&a.Monday, &a.Tuesday, &a.Wednesday, &a.Thursday, &a.Friday, &a.Saturday, &a.Sunday}
}

// ProfileIO is the volunteer profile as the API reads and writes it.
type ProfileIO struct {
	Skills        []string          `json:"skills" maxItems:"20" doc:"Category ids of the taxonomy (GET /api/v1/categories)."`
	Languages     []LanguageLevelIO `json:"languages" maxItems:"12"`
	Availability  AvailabilityIO    `json:"availability"`
	Postcode      string            `json:"postcode" pattern:"^([0-9]{5})?$"`
	Place         string            `json:"place" maxLength:"80"`
	RadiusKm      int               `json:"radius_km" minimum:"0" maximum:"200"`
	MaxHoursMonth int               `json:"max_hours_month" minimum:"0" maximum:"744" doc:"0: not said."`
	Contact       string            `json:"contact" enum:"message,email"`
	LatinName     string            `json:"latin_name" maxLength:"120" doc:"The name in Latin letters, for certificates."`
}

func profileIO(p Profile) ProfileIO {
	out := ProfileIO{Skills: append([]string{}, p.Skills...), Languages: []LanguageLevelIO{}, Postcode: p.Postcode,
		Place: p.Place, RadiusKm: p.RadiusKm, MaxHoursMonth: p.MaxHoursMonth, Contact: p.Contact, LatinName: p.LatinName}
	for _, l := range p.Languages {
		out.Languages = append(out.Languages, LanguageLevelIO{Lang: l.Lang, Level: l.Level})
	}
	for d, day := range out.Availability.days() {
		*day = []string{}
		for i, free := range p.Availability[d] {
			if free {
				*day = append(*day, DayParts[i])
			}
		}
	}
	return out
}

func (in ProfileIO) profile() Profile {
	p := Profile{Skills: in.Skills, Postcode: in.Postcode, Place: in.Place, RadiusKm: in.RadiusKm,
		MaxHoursMonth: in.MaxHoursMonth, Contact: in.Contact, LatinName: in.LatinName}
	for _, l := range in.Languages {
		p.Languages = append(p.Languages, LanguageLevel{Lang: l.Lang, Level: l.Level})
	}
	for d, day := range in.Availability.days() {
		for i, part := range DayParts {
			for _, x := range *day {
				if x == part {
					p.Availability[d][i] = true
				}
			}
		}
	}
	return p
}

// ProfileOutput is the caller's profile; exists is false before it is
// first saved.
type ProfileOutput struct {
	Body struct {
		Exists bool `json:"exists"`
		ProfileIO
	}
}

// ProfileInput replaces the caller's profile.
type ProfileInput struct {
	Body ProfileIO
}

func (m *Module) rosterAPI(a huma.API) {
	tags := []string{"Volunteering"}
	huma.Register(a, huma.Operation{
		OperationID: "list-organization-volunteers", Method: http.MethodGet, Path: api.Prefix + "/organizations/{id}/volunteers",
		Tags: tags, Summary: "List an organisation's volunteers", Security: api.Secured,
		Description: "For the organisation's owners and editors, and coordinators.",
	}, m.apiRoster)
	huma.Register(a, huma.Operation{
		OperationID: "join-organization-volunteers", Method: http.MethodPost, Path: api.Prefix + "/organizations/{id}/volunteers",
		Tags: tags, Summary: "Join an organisation's volunteers", Security: api.Secured, DefaultStatus: http.StatusCreated,
	}, m.apiJoin)
	huma.Register(a, huma.Operation{
		OperationID: "set-volunteer-status", Method: http.MethodPatch, Path: api.Prefix + "/organizations/{id}/volunteers/{user}",
		Tags: tags, Summary: "Change a volunteer's status", Security: api.Secured,
		Description: "The organisation's owners and editors and coordinators set any status; a volunteer may end their own.",
	}, m.apiSetStatus)
	huma.Register(a, huma.Operation{
		OperationID: "get-volunteer-profile", Method: http.MethodGet, Path: api.Prefix + "/me/volunteer-profile",
		Tags: tags, Summary: "Read my volunteer profile", Security: api.Secured,
	}, m.apiProfile)
	huma.Register(a, huma.Operation{
		OperationID: "put-volunteer-profile", Method: http.MethodPut, Path: api.Prefix + "/me/volunteer-profile",
		Tags: tags, Summary: "Write my volunteer profile", Security: api.Secured,
	}, m.apiSaveProfile)
}

func (m *Module) apiRoster(ctx context.Context, in *OrgPath) (*RosterOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	entries, err := m.Roster(ctx, id, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &RosterOutput{}
	out.Body.Volunteers = []RosterEntryOut{}
	for _, r := range entries {
		out.Body.Volunteers = append(out.Body.Volunteers, rosterOut(r))
	}
	return out, nil
}

func (m *Module) apiJoin(ctx context.Context, in *OrgPath) (*RosterJoinedOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	r, err := m.Join(ctx, id, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &RosterJoinedOutput{Body: rosterOut(r)}, nil
}

func (m *Module) apiSetStatus(ctx context.Context, in *RosterStatusInput) (*RosterEntryOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	r, err := m.SetStatus(ctx, id, in.ID, in.User, RosterStatus(in.Body.Status))
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &RosterEntryOutput{Body: rosterOut(r)}, nil
}

func (m *Module) apiProfile(ctx context.Context, _ *api.NoInput) (*ProfileOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	p, exists, err := m.MyProfile(ctx, id)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &ProfileOutput{}
	out.Body.Exists, out.Body.ProfileIO = exists, profileIO(p)
	return out, nil
}

func (m *Module) apiSaveProfile(ctx context.Context, in *ProfileInput) (*ProfileOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := m.SaveProfile(ctx, id, in.Body.profile()); err != nil {
		return nil, api.Err(ctx, err)
	}
	return m.apiProfile(ctx, nil)
}
