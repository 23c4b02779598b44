package network

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/directory"
)

// APIPartner is one partner of a partnership.
type APIPartner struct {
	OrganizationID string     `json:"organization_id" format:"uuid"`
	Contribution   string     `json:"contribution"`
	ConfirmedAt    *time.Time `json:"confirmed_at" doc:"Null while the partner has not confirmed."`
}

// APIPartnership is a partnership.
type APIPartnership struct {
	ID          string       `json:"id" format:"uuid"`
	Goal        string       `json:"goal"`
	Benefit     string       `json:"benefit"`
	StartsOn    string       `json:"starts_on" format:"date"`
	Status      string       `json:"status" enum:"proposed,active,ended"`
	Lang        string       `json:"lang"`
	ProposedBy  string       `json:"proposed_by" format:"uuid" doc:"The proposing organisation."`
	Partners    []APIPartner `json:"partners"`
	CreatedAt   time.Time    `json:"created_at"`
	ActivatedAt *time.Time   `json:"activated_at"`
	EndedAt     *time.Time   `json:"ended_at"`
}

func apiPartnership(p *Partnership) APIPartnership {
	out := APIPartnership{ID: p.ID, Goal: p.Goal, Benefit: p.Benefit, StartsOn: string(p.StartsOn), Status: p.Status,
		Lang: p.Lang, ProposedBy: p.ProposedBy, Partners: []APIPartner{}, CreatedAt: p.CreatedAt,
		ActivatedAt: p.ActivatedAt, EndedAt: p.EndedAt}
	for _, pt := range p.Partners {
		out.Partners = append(out.Partners, APIPartner{OrganizationID: pt.OrganizationID, Contribution: pt.Contribution,
			ConfirmedAt: pt.ConfirmedAt})
	}
	return out
}

// ProposalBody proposes a partnership.
type ProposalBody struct {
	OrganizationID string            `json:"organization_id" format:"uuid" doc:"The proposing organisation; the caller must edit it."`
	Partners       []string          `json:"partners" doc:"The other organisations."`
	Goal           string            `json:"goal" minLength:"1" maxLength:"1000"`
	Benefit        string            `json:"benefit" minLength:"1" maxLength:"1000"`
	StartsOn       string            `json:"starts_on" format:"date"`
	Contributions  map[string]string `json:"contributions,omitempty" doc:"What each organisation brings in, by organisation id."`
	Lang           string            `json:"lang" minLength:"2" maxLength:"3" doc:"Language of the texts (ISO 639)."`
}

// ConfirmBody confirms a partnership.
type ConfirmBody struct {
	OrganizationID string  `json:"organization_id,omitempty" format:"uuid" doc:"The partner confirmed for; may be left out when the caller edits one waiting partner only."`
	Contribution   *string `json:"contribution,omitempty" doc:"Replaces what the proposal said the partner brings in."`
}

// IDPath names a partnership.
type IDPath struct {
	ID string `path:"id" format:"uuid" doc:"The partnership's id."`
}

type partnershipsOut struct {
	Body struct {
		Partnerships []APIPartnership `json:"partnerships"`
	}
}

type partnershipOut struct {
	Location string `header:"Location"`
	Body     APIPartnership
}

// RegisterAPI adds the partnership operations.
func (m *Module) RegisterAPI(a huma.API) {
	tags := []string{"Cooperation"}
	huma.Register(a, huma.Operation{OperationID: "list-partnerships", Method: http.MethodGet,
		Path: api.Prefix + "/partnerships", Tags: tags, Summary: "List active partnerships"},
		func(ctx context.Context, _ *struct{}) (*partnershipsOut, error) {
			ps, err := m.ActivePartnerships(ctx)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			out := &partnershipsOut{}
			out.Body.Partnerships = []APIPartnership{}
			for _, p := range ps {
				out.Body.Partnerships = append(out.Body.Partnerships, apiPartnership(p))
			}
			return out, nil
		})
	huma.Register(a, huma.Operation{OperationID: "propose-partnership", Method: http.MethodPost,
		Path: api.Prefix + "/partnerships", Tags: tags, Summary: "Propose a partnership",
		Description: "An editor of the proposing organisation proposes; the partnership becomes active and public when an editor of every other partner confirmed it.",
		Security:    api.Secured, DefaultStatus: http.StatusCreated},
		func(ctx context.Context, in *struct{ Body ProposalBody }) (*partnershipOut, error) {
			id, err := api.User(ctx)
			if err != nil {
				return nil, err
			}
			b := in.Body
			p, err := m.Propose(ctx, id.UserID, PartnershipInput{ProposerID: b.OrganizationID, PartnerIDs: b.Partners,
				Goal: b.Goal, Benefit: b.Benefit, StartsOn: directory.Day(b.StartsOn), Contributions: b.Contributions, Lang: b.Lang})
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			return &partnershipOut{Location: api.Prefix + "/partnerships/" + p.ID, Body: apiPartnership(p)}, nil
		})
	huma.Register(a, huma.Operation{OperationID: "get-partnership", Method: http.MethodGet,
		Path: api.Prefix + "/partnerships/{id}", Tags: tags, Summary: "Get a partnership",
		Description: "Proposals are visible to the partners' editors only."},
		func(ctx context.Context, in *IDPath) (*partnershipOut, error) {
			p, err := m.Partnership(ctx, auth.From(ctx), in.ID)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			return &partnershipOut{Body: apiPartnership(p)}, nil
		})
	huma.Register(a, huma.Operation{OperationID: "confirm-partnership", Method: http.MethodPost,
		Path: api.Prefix + "/partnerships/{id}/confirm", Tags: tags, Summary: "Confirm a partnership",
		Description: "An editor of a partner confirms for it; the last confirmation makes the partnership active.",
		Security:    api.Secured},
		func(ctx context.Context, in *struct {
			IDPath
			Body *ConfirmBody
		}) (*partnershipOut, error) {
			id, err := api.User(ctx)
			if err != nil {
				return nil, err
			}
			b := in.Body
			if b == nil {
				b = &ConfirmBody{}
			}
			p, err := m.Confirm(ctx, id.UserID, in.ID, b.OrganizationID, b.Contribution)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			return &partnershipOut{Body: apiPartnership(p)}, nil
		})
}
