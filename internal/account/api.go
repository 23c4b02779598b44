package account

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/web"
)

// TokenRequest logs in for a token.
type TokenRequest struct {
	Body struct {
		Email    string `json:"email" format:"email" maxLength:"254" doc:"The account's e-mail address."`
		Password string `json:"password" minLength:"1" maxLength:"200" doc:"The account's password."`
		Name     string `json:"name,omitempty" maxLength:"60" doc:"A name to recognise the token by on the settings page."`
	}
}

// TokenResponse carries a new token, shown only once.
type TokenResponse struct {
	Body struct {
		Token string `json:"token" doc:"Send as 'Authorization: Bearer <token>'."`
	}
}

// MeResponse describes the caller's account.
type MeResponse struct {
	Body struct {
		ID        string    `json:"id" format:"uuid"`
		Email     string    `json:"email" format:"email"`
		Name      string    `json:"name"`
		Language  string    `json:"language"`
		Role      string    `json:"role" enum:"member,coordinator,admin"`
		CreatedAt time.Time `json:"created_at"`
	}
}

// ExportResponse is the caller's data export.
type ExportResponse struct{ Body *Export }

// TokenListResponse lists the caller's tokens.
type TokenListResponse struct {
	Body struct {
		Tokens []APIToken `json:"tokens"`
	}
}

// TokenIDPath names a token.
type TokenIDPath struct {
	ID string `path:"id" format:"uuid"`
}

// RegisterAPI adds the account operations.
func (m *Module) RegisterAPI(a huma.API) {
	huma.Register(a, huma.Operation{
		OperationID: "create-token", Method: http.MethodPost, Path: api.Prefix + "/tokens", Tags: []string{"Accounts"},
		Summary: "Log in and get a personal API token", DefaultStatus: http.StatusCreated,
	}, m.apiCreateToken)
	huma.Register(a, huma.Operation{
		OperationID: "list-tokens", Method: http.MethodGet, Path: api.Prefix + "/tokens", Tags: []string{"Accounts"},
		Summary: "List my API tokens", Security: api.Secured,
	}, m.apiListTokens)
	huma.Register(a, huma.Operation{
		OperationID: "revoke-token", Method: http.MethodDelete, Path: api.Prefix + "/tokens/{id}", Tags: []string{"Accounts"},
		Summary: "Revoke one of my API tokens", Security: api.Secured, DefaultStatus: http.StatusNoContent,
	}, m.apiRevokeToken)
	huma.Register(a, huma.Operation{
		OperationID: "get-me", Method: http.MethodGet, Path: api.Prefix + "/me", Tags: []string{"Accounts"},
		Summary: "My account", Security: api.Secured,
	}, m.apiMe)
	huma.Register(a, huma.Operation{
		OperationID: "export-me", Method: http.MethodGet, Path: api.Prefix + "/me/export", Tags: []string{"Accounts"},
		Summary: "Everything the platform holds about me", Security: api.Secured,
	}, m.apiExport)
	m.inboxAPI(a)
}

func (m *Module) apiCreateToken(ctx context.Context, in *TokenRequest) (*TokenResponse, error) {
	secret, err := m.TokenForLogin(ctx, Credentials{Email: in.Body.Email, Password: in.Body.Password, Client: web.Client(ctx)}, in.Body.Name)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &TokenResponse{}
	out.Body.Token = secret
	return out, nil
}

func (m *Module) apiListTokens(ctx context.Context, _ *api.NoInput) (*TokenListResponse, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	tokens, err := listAPITokens(ctx, m.s.DB, id.UserID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &TokenListResponse{}
	out.Body.Tokens = append([]APIToken{}, tokens...)
	return out, nil
}

func (m *Module) apiRevokeToken(ctx context.Context, in *TokenIDPath) (*api.NoContent, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	return nil, api.Err(ctx, revokeAPIToken(ctx, m.s.DB, id.UserID, in.ID))
}

func (m *Module) apiMe(ctx context.Context, _ *api.NoInput) (*MeResponse, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	u, err := userByID(ctx, m.s.DB, id.UserID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &MeResponse{}
	out.Body.ID, out.Body.Email, out.Body.Name, out.Body.Language = u.ID, u.Email, u.Name, u.Lang
	out.Body.Role, out.Body.CreatedAt = string(u.Role), u.CreatedAt
	return out, nil
}

func (m *Module) apiExport(ctx context.Context, _ *api.NoInput) (*ExportResponse, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	e, err := m.Export(ctx, id.UserID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &ExportResponse{Body: e}, nil
}
