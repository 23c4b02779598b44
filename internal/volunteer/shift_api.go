package volunteer

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
)

// ShiftSlotOut is a slot as the API shows it. Helpers' names are there for the
// organisation's planners, for the helper themselves, and for helpers who
// chose to show theirs.
type ShiftSlotOut struct {
	ID            string           `json:"id" format:"uuid"`
	Task          string           `json:"task"`
	Needed        int              `json:"needed"`
	Taken         int              `json:"taken"`
	Languages     []string         `json:"languages"`
	CheckRequired bool             `json:"check_required" doc:"Only volunteers with a valid background check may take it."`
	Helpers       []ShiftHelperOut `json:"helpers"`
	Mine          bool             `json:"mine" doc:"Whether the caller holds a place in it."`
}

// ShiftHelperOut is a helper of a slot; name is "" when the caller may not see it.
type ShiftHelperOut struct {
	Name string `json:"name"`
}

// ShiftOut is a shift as the API shows it.
type ShiftOut struct {
	ID             string         `json:"id" format:"uuid"`
	OrganizationID string         `json:"organization_id" format:"uuid"`
	SeriesID       string         `json:"series_id" format:"uuid" doc:"Shared by the shifts of one weekly plan."`
	Title          string         `json:"title"`
	Place          string         `json:"place"`
	Start          time.Time      `json:"start"`
	End            time.Time      `json:"end"`
	Public         bool           `json:"public" doc:"false: seen by the organisation's planners and its active volunteers only."`
	Slots          []ShiftSlotOut `json:"slots"`
	Manage         bool           `json:"manage" doc:"Whether the caller may change it."`
}

func (m *Module) shiftOut(ctx context.Context, sh *Shift, viewer *auth.Identity) ShiftOut {
	out := ShiftOut{ID: sh.ID, OrganizationID: sh.OrganizationID, SeriesID: sh.SeriesID, Title: sh.Title,
		Place: sh.Place, Start: sh.Start, End: sh.End, Public: sh.Public, Slots: []ShiftSlotOut{},
		Manage: m.mayPlan(ctx, sh.OrganizationID, viewer)}
	for _, sl := range sh.Slots {
		so := ShiftSlotOut{ID: sl.ID, Task: sl.Task, Needed: sl.Needed, Taken: sl.Taken,
			Languages: append([]string{}, sl.Languages...), CheckRequired: sl.CheckRequired, Helpers: []ShiftHelperOut{}}
		for _, h := range sl.Helpers {
			so.Helpers = append(so.Helpers, ShiftHelperOut{Name: h.Name})
			if viewer != nil && h.UserID == viewer.UserID {
				so.Mine = true
			}
		}
		out.Slots = append(out.Slots, so)
	}
	return out
}

// ShiftSlotInput is a slot of a new shift.
type ShiftSlotInput struct {
	Task          string   `json:"task" minLength:"1" maxLength:"120"`
	Needed        int      `json:"needed" minimum:"1" maximum:"500"`
	Languages     []string `json:"languages,omitempty" maxItems:"12" doc:"Languages the task needs (ISO 639-1)."`
	CheckRequired bool     `json:"check_required,omitempty"`
}

// ShiftInput is the body that plans a shift or a weekly series.
type ShiftInput struct {
	Title       string           `json:"title" minLength:"1" maxLength:"120"`
	Place       string           `json:"place,omitempty" maxLength:"200"`
	Start       time.Time        `json:"start" doc:"Not in the past."`
	End         time.Time        `json:"end" doc:"After start, at most 24 hours later."`
	Public      *bool            `json:"public,omitempty" doc:"Default true."`
	RepeatUntil string           `json:"repeat_until,omitempty" format:"date" doc:"A day (Europe/Berlin): one shift a week at the same local time up to and including it, at most 53."`
	Slots       []ShiftSlotInput `json:"slots" minItems:"1" maxItems:"12"`
}

// ShiftsOutput lists shifts.
type ShiftsOutput struct {
	Body struct {
		Shifts []ShiftOut `json:"shifts"`
	}
}

// ShiftOutput is one shift.
type ShiftOutput struct {
	Body ShiftOut
}

// ShiftsCreatedOutput is the shifts planned, the first one's address in
// Location.
type ShiftsCreatedOutput struct {
	Location string `header:"Location"`
	Body     struct {
		ID     string     `json:"id" format:"uuid" doc:"The first shift's id."`
		Shifts []ShiftOut `json:"shifts"`
	}
}

// OrgShiftsInput names an organisation and a period.
type OrgShiftsInput struct {
	ID   string `path:"id" doc:"The organisation's id (a UUID)."`
	From string `query:"from" format:"date" doc:"The first day (Europe/Berlin); default today."`
	To   string `query:"to" format:"date" doc:"The day after the last; default eight weeks after from, at most a year."`
}

// CreateShiftsInput plans shifts for an organisation.
type CreateShiftsInput struct {
	ID   string `path:"id" doc:"The organisation's id (a UUID)."`
	Body ShiftInput
}

// ShiftPath names a shift.
type ShiftPath struct {
	ID string `path:"id" doc:"The shift's id (a UUID)."`
}

// ShiftPatchInput changes a shift.
type ShiftPatchInput struct {
	ID   string `path:"id" doc:"The shift's id (a UUID)."`
	Body struct {
		Title  *string `json:"title,omitempty" minLength:"1" maxLength:"120"`
		Place  *string `json:"place,omitempty" maxLength:"200"`
		Public *bool   `json:"public,omitempty"`
	}
}

// ShiftSlotPath names a slot of a shift.
type ShiftSlotPath struct {
	ID  string `path:"id" doc:"The shift's id (a UUID)."`
	SID string `path:"sid" doc:"The slot's id (a UUID)."`
}

// TakeSlotInput takes a place in a slot.
type TakeSlotInput struct {
	ShiftSlotPath
	Body struct {
		ShowName bool `json:"show_name,omitempty" doc:"Let other helpers and visitors see the caller's name."`
	}
}

// LeaveSlotInput gives a place back.
type LeaveSlotInput struct {
	ShiftSlotPath
	Body struct {
		Reason string `json:"reason,omitempty" maxLength:"500" doc:"Required within 24 hours of the start; the organisation is told."`
	}
}

// RegisterAPI adds the shift plans' operations.
func (m *Module) RegisterAPI(a huma.API) {
	tags := []string{"Volunteering"}
	huma.Register(a, huma.Operation{
		OperationID: "list-organization-shifts", Method: http.MethodGet, Path: api.Prefix + "/organizations/{id}/shifts",
		Tags: tags, Summary: "List an organisation's shifts",
		Description: "Public shifts for everybody; roster-only ones too for the organisation's planners and active volunteers.",
	}, m.apiOrgShifts)
	huma.Register(a, huma.Operation{
		OperationID: "create-shifts", Method: http.MethodPost, Path: api.Prefix + "/organizations/{id}/shifts",
		Tags: tags, Summary: "Plan a shift or a weekly series", Security: api.Secured, DefaultStatus: http.StatusCreated,
		Description: "For the organisation's owners and editors, and coordinators.",
	}, m.apiCreate)
	huma.Register(a, huma.Operation{
		OperationID: "get-shift", Method: http.MethodGet, Path: api.Prefix + "/shifts/{id}", Tags: tags,
		Summary: "Read a shift",
	}, m.apiShift)
	huma.Register(a, huma.Operation{
		OperationID: "update-shift", Method: http.MethodPatch, Path: api.Prefix + "/shifts/{id}", Tags: tags,
		Summary: "Change a shift's title, place or visibility", Security: api.Secured,
	}, m.apiUpdate)
	huma.Register(a, huma.Operation{
		OperationID: "take-slot", Method: http.MethodPost, Path: api.Prefix + "/shifts/{id}/slots/{sid}/take", Tags: tags,
		Summary: "Take a place in a slot", Security: api.Secured,
		Description: "Refused (409) when the slot is full, the shift has begun or overlaps a shift the caller holds a place in; 403 when it requires a background check the caller lacks.",
	}, m.apiTake)
	huma.Register(a, huma.Operation{
		OperationID: "leave-slot", Method: http.MethodPost, Path: api.Prefix + "/shifts/{id}/slots/{sid}/leave", Tags: tags,
		Summary: "Give a place in a slot back", Security: api.Secured,
	}, m.apiLeave)
	m.rosterAPI(a)
	m.hoursAPI(a)
	m.certificateAPI(a)
	m.checkAPI(a)
}

func (m *Module) apiOrgShifts(ctx context.Context, in *OrgShiftsInput) (*ShiftsOutput, error) {
	viewer := auth.From(ctx)
	from, ok := parseDay(in.From)
	if !ok {
		return nil, api.Err(ctx, apperr.Field("query.from", "volunteer.field.date_invalid"))
	}
	if from == nil {
		today := m.s.Clock.Now()
		from = &today
	}
	to := from.AddDate(0, 0, 7*upcomingWeeks)
	if in.To != "" {
		t, ok := parseDay(in.To)
		if !ok || t == nil || !t.After(*from) || t.After(from.AddDate(1, 0, 0)) {
			return nil, api.Err(ctx, apperr.Field("query.to", "volunteer.field.date_invalid"))
		}
		to = *t
	}
	shifts, err := m.OrgShifts(ctx, viewer, in.ID, *from, to)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &ShiftsOutput{}
	out.Body.Shifts = []ShiftOut{}
	for _, sh := range shifts {
		out.Body.Shifts = append(out.Body.Shifts, m.shiftOut(ctx, sh, viewer))
	}
	return out, nil
}

func (m *Module) apiCreate(ctx context.Context, in *CreateShiftsInput) (*ShiftsCreatedOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	b := in.Body
	d := Draft{OrganizationID: in.ID, Title: b.Title, Place: b.Place, Start: b.Start, End: b.End, Public: true}
	if b.Public != nil {
		d.Public = *b.Public
	}
	if b.RepeatUntil != "" {
		until, ok := parseDay(b.RepeatUntil)
		if !ok {
			return nil, api.Err(ctx, apperr.Field("repeat_until", "volunteer.field.date_invalid"))
		}
		d.RepeatUntil = until
	}
	for _, s := range b.Slots {
		d.Slots = append(d.Slots, SlotDraft{Task: s.Task, Needed: s.Needed, Languages: s.Languages,
			CheckRequired: s.CheckRequired})
	}
	if _, err := m.orgs.Get(ctx, in.ID); err != nil {
		return nil, api.Err(ctx, err)
	}
	if !m.mayPlan(ctx, in.ID, id) {
		return nil, api.Err(ctx, apperr.New(apperr.Forbidden, "volunteer.shift.not_yours"))
	}
	shifts, err := m.Plan(ctx, id, d)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &ShiftsCreatedOutput{Location: api.Prefix + "/shifts/" + shifts[0].ID}
	out.Body.ID = shifts[0].ID
	for _, sh := range shifts {
		out.Body.Shifts = append(out.Body.Shifts, m.shiftOut(ctx, sh, id))
	}
	return out, nil
}

func (m *Module) apiShift(ctx context.Context, in *ShiftPath) (*ShiftOutput, error) {
	viewer := auth.From(ctx)
	sh, err := m.Shift(ctx, viewer, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &ShiftOutput{Body: m.shiftOut(ctx, sh, viewer)}, nil
}

func (m *Module) apiUpdate(ctx context.Context, in *ShiftPatchInput) (*ShiftOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := m.Update(ctx, id, in.ID, Patch{Title: in.Body.Title, Place: in.Body.Place, Public: in.Body.Public}); err != nil {
		return nil, api.Err(ctx, err)
	}
	return m.apiShift(ctx, &ShiftPath{ID: in.ID})
}

func (m *Module) apiTake(ctx context.Context, in *TakeSlotInput) (*ShiftOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := m.Take(ctx, id, in.ID, in.SID, in.Body.ShowName); err != nil {
		return nil, api.Err(ctx, err)
	}
	return m.apiShift(ctx, &ShiftPath{ID: in.ID})
}

func (m *Module) apiLeave(ctx context.Context, in *LeaveSlotInput) (*ShiftOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	if err := m.Leave(ctx, id, in.ID, in.SID, in.Body.Reason); err != nil {
		return nil, api.Err(ctx, err)
	}
	return m.apiShift(ctx, &ShiftPath{ID: in.ID})
}
