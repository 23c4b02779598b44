package event

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/apperr"
)

// RepeatJSON is how an event repeats, in the API.
type RepeatJSON struct {
	Freq  string `json:"freq" enum:"weekly,monthly" doc:"weekly, or monthly on the same day."`
	By    string `json:"by,omitempty" enum:"weekday,monthday" doc:"Monthly only: the nth weekday of the first date (the 5th is the last; default) or the same day of the month."`
	Until string `json:"until,omitempty" format:"date" doc:"The last day a date may fall on (Europe/Berlin); either until or count."`
	Count int    `json:"count,omitempty" minimum:"0" maximum:"200" doc:"The number of dates; either until or count."`
}

// repeatJSON is the API's form of the rule; nil for a one-off event.
func repeatJSON(r Repeat) *RepeatJSON {
	if !r.Repeats() {
		return nil
	}
	out := &RepeatJSON{Freq: string(r.Freq), By: string(r.By), Count: r.Count}
	if r.Until != nil {
		out.Until = r.Until.Format(dayLayout)
	}
	return out
}

// rule reads the API's rule; nil is a one-off event. A day that does not
// read is a field error.
func (j *RepeatJSON) rule() (Repeat, error) {
	if j == nil {
		return Repeat{}, nil
	}
	r := Repeat{Freq: Freq(j.Freq), By: MonthlyBy(j.By), Count: j.Count}
	if j.Until != "" {
		day, ok := parseDayKey(j.Until)
		if !ok {
			return r, apperr.Field("repeat.until", "event.field.date_invalid")
		}
		r.Until = &day
	}
	return r, nil
}

// DateOut is one date of an event.
type DateOut struct {
	Date     string    `json:"date" format:"date" doc:"The date's name: its day by the rule in Europe/Berlin, kept when it is moved."`
	Status   string    `json:"status" enum:"scheduled,cancelled,moved"`
	Start    time.Time `json:"start"`
	End      time.Time `json:"end"`
	Capacity int       `json:"capacity" doc:"0: no limit."`
	Taken    int       `json:"taken" doc:"Places taken by registrations."`
	Waiting  int       `json:"waiting" doc:"Places asked for in the waiting list."`
	Open     bool      `json:"registration_open" doc:"Whether people may register for it now."`
}

func (m *Module) dateOut(d DateInfo) DateOut {
	return DateOut{Date: d.Date, Status: string(d.Status), Start: d.Start, End: d.End, Capacity: d.Capacity,
		Taken: d.Taken, Waiting: d.Waiting, Open: d.RegistrationOpen(m.s.Clock.Now())}
}

// DatesOutput lists an event's dates.
type DatesOutput struct {
	Body struct {
		Dates []DateOut `json:"dates"`
	}
}

// DateOutput is one date.
type DateOutput struct{ Body DateOut }

// DatePath names a date of an event.
type DatePath struct {
	EventIDPath
	Date string `path:"date" format:"date" doc:"The date's name (YYYY-MM-DD)."`
}

// DatesInput asks for an event's dates.
type DatesInput struct {
	EventIDPath
	Past bool `query:"past" doc:"Include the dates that have ended."`
}

// DatePatch changes one date.
type DatePatch struct {
	Status string     `json:"status" enum:"scheduled,cancelled,moved" doc:"scheduled: as the rule says again."`
	Start  *time.Time `json:"start,omitempty" doc:"moved only: the new start, not in the past."`
	End    *time.Time `json:"end,omitempty" doc:"moved only: the new end."`
}

// UpdateDateInput changes one date.
type UpdateDateInput struct {
	DatePath
	Body DatePatch
}

func (m *Module) dateAPI(a huma.API) {
	m.messageAPI(a)
	tags := []string{"Events"}
	huma.Register(a, huma.Operation{
		OperationID: "list-event-dates", Method: http.MethodGet, Path: api.Prefix + "/events/{id}/dates", Tags: tags,
		Summary: "List an event's dates", Description: "The dates of a one-off event (one) or a series, in order, " +
			"with status and places; those that ended only with past=true.",
	}, m.apiDates)
	huma.Register(a, huma.Operation{
		OperationID: "get-event-date", Method: http.MethodGet, Path: api.Prefix + "/events/{id}/dates/{date}", Tags: tags,
		Summary: "Get a date of an event",
	}, m.apiDate)
	huma.Register(a, huma.Operation{
		OperationID: "update-event-date", Method: http.MethodPatch, Path: api.Prefix + "/events/{id}/dates/{date}",
		Tags: tags, Summary: "Cancel or move a date", Security: api.Secured,
		Description: "By the event's organisers. Everybody registered or waiting for the date is told in their language. " +
			"For a one-off event, this cancels or moves the event.",
	}, m.apiUpdateDate)
	huma.Register(a, huma.Operation{
		OperationID: "register-for-event-date", Method: http.MethodPost,
		Path: api.Prefix + "/events/{id}/dates/{date}/registrations", Tags: tags, Summary: "Register for a date",
		Security: api.Secured, DefaultStatus: http.StatusCreated,
		Description: "Takes one place at the date while registration is open, or a place in its waiting list when it is full.",
	}, m.apiRegisterDate)
	huma.Register(a, huma.Operation{
		OperationID: "list-event-date-participants", Method: http.MethodGet,
		Path: api.Prefix + "/events/{id}/dates/{date}/registrations", Tags: tags, Summary: "List a date's participants",
		Security: api.Secured, Description: "For the organisers: the registered in the order they came, then the waiting list.",
	}, m.apiDateParticipants)
}

func (m *Module) apiDates(ctx context.Context, in *DatesInput) (*DatesOutput, error) {
	_, dates, err := m.DateInfos(ctx, in.ID, !in.Past)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &DatesOutput{}
	out.Body.Dates = make([]DateOut, len(dates))
	for i, d := range dates {
		out.Body.Dates[i] = m.dateOut(d)
	}
	return out, nil
}

func (m *Module) apiDate(ctx context.Context, in *DatePath) (*DateOutput, error) {
	d, err := m.dateInfo(ctx, in.ID, in.Date)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &DateOutput{Body: m.dateOut(d)}, nil
}

// dateInfo is one date with its places.
func (m *Module) dateInfo(ctx context.Context, eventID, day string) (DateInfo, error) {
	_, dates, err := m.DateInfos(ctx, eventID, false)
	if err != nil {
		return DateInfo{}, err
	}
	for _, d := range dates {
		if d.Date == day {
			return d, nil
		}
	}
	return DateInfo{}, apperr.New(apperr.NotFound, "event.date.none")
}

func (m *Module) apiUpdateDate(ctx context.Context, in *UpdateDateInput) (*DateOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	u := DateUpdate{Status: Status(in.Body.Status)}
	if in.Body.Start != nil {
		u.Start = *in.Body.Start
	}
	if in.Body.End != nil {
		u.End = *in.Body.End
	}
	d, err := m.UpdateDate(ctx, id, in.ID, in.Date, u)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	info, err := m.dateInfo(ctx, in.ID, d.Date)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &DateOutput{Body: m.dateOut(info)}, nil
}

// RegisterDateInput registers for a date.
type RegisterDateInput struct {
	DatePath
	Body *RegisterBody
}

func (m *Module) apiRegisterDate(ctx context.Context, in *RegisterDateInput) (*RegistrationCreatedOutput, error) {
	if _, err := api.User(ctx); err != nil {
		return nil, err
	}
	if _, ok := parseDayKey(in.Date); !ok {
		return nil, api.Err(ctx, apperr.New(apperr.NotFound, "event.date.none"))
	}
	return m.apiRegisterFor(ctx, in.ID, in.Body.registration(in.Date))
}

func (m *Module) apiDateParticipants(ctx context.Context, in *DatePath) (*ParticipantsOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	if _, ok := parseDayKey(in.Date); !ok {
		return nil, api.Err(ctx, apperr.New(apperr.NotFound, "event.date.none"))
	}
	_, ps, err := m.ParticipantsOf(ctx, id, in.ID, in.Date)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return participantsOutput(ps), nil
}
