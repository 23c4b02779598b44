package event

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/web"
)

// ProjectOut is a volunteer day's project as the API shows it.
type ProjectOut struct {
	ID             string    `json:"id" format:"uuid"`
	EventID        string    `json:"event_id" format:"uuid"`
	OrganizationID string    `json:"organization_id" format:"uuid"`
	Title          string    `json:"title"`
	Description    string    `json:"description"`
	Street         string    `json:"street"`
	Postcode       string    `json:"postcode"`
	Place          string    `json:"place"`
	Start          time.Time `json:"start"`
	End            time.Time `json:"end"`
	Capacity       int       `json:"capacity" doc:"Helpers needed."`
	Registered     int       `json:"registered" doc:"Places taken."`
	Waiting        int       `json:"waiting" doc:"Places asked for in the waiting list."`
	Languages      []string  `json:"languages"`
	ForFamilies    bool      `json:"for_families"`
	WithoutGerman  bool      `json:"without_german"`
	Status         string    `json:"status" enum:"proposed,approved,declined"`
	Decide         bool      `json:"decide" doc:"Whether the caller may approve or decline it (the day's organisers)."`
	CreatedAt      time.Time `json:"created_at"`
}

// projectOut is p for the API; decide tells whether the caller organises
// the day.
func (m *Module) projectOut(ctx context.Context, p *Project, decide bool) (ProjectOut, error) {
	_, taken, waiting, err := capacity.Count(ctx, m.s.DB, projectPool(p))
	return ProjectOut{ID: p.ID, EventID: p.EventID, OrganizationID: p.OrganizationID, Title: p.Title,
		Description: p.Description, Street: p.Street, Postcode: p.Postcode, Place: p.Place, Start: p.Start, End: p.End,
		Capacity: p.Capacity, Registered: taken, Waiting: waiting, Languages: append([]string{}, p.Languages...),
		ForFamilies: p.ForFamilies, WithoutGerman: p.WithoutGerman, Status: string(p.Status),
		Decide: decide, CreatedAt: p.CreatedAt}, err
}

// ProjectInput is the body that adds a project to a volunteer day.
type ProjectInput struct {
	OrganizationID string    `json:"organization_id" format:"uuid" doc:"The organisation offering it; the caller must be its owner or editor, or a coordinator."`
	Title          string    `json:"title" minLength:"1" maxLength:"120"`
	Description    string    `json:"description" minLength:"1" maxLength:"5000"`
	Street         string    `json:"street,omitempty" maxLength:"120"`
	Postcode       string    `json:"postcode,omitempty" pattern:"^([0-9]{5})?$" doc:"A German postcode; a postcode or a place is needed."`
	Place          string    `json:"place,omitempty" maxLength:"80"`
	Start          time.Time `json:"start" doc:"Within the volunteer day (Europe/Berlin)."`
	End            time.Time `json:"end" doc:"After start, within the volunteer day."`
	Capacity       int       `json:"capacity" minimum:"1" maximum:"1000" doc:"Helpers needed."`
	Languages      []string  `json:"languages,omitempty" maxItems:"12" doc:"The languages spoken there (ISO 639-1)."`
	ForFamilies    bool      `json:"for_families,omitempty"`
	WithoutGerman  bool      `json:"without_german,omitempty"`
}

// ProjectsOutput lists a day's projects the caller may see, by start.
type ProjectsOutput struct {
	Body struct {
		Projects []ProjectOut `json:"projects"`
	}
}

// ProjectOutput is one project.
type ProjectOutput struct{ Body ProjectOut }

// ProjectCreatedOutput is a new project and where it lives.
type ProjectCreatedOutput struct {
	Location string `header:"Location"`
	Body     ProjectOut
}

// CreateProjectInput adds a project.
type CreateProjectInput struct {
	EventIDPath
	Body ProjectInput
}

// ProjectPath names a project of a volunteer day.
type ProjectPath struct {
	EventIDPath
	PID string `path:"pid" format:"uuid" doc:"The project's id."`
}

// ProjectSignupPath names a sign-up of a project.
type ProjectSignupPath struct {
	ProjectPath
	SID string `path:"sid" format:"uuid" doc:"The sign-up's id."`
}

// ProjectSignupOut is a sign-up or a place in a project's waiting list.
type ProjectSignupOut struct {
	ID        string    `json:"id" format:"uuid"`
	ProjectID string    `json:"project_id" format:"uuid"`
	Status    string    `json:"status" enum:"registered,waiting,cancelled"`
	Position  int       `json:"position,omitempty" doc:"The place in the waiting list, from 1."`
	CreatedAt time.Time `json:"created_at"`
}

func projectSignupOut(c capacity.Claim) ProjectSignupOut {
	return ProjectSignupOut{ID: c.ID, ProjectID: c.Pool.ID, Status: string(c.Status), Position: c.Position, CreatedAt: c.CreatedAt}
}

// ProjectSignupOutput is one sign-up.
type ProjectSignupOutput struct{ Body ProjectSignupOut }

// ProjectSignupCreatedOutput is a new sign-up and where it lives.
type ProjectSignupCreatedOutput struct {
	Location string `header:"Location"`
	Body     ProjectSignupOut
}

// ProjectVolunteerOut is a volunteer as the project's organisation sees them.
type ProjectVolunteerOut struct {
	ID       string    `json:"id" format:"uuid" doc:"The sign-up's id."`
	Name     string    `json:"name"`
	Status   string    `json:"status" enum:"registered,waiting"`
	Position int       `json:"position,omitempty"`
	Since    time.Time `json:"since"`
}

// ProjectVolunteersOutput lists a project's volunteers: those coming in the order
// they signed up, then the waiting list.
type ProjectVolunteersOutput struct {
	Body struct {
		Signups []ProjectVolunteerOut `json:"signups"`
	}
}

func (m *Module) projectAPI(a huma.API) {
	tags := []string{"Volunteer days"}
	base := api.Prefix + "/events/{id}/projects"
	huma.Register(a, huma.Operation{
		OperationID: "list-event-projects", Method: http.MethodGet, Path: base, Tags: tags,
		Summary:     "List a volunteer day's projects",
		Description: "The approved projects, and those awaiting a decision that the caller's organisations offer (all for the day's organisers).",
	}, m.apiProjects)
	huma.Register(a, huma.Operation{
		OperationID: "create-event-project", Method: http.MethodPost, Path: base, Tags: tags,
		Summary: "Add a project to a volunteer day", Security: api.Secured, DefaultStatus: http.StatusCreated,
		Description: "By an owner or editor of the offering organisation, or a coordinator, until the day's closing date. " +
			"It is public once the day's organisers approve it.",
	}, m.apiCreateProject)
	huma.Register(a, huma.Operation{
		OperationID: "get-event-project", Method: http.MethodGet, Path: base + "/{pid}", Tags: tags,
		Summary: "Get a project", Description: "Approved projects are public; others only for their organisation and the day's organisers.",
	}, m.apiProject)
	for _, d := range []struct {
		action string
		to     ProjectStatus
	}{{"approve", Approved}, {"decline", Declined}} {
		huma.Register(a, huma.Operation{
			OperationID: d.action + "-event-project", Method: http.MethodPost, Path: base + "/{pid}/" + d.action, Tags: tags,
			Summary: "Decide on a project: " + d.action, Security: api.Secured,
			Description: "By the day's organisers (owners and editors of its organisation) and coordinators. " +
				"A proposed or declined project may be approved; a proposed one declined.",
		}, m.apiDecide(d.to))
	}
	huma.Register(a, huma.Operation{
		OperationID: "sign-up-for-project", Method: http.MethodPost, Path: base + "/{pid}/signups", Tags: tags,
		Summary: "Sign up for a project", Security: api.Secured, DefaultStatus: http.StatusCreated,
		Description: "Takes a place for the caller, or a place in the waiting list when the project is full. " +
			"A slot overlapping one the caller signed up for is refused (409).",
	}, m.apiSignUp)
	huma.Register(a, huma.Operation{
		OperationID: "list-project-signups", Method: http.MethodGet, Path: base + "/{pid}/signups", Tags: tags,
		Summary: "List a project's volunteers", Security: api.Secured,
		Description: "For the offering organisation and the day's organisers.",
	}, m.apiVolunteers)
	huma.Register(a, huma.Operation{
		OperationID: "cancel-project-signup", Method: http.MethodPost, Path: base + "/{pid}/signups/{sid}/cancel", Tags: tags,
		Summary: "Cancel a sign-up", Security: api.Secured,
		Description: "By the volunteer, the offering organisation or the day's organisers; the first waiting move up and are told by mail.",
	}, m.apiCancelSignup)
}

func (m *Module) apiProjects(ctx context.Context, in *EventIDPath) (*ProjectsOutput, error) {
	viewer := auth.From(ctx)
	day, projects, err := m.Projects(ctx, viewer, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	decide := m.canManage(ctx, day, viewer)
	out := &ProjectsOutput{}
	out.Body.Projects = make([]ProjectOut, len(projects))
	for i, p := range projects {
		if out.Body.Projects[i], err = m.projectOut(ctx, p, decide); err != nil {
			return nil, api.Err(ctx, err)
		}
	}
	return out, nil
}

func (m *Module) apiCreateProject(ctx context.Context, in *CreateProjectInput) (*ProjectCreatedOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	b := in.Body
	p, err := m.CreateProject(ctx, id, in.ID, ProjectDraft{OrganizationID: b.OrganizationID, Title: b.Title,
		Description: b.Description, Street: b.Street, Postcode: b.Postcode, Place: b.Place, Start: b.Start, End: b.End,
		Capacity: b.Capacity, Languages: b.Languages, ForFamilies: b.ForFamilies, WithoutGerman: b.WithoutGerman})
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	day, err := getEvent(ctx, m.s.DB, p.EventID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	body, err := m.projectOut(ctx, p, m.canManage(ctx, day, id))
	return &ProjectCreatedOutput{Location: api.Prefix + "/events/" + p.EventID + "/projects/" + p.ID, Body: body}, api.Err(ctx, err)
}

func (m *Module) apiProject(ctx context.Context, in *ProjectPath) (*ProjectOutput, error) {
	viewer := auth.From(ctx)
	day, p, err := m.Project(ctx, viewer, in.ID, in.PID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	body, err := m.projectOut(ctx, p, m.canManage(ctx, day, viewer))
	return &ProjectOutput{Body: body}, api.Err(ctx, err)
}

func (m *Module) apiDecide(to ProjectStatus) func(context.Context, *ProjectPath) (*ProjectOutput, error) {
	return func(ctx context.Context, in *ProjectPath) (*ProjectOutput, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		day, p, err := m.DecideProject(ctx, id, in.ID, in.PID, to)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		body, err := m.projectOut(ctx, p, m.canManage(ctx, day, id))
		return &ProjectOutput{Body: body}, api.Err(ctx, err)
	}
}

func (m *Module) apiSignUp(ctx context.Context, in *ProjectPath) (*ProjectSignupCreatedOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	c, err := m.SignUp(ctx, id, in.ID, in.PID)
	if e := apperr.As(err); err != nil && e.Msg == overlapMsg {
		// The detail names the project it clashes with.
		return nil, huma.NewError(http.StatusConflict, web.Localizer(ctx).T(overlapMsg, argPairs(e.Args)...))
	}
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &ProjectSignupCreatedOutput{Location: api.Prefix + "/events/" + in.ID + "/projects/" + in.PID + "/signups/" + c.ID,
		Body: projectSignupOut(c)}, nil
}

func (m *Module) apiVolunteers(ctx context.Context, in *ProjectPath) (*ProjectVolunteersOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	_, _, vs, err := m.Volunteers(ctx, id, in.ID, in.PID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &ProjectVolunteersOutput{}
	out.Body.Signups = make([]ProjectVolunteerOut, len(vs))
	for i, v := range vs {
		out.Body.Signups[i] = ProjectVolunteerOut{ID: v.ClaimID, Name: v.Name, Status: string(v.Status), Position: v.Position, Since: v.Since}
	}
	return out, nil
}

func (m *Module) apiCancelSignup(ctx context.Context, in *ProjectSignupPath) (*ProjectSignupOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	c, err := m.CancelProjectClaim(ctx, id, in.ID, in.PID, in.SID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &ProjectSignupOutput{Body: projectSignupOut(c)}, nil
}
