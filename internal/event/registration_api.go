package event

import (
	"context"
	"database/sql"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
)

// RegistrationOut is a registration or a place in the waiting list.
type RegistrationOut struct {
	ID        string    `json:"id" format:"uuid"`
	EventID   string    `json:"event_id" format:"uuid"`
	Date      string    `json:"date" format:"date" doc:"The date registered for (its day by the rule in Europe/Berlin)."`
	Status    string    `json:"status" enum:"registered,waiting,cancelled,checked_in,no_show"`
	Position  int       `json:"position,omitempty" doc:"The place in the waiting list, from 1."`
	Places    int       `json:"places"`
	Code      string    `json:"code,omitempty" doc:"For the person registered: the code to show at the door for check-in."`
	CreatedAt time.Time `json:"created_at"`
}

func registrationOut(e *Event, c capacity.Claim) RegistrationOut {
	_, day, _ := poolDate(c.Pool)
	return RegistrationOut{ID: c.ID, EventID: e.ID, Date: day, Status: string(c.Status), Position: c.Position,
		Places: c.Places, CreatedAt: c.CreatedAt}
}

// RegisterBody is what a person may choose when registering; all of it
// is optional.
type RegisterBody struct {
	ShareContact   bool   `json:"share_contact,omitempty" doc:"Let the organisers see the caller's e-mail address in the list of participants."`
	OrganizationID string `json:"organization_id,omitempty" format:"uuid" doc:"Register for an organisation the caller belongs to."`
	Places         int    `json:"places,omitempty" minimum:"0" maximum:"50" doc:"More than 1 only for an organisation; the registration waits whole until that many places are free."`
	Declaration    string `json:"declaration,omitempty" enum:"yes,no,unsaid" doc:"The anonymous self-declaration: counted per date, never kept with the registration."`
}

func (b *RegisterBody) registration(day string) Registration {
	r := Registration{Day: day}
	if b != nil {
		r.ShareContact, r.OrganizationID, r.Places, r.Declaration = b.ShareContact, b.OrganizationID, b.Places, b.Declaration
	}
	return r
}

// RegisterInput registers for a one-off event.
type RegisterInput struct {
	EventIDPath
	Body *RegisterBody
}

// ParticipantOut is a participant as the organisers see them.
type ParticipantOut struct {
	ID           string    `json:"id" format:"uuid" doc:"The registration's id."`
	Name         string    `json:"name"`
	Status       string    `json:"status" enum:"registered,waiting,checked_in,no_show" doc:"no_show: registered, the date is over and nobody checked them in."`
	Position     int       `json:"position,omitempty"`
	Places       int       `json:"places"`
	Organization string    `json:"organization,omitempty" doc:"The organisation registered for."`
	Email        string    `json:"email,omitempty" doc:"Only of participants who agreed to share it with the organisers."`
	Since        time.Time `json:"since"`
}

// RegistrationOutput is one registration.
type RegistrationOutput struct {
	Body RegistrationOut
}

// RegistrationCreatedOutput is a new registration and where it lives.
type RegistrationCreatedOutput struct {
	Location string `header:"Location"`
	Body     RegistrationOut
}

// ParticipantsOutput lists an event's participants, the registered first,
// then the waiting list in order.
type ParticipantsOutput struct {
	Body struct {
		Participants []ParticipantOut `json:"participants"`
	}
}

// RegistrationPath names a registration of an event.
type RegistrationPath struct {
	EventIDPath
	RID string `path:"rid" format:"uuid" doc:"The registration's id."`
}

func (m *Module) registrationAPI(a huma.API) {
	tags := []string{"Events"}
	huma.Register(a, huma.Operation{
		OperationID: "register-for-event", Method: http.MethodPost, Path: api.Prefix + "/events/{id}/registrations",
		Tags: tags, Summary: "Register for an event", Security: api.Secured, DefaultStatus: http.StatusCreated,
		Description: "Takes one place for the caller while registration is open, or a place in the waiting list when the event is full.",
	}, m.apiRegister)
	huma.Register(a, huma.Operation{
		OperationID: "list-event-participants", Method: http.MethodGet, Path: api.Prefix + "/events/{id}/registrations",
		Tags: tags, Summary: "List an event's participants", Security: api.Secured,
		Description: "For its organisers: the registered in the order they came, then the waiting list.",
	}, m.apiParticipants)
	huma.Register(a, huma.Operation{
		OperationID: "cancel-event-registration", Method: http.MethodPost,
		Path: api.Prefix + "/events/{id}/registrations/{rid}/cancel", Tags: tags, Summary: "Cancel a registration",
		Security:    api.Secured,
		Description: "By the person registered or the event's organisers; the first waiting move up and are told by mail.",
	}, m.apiCancelRegistration)
	huma.Register(a, huma.Operation{
		OperationID: "check-in-event-registration", Method: http.MethodPost,
		Path: api.Prefix + "/events/{id}/registrations/{rid}/checkin", Tags: tags, Summary: "Check a participant in",
		Security:    api.Secured,
		Description: "By the event's organisers, from the day of the date on: the registration's status becomes checked_in.",
	}, m.apiCheckIn)
}

func (m *Module) apiRegister(ctx context.Context, in *RegisterInput) (*RegistrationCreatedOutput, error) {
	return m.apiRegisterFor(ctx, in.ID, in.Body.registration(""))
}

// apiRegisterFor registers the caller and answers with the registration
// and its code.
func (m *Module) apiRegisterFor(ctx context.Context, eventID string, r Registration) (*RegistrationCreatedOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	c, err := m.RegisterWith(ctx, id, eventID, r)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := registrationOut(&Event{ID: eventID}, c)
	out.Code = CheckinCode(c.ID)
	return &RegistrationCreatedOutput{Location: api.Prefix + "/events/" + eventID + "/registrations/" + c.ID, Body: out}, nil
}

func (m *Module) apiParticipants(ctx context.Context, in *EventIDPath) (*ParticipantsOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	_, ps, err := m.Participants(ctx, id, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return participantsOutput(ps), nil
}

func participantsOutput(ps []Participant) *ParticipantsOutput {
	out := &ParticipantsOutput{}
	out.Body.Participants = make([]ParticipantOut, len(ps))
	for i, p := range ps {
		out.Body.Participants[i] = ParticipantOut{ID: p.ID, Name: p.Name, Status: p.StatusName(), Position: p.Position,
			Places: p.Places, Organization: p.OrgName, Email: p.Email, Since: p.Since}
	}
	return out
}

func (m *Module) apiCancelRegistration(ctx context.Context, in *RegistrationPath) (*RegistrationOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	e, c, err := m.CancelClaim(ctx, id, in.ID, in.RID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &RegistrationOutput{Body: registrationOut(e, c)}, nil
}

// CancelClaim cancels the registration claimID of the event for the
// person registered or an organiser of the event; anybody else is told it
// does not exist. The first waiting move up and are told.
func (m *Module) CancelClaim(ctx context.Context, actor *auth.Identity, eventID, claimID string) (*Event, capacity.Claim, error) {
	var e *Event
	var c capacity.Claim
	if actor == nil {
		return nil, c, apperr.New(apperr.Unauthenticated, "")
	}
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if e, err = getEvent(ctx, tx, eventID); err != nil {
			return err
		}
		if c, err = capacity.Get(ctx, tx, claimID); err != nil {
			return err
		}
		eventID, day, ok := poolDate(c.Pool)
		if !ok || eventID != e.ID || (c.Holder != actor.UserID && !m.canManage(ctx, e, actor)) {
			return apperr.New(apperr.NotFound, "")
		}
		d, err := m.dateFor(ctx, tx, e.ID, day)
		if err != nil {
			return err
		}
		now := m.s.Clock.Now()
		up, err := capacity.Cancel(ctx, tx, c.ID, now)
		if err != nil {
			return err
		}
		c.Status, c.Position = capacity.Cancelled, 0
		return m.tellPromoted(ctx, tx, d, up, now)
	})
	return e, c, err
}

func (m *Module) apiCheckIn(ctx context.Context, in *RegistrationPath) (*RegistrationOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	d, p, err := m.CheckIn(ctx, id, in.ID, "", in.RID, "")
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &RegistrationOutput{Body: RegistrationOut{ID: p.ID, EventID: d.ID, Date: d.day(), Status: p.StatusName(),
		Places: p.Places, CreatedAt: p.Since}}, nil
}
