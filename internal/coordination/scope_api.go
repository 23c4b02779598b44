package coordination

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
)

// ScopeJSON is a coordinator's regions.
type ScopeJSON struct {
	UserID  string   `json:"user_id" format:"uuid"`
	Name    string   `json:"name"`
	Regions []string `json:"regions" doc:"Official municipality keys (AGS) of 2, 3, 5 or 8 digits."`
}

// ScopesOutput lists the coordinators with regions.
type ScopesOutput struct {
	Body struct {
		Scopes []ScopeJSON `json:"scopes" doc:"Coordinators not listed keep the whole country."`
	}
}

// SetScopesInput replaces a coordinator's regions.
type SetScopesInput struct {
	UserID string `path:"user_id" format:"uuid" doc:"The coordinator."`
	Body   struct {
		Regions []string `json:"regions" maxItems:"50" doc:"Official municipality keys (AGS) of 2, 3, 5 or 8 digits; empty gives the whole country back."`
	}
}

// ScopeOutput is one coordinator's regions.
type ScopeOutput struct {
	Body ScopeJSON
}

func (m *Module) scopesAPI(a huma.API) {
	tags := []string{"Coordination"}
	huma.Register(a, huma.Operation{
		OperationID: "list-scopes", Method: http.MethodGet, Path: api.Prefix + "/admin/scopes", Tags: tags,
		Summary: "List the coordinators' regions", Description: "Administrators only.", Security: api.Secured,
	}, m.apiScopes)
	huma.Register(a, huma.Operation{
		OperationID: "set-scopes", Method: http.MethodPut, Path: api.Prefix + "/admin/scopes/{user_id}", Tags: tags,
		Summary: "Set a coordinator's regions", Description: "Administrators only. Audit-logged.", Security: api.Secured,
	}, m.apiSetScopes)
}

func (m *Module) apiScopes(ctx context.Context, _ *struct{}) (*ScopesOutput, error) {
	actor, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	list, err := m.coordinatorScopes(ctx, actor)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &ScopesOutput{}
	out.Body.Scopes = []ScopeJSON{}
	for _, c := range list {
		out.Body.Scopes = append(out.Body.Scopes, ScopeJSON{UserID: c.UserID, Name: c.Name, Regions: c.Regions})
	}
	return out, nil
}

func (m *Module) apiSetScopes(ctx context.Context, in *SetScopesInput) (*ScopeOutput, error) {
	actor, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	regions, err := m.SetScopes(ctx, actor, in.UserID, in.Body.Regions)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	names, err := m.accounts.Names(ctx, []string{in.UserID})
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &ScopeOutput{Body: ScopeJSON{UserID: in.UserID, Name: names[in.UserID], Regions: regions}}, nil
}
