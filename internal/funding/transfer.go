package funding

import (
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/qr"
	"teilhabe.org/teilhabe/internal/web"
)

// Transfer is what a supporter needs to pay: to whom, how much and with
// which reference, and the same as an EPC GiroCode payload.
type Transfer struct {
	Holder    string
	IBAN      string // grouped in fours
	BIC       string
	Amount    int64
	Reference string        // grouped in fours
	Payload   string        // the GiroCode's text
	Code      template.HTML // the GiroCode as inline SVG
}

// epcMaxBytes is the most an EPC QR code's payload may hold.
const epcMaxBytes = 331

// withCode draws the transfer's GiroCode for a page, labelled in the
// reader's language.
func (t *Transfer) withCode(ctx context.Context) (*Transfer, error) {
	svg, err := qr.SVG(t.Payload, qr.Medium, web.Localizer(ctx).T("funding.transfer.code_label"))
	t.Code = svg
	return t, err
}

// transferFor is the viewer's transfer after the campaign succeeded: for
// their reservation, or for a match of an organisation they act for; nil
// when they owe nothing.
func (m *Module) transferFor(ctx context.Context, c *Campaign, viewer *auth.Identity) (*Transfer, error) {
	if c.Status != Succeeded || viewer == nil {
		return nil, nil
	}
	if r, err := reservationOf(ctx, m.s.DB, c.ID, viewer.UserID); err == nil {
		return transferOf(c, r.Amount, r.Reference), nil
	} else if !apperr.Is(err, apperr.NotFound) {
		return nil, err
	}
	ms, err := matchesOf(ctx, m.s.DB, c.ID)
	if err != nil {
		return nil, err
	}
	for _, x := range ms {
		if viewer.Staff() || !m.mayActFor(ctx, x.OrganizationID, viewer) {
			continue
		}
		p, err := progressOf(ctx, m.s.DB, c)
		if err != nil {
			return nil, err
		}
		return transferOf(c, min(x.Cap, p.Reserved), x.Reference), nil
	}
	return nil, nil
}

// giroCodePNG is /campaigns/{id}/girocode.png: the viewer's GiroCode as an
// image, to save or print.
func (m *Module) giroCodePNG(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	viewer, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	c, err := m.Get(ctx, viewer, r.PathValue("id"))
	var t *Transfer
	if err == nil {
		t, err = m.transferFor(ctx, c, viewer)
	}
	if err == nil && t == nil {
		err = apperr.New(apperr.NotFound, "")
	}
	var png []byte
	if err == nil {
		png, err = qr.PNG(t.Payload, qr.Medium, 400)
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(png)
}

func transferOf(c *Campaign, amount int64, reference string) *Transfer {
	return &Transfer{Holder: c.Holder, IBAN: grouped(c.IBAN), BIC: c.BIC, Amount: amount, Reference: grouped(reference),
		Payload: epcPayload(c.Holder, c.IBAN, c.BIC, amount, reference)}
}

// epcPayload is the text of an EPC QR code (EPC069-12, version 002):
// service tag, version, UTF-8, SEPA credit transfer, BIC (optional in
// version 002), the beneficiary's name (at most 70 characters), IBAN, the
// amount as EUR with a decimal point, no purpose, the creditor reference
// in the structured field and no unstructured text. Lines end with LF;
// trailing empty fields are left out, and the whole stays within 331 bytes.
func epcPayload(holder, iban, bic string, cents int64, reference string) string {
	name := []rune(strings.Join(strings.Fields(holder), " "))
	if len(name) > maxHolderLen {
		name = name[:maxHolderLen]
	}
	lines := []string{"BCD", "002", "1", "SCT", bic, string(name), iban,
		fmt.Sprintf("EUR%d.%02d", cents/100, cents%100), "", reference}
	return strings.Join(lines, "\n")
}

// structuredData describes the campaign in schema.org JSON-LD: a
// MonetaryGrant of the organisation with the goal as its amount, and a
// DonateAction for donation campaigns. html/template escapes <, > and &.
func (m *Module) structuredData(c *Campaign, org *organization.Organization, p Progress) (json.RawMessage, error) {
	url := m.s.BaseURL + "/campaigns/" + c.ID
	orgLD := map[string]any{"@type": "Organization", "name": org.Name, "url": m.s.BaseURL + "/organizations/" + org.ID}
	v := map[string]any{
		"@context": "https://schema.org", "@type": "MonetaryGrant", "name": c.Title, "url": url, "inLanguage": c.ContentLang,
		"fundedItem": orgLD,
		"amount":     map[string]any{"@type": "MonetaryAmount", "currency": "EUR", "value": float64(c.Goal) / 100},
		"endDate":    c.Deadline.Format("2006-01-02"),
	}
	if c.Purpose == Donation {
		v["potentialAction"] = map[string]any{"@type": "DonateAction", "recipient": orgLD, "target": url,
			"priceSpecification": map[string]any{"@type": "PriceSpecification", "priceCurrency": "EUR",
				"minPrice": float64(c.Minimum) / 100}}
	}
	return json.Marshal(v)
}
