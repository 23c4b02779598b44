package volunteer

import (
	"context"
	"strings"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/pdf"
	"teilhabe.org/teilhabe/internal/web"
)

// The certificate as PDF, in German as German authorities and employers
// read it, whatever the holder's language.

// CertificatePDF writes a confirmed certificate as PDF for its holder and
// the organisation's planners.
func (m *Module) CertificatePDF(ctx context.Context, actor *auth.Identity, certID string) (*Certificate, []byte, error) {
	c, err := m.Certificate(ctx, actor, certID)
	if err != nil {
		return nil, nil, err
	}
	if c.Status != Confirmed {
		return nil, nil, apperr.New(apperr.Conflict, "volunteer.certificate.not_confirmed")
	}
	b, err := m.writeCertificate(c)
	if err != nil {
		return nil, nil, apperr.Wrap(apperr.Unavailable, err)
	}
	return c, b, nil
}

func (m *Module) writeCertificate(c *Certificate) ([]byte, error) {
	l := m.s.Render.Catalog().Localizer("de")
	d, err := pdf.New("Nachweis über ehrenamtliches Engagement", c.OrgName)
	if err != nil {
		return nil, err
	}
	period := web.FormatDate(l, c.From) + " bis " + web.FormatDate(l, c.To)
	d.Heading("Nachweis über ehrenamtliches Engagement")
	d.Paragraph("Hiermit bestätigen wir, dass " + c.HolderName + " sich im Zeitraum vom " + period +
		" ehrenamtlich bei " + c.OrgName + " engagiert hat.")
	d.Field("Name", c.HolderName)
	d.Field("Organisation", c.OrgName)
	d.Field("Zeitraum", period)
	d.Field("Tätigkeiten", strings.Join(c.Activities, "\n"))
	d.Field("Geleistete Stunden", HoursText(c.Minutes)+" Stunden")
	if c.Note != "" {
		d.Paragraph(c.Note)
	}
	d.Space(8)
	d.Paragraph(c.ConfirmerName + ", " + c.ConfirmerRole + "\n" + c.OrgName)
	if c.ConfirmedAt != nil {
		d.Paragraph("Ausgestellt am " + web.FormatDate(l, *c.ConfirmedAt))
	}
	d.Space(8)
	d.Small("Prüfcode: " + FormatCode(c.Code))
	d.Small("Die Echtheit dieses Nachweises lässt sich prüfen unter " + m.verifyURL(c.Code))
	return d.Bytes()
}

// verifyURL is the public page that confirms a certificate.
func (m *Module) verifyURL(code string) string {
	return m.s.BaseURL + "/certificates/verify/" + FormatCode(code)
}
