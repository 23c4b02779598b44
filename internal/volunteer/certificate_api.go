package volunteer

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/apperr"
)

// CertificateOut is a certificate as its holder and the organisation see it.
type CertificateOut struct {
	ID             string     `json:"id" format:"uuid"`
	OrganizationID string     `json:"organization_id" format:"uuid"`
	Status         string     `json:"status" enum:"requested,confirmed,revoked"`
	From           string     `json:"from" format:"date"`
	To             string     `json:"to" format:"date"`
	HolderName     string     `json:"holder_name,omitempty" doc:"As confirmed."`
	OrgName        string     `json:"organization_name,omitempty"`
	Activities     []string   `json:"activities"`
	Minutes        int        `json:"minutes"`
	Note           string     `json:"note,omitempty"`
	ConfirmerName  string     `json:"confirmer_name,omitempty"`
	ConfirmerRole  string     `json:"confirmer_role,omitempty"`
	Code           string     `json:"code,omitempty" doc:"The verification code, once confirmed."`
	VerifyURL      string     `json:"verify_url,omitempty" format:"uri" doc:"The public page that confirms it."`
	RequestedAt    time.Time  `json:"requested_at"`
	ConfirmedAt    *time.Time `json:"confirmed_at"`
	RevokedAt      *time.Time `json:"revoked_at"`
}

func (m *Module) certificateOut(c *Certificate) CertificateOut {
	out := CertificateOut{ID: c.ID, OrganizationID: c.OrganizationID, Status: string(c.Status),
		From: c.From.Format(dayLayout), To: c.To.Format(dayLayout), HolderName: c.HolderName, OrgName: c.OrgName,
		Activities: append([]string{}, c.Activities...), Minutes: c.Minutes, Note: c.Note, ConfirmerName: c.ConfirmerName,
		ConfirmerRole: c.ConfirmerRole, RequestedAt: c.RequestedAt, ConfirmedAt: c.ConfirmedAt, RevokedAt: c.RevokedAt}
	if c.Code != "" {
		out.Code, out.VerifyURL = FormatCode(c.Code), m.verifyURL(c.Code)
	}
	return out
}

// CertificateOutput is one certificate.
type CertificateOutput struct {
	Body CertificateOut
}

// CertificatesOutput lists certificates.
type CertificatesOutput struct {
	Body struct {
		Certificates []CertificateOut `json:"certificates"`
	}
}

// CertificateRequestInput asks an organisation for a certificate.
type CertificateRequestInput struct {
	Body struct {
		OrganizationID string `json:"organization_id" format:"uuid" doc:"An organisation whose roster the caller is on or in whose shifts they took a place."`
		From           string `json:"from" format:"date" doc:"The first day of the period."`
		To             string `json:"to" format:"date" doc:"The last day of the period, not in the future."`
	}
}

// CertificateConfirmInput confirms a certificate.
type CertificateConfirmInput struct {
	ID   string `path:"id" doc:"The certificate's id (a UUID)."`
	Body struct {
		Role string `json:"role" minLength:"1" maxLength:"80" doc:"The confirming person's role, printed beside their name."`
		Note string `json:"note,omitempty" maxLength:"600" doc:"A personal sentence."`
	}
}

// CertificatePath names a certificate.
type CertificatePath struct {
	ID string `path:"id" doc:"The certificate's id (a UUID)."`
}

// CertificatePDFOutput is a PDF file.
type CertificatePDFOutput struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition"`
	Body               []byte
}

func (m *Module) certificateAPI(a huma.API) {
	tags := []string{"Volunteering"}
	huma.Register(a, huma.Operation{
		OperationID: "list-my-certificates", Method: http.MethodGet, Path: api.Prefix + "/certificates", Tags: tags,
		Summary: "List my certificates of volunteer work", Security: api.Secured,
	}, m.apiMyCertificates)
	huma.Register(a, huma.Operation{
		OperationID: "request-certificate", Method: http.MethodPost, Path: api.Prefix + "/certificates", Tags: tags,
		Summary: "Request a certificate of volunteer work", Security: api.Secured, DefaultStatus: http.StatusCreated,
	}, m.apiRequestCertificate)
	huma.Register(a, huma.Operation{
		OperationID: "confirm-certificate", Method: http.MethodPost, Path: api.Prefix + "/certificates/{id}/confirm",
		Tags: tags, Summary: "Confirm a certificate", Security: api.Secured,
		Description: "For the organisation's owners and editors: fixes the name, activities and hours of the period that count, and gives it a verification code.",
	}, m.apiConfirmCertificate)
	huma.Register(a, huma.Operation{
		OperationID: "get-certificate-pdf", Method: http.MethodGet, Path: api.Prefix + "/certificates/{id}/pdf",
		Tags: tags, Summary: "A confirmed certificate as PDF", Security: api.Secured,
		Responses: map[string]*huma.Response{"200": {Description: "The PDF, in German.",
			Content: map[string]*huma.MediaType{"application/pdf": {}}}},
	}, m.apiCertificatePDF)
}

func (m *Module) apiMyCertificates(ctx context.Context, _ *api.NoInput) (*CertificatesOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	certs, err := m.MyCertificates(ctx, id)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &CertificatesOutput{}
	out.Body.Certificates = []CertificateOut{}
	for _, c := range certs {
		out.Body.Certificates = append(out.Body.Certificates, m.certificateOut(c))
	}
	return out, nil
}

func (m *Module) apiRequestCertificate(ctx context.Context, in *CertificateRequestInput) (*CertificateOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	from, okFrom := parseDay(in.Body.From)
	to, okTo := parseDay(in.Body.To)
	if !okFrom || !okTo || from == nil || to == nil {
		return nil, api.Err(ctx, apperr.Field("from", "volunteer.field.date_invalid"))
	}
	c, err := m.RequestCertificate(ctx, id, in.Body.OrganizationID, *from, *to)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &CertificateOutput{Body: m.certificateOut(c)}, nil
}

func (m *Module) apiConfirmCertificate(ctx context.Context, in *CertificateConfirmInput) (*CertificateOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	c, err := m.ConfirmCertificate(ctx, id, in.ID, Confirmation{Role: in.Body.Role, Note: in.Body.Note})
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &CertificateOutput{Body: m.certificateOut(c)}, nil
}

func (m *Module) apiCertificatePDF(ctx context.Context, in *CertificatePath) (*CertificatePDFOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	c, b, err := m.CertificatePDF(ctx, id, in.ID)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &CertificatePDFOutput{ContentType: "application/pdf",
		ContentDisposition: `attachment; filename="engagementnachweis-` + c.Code + `.pdf"`, Body: b}, nil
}
