package organization

import (
	"slices"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/text"
)

// Kinds are the kinds of organisation, in the order forms offer them; each
// has the label "organization.kind.<kind>".
var Kinds = []string{
	"volunteer_agency", "migrant_organization", "welfare_association", "refugee_council", "municipality",
	"religious_community", "company", "foundation", "initiative", "cooperative", "education", "other",
}

// ValidKind reports whether k is one of Kinds.
func ValidKind(k string) bool { return slices.Contains(Kinds, k) }

// KindLabel is the message id of a kind's name, for other modules that
// show or filter by kind (search).
func KindLabel(k string) string { return "organization.kind." + k }

// Role is what a member may do for an organisation.
type Role string

const (
	// Owner manages the members and edits the profile.
	Owner Role = "owner"
	// Editor edits the profile.
	Editor Role = "editor"
)

// Roles lists the roles, the strongest first.
var Roles = []Role{Owner, Editor}

// ValidRole reports whether r is a role.
func ValidRole(r string) bool { return slices.Contains(Roles, Role(r)) }

// Profile is what an organisation publishes about itself. All of it is
// public: that is what a directory is for.
type Profile struct {
	Name        string
	Kind        string
	Description string
	Website     string
	Email       string // public contact address
	Phone       string // public contact number
	Street      string
	Postcode    string
	City        string
	Languages   []string // codes of Languages, in their order
}

// Organization is an organisation as stored.
type Organization struct {
	ID string
	Profile
	CreatedAt  time.Time
	UpdatedAt  time.Time
	VerifiedAt *time.Time
	VerifiedBy string // the coordinator who verified it
	// What the coordinator verified: the name, website and kind then. A
	// change of one of them puts the organisation back in review
	// (ReviewSince) until a coordinator confirms it.
	VerifiedName, VerifiedWebsite, VerifiedKind string
	ReviewSince                                 *time.Time
}

// Verified reports whether a coordinator verified the organisation as it
// is now: not while a change of its name, website or kind waits for review.
func (o *Organization) Verified() bool { return o.VerifiedAt != nil && o.ReviewSince == nil }

// UnderReview reports whether the organisation was verified and changed
// its name, website or kind since; it then counts as verified nowhere, and
// its pages say under which name it was verified.
func (o *Organization) UnderReview() bool { return o.VerifiedAt != nil && o.ReviewSince != nil }

// identityChanged reports whether the name, website or kind differ from
// what the coordinator verified.
func (o *Organization) identityChanged() bool {
	return o.Name != o.VerifiedName || o.Website != o.VerifiedWebsite || o.Kind != o.VerifiedKind
}

// HasAddress reports whether any part of an address was given.
func (p *Profile) HasAddress() bool { return p.Street != "" || p.Postcode != "" || p.City != "" }

// Limits on what people type.
const (
	maxNameLen        = 120
	maxDescriptionLen = 5000
	maxStreetLen      = 120
	maxCityLen        = 80
)

// normalize trims every field, lower-cases the address, and puts the
// languages into list order without duplicates.
func (p *Profile) normalize() {
	p.Name = text.OneLine(p.Name)
	p.Kind = strings.TrimSpace(p.Kind)
	p.Description = text.MultiLine(p.Description)
	p.Website = strings.TrimSpace(p.Website)
	p.Email = account.NormalizeEmail(p.Email)
	p.Phone = text.OneLine(p.Phone)
	p.Street = text.OneLine(p.Street)
	p.Postcode = strings.TrimSpace(p.Postcode)
	p.City = text.OneLine(p.City)
	p.Languages = text.SortLanguages(p.Languages)
}

// Validate checks a normalized profile and returns field errors.
func (p *Profile) Validate() error {
	f := apperr.Fields{}
	check.Text(f, "name", p.Name, maxNameLen, true)
	switch {
	case p.Kind == "":
		f.Add("kind", "form.required")
	case !ValidKind(p.Kind):
		f.Add("kind", "form.invalid_choice")
	}
	check.Text(f, "description", p.Description, maxDescriptionLen, false)
	check.URL(f, "website", p.Website, false)
	if p.Email != "" && !account.ValidEmail(p.Email) {
		f.Add("email", "form.invalid_email")
	}
	check.Phone(f, "phone", p.Phone, false)
	check.Text(f, "street", p.Street, maxStreetLen, false)
	check.Text(f, "city", p.City, maxCityLen, false)
	check.Postcode(f, "postcode", p.Postcode, false)
	// An address needs at least the place: a street alone finds nobody.
	if p.HasAddress() {
		if p.Postcode == "" {
			f.Add("postcode", "organization.address.incomplete")
		}
		if p.City == "" {
			f.Add("city", "organization.address.incomplete")
		}
	}
	for _, l := range p.Languages {
		if !text.ValidLanguage(l) {
			f.Add("languages", "form.invalid_choice")
		}
	}
	return f.Err()
}
