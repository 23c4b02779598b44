package funding

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
)

// ReservationOut is a reservation as its holder and the campaign's
// organisation see it. The creditor reference is the one to transfer with
// once the campaign succeeded.
type ReservationOut struct {
	ID         string     `json:"id" format:"uuid"`
	CampaignID string     `json:"campaign_id" format:"uuid"`
	Amount     int64      `json:"amount" doc:"Euro cents."`
	RewardID   string     `json:"reward_id,omitempty"`
	Anonymous  bool       `json:"anonymous"`
	Name       string     `json:"name,omitempty" doc:"The supporter's name, for the organisation."`
	Message    string     `json:"message"`
	Reference  string     `json:"reference" doc:"ISO 11649 creditor reference (RF…)."`
	Status     string     `json:"status" enum:"reserved,cancelled"`
	Paid       int64      `json:"paid" doc:"Euro cents that arrived."`
	PaidAt     *time.Time `json:"paid_at"`
	CreatedAt  time.Time  `json:"created_at"`
}

func reservationOut(r *Reservation) ReservationOut {
	return ReservationOut{ID: r.ID, CampaignID: r.CampaignID, Amount: r.Amount, RewardID: r.RewardID, Anonymous: r.Anonymous,
		Name: r.Name, Message: r.Message, Reference: r.Reference, Status: r.Status, Paid: r.Paid, PaidAt: r.PaidAt,
		CreatedAt: r.CreatedAt}
}

// ReserveInput reserves an amount for a campaign.
type ReserveInput struct {
	CampaignIDPath
	Body struct {
		Amount    int64  `json:"amount" minimum:"1" maximum:"10000000000" doc:"Euro cents; at least the campaign's minimum, for shares a multiple of the share price."`
		RewardID  string `json:"reward_id,omitempty" doc:"A reward of the campaign; the amount at least its amount."`
		Anonymous bool   `json:"anonymous,omitempty" doc:"Leave the name off the campaign's page."`
		Message   string `json:"message,omitempty" maxLength:"500"`
	}
}

// ReservationOutput is one reservation.
type ReservationOutput struct{ Body ReservationOut }

// ReservationCreatedOutput is a new reservation.
type ReservationCreatedOutput struct {
	Location string `header:"Location"`
	Body     ReservationOut
}

// ReservationsOutput lists a campaign's reservations.
type ReservationsOutput struct {
	Body struct {
		Reservations []ReservationOut `json:"reservations"`
	}
}

// ReservationIDPath names a reservation.
type ReservationIDPath struct {
	ID string `path:"id" doc:"The reservation's id (a UUID)."`
}

// MatchInput promises matchfunding.
type MatchInput struct {
	CampaignIDPath
	Body struct {
		OrganizationID string `json:"organization_id" format:"uuid" doc:"The matching organisation; the caller must be its owner or editor."`
		Cap            int64  `json:"cap" minimum:"100" maximum:"10000000000" doc:"At most this many euro cents."`
	}
}

// MatchCreatedOutput is the promise recorded.
type MatchCreatedOutput struct {
	Body struct {
		ID        string `json:"id" format:"uuid"`
		Reference string `json:"reference"`
		MatchOut
	}
}

func (m *Module) reservationAPI(a huma.API) {
	tags := []string{"Campaigns"}
	huma.Register(a, huma.Operation{OperationID: "reserve", Method: http.MethodPost, Path: api.Prefix + "/campaigns/{id}/reservations",
		Tags: tags, Summary: "Reserve an amount", Security: api.Secured, DefaultStatus: http.StatusCreated,
		Description: "Until the deadline; nobody pays unless the campaign reaches its goal. One standing reservation per person."}, m.apiReserve)
	huma.Register(a, huma.Operation{OperationID: "list-reservations", Method: http.MethodGet, Path: api.Prefix + "/campaigns/{id}/reservations",
		Tags: tags, Summary: "List a campaign's reservations", Security: api.Secured,
		Description: "For the owners and editors of its organisation."}, m.apiReservations)
	huma.Register(a, huma.Operation{OperationID: "cancel-reservation", Method: http.MethodPost, Path: api.Prefix + "/reservations/{id}/cancel",
		Tags: tags, Summary: "Cancel a reservation", Security: api.Secured,
		Description: "By its holder, until the campaign's deadline."}, m.apiCancelReservation)
	huma.Register(a, huma.Operation{OperationID: "match-campaign", Method: http.MethodPost, Path: api.Prefix + "/campaigns/{id}/matches",
		Tags: tags, Summary: "Promise matchfunding", Security: api.Secured, DefaultStatus: http.StatusCreated,
		Description: "Another organisation doubles what supporters reserve, up to its cap; it counts toward the goal."}, m.apiMatch)
}

func (m *Module) apiReserve(ctx context.Context, in *ReserveInput) (*ReservationCreatedOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	r, err := m.Reserve(ctx, id, in.ID, Pledge{Amount: in.Body.Amount, RewardID: in.Body.RewardID,
		Anonymous: in.Body.Anonymous, Message: in.Body.Message})
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &ReservationCreatedOutput{Location: api.Prefix + "/reservations/" + r.ID, Body: reservationOut(r)}, nil
}

func (m *Module) apiReservations(ctx context.Context, in *CampaignIDPath) (*ReservationsOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	_, rs, err := m.Reservations(ctx, id, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &ReservationsOutput{}
	out.Body.Reservations = make([]ReservationOut, len(rs))
	for i, r := range rs {
		out.Body.Reservations[i] = reservationOut(r)
	}
	return out, nil
}

func (m *Module) apiCancelReservation(ctx context.Context, in *ReservationIDPath) (*ReservationOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	r, err := m.CancelReservation(ctx, id, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &ReservationOutput{Body: reservationOut(r)}, nil
}

func (m *Module) apiMatch(ctx context.Context, in *MatchInput) (*MatchCreatedOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	x, err := m.OfferMatch(ctx, id, in.ID, in.Body.OrganizationID, in.Body.Cap)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &MatchCreatedOutput{}
	out.Body.ID, out.Body.Reference, out.Body.OrganizationID, out.Body.Cap = x.ID, x.Reference, x.OrganizationID, x.Cap
	return out, nil
}
