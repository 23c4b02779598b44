package coordination

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
)

// ReferralJSON is a referral of a request to a directory service.
type ReferralJSON struct {
	ID             string     `json:"id" format:"uuid"`
	ListingID      string     `json:"listing_id" format:"uuid"`
	ServiceID      string     `json:"service_id" format:"uuid"`
	OrganizationID string     `json:"organization_id" format:"uuid" doc:"The service's organisation, which answers."`
	CoordinatorID  string     `json:"coordinator_id,omitempty" format:"uuid" doc:"Empty once the coordinator's account is gone."`
	CreatedAt      time.Time  `json:"created_at"`
	Outcome        string     `json:"outcome" enum:"open,taken_up,not_possible"`
	OutcomeAt      *time.Time `json:"outcome_at,omitempty"`
}

func referralJSON(r *Referral) ReferralJSON {
	return ReferralJSON{ID: r.ID, ListingID: r.ListingID, ServiceID: r.ServiceID, OrganizationID: r.OrganizationID,
		CoordinatorID: r.CoordinatorID, CreatedAt: r.CreatedAt, Outcome: r.Outcome, OutcomeAt: r.OutcomeAt}
}

// ListingReferralsInput names the request.
type ListingReferralsInput struct {
	ID string `path:"id" format:"uuid" doc:"The request."`
}

// ReferralsOutput lists a request's referrals.
type ReferralsOutput struct {
	Body struct {
		Referrals []ReferralJSON `json:"referrals" doc:"Oldest first."`
	}
}

// ReferInput refers a request to a service.
type ReferInput struct {
	ID   string `path:"id" format:"uuid" doc:"The request."`
	Body struct {
		ServiceID string `json:"service_id" format:"uuid" doc:"A directory service."`
	}
}

// OutcomeInput records what came of a referral.
type OutcomeInput struct {
	ID   string `path:"id" format:"uuid" doc:"The referral."`
	Body struct {
		Outcome string `json:"outcome" enum:"taken_up,not_possible"`
	}
}

// ReferralOutput is one referral.
type ReferralOutput struct {
	Body ReferralJSON
}

func (m *Module) referralsAPI(a huma.API) {
	tags := []string{"Coordination"}
	huma.Register(a, huma.Operation{
		OperationID: "list-referrals", Method: http.MethodGet, Path: api.Prefix + "/listings/{id}/referrals", Tags: tags,
		Summary: "List a request's referrals", Description: "Coordinators and administrators only.", Security: api.Secured,
	}, m.apiReferrals)
	huma.Register(a, huma.Operation{
		OperationID: "create-referral", Method: http.MethodPost, Path: api.Prefix + "/listings/{id}/referrals", Tags: tags,
		Summary: "Refer a request to a directory service", DefaultStatus: http.StatusCreated,
		Description: "Coordinators and administrators only. The service's organisation is notified. Audit-logged.", Security: api.Secured,
	}, m.apiRefer)
	huma.Register(a, huma.Operation{
		OperationID: "set-referral-outcome", Method: http.MethodPost, Path: api.Prefix + "/referrals/{id}/outcome", Tags: tags,
		Summary: "Record what came of a referral", Description: "The owners and editors of the service's organisation only.",
		Security: api.Secured,
	}, m.apiOutcome)
}

func (m *Module) apiReferrals(ctx context.Context, in *ListingReferralsInput) (*ReferralsOutput, error) {
	actor, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	refs, err := m.ReferralsOf(ctx, actor, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &ReferralsOutput{}
	out.Body.Referrals = make([]ReferralJSON, 0, len(refs))
	for _, r := range refs {
		out.Body.Referrals = append(out.Body.Referrals, referralJSON(r))
	}
	return out, nil
}

func (m *Module) apiRefer(ctx context.Context, in *ReferInput) (*ReferralOutput, error) {
	actor, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	r, err := m.Refer(ctx, actor, in.ID, in.Body.ServiceID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &ReferralOutput{Body: referralJSON(r)}, nil
}

func (m *Module) apiOutcome(ctx context.Context, in *OutcomeInput) (*ReferralOutput, error) {
	actor, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	r, err := m.SetOutcome(ctx, actor, in.ID, in.Body.Outcome)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &ReferralOutput{Body: referralJSON(r)}, nil
}
