package organization

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
)

// PublicAddress is an organisation's published address.
type PublicAddress struct {
	Street   string `json:"street"`
	Postcode string `json:"postcode" doc:"Five digits, or empty."`
	City     string `json:"city"`
}

// PublicOrganization is an organisation as the API shows it: everything
// the organisation publishes about itself, nothing about its members.
type PublicOrganization struct {
	ID          string        `json:"id" format:"uuid"`
	Name        string        `json:"name"`
	Kind        string        `json:"kind" enum:"volunteer_agency,migrant_organization,welfare_association,refugee_council,municipality,religious_community,company,foundation,initiative,cooperative,education,other"`
	Description string        `json:"description"`
	Website     string        `json:"website"`
	Email       string        `json:"email" doc:"Public contact address of the organisation."`
	Phone       string        `json:"phone" doc:"Public contact number of the organisation."`
	Address     PublicAddress `json:"address"`
	Languages   []string      `json:"languages" doc:"ISO 639 codes of the languages spoken."`
	Verified    bool          `json:"verified" doc:"Whether the coordination office verified the organisation as it is now."`
	VerifiedAs  string        `json:"verified_as,omitempty" doc:"While a change of name, website or kind waits for the coordination office: the name it verified."`
	VerifiedAt  *time.Time    `json:"verified_at,omitempty"`
	CreatedAt   time.Time     `json:"created_at"`
	UpdatedAt   time.Time     `json:"updated_at"`
}

func public(o *Organization) PublicOrganization {
	langs := append([]string{}, o.Languages...)
	out := PublicOrganization{
		ID: o.ID, Name: o.Name, Kind: o.Kind, Description: o.Description, Website: o.Website, Email: o.Email,
		Phone: o.Phone, Address: PublicAddress{Street: o.Street, Postcode: o.Postcode, City: o.City},
		Languages: langs, Verified: o.Verified(), VerifiedAt: o.VerifiedAt, CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt,
	}
	if o.UnderReview() {
		out.VerifiedAs = o.VerifiedName
	}
	return out
}

// OrganizationInput is the body that creates an organisation.
type OrganizationInput struct {
	Name        string   `json:"name" minLength:"1" maxLength:"120"`
	Kind        string   `json:"kind" enum:"volunteer_agency,migrant_organization,welfare_association,refugee_council,municipality,religious_community,company,foundation,initiative,cooperative,education,other"`
	Description string   `json:"description,omitempty" maxLength:"5000"`
	Website     string   `json:"website,omitempty" maxLength:"300" doc:"An http or https URL."`
	Email       string   `json:"email,omitempty" maxLength:"254"`
	Phone       string   `json:"phone,omitempty" maxLength:"40" doc:"Digits, spaces, +, - and /."`
	Street      string   `json:"street,omitempty" maxLength:"120"`
	Postcode    string   `json:"postcode,omitempty" doc:"Five digits."`
	City        string   `json:"city,omitempty" maxLength:"80"`
	Languages   []string `json:"languages,omitempty" doc:"ISO 639 codes, e.g. de, ar, fa, uk, tr."`
}

func (in *OrganizationInput) profile() Profile {
	return Profile{Name: in.Name, Kind: in.Kind, Description: in.Description, Website: in.Website, Email: in.Email,
		Phone: in.Phone, Street: in.Street, Postcode: in.Postcode, City: in.City, Languages: in.Languages}
}

// OrganizationPatch changes some fields of an organisation; fields left
// out keep their value, an empty string clears a field.
type OrganizationPatch struct {
	Name        *string   `json:"name,omitempty" maxLength:"120"`
	Kind        *string   `json:"kind,omitempty" enum:"volunteer_agency,migrant_organization,welfare_association,refugee_council,municipality,religious_community,company,foundation,initiative,cooperative,education,other"`
	Description *string   `json:"description,omitempty" maxLength:"5000"`
	Website     *string   `json:"website,omitempty" maxLength:"300"`
	Email       *string   `json:"email,omitempty" maxLength:"254"`
	Phone       *string   `json:"phone,omitempty" maxLength:"40"`
	Street      *string   `json:"street,omitempty" maxLength:"120"`
	Postcode    *string   `json:"postcode,omitempty"`
	City        *string   `json:"city,omitempty" maxLength:"80"`
	Languages   *[]string `json:"languages,omitempty"`
}

// apply returns p with the patch's fields set.
func (in *OrganizationPatch) apply(p Profile) Profile {
	for _, f := range []struct {
		from *string
		to   *string
	}{
		{in.Name, &p.Name}, {in.Kind, &p.Kind}, {in.Description, &p.Description}, {in.Website, &p.Website},
		{in.Email, &p.Email}, {in.Phone, &p.Phone}, {in.Street, &p.Street}, {in.Postcode, &p.Postcode}, {in.City, &p.City},
	} {
		if f.from != nil {
			*f.to = *f.from
		}
	}
	if in.Languages != nil {
		p.Languages = *in.Languages
	}
	return p
}

// ListInput filters the list.
type ListInput struct {
	Kind     string `query:"kind" enum:"volunteer_agency,migrant_organization,welfare_association,refugee_council,municipality,religious_community,company,foundation,initiative,cooperative,education,other" doc:"Only organisations of this kind."`
	Verified string `query:"verified" enum:"true,false" doc:"Only verified (true) or unverified (false) organisations."`
	Q        string `query:"q" maxLength:"100" doc:"A part of the name, ignoring case and accents."`
	Sort     string `query:"sort" enum:"newest,name" default:"newest"`
	Limit    int    `query:"limit" minimum:"1" maximum:"100" default:"20"`
	Cursor   string `query:"cursor" doc:"next_cursor of the previous page."`
}

// ListOutput is one page of organisations.
type ListOutput struct {
	Body struct {
		Organizations []PublicOrganization `json:"organizations"`
		NextCursor    string               `json:"next_cursor,omitempty" doc:"Pass as cursor for the next page; absent on the last page."`
	}
}

// OrganizationOutput is one organisation.
type OrganizationOutput struct {
	Body PublicOrganization
}

// CreatedOutput is a new organisation and where it lives.
type CreatedOutput struct {
	Location string `header:"Location"`
	Body     PublicOrganization
}

// IDPath names an organisation.
type IDPath struct {
	ID string `path:"id" format:"uuid" doc:"The organisation's id."`
}

// CreateInput is the body of a new organisation.
type CreateInput struct{ Body OrganizationInput }

// UpdateInput names an organisation and the fields to change.
type UpdateInput struct {
	IDPath
	Body OrganizationPatch
}

// RegisterAPI adds the organisation operations.
func (m *Module) RegisterAPI(a huma.API) {
	tags := []string{"Organisations"}
	huma.Register(a, huma.Operation{
		OperationID: "list-organizations", Method: http.MethodGet, Path: api.Prefix + "/organizations", Tags: tags,
		Summary: "List organisations",
	}, m.apiList)
	huma.Register(a, huma.Operation{
		OperationID: "create-organization", Method: http.MethodPost, Path: api.Prefix + "/organizations", Tags: tags,
		Summary: "Create an organisation", Description: "The caller becomes its owner.",
		Security: api.Secured, DefaultStatus: http.StatusCreated,
	}, m.apiCreate)
	huma.Register(a, huma.Operation{
		OperationID: "get-organization", Method: http.MethodGet, Path: api.Prefix + "/organizations/{id}", Tags: tags,
		Summary: "Get an organisation",
	}, m.apiGet)
	huma.Register(a, huma.Operation{
		OperationID: "update-organization", Method: http.MethodPatch, Path: api.Prefix + "/organizations/{id}", Tags: tags,
		Summary: "Change an organisation", Description: "Owners and editors only. Fields left out keep their value.",
		Security: api.Secured,
	}, m.apiUpdate)
	verification := "Coordinators and administrators only. Audit-logged."
	huma.Register(a, huma.Operation{
		OperationID: "verify-organization", Method: http.MethodPost, Path: api.Prefix + "/organizations/{id}/verify", Tags: tags,
		Summary: "Mark an organisation as verified", Description: verification, Security: api.Secured,
	}, m.apiVerify)
	huma.Register(a, huma.Operation{
		OperationID: "unverify-organization", Method: http.MethodPost, Path: api.Prefix + "/organizations/{id}/unverify", Tags: tags,
		Summary: "Remove the verified mark", Description: verification, Security: api.Secured,
	}, m.apiUnverify)
}

func (m *Module) apiList(ctx context.Context, in *ListInput) (*ListOutput, error) {
	f := Filter{Kind: in.Kind, Query: in.Q, Sort: in.Sort, Limit: in.Limit, Cursor: in.Cursor}
	if in.Verified != "" {
		v := in.Verified == "true"
		f.Verified = &v
	}
	page, err := m.List(ctx, f)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &ListOutput{}
	out.Body.Organizations = make([]PublicOrganization, len(page.Items))
	for i, o := range page.Items {
		out.Body.Organizations[i] = public(o)
	}
	out.Body.NextCursor = page.Next
	return out, nil
}

func (m *Module) apiCreate(ctx context.Context, in *CreateInput) (*CreatedOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	o, err := m.Create(ctx, id.UserID, in.Body.profile())
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &CreatedOutput{Location: api.Prefix + "/organizations/" + o.ID, Body: public(o)}, nil
}

func (m *Module) apiGet(ctx context.Context, in *IDPath) (*OrganizationOutput, error) {
	o, err := m.Get(ctx, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &OrganizationOutput{Body: public(o)}, nil
}

func (m *Module) apiUpdate(ctx context.Context, in *UpdateInput) (*OrganizationOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	o, err := m.update(ctx, id.UserID, in.ID, in.Body.apply)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &OrganizationOutput{Body: public(o)}, nil
}

func (m *Module) apiVerify(ctx context.Context, in *IDPath) (*OrganizationOutput, error) {
	return m.apiSetVerified(ctx, in.ID, true)
}

func (m *Module) apiUnverify(ctx context.Context, in *IDPath) (*OrganizationOutput, error) {
	return m.apiSetVerified(ctx, in.ID, false)
}

func (m *Module) apiSetVerified(ctx context.Context, orgID string, verified bool) (*OrganizationOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	o, err := m.SetVerified(ctx, id, orgID, verified)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &OrganizationOutput{Body: public(o)}, nil
}
