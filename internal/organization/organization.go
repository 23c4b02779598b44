package organization

import (
	"slices"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/check"
)

// Kinds are the kinds of organisation, in the order forms offer them; each
// has the label "organization.kind.<kind>".
var Kinds = []string{
	"volunteer_agency", "migrant_organization", "welfare_association", "refugee_council", "municipality",
	"religious_community", "company", "foundation", "initiative", "cooperative", "education", "other",
}

// ValidKind reports whether k is one of Kinds.
func ValidKind(k string) bool { return slices.Contains(Kinds, k) }

// Languages are the languages an organisation can say it speaks, by ISO
// 639 code, in the order forms offer them: German and the platform's
// languages first, then the languages newcomers and their helpers often
// speak. Each has the label "organization.lang.<code>". "prs" is Dari and
// "gsg" German Sign Language (ISO 639-3).
var Languages = []string{
	"de", "en", "ar", "fa", "uk", "tr",
	"prs", "ps", "ku", "ru", "ti", "so", "am", "fr", "es", "it", "pt", "pl", "ro", "bg", "sq", "sr", "hr",
	"bs", "mk", "el", "hu", "ka", "hy", "az", "ur", "hi", "bn", "ta", "vi", "zh", "sw", "gsg",
}

// ValidLanguage reports whether code is one of Languages.
func ValidLanguage(code string) bool { return slices.Contains(Languages, code) }

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
}

// Verified reports whether a coordinator verified the organisation.
func (o *Organization) Verified() bool { return o.VerifiedAt != nil }

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
	p.Name = strings.Join(strings.Fields(p.Name), " ")
	p.Kind = strings.TrimSpace(p.Kind)
	p.Description = strings.TrimSpace(strings.ReplaceAll(p.Description, "\r\n", "\n"))
	p.Website = strings.TrimSpace(p.Website)
	p.Email = account.NormalizeEmail(p.Email)
	p.Phone = strings.Join(strings.Fields(p.Phone), " ")
	p.Street = strings.Join(strings.Fields(p.Street), " ")
	p.Postcode = strings.TrimSpace(p.Postcode)
	p.City = strings.Join(strings.Fields(p.City), " ")
	p.Languages = sortLanguages(p.Languages)
}

// sortLanguages returns codes in the order of Languages, once each; unknown
// codes come last so validation can name them.
func sortLanguages(codes []string) []string {
	out := []string{}
	for _, l := range Languages {
		if slices.Contains(codes, l) {
			out = append(out, l)
		}
	}
	for _, c := range codes {
		if c = strings.TrimSpace(c); c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
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
		if !ValidLanguage(l) {
			f.Add("languages", "form.invalid_choice")
		}
	}
	return f.Err()
}

// fold makes the key that names are filtered and sorted by: lower case,
// without accents or vowel marks, ß as ss. Both engines then compare the
// same text, and "Turk" finds "Türk".
func fold(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "ß", "ss")
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}
