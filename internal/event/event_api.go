package event

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
)

// EventOut is an event as the API shows it. The online link is there
// only for its organisers.
type EventOut struct {
	ID                 string      `json:"id" format:"uuid"`
	OrganizationID     string      `json:"organization_id" format:"uuid"`
	Title              string      `json:"title"`
	Description        string      `json:"description"`
	Kind               string      `json:"kind" enum:"info_event,language_cafe,course,meeting,volunteer_day,barcamp,other"`
	Category           string      `json:"category,omitempty" doc:"A category id of the taxonomy (GET /api/v1/categories); absent for none."`
	Status             string      `json:"status" enum:"scheduled,cancelled,moved" doc:"moved: its time changed after it was announced."`
	Start              time.Time   `json:"start" doc:"In UTC; an all-day event starts at midnight in Europe/Berlin."`
	End                time.Time   `json:"end" doc:"In UTC; an all-day event ends at 23:59:59 in Europe/Berlin of its last day."`
	AllDay             bool        `json:"all_day"`
	PlaceKind          string      `json:"place_kind" enum:"address,online"`
	Street             string      `json:"street"`
	Postcode           string      `json:"postcode"`
	Place              string      `json:"place"`
	OnlineURL          string      `json:"online_url,omitempty" format:"uri" doc:"Only for the event's organisers."`
	ContentLang        string      `json:"content_lang" doc:"The language of title and description."`
	Languages          []string    `json:"languages" doc:"The languages spoken there."`
	Accessibility      string      `json:"accessibility"`
	Cost               string      `json:"cost" doc:"Empty when taking part is free."`
	Free               bool        `json:"free"`
	Capacity           int         `json:"capacity" doc:"0: no limit."`
	Registration       bool        `json:"registration" doc:"Whether people register before they come."`
	RegistrationOpens  *time.Time  `json:"registration_opens"`
	RegistrationCloses *time.Time  `json:"registration_closes"`
	Manage             bool        `json:"manage" doc:"Whether the caller may change and cancel it."`
	CreatedAt          time.Time   `json:"created_at"`
	UpdatedAt          time.Time   `json:"updated_at"`
	CancelledAt        *time.Time  `json:"cancelled_at"`
	Repeat             *RepeatJSON `json:"repeat,omitempty" doc:"How the event repeats; absent for a one-off event. start and end are then its first date's, or the listed date's."`
	Date               string      `json:"date,omitempty" format:"date" doc:"In lists: which date of the event this entry is (GET /events/{id}/dates/{date})."`
	Image              *ImageOut   `json:"image,omitempty" doc:"The event's picture; absent without one (PUT /events/{id}/image)."`
}

func (m *Module) eventOut(ctx context.Context, e *Event, viewer *auth.Identity) EventOut {
	out := EventOut{
		ID: e.ID, OrganizationID: e.OrganizationID, Title: e.Title, Description: e.Description, Kind: string(e.Kind),
		Category: e.Category, Status: string(e.Status), Start: e.Start, End: e.End, AllDay: e.AllDay, PlaceKind: string(e.PlaceKind),
		Street: e.Street, Postcode: e.Postcode, Place: e.Place, ContentLang: e.ContentLang,
		Languages: append([]string{}, e.Languages...), Accessibility: e.Accessibility, Cost: e.Cost, Free: e.Free(),
		Capacity: e.Capacity, Registration: e.Registration, RegistrationOpens: e.RegOpens,
		RegistrationCloses: e.RegCloses, Manage: m.canManage(ctx, e, viewer), CreatedAt: e.CreatedAt,
		UpdatedAt: e.UpdatedAt, CancelledAt: e.CancelledAt, Repeat: repeatJSON(e.Repeat), Date: e.Date,
		Image: m.imageOut(e.Image),
	}
	if m.showsLink(ctx, e, viewer) {
		out.OnlineURL = e.OnlineURL
	}
	return out
}

// EventInput is the body that creates an event.
type EventInput struct {
	OrganizationID     string      `json:"organization_id" format:"uuid" doc:"The organisation holding it; the caller must be its owner or editor, or a coordinator."`
	Title              string      `json:"title" minLength:"1" maxLength:"120"`
	Description        string      `json:"description" minLength:"1" maxLength:"5000"`
	Kind               string      `json:"kind" enum:"info_event,language_cafe,course,meeting,volunteer_day,barcamp,other"`
	Category           string      `json:"category,omitempty" doc:"A category id of the taxonomy (GET /api/v1/categories); none when left out."`
	Start              time.Time   `json:"start" doc:"Not in the past. With all_day, only its day in Europe/Berlin counts."`
	End                time.Time   `json:"end" doc:"Not before start, at most 31 days after it. With all_day, only its day in Europe/Berlin counts."`
	AllDay             bool        `json:"all_day,omitempty"`
	PlaceKind          string      `json:"place_kind,omitempty" enum:"address,online" doc:"Default address: then a postcode or a place is needed; online needs online_url."`
	Street             string      `json:"street,omitempty" maxLength:"120"`
	Postcode           string      `json:"postcode,omitempty" pattern:"^([0-9]{5})?$" doc:"A German postcode."`
	Place              string      `json:"place,omitempty" maxLength:"80"`
	OnlineURL          string      `json:"online_url,omitempty" format:"uri" maxLength:"300" doc:"An http(s) link, shown only to organisers (and registered participants)."`
	ContentLang        string      `json:"content_lang" minLength:"2" maxLength:"3" doc:"The language of title and description (ISO 639-1, e.g. de, ar, fa, uk, tr)."`
	Languages          []string    `json:"languages,omitempty" maxItems:"12" doc:"The languages spoken there (ISO 639-1)."`
	Accessibility      string      `json:"accessibility,omitempty" maxLength:"1000"`
	Cost               string      `json:"cost,omitempty" maxLength:"120" doc:"Empty: free."`
	Capacity           int         `json:"capacity,omitempty" minimum:"0" maximum:"100000" doc:"0: no limit."`
	Registration       bool        `json:"registration,omitempty"`
	RegistrationOpens  *time.Time  `json:"registration_opens,omitempty" doc:"With registration only."`
	RegistrationCloses *time.Time  `json:"registration_closes,omitempty" doc:"With registration only; not after the event's last day, not before it opens."`
	Repeat             *RepeatJSON `json:"repeat,omitempty" doc:"Makes a series: start and end are its first date's; each date has its own places and waiting list."`
}

func (in *EventInput) draft() (Draft, error) {
	d := Draft{
		OrganizationID: in.OrganizationID, Title: in.Title, Description: in.Description, Kind: Kind(in.Kind),
		Category: in.Category, Start: in.Start, End: in.End, AllDay: in.AllDay, PlaceKind: PlaceKind(in.PlaceKind), Street: in.Street,
		Postcode: in.Postcode, Place: in.Place, OnlineURL: in.OnlineURL, ContentLang: in.ContentLang,
		Languages: in.Languages, Accessibility: in.Accessibility, Cost: in.Cost, Capacity: in.Capacity,
		Registration: in.Registration, RegOpens: in.RegistrationOpens, RegCloses: in.RegistrationCloses,
	}
	if in.AllDay {
		d.Start, d.End = clock.DayOf(in.Start), clock.DayOf(in.End)
	}
	var err error
	d.Repeat, err = in.Repeat.rule()
	return d, err
}

// EventPatch changes some fields of an event; fields left out keep their
// value. A new start or end marks the event moved.
type EventPatch struct {
	Title              *string     `json:"title,omitempty" minLength:"1" maxLength:"120"`
	Description        *string     `json:"description,omitempty" minLength:"1" maxLength:"5000"`
	Kind               *string     `json:"kind,omitempty" enum:"info_event,language_cafe,course,meeting,volunteer_day,barcamp,other"`
	Category           *string     `json:"category,omitempty" doc:"A category id of the taxonomy; \"\" takes the category away."`
	Start              *time.Time  `json:"start,omitempty"`
	End                *time.Time  `json:"end,omitempty"`
	AllDay             *bool       `json:"all_day,omitempty"`
	PlaceKind          *string     `json:"place_kind,omitempty" enum:"address,online"`
	Street             *string     `json:"street,omitempty" maxLength:"120"`
	Postcode           *string     `json:"postcode,omitempty" pattern:"^([0-9]{5})?$"`
	Place              *string     `json:"place,omitempty" maxLength:"80"`
	OnlineURL          *string     `json:"online_url,omitempty" format:"uri" maxLength:"300" doc:"An http(s) link."`
	ContentLang        *string     `json:"content_lang,omitempty" minLength:"2" maxLength:"3"`
	Languages          *[]string   `json:"languages,omitempty" maxItems:"12"`
	Accessibility      *string     `json:"accessibility,omitempty" maxLength:"1000"`
	Cost               *string     `json:"cost,omitempty" maxLength:"120" doc:"\"\" makes it free."`
	Capacity           *int        `json:"capacity,omitempty" minimum:"0" maximum:"100000"`
	Registration       *bool       `json:"registration,omitempty"`
	RegistrationOpens  *time.Time  `json:"registration_opens,omitempty"`
	RegistrationCloses *time.Time  `json:"registration_closes,omitempty"`
	Repeat             *RepeatJSON `json:"repeat,omitempty" doc:"A new rule; {\"freq\":\"\"} is not accepted: a series stays one."`
}

// apply returns d with the patch's fields set.
func (p *EventPatch) apply(d Draft) Draft {
	for _, s := range []struct{ from, to *string }{
		{p.Title, &d.Title}, {p.Description, &d.Description}, {p.Street, &d.Street}, {p.Postcode, &d.Postcode},
		{p.Place, &d.Place}, {p.OnlineURL, &d.OnlineURL}, {p.ContentLang, &d.ContentLang},
		{p.Accessibility, &d.Accessibility}, {p.Cost, &d.Cost}, {p.Category, &d.Category},
	} {
		if s.from != nil {
			*s.to = *s.from
		}
	}
	if p.Kind != nil {
		d.Kind = Kind(*p.Kind)
	}
	if p.PlaceKind != nil {
		d.PlaceKind = PlaceKind(*p.PlaceKind)
	}
	if p.AllDay != nil {
		d.AllDay = *p.AllDay
	}
	if p.Start != nil {
		d.Start = *p.Start
	}
	if p.End != nil {
		d.End = *p.End
	}
	if d.AllDay {
		d.Start, d.End = clock.DayOf(d.Start), clock.DayOf(d.End)
	}
	if p.Languages != nil {
		d.Languages = *p.Languages
	}
	if p.Capacity != nil {
		d.Capacity = *p.Capacity
	}
	if p.Registration != nil {
		d.Registration = *p.Registration
	}
	if p.RegistrationOpens != nil {
		d.RegOpens = p.RegistrationOpens
	}
	if p.RegistrationCloses != nil {
		d.RegCloses = p.RegistrationCloses
	}
	if p.Repeat != nil {
		if r, err := p.Repeat.rule(); err == nil {
			d.Repeat = r
		} else {
			d.Repeat = Repeat{Freq: "invalid"}
		}
	}
	return d
}

// ListEventsInput filters the upcoming events: the parameters of /events.
type ListEventsInput struct {
	Kind           string `query:"kind" enum:"info_event,language_cafe,course,meeting,volunteer_day,barcamp,other"`
	Category       string `query:"category" doc:"Only events of this category of the taxonomy (GET /api/v1/categories); a top-level category includes its subcategories."`
	From           string `query:"from" format:"date" doc:"Only events taking place on or after this day (Europe/Berlin)."`
	To             string `query:"to" format:"date" doc:"Only events taking place on or before this day (Europe/Berlin)."`
	Lang           string `query:"lang" doc:"Only events written in or speaking this language (ISO 639-1)."`
	Near           string `query:"near" maxLength:"200" doc:"Only events at an address within radius_km of this postcode or place (online events are left out); an unknown place is refused."`
	RadiusKm       int    `query:"radius_km" minimum:"0" maximum:"200" doc:"Radius around near in kilometres; 25 when 0 or left out."`
	Municipality   string `query:"municipality" pattern:"^[0-9]{8}$" doc:"Only events in this municipality of the directory, by its key (Amtlicher Gemeindeschlüssel)."`
	OrganizationID string `query:"organization_id" format:"uuid" doc:"Only the events of this organisation."`
	Cursor         string `query:"cursor" doc:"next_cursor of the previous page."`
	Limit          int    `query:"limit" minimum:"1" maximum:"500" default:"100"`
}

// ListEventsOutput is the upcoming events, soonest first.
type ListEventsOutput struct {
	Body struct {
		Events     []EventOut `json:"events"`
		NextCursor string     `json:"next_cursor,omitempty" doc:"Pass as cursor for the next page; absent on the last page."`
	}
}

// EventOutput is one event.
type EventOutput struct {
	Body EventOut
}

// EventCreatedOutput is a new event and where it lives.
type EventCreatedOutput struct {
	Location string `header:"Location"`
	Body     EventOut
}

// EventIDPath names an event.
type EventIDPath struct {
	ID string `path:"id" format:"uuid" doc:"The event's id."`
}

// CreateEventInput announces an event.
type CreateEventInput struct{ Body EventInput }

// UpdateEventInput changes an event.
type UpdateEventInput struct {
	EventIDPath
	Body EventPatch
}

// RegisterAPI adds the event operations.
func (m *Module) RegisterAPI(a huma.API) {
	tags := []string{"Events"}
	huma.Register(a, huma.Operation{
		OperationID: "list-events", Method: http.MethodGet, Path: api.Prefix + "/events", Tags: tags,
		Summary: "List upcoming events", Description: "Events that have not ended, soonest first, cancelled ones included (status).",
	}, m.apiList)
	huma.Register(a, huma.Operation{
		OperationID: "create-event", Method: http.MethodPost, Path: api.Prefix + "/events", Tags: tags,
		Summary: "Announce an event", Security: api.Secured, DefaultStatus: http.StatusCreated,
		Description: "By an owner or editor of the organisation, or a coordinator. At most 50 a day per account.",
	}, m.apiCreate)
	huma.Register(a, huma.Operation{
		OperationID: "get-event", Method: http.MethodGet, Path: api.Prefix + "/events/{id}", Tags: tags,
		Summary: "Get an event",
	}, m.apiGet)
	huma.Register(a, huma.Operation{
		OperationID: "update-event", Method: http.MethodPatch, Path: api.Prefix + "/events/{id}", Tags: tags,
		Summary: "Change an event", Security: api.Secured,
		Description: "By the current owners and editors of its organisation and coordinators; fields left out keep their value. " +
			"A cancelled event cannot change.",
	}, m.apiUpdate)
	huma.Register(a, huma.Operation{
		OperationID: "cancel-event", Method: http.MethodPost, Path: api.Prefix + "/events/{id}/cancel", Tags: tags,
		Summary: "Cancel an event", Security: api.Secured,
		Description: "By its organisers; the event keeps its page and calendar entry, marked cancelled.",
	}, m.apiCancel)
	m.imageAPI(a)
	m.registrationAPI(a)
	m.dateAPI(a)
	m.projectAPI(a)
	m.barcampAPI(a)
}

func (m *Module) apiList(ctx context.Context, in *ListEventsInput) (*ListEventsOutput, error) {
	q := url.Values{"kind": {in.Kind}, "category": {in.Category}, "from": {in.From}, "to": {in.To}, "lang": {in.Lang},
		"near": {in.Near}, "municipality": {in.Municipality}, "organization_id": {in.OrganizationID}}
	if in.RadiusKm > 0 {
		q.Set("radius_km", strconv.Itoa(in.RadiusKm))
	}
	f, err := m.filterFrom(ctx, q)
	if err != nil {
		return nil, api.Err(ctx, queryFields(err))
	}
	f.Limit, f.Cursor = in.Limit, in.Cursor
	events, next, err := m.Page(ctx, f)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	viewer := auth.From(ctx)
	out := &ListEventsOutput{}
	out.Body.NextCursor = next
	out.Body.Events = make([]EventOut, len(events))
	for i, e := range events {
		out.Body.Events[i] = m.eventOut(ctx, e, viewer)
	}
	return out, nil
}

// queryFields names the filter's field errors as query parameters.
func queryFields(err error) error {
	e := apperr.As(err)
	if e.Code != apperr.Invalid {
		return err
	}
	fields := apperr.Fields{}
	for k, v := range e.Fields {
		fields["query."+k] = v
	}
	return fields.Err()
}

func (m *Module) apiCreate(ctx context.Context, in *CreateEventInput) (*EventCreatedOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	d, err := in.Body.draft()
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	e, err := m.Create(ctx, id, d)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &EventCreatedOutput{Location: api.Prefix + "/events/" + e.ID, Body: m.eventOut(ctx, e, id)}, nil
}

func (m *Module) apiGet(ctx context.Context, in *EventIDPath) (*EventOutput, error) {
	e, err := m.Get(ctx, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &EventOutput{Body: m.eventOut(ctx, e, auth.From(ctx))}, nil
}

func (m *Module) apiUpdate(ctx context.Context, in *UpdateEventInput) (*EventOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	e, err := m.Update(ctx, id, in.ID, func(d Draft) Draft { return in.Body.apply(d) })
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &EventOutput{Body: m.eventOut(ctx, e, id)}, nil
}

func (m *Module) apiCancel(ctx context.Context, in *EventIDPath) (*EventOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	e, err := m.Cancel(ctx, id, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &EventOutput{Body: m.eventOut(ctx, e, id)}, nil
}
