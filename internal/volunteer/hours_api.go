package volunteer

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/apperr"
)

// HoursOut is an entry of hours.
type HoursOut struct {
	ID             string    `json:"id" format:"uuid"`
	OrganizationID string    `json:"organization_id" format:"uuid"`
	Name           string    `json:"name,omitempty" doc:"The volunteer's name, for the organisation's planners."`
	ShiftID        string    `json:"shift_id,omitempty" doc:"Set for the hours of a shift."`
	Day            time.Time `json:"day"`
	Minutes        int       `json:"minutes"`
	Activity       string    `json:"activity"`
	Status         string    `json:"status" enum:"pending,approved,rejected" doc:"A shift's hours are approved once it is over, rejected for a no-show."`
}

func hoursOut(h HoursEntry) HoursOut {
	return HoursOut{ID: h.ID, OrganizationID: h.OrganizationID, Name: h.Name, ShiftID: h.ShiftID, Day: h.Day,
		Minutes: h.Minutes, Activity: h.Activity, Status: string(h.Status)}
}

// HoursTotalOut is the minutes that count for one organisation or volunteer.
type HoursTotalOut struct {
	ID      string `json:"id" format:"uuid" doc:"The organisation's id (mine) or the volunteer's user id (an organisation's)."`
	Name    string `json:"name"`
	Minutes int    `json:"minutes"`
}

// HoursOutput lists hours with their totals.
type HoursOutput struct {
	Body struct {
		Hours  []HoursOut      `json:"hours"`
		Totals []HoursTotalOut `json:"totals"`
	}
}

// HoursPeriod is a period of days, to inclusive.
type HoursPeriod struct {
	From string `query:"from" format:"date" doc:"The first day; default the first of January this year."`
	To   string `query:"to" format:"date" doc:"The last day; default the last of December this year."`
}

func (p HoursPeriod) span(now time.Time) (time.Time, time.Time, error) {
	r, _ := http.NewRequest(http.MethodGet, "/?from="+p.From+"&to="+p.To, nil)
	from, to, err := period(r, now)
	if err != nil {
		f := apperr.Fields{}
		for k, v := range apperr.As(err).Fields {
			f.Add("query."+k, v)
		}
		err = f.Err()
	}
	return from, to, err
}

// OrgHoursInput names an organisation and a period.
type OrgHoursInput struct {
	ID string `path:"id" doc:"The organisation's id (a UUID)."`
	HoursPeriod
}

// HoursInput adds hours by hand.
type HoursInput struct {
	Body struct {
		OrganizationID string `json:"organization_id" format:"uuid" doc:"An organisation whose roster the caller is on or in whose shifts they took a place."`
		Day            string `json:"day" format:"date" doc:"Not in the future."`
		Minutes        int    `json:"minutes" minimum:"1" maximum:"1440"`
		Activity       string `json:"activity" minLength:"1" maxLength:"300"`
	}
}

// HoursCreatedOutput is the hours added.
type HoursCreatedOutput struct {
	Body HoursOut
}

// HoursPath names hand-added hours.
type HoursPath struct {
	ID string `path:"id" doc:"The hours' id (a UUID)."`
}

func (m *Module) hoursAPI(a huma.API) {
	tags := []string{"Volunteering"}
	huma.Register(a, huma.Operation{
		OperationID: "list-my-hours", Method: http.MethodGet, Path: api.Prefix + "/hours", Tags: tags,
		Summary: "List my hours", Security: api.Secured,
		Description: "Shifts that are over and hours added by hand, with the totals that count per organisation.",
	}, m.apiMyHours)
	huma.Register(a, huma.Operation{
		OperationID: "add-hours", Method: http.MethodPost, Path: api.Prefix + "/hours", Tags: tags,
		Summary: "Add hours by hand", Security: api.Secured, DefaultStatus: http.StatusCreated,
		Description: "They count once the organisation approves them.",
	}, m.apiAddHours)
	huma.Register(a, huma.Operation{
		OperationID: "approve-hours", Method: http.MethodPost, Path: api.Prefix + "/hours/{id}/approve", Tags: tags,
		Summary: "Approve hours added by hand", Security: api.Secured,
		Description: "For the organisation's owners and editors, and coordinators.",
	}, m.apiDecideHours(true))
	huma.Register(a, huma.Operation{
		OperationID: "reject-hours", Method: http.MethodPost, Path: api.Prefix + "/hours/{id}/reject", Tags: tags,
		Summary: "Reject hours added by hand", Security: api.Secured,
		Description: "For the organisation's owners and editors, and coordinators.",
	}, m.apiDecideHours(false))
	huma.Register(a, huma.Operation{
		OperationID: "list-organization-hours", Method: http.MethodGet, Path: api.Prefix + "/organizations/{id}/hours",
		Tags: tags, Summary: "List an organisation's volunteer hours", Security: api.Secured,
		Description: "For the organisation's owners and editors, and coordinators: the hours and the totals per volunteer.",
	}, m.apiOrgHours)
}

func hoursOutput(entries []HoursEntry, totals []Total) *HoursOutput {
	out := &HoursOutput{}
	out.Body.Hours, out.Body.Totals = []HoursOut{}, []HoursTotalOut{}
	for _, h := range entries {
		out.Body.Hours = append(out.Body.Hours, hoursOut(h))
	}
	for _, t := range totals {
		out.Body.Totals = append(out.Body.Totals, HoursTotalOut{ID: t.Key, Name: t.Name, Minutes: t.Minutes})
	}
	return out
}

func (m *Module) apiMyHours(ctx context.Context, in *HoursPeriod) (*HoursOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	from, to, err := in.span(m.s.Clock.Now())
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	entries, err := m.MyHours(ctx, id, from, to)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	orgs, err := m.knownOrgs(ctx, id.UserID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	names := map[string]string{}
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	return hoursOutput(entries, Totals(entries, func(h HoursEntry) (string, string) {
		return h.OrganizationID, names[h.OrganizationID]
	})), nil
}

func (m *Module) apiOrgHours(ctx context.Context, in *OrgHoursInput) (*HoursOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	from, to, err := in.span(m.s.Clock.Now())
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	entries, err := m.OrgHours(ctx, id, in.ID, from, to)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return hoursOutput(entries, Totals(entries, func(h HoursEntry) (string, string) { return h.UserID, h.Name })), nil
}

func (m *Module) apiAddHours(ctx context.Context, in *HoursInput) (*HoursCreatedOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	day, ok := parseDay(in.Body.Day)
	if !ok || day == nil {
		return nil, api.Err(ctx, apperr.Field("day", "volunteer.field.date_invalid"))
	}
	h, err := m.AddHours(ctx, id, HoursDraft{OrganizationID: in.Body.OrganizationID, Day: *day, Minutes: in.Body.Minutes,
		Activity: in.Body.Activity})
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &HoursCreatedOutput{Body: hoursOut(h)}, nil
}

func (m *Module) apiDecideHours(approve bool) func(context.Context, *HoursPath) (*HoursCreatedOutput, error) {
	return func(ctx context.Context, in *HoursPath) (*HoursCreatedOutput, error) {
		id, err := api.User(ctx)
		if err != nil {
			return nil, err
		}
		h, err := m.DecideHours(ctx, id, "", in.ID, approve)
		if err != nil {
			return nil, api.Err(ctx, err)
		}
		return &HoursCreatedOutput{Body: hoursOut(h)}, nil
	}
}
