package board

import (
	"context"
	"slices"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
)

// The listing's rules in one place: how a draft is cleaned and checked, and
// who may see and manage a listing. The operations (listing_service.go) and
// the handlers call these and nothing else decides them.

// normalize trims what people typed.
func (d *Draft) normalize() {
	d.Title = text.OneLine(d.Title)
	d.Description = text.MultiLine(d.Description)
	d.Category = strings.TrimSpace(d.Category)
	d.ContentLang = text.CanonicalLanguage(d.ContentLang)
	d.Languages = text.SortLanguages(d.Languages)
	d.Postcode = strings.TrimSpace(d.Postcode)
	d.Place = text.OneLine(d.Place)
	d.OrganizationID = strings.ToLower(strings.TrimSpace(d.OrganizationID))
	if d.When.Kind == "" {
		d.When.Kind = WhenNone
	}
	switch d.When.Kind {
	case WhenNone, WhenRegularly:
		d.When.From, d.When.To = nil, nil
	case WhenDate:
		d.When.To = nil
	}
	d.When.From, d.When.To = dayOf(d.When.From), dayOf(d.When.To)
}

// dayOf cuts a time to its day at midnight UTC.
func dayOf(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return &d
}

// draftOf is what the edit form starts with.
func draftOf(l *Listing) Draft {
	return Draft{
		Kind: l.Kind, Category: l.Category, Title: l.Title, Description: l.Description, ContentLang: l.ContentLang,
		Languages: slices.Clone(l.Languages), Postcode: l.Postcode, Place: l.Place, When: l.When,
		Quantity: l.Quantity, Visibility: l.Visibility, OrganizationID: l.OrganizationID, ShowName: l.ShowName,
	}
}

// Validate returns field errors with message ids.
func (d *Draft) Validate() error {
	f := apperr.Fields{}
	if d.Kind != Offer && d.Kind != Request {
		f.Add("kind", "form.invalid_choice")
	}
	if d.Category == "" {
		f.Add("category", "form.required")
	} else if !taxonomy.Default().Valid(d.Category) {
		f.Add("category", "form.invalid_choice")
	}
	check.Text(f, "title", d.Title, maxTitleLen, true)
	check.Text(f, "description", d.Description, maxDescriptionLen, true)
	if !text.ValidLanguage(d.ContentLang) {
		f.Add("content_lang", "form.invalid_choice")
	}
	if len(d.Languages) > maxLanguages {
		f.Add("languages", "form.too_long")
	}
	for _, l := range d.Languages {
		if !text.ValidLanguage(l) {
			f.Add("languages", "form.invalid_choice")
		}
	}
	if d.Postcode == "" && d.Place == "" {
		f.Add("postcode", "board.field.location_required")
	}
	if d.Postcode != "" && !check.ValidPostcode(d.Postcode) {
		f.Add("postcode", "form.invalid_postcode")
	}
	d.When.check(f)
	if d.Quantity != nil && (*d.Quantity < 1 || *d.Quantity > maxQuantity) {
		f.Add("quantity", "board.field.quantity_range")
	}
	switch d.Visibility {
	case Public, Members, Verified:
	default:
		f.Add("visibility", "form.invalid_choice")
	}
	if d.LifetimeDays < 0 || d.LifetimeDays > MaxLifetimeDays {
		f.Add("lifetime_days", "board.field.lifetime_range")
	}
	return f.Err()
}

func (w When) check(f apperr.Fields) {
	switch w.Kind {
	case WhenNone, WhenRegularly, "":
	case WhenDate:
		if w.From == nil {
			f.Add("when_from", "form.required")
		}
	case WhenRange:
		if w.From == nil {
			f.Add("when_from", "form.required")
		}
		if w.To == nil {
			f.Add("when_to", "form.required")
		}
		if w.From != nil && w.To != nil && w.To.Before(*w.From) {
			f.Add("when_to", "board.field.range_order")
		}
	default:
		f.Add("when_kind", "form.invalid_choice")
	}
}

// canManage reports whether the person may edit and close the listing: the
// poster of a personal listing; for a listing of an organisation, whoever
// is its owner or editor now. A poster who left the organisation or was
// removed from it keeps no authority over what he posted for it.
func (m *Module) canManage(ctx context.Context, l *Listing, id *auth.Identity) bool {
	if id == nil {
		return false
	}
	if l.OrganizationID == "" {
		return l.PosterID == id.UserID
	}
	return m.orgs.CanEdit(ctx, l.OrganizationID, id.UserID)
}

// posterManages reports whether the listing's poster still manages it;
// mails and links meant for its manager go to him only then.
func (m *Module) posterManages(ctx context.Context, l *Listing) bool {
	return m.canManage(ctx, l, &auth.Identity{UserID: l.PosterID})
}

// canSee reports whether the person may see the listing at all: its
// managers always; others while it is live or fulfilled (a fulfilled
// listing keeps its page, with the thank-you notes, for whoever may see it
// by its visibility), and never while hidden or held. Lists show only live
// listings. A listing one may not see is answered as NotFound.
func (m *Module) canSee(ctx context.Context, l *Listing, id *auth.Identity, now time.Time) bool {
	if m.canManage(ctx, l, id) || (id != nil && id.Staff()) {
		return true
	}
	if !l.Live(now) && !(l.Status == Fulfilled && !l.Hidden && !l.Held) {
		return false
	}
	switch l.Visibility {
	case Public:
		return true
	case Members:
		return id != nil
	case Verified:
		return id != nil && m.inVerifiedOrganization(ctx, id.UserID)
	}
	return false
}

// inVerifiedOrganization reports whether the person belongs to a verified
// organisation; such people may see listings for verified eyes only.
func (m *Module) inVerifiedOrganization(ctx context.Context, userID string) bool {
	ms, err := m.orgs.Memberships(ctx, userID)
	if err != nil {
		return false
	}
	for _, mb := range ms {
		if mb.Verified {
			return true
		}
	}
	return false
}
