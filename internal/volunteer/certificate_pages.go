package volunteer

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/web"
)

// certificateRoutes registers the certificates' pages: the holder's under
// /me/certificates, the organisation's under its own address. The public
// verification lives under /certificates/verify/, apart from the account
// module's /verify/ for e-mail addresses.
func (m *Module) certificateRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /me/certificates", m.myCertificatesPage)
	mux.HandleFunc("POST /me/certificates", m.requestCertificate)
	mux.HandleFunc("GET /organizations/{id}/certificates", m.orgCertificatesPage)
	mux.HandleFunc("GET /organizations/{id}/certificates/{cid}/confirm", m.confirmPage)
	mux.HandleFunc("POST /organizations/{id}/certificates/{cid}/confirm", m.confirm)
	mux.HandleFunc("POST /organizations/{id}/certificates/{cid}/revoke", m.revoke)
	mux.HandleFunc("GET /organizations/{id}/certificates/{cid}/pdf", m.certificatePDF)
	mux.HandleFunc("GET /me/certificates/{cid}/pdf", m.certificatePDF)
	mux.HandleFunc("GET /certificates/verify/{code}", m.verifyPage)
}

// myCertificatesPage is what /me/certificates shows.
type myCertificatesPage struct {
	Certificates []*Certificate
	Orgs         []KnownOrg
}

func (m *Module) myCertificatesPage(w http.ResponseWriter, r *http.Request) {
	m.renderMyCertificates(w, r, http.StatusOK, web.EmptyForm(nil))
}

func (m *Module) renderMyCertificates(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := &myCertificatesPage{}
	data.Certificates, err = m.MyCertificates(ctx, id)
	if err == nil {
		data.Orgs, err = m.knownOrgs(ctx, id.UserID)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	names := map[string]string{}
	for _, o := range data.Orgs {
		names[o.ID] = o.Name
	}
	for _, c := range data.Certificates {
		if c.OrgName == "" {
			c.OrgName = names[c.OrganizationID]
		}
	}
	m.s.Render.Page(w, r, status, "volunteer/certificates", data, form)
}

func (m *Module) requestCertificate(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	bad := apperr.Fields{}
	var from, to time.Time
	for _, f := range []struct {
		name string
		to   *time.Time
	}{{"from", &from}, {"to", &to}} {
		if d, ok := parseDay(form.Get(f.name)); !ok {
			bad.Add(f.name, "volunteer.field.date_invalid")
		} else if d != nil {
			*f.to = *d
		}
	}
	if len(bad) > 0 {
		err = bad.Err()
	} else {
		_, err = m.RequestCertificate(r.Context(), id, form.Get("organization_id"), from, to)
	}
	if err != nil {
		if apperr.Is(err, apperr.Invalid) {
			m.renderMyCertificates(w, r, form.Fail(err), form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/me/certificates", "volunteer.certificate.requested")
}

// orgCertificatesPage is what /organizations/{id}/certificates shows its
// planners.
type orgCertificatesPage struct {
	OrgID, OrgName string
	Certificates   []*Certificate
}

func (m *Module) orgCertificatesPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	certs, err := m.OrgCertificates(ctx, id, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	o, err := m.orgs.Get(ctx, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "volunteer/org_certificates",
		&orgCertificatesPage{OrgID: o.ID, OrgName: o.Name, Certificates: certs}, nil)
}

// confirmPage shows a request with the hours that count, and asks for the
// role and a personal sentence.
type confirmPage struct {
	Cert    *Certificate
	Name    string
	Entries []HoursEntry
	Minutes int
}

func (m *Module) confirmPage(w http.ResponseWriter, r *http.Request) {
	m.renderConfirm(w, r, http.StatusOK, web.EmptyForm(nil))
}

func (m *Module) renderConfirm(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	c, err := m.orgCert(ctx, id, r)
	if err == nil && c.Status != Requested {
		err = apperr.New(apperr.Conflict, "volunteer.certificate.not_requested")
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := &confirmPage{Cert: c}
	entries, err := m.hours(ctx, HoursFilter{UserID: c.UserID, OrganizationID: c.OrganizationID, From: c.From,
		To: c.To.AddDate(0, 0, 1)})
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	for _, h := range entries {
		if h.Counts() {
			data.Entries = append(data.Entries, h)
			data.Minutes += h.Minutes
		}
	}
	names, err := m.names(ctx, []string{c.UserID})
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data.Name = names[c.UserID]
	m.s.Render.Page(w, r, status, "volunteer/confirm", data, form)
}

func (m *Module) confirm(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	c, err := m.orgCert(r.Context(), id, r)
	if err == nil {
		c, err = m.ConfirmCertificate(r.Context(), id, c.ID, Confirmation{Role: form.Get("role"), Note: form.Raw("note")})
	}
	if err != nil {
		if apperr.Is(err, apperr.Invalid) {
			m.renderConfirm(w, r, form.Fail(err), form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/organizations/"+c.OrganizationID+"/certificates", "volunteer.certificate.confirmed")
}

func (m *Module) revoke(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	c, err := m.orgCert(r.Context(), id, r)
	if err == nil {
		c, err = m.RevokeCertificate(r.Context(), id, c.ID)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/organizations/"+c.OrganizationID+"/certificates", "volunteer.certificate.revoked")
}

func (m *Module) certificatePDF(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	certID := r.PathValue("cid")
	if orgID := r.PathValue("id"); orgID != "" {
		c, err := m.orgCert(r.Context(), id, r)
		if err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
		certID = c.ID
	} else if c, err := m.Certificate(r.Context(), id, certID); err != nil || c.UserID != id.UserID {
		m.s.Render.Error(w, r, apperr.New(apperr.NotFound, ""))
		return
	}
	c, b, err := m.CertificatePDF(r.Context(), id, certID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", `attachment; filename="engagementnachweis-`+c.Code+`.pdf"`)
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(b)
}

// verifyPage is what /certificates/verify/{code} shows anyone: what the
// certificate says, or that it was revoked.
type verifyPage struct {
	Cert *Certificate
	Code string
}

func (m *Module) verifyPage(w http.ResponseWriter, r *http.Request) {
	c, err := m.Verify(r.Context(), r.PathValue("code"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "volunteer/verify", &verifyPage{Cert: c, Code: FormatCode(c.Code)}, nil)
}

// orgCert is the certificate {cid} of the organisation {id} for its
// planners; NotFound for anybody else and for another organisation's.
func (m *Module) orgCert(ctx context.Context, actor *auth.Identity, r *http.Request) (*Certificate, error) {
	c, err := m.managedCert(ctx, actor, r.PathValue("cid"))
	if err != nil {
		return nil, err
	}
	if !strings.EqualFold(c.OrganizationID, r.PathValue("id")) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return c, nil
}
