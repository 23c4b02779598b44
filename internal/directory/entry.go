package directory

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
)

// Targets are the groups a service can be meant for, in the order forms
// offer them; each has the label "directory.target.<target>". A service
// with none is open to everybody.
var Targets = []string{
	"newcomers", "refugees", "women", "families", "children", "youth", "seniors", "lgbtiq", "disabled",
	"volunteers", "organizations",
}

// Costs of a service: free of charge, or with a fee explained in FeeNote.
const (
	Free = "free"
	Fee  = "fee"
)

// Access modes: how people reach a service.
var AccessModes = []string{"walk_in", "appointment", "referral"}

// Wheelchair access of a location ("" when unknown).
var WheelchairValues = []string{"yes", "partly", "no"}

// ServiceInput is what an editor writes about a service.
type ServiceInput struct {
	Name        string
	Description string
	Category    string // an id of the shared taxonomy
	Lang        string // language the entry is written in
	Cost        string // Free or Fee
	FeeNote     string
	WalkIn      bool
	Appointment bool
	Referral    bool
	Eligibility string
	Targets     []string
	Languages   []string // ISO 639 codes the service is offered in
	Phone       string
	Email       string
	Website     string
	LocationIDs []string // where it is offered: locations of the same organisation
}

// Service is one offer of an organisation, as stored.
type Service struct {
	ID             string
	OrganizationID string
	ServiceInput
	CreatedAt   time.Time
	UpdatedAt   time.Time
	ConfirmedAt time.Time // when an editor last said it is still right
	UpdatedBy   string
	ConfirmedBy string
	Places      []Place // its locations, loaded by the store
}

// Place is a location of a service with the id HSDS gives the pair.
type Place struct {
	LinkID string // service_at_location id
	*Location
}

// Access lists the service's access modes.
func (s *ServiceInput) Access() []string {
	var out []string
	for i, on := range []bool{s.WalkIn, s.Appointment, s.Referral} {
		if on {
			out = append(out, AccessModes[i])
		}
	}
	return out
}

// Speaks reports whether the service is offered in lang.
func (s *ServiceInput) Speaks(lang string) bool { return slices.Contains(s.Languages, lang) }

// Limits on what editors type.
const (
	maxNameLen        = 120
	maxDescriptionLen = 3000
	maxShortLen       = 200
	maxTextLen        = 1000
	maxStreetLen      = 120
	maxCityLen        = 80
)

// Normalize trims the fields and orders the lists.
func (s *ServiceInput) Normalize() {
	s.Name = text.OneLine(s.Name)
	s.Description = text.MultiLine(s.Description)
	s.Category = strings.TrimSpace(s.Category)
	s.Lang = text.CanonicalLanguage(s.Lang)
	s.Cost = strings.TrimSpace(s.Cost)
	s.FeeNote = text.OneLine(s.FeeNote)
	if s.Cost == Free {
		s.FeeNote = ""
	}
	s.Eligibility = text.MultiLine(s.Eligibility)
	s.Targets = ordered(s.Targets, Targets)
	s.Languages = text.SortLanguages(s.Languages)
	s.Phone = text.OneLine(s.Phone)
	s.Email = account.NormalizeEmail(s.Email)
	s.Website = strings.TrimSpace(s.Website)
	s.LocationIDs = unique(s.LocationIDs)
}

// Validate checks a normalized service.
func (s *ServiceInput) Validate() error {
	f := apperr.Fields{}
	check.Text(f, "name", s.Name, maxNameLen, true)
	check.Text(f, "description", s.Description, maxDescriptionLen, false)
	switch {
	case s.Category == "":
		f.Add("category", "form.required")
	case !taxonomy.Default().Valid(s.Category):
		f.Add("category", "form.invalid_choice")
	}
	if !text.ValidLanguage(s.Lang) {
		f.Add("lang", "form.invalid_choice")
	}
	switch s.Cost {
	case Free, Fee:
	case "":
		f.Add("cost", "form.required")
	default:
		f.Add("cost", "form.invalid_choice")
	}
	check.Text(f, "fee_note", s.FeeNote, maxShortLen, false)
	if !s.WalkIn && !s.Appointment && !s.Referral {
		f.Add("access", "directory.service.access_required")
	}
	check.Text(f, "eligibility", s.Eligibility, maxTextLen, false)
	for _, t := range s.Targets {
		if !slices.Contains(Targets, t) {
			f.Add("targets", "form.invalid_choice")
		}
	}
	if len(s.Languages) == 0 {
		f.Add("languages", "directory.service.languages_required")
	}
	for _, l := range s.Languages {
		if !text.ValidLanguage(l) {
			f.Add("languages", "form.invalid_choice")
		}
	}
	check.Phone(f, "phone", s.Phone, false)
	if s.Email != "" && !account.ValidEmail(s.Email) {
		f.Add("email", "form.invalid_email")
	}
	check.URL(f, "website", s.Website, false)
	for _, id := range s.LocationIDs {
		if !ids.Valid(id) {
			f.Add("locations", "form.invalid_choice")
		}
	}
	return f.Err()
}

// LocationInput is what an editor writes about a location.
type LocationInput struct {
	Name          string
	Street        string
	Postcode      string
	City          string
	AGS           string   // the municipality it lies in
	Lat, Lon      *float64 // nil when unknown
	Wheelchair    string   // one of WheelchairValues, or "" when unknown
	Accessibility string   // notes: steps, lift, toilet, hearing loop …
	Periods       []Period
}

// Location is an address where an organisation receives people.
type Location struct {
	ID             string
	OrganizationID string
	LocationInput
	Closures     []Closure
	CreatedAt    time.Time
	UpdatedAt    time.Time
	ConfirmedAt  time.Time
	UpdatedBy    string
	ConfirmedBy  string
	Municipality string // name of the municipality, loaded with it
}

// Hours are the location's opening hours.
func (l *Location) Hours() Hours { return Hours{Periods: l.Periods, Closures: l.Closures} }

// Title is the location's name, or its street when it has none.
func (l *Location) Title() string {
	if l.Name != "" {
		return l.Name
	}
	return l.Street
}

// HasPoint reports whether coordinates are known.
func (l *Location) HasPoint() bool { return l.Lat != nil && l.Lon != nil }

func (l *LocationInput) Normalize() {
	l.Name = text.OneLine(l.Name)
	l.Street = text.OneLine(l.Street)
	l.Postcode = strings.TrimSpace(l.Postcode)
	l.City = text.OneLine(l.City)
	l.AGS = strings.TrimSpace(l.AGS)
	l.Wheelchair = strings.TrimSpace(l.Wheelchair)
	l.Accessibility = text.MultiLine(l.Accessibility)
	h := Hours{Periods: l.Periods}
	h.normalize()
	l.Periods = h.Periods
}

// Validate checks a normalized location; whether the municipality exists
// is checked by the operation.
func (l *LocationInput) Validate() error {
	f := apperr.Fields{}
	check.Text(f, "name", l.Name, maxNameLen, false)
	check.Text(f, "street", l.Street, maxStreetLen, true)
	check.Postcode(f, "postcode", l.Postcode, true)
	check.Text(f, "city", l.City, maxCityLen, true)
	switch {
	case l.AGS == "":
		f.Add("ags", "directory.location.municipality_required")
	case !ValidAGS(l.AGS):
		f.Add("ags", "form.invalid_choice")
	}
	if (l.Lat == nil) != (l.Lon == nil) {
		f.Add("lat", "directory.location.point_incomplete")
	}
	if l.Lat != nil && (*l.Lat < -90 || *l.Lat > 90) {
		f.Add("lat", "directory.location.invalid_lat")
	}
	if l.Lon != nil && (*l.Lon < -180 || *l.Lon > 180) {
		f.Add("lon", "directory.location.invalid_lon")
	}
	if l.Wheelchair != "" && !slices.Contains(WheelchairValues, l.Wheelchair) {
		f.Add("wheelchair", "form.invalid_choice")
	}
	check.Text(f, "accessibility", l.Accessibility, maxTextLen, false)
	validatePeriods(l.Periods, f)
	return f.Err()
}

// parseCoordinate reads a decimal degree, with a point or a comma.
func parseCoordinate(s string) (*float64, bool) {
	s = strings.ReplaceAll(strings.TrimSpace(s), ",", ".")
	if s == "" {
		return nil, true
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return nil, false
	}
	return &v, true
}

// formatCoordinate writes a degree for a form field.
func formatCoordinate(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}

// Municipality is a town or rural municipality, named by its official key.
type Municipality struct {
	AGS            string // Amtlicher Gemeindeschlüssel, eight digits
	Name           string
	State          string // two digits: the first two of the AGS
	OrganizationID string // the municipality's own organisation, if it has one here
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// StateName is the state's name.
func (m *Municipality) StateName() string { return States[m.State] }

// States are the German federal states by the key that begins every AGS
// in them. Their names are proper names and shown as they are.
var States = map[string]string{
	"01": "Schleswig-Holstein", "02": "Hamburg", "03": "Niedersachsen", "04": "Bremen",
	"05": "Nordrhein-Westfalen", "06": "Hessen", "07": "Rheinland-Pfalz", "08": "Baden-Württemberg",
	"09": "Bayern", "10": "Saarland", "11": "Berlin", "12": "Brandenburg", "13": "Mecklenburg-Vorpommern",
	"14": "Sachsen", "15": "Sachsen-Anhalt", "16": "Thüringen",
}

// StateKeys lists the state keys in order.
func StateKeys() []string {
	keys := make([]string, 0, len(States))
	for k := range States {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// ValidAGS reports whether s looks like a municipality key: eight digits
// beginning with a state's key.
func ValidAGS(s string) bool {
	if len(s) != 8 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	_, ok := States[s[:2]]
	return ok
}

func (m *Municipality) Normalize() {
	m.AGS = strings.ReplaceAll(strings.TrimSpace(m.AGS), " ", "")
	m.Name = text.OneLine(m.Name)
	m.State = strings.TrimSpace(m.State)
	m.OrganizationID = strings.TrimSpace(m.OrganizationID)
}

// Validate checks a normalized municipality.
func (m *Municipality) Validate() error {
	f := apperr.Fields{}
	switch {
	case m.AGS == "":
		f.Add("ags", "form.required")
	case !ValidAGS(m.AGS):
		f.Add("ags", "directory.municipality.invalid_ags")
	}
	check.Text(f, "name", m.Name, maxNameLen, true)
	switch {
	case m.State == "":
		f.Add("state", "form.required")
	case States[m.State] == "":
		f.Add("state", "form.invalid_choice")
	case len(f) == 0 && m.AGS[:2] != m.State:
		f.Add("state", "directory.municipality.state_mismatch")
	}
	if m.OrganizationID != "" && !ids.Valid(m.OrganizationID) {
		f.Add("organization_id", "form.invalid_choice")
	}
	return f.Err()
}

// Fact is a number or fact about a municipality, with its date and source.
type Fact struct {
	ID        string
	AGS       string
	Label     string // "Geflüchtete in Gemeinschaftsunterkünften"
	Value     string // "1 240"
	AsOf      Day
	Source    string // "Stadt Kassel, Sozialbericht 2025"
	SourceURL string
	Lang      string
	CreatedAt time.Time
}

func (x *Fact) normalize() {
	x.Label, x.Value, x.Source = text.OneLine(x.Label), text.OneLine(x.Value), text.OneLine(x.Source)
	x.SourceURL, x.Lang = strings.TrimSpace(x.SourceURL), text.CanonicalLanguage(x.Lang)
	x.AsOf = Day(strings.TrimSpace(string(x.AsOf)))
}

func (x *Fact) validate() error {
	f := apperr.Fields{}
	check.Text(f, "label", x.Label, maxShortLen, true)
	check.Text(f, "value", x.Value, maxShortLen, true)
	if x.AsOf == "" {
		f.Add("as_of", "form.required")
	} else if _, ok := ParseDay(string(x.AsOf)); !ok {
		f.Add("as_of", "directory.form.invalid_date")
	}
	check.Text(f, "source", x.Source, maxShortLen, true)
	check.URL(f, "source_url", x.SourceURL, false)
	if !text.ValidLanguage(x.Lang) {
		f.Add("lang", "form.invalid_choice")
	}
	return f.Err()
}

// Link is a useful local web address.
type Link struct {
	ID        string
	AGS       string
	Title     string
	URL       string
	Lang      string
	CreatedAt time.Time
}

func (x *Link) normalize() {
	x.Title, x.URL, x.Lang = text.OneLine(x.Title), strings.TrimSpace(x.URL), text.CanonicalLanguage(x.Lang)
}

func (x *Link) validate() error {
	f := apperr.Fields{}
	check.Text(f, "title", x.Title, maxShortLen, true)
	check.URL(f, "url", x.URL, true)
	if !text.ValidLanguage(x.Lang) {
		f.Add("lang", "form.invalid_choice")
	}
	return f.Err()
}

// ---- small helpers shared by the model ----

// ordered returns the values of list that are in values, in list's order,
// followed by unknown values (so validation can name them).
func ordered(values, list []string) []string {
	out := []string{}
	for _, l := range list {
		if slices.Contains(values, l) {
			out = append(out, l)
		}
	}
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func unique(values []string) []string {
	out := []string{}
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
