package hsds

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"
	"github.com/google/uuid"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/directory"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/paging"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
)

// The public directory in Open Referral's Human Services Data
// Specification (HSDS) 3.0: organisations, services, locations, the pairs
// of service and location, weekly schedules as iCalendar recurrence
// fields, languages, phones and addresses.
//
// Mapping:
//   - An organisation's kind, a service's category, target groups, ways of
//     access and the language its text is written in are attributes whose
//     taxonomy_term names a teilhabe taxonomy ("teilhabe:organization_kind",
//     "teilhabe:category", "teilhabe:target", "teilhabe:access",
//     "teilhabe:content_language") with our id as the term's code.
//   - A location's municipality is its external_identifier of type "AGS"
//     (the official key), the municipality's name its address's region.
//   - Weekly hours are schedules with freq WEEKLY, one weekday in byday and
//     opens_at/closes_at in German local time (Europe/Berlin; HSDS's
//     timezone field is a fixed UTC offset and cannot say "summer time").
//     An exception is a schedule without freq from valid_from to
//     valid_to: without opens_at the location is closed then.
//   - assured_date is when an editor last confirmed the service.
//   - Records keep the id they were imported with; nested records without
//     an id of their own here (phones, languages, schedules, addresses,
//     attributes) get UUIDs derived from their parent's id and content, so
//     the same directory always exports the same document.

// HSDS records. Lists that a record always has are written even when
// empty; optional values are left out when empty.

type HSDSOrganization struct {
	ID          string          `json:"id" format:"uuid"`
	Name        string          `json:"name"`
	Description string          `json:"description"`
	Email       string          `json:"email,omitempty"`
	Website     string          `json:"website,omitempty"`
	Phones      []HSDSPhone     `json:"phones"`
	Locations   []HSDSLocation  `json:"locations,omitempty"`
	Attributes  []HSDSAttribute `json:"attributes"`
}

type HSDSService struct {
	ID                     string                  `json:"id" format:"uuid"`
	OrganizationID         string                  `json:"organization_id" format:"uuid"`
	Name                   string                  `json:"name"`
	Description            string                  `json:"description"`
	URL                    string                  `json:"url,omitempty"`
	Email                  string                  `json:"email,omitempty"`
	Status                 string                  `json:"status"`
	ApplicationProcess     string                  `json:"application_process,omitempty"`
	FeesDescription        string                  `json:"fees_description,omitempty"`
	EligibilityDescription string                  `json:"eligibility_description,omitempty"`
	AssuredDate            string                  `json:"assured_date,omitempty"`
	LastModified           string                  `json:"last_modified,omitempty"`
	Phones                 []HSDSPhone             `json:"phones"`
	ServiceAtLocations     []HSDSServiceAtLocation `json:"service_at_locations"`
	Languages              []HSDSLanguage          `json:"languages"`
	Organization           *HSDSOrganization       `json:"organization,omitempty"`
	CostOptions            []HSDSCostOption        `json:"cost_options"`
	Attributes             []HSDSAttribute         `json:"attributes"`
}

type HSDSServiceAtLocation struct {
	ID         string        `json:"id" format:"uuid"`
	ServiceID  string        `json:"service_id" format:"uuid"`
	LocationID string        `json:"location_id" format:"uuid"`
	Location   *HSDSLocation `json:"location,omitempty"`
}

type HSDSLocation struct {
	ID                     string              `json:"id" format:"uuid"`
	LocationType           string              `json:"location_type"`
	OrganizationID         string              `json:"organization_id,omitempty"`
	Name                   string              `json:"name,omitempty"`
	Latitude               *float64            `json:"latitude,omitempty"`
	Longitude              *float64            `json:"longitude,omitempty"`
	ExternalIdentifier     string              `json:"external_identifier,omitempty"`
	ExternalIdentifierType string              `json:"external_identifier_type,omitempty"`
	Addresses              []HSDSAddress       `json:"addresses"`
	Accessibility          []HSDSAccessibility `json:"accessibility"`
	Schedules              []HSDSSchedule      `json:"schedules"`
}

type HSDSAddress struct {
	ID            string `json:"id" format:"uuid"`
	LocationID    string `json:"location_id,omitempty"`
	Address1      string `json:"address_1"`
	City          string `json:"city"`
	Region        string `json:"region,omitempty"`
	StateProvince string `json:"state_province"`
	PostalCode    string `json:"postal_code"`
	Country       string `json:"country"`
	AddressType   string `json:"address_type"`
}

type HSDSAccessibility struct {
	ID          string `json:"id" format:"uuid"`
	LocationID  string `json:"location_id,omitempty"`
	Description string `json:"description,omitempty"`
	Details     string `json:"details,omitempty"`
}

type HSDSSchedule struct {
	ID          string `json:"id" format:"uuid"`
	LocationID  string `json:"location_id,omitempty"`
	ValidFrom   string `json:"valid_from,omitempty"`
	ValidTo     string `json:"valid_to,omitempty"`
	Freq        string `json:"freq,omitempty"`
	Wkst        string `json:"wkst,omitempty"`
	Byday       string `json:"byday,omitempty"`
	OpensAt     string `json:"opens_at,omitempty"`
	ClosesAt    string `json:"closes_at,omitempty"`
	Description string `json:"description,omitempty"`
	Notes       string `json:"notes,omitempty"`
}

type HSDSPhone struct {
	ID             string `json:"id" format:"uuid"`
	OrganizationID string `json:"organization_id,omitempty"`
	ServiceID      string `json:"service_id,omitempty"`
	Number         string `json:"number"`
}

type HSDSLanguage struct {
	ID        string `json:"id" format:"uuid"`
	ServiceID string `json:"service_id,omitempty"`
	Name      string `json:"name,omitempty"`
	Code      string `json:"code,omitempty"`
}

type HSDSCostOption struct {
	ID                string `json:"id" format:"uuid"`
	ServiceID         string `json:"service_id,omitempty"`
	Option            string `json:"option,omitempty"`
	AmountDescription string `json:"amount_description,omitempty"`
}

type HSDSAttribute struct {
	ID           string            `json:"id" format:"uuid"`
	LinkID       string            `json:"link_id,omitempty"`
	LinkType     string            `json:"link_type,omitempty"`
	LinkEntity   string            `json:"link_entity,omitempty"`
	Value        string            `json:"value,omitempty"`
	TaxonomyTerm *HSDSTaxonomyTerm `json:"taxonomy_term,omitempty"`
}

type HSDSTaxonomyTerm struct {
	ID          string `json:"id" format:"uuid"`
	Code        string `json:"code,omitempty"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Taxonomy    string `json:"taxonomy,omitempty"`
}

// Taxonomies of the attributes.
const (
	taxKind     = "teilhabe:organization_kind"
	taxCategory = "teilhabe:category"
	taxTarget   = "teilhabe:target"
	taxAccess   = "teilhabe:access"
	taxLang     = "teilhabe:content_language"
)

// hsdsNamespace derives the ids of nested records.
var hsdsNamespace = uuid.MustParse("5f3c2a4e-8f0b-4c55-9a71-2d7f1c6e9b10")

func derivedID(parent, what string) string {
	return uuid.NewSHA1(hsdsNamespace, []byte(parent+"|"+what)).String()
}

// exporter turns the directory into HSDS records.
type exporter struct {
	m      *Module
	ids    map[string]map[string]string // kind → local id → HSDS id
	munis  map[string]*directory.Municipality
	byLoc  map[string]*directory.Location
	orgs   map[string]*organization.Organization
	svcs   []*directory.Service
	locsOf map[string][]*directory.Location
}

func (m *Module) newExporter(ctx context.Context) (*exporter, error) {
	x := &exporter{m: m, ids: map[string]map[string]string{}, munis: map[string]*directory.Municipality{},
		byLoc: map[string]*directory.Location{}, orgs: map[string]*organization.Organization{}, locsOf: map[string][]*directory.Location{}}
	for _, kind := range []string{"organization", "service", "location", "service_at_location"} {
		ids, err := hsdsIDs(ctx, m.s.DB, kind)
		if err != nil {
			return nil, err
		}
		x.ids[kind] = ids
	}
	munis, err := m.dir.Municipalities(ctx)
	if err != nil {
		return nil, err
	}
	for _, mu := range munis {
		mu := mu
		x.munis[mu.AGS] = &mu.Municipality
	}
	orgs, err := m.orgs.All(ctx)
	if err != nil {
		return nil, err
	}
	for _, o := range orgs {
		x.orgs[o.ID] = o
	}
	locs, svcs, err := m.dir.Entries(ctx)
	if err != nil {
		return nil, err
	}
	x.svcs = svcs
	for _, l := range locs {
		x.byLoc[l.ID] = l
		x.locsOf[l.OrganizationID] = append(x.locsOf[l.OrganizationID], l)
	}
	return x, nil
}

// id is the HSDS id of a record: the one it was imported with, or ours.
func (x *exporter) id(kind, local string) string {
	if h, ok := x.ids[kind][local]; ok {
		return h
	}
	return local
}

func (x *exporter) en(id string) string { return x.m.s.Catalog.Localizer("en").T(id) }

func (x *exporter) attribute(linkID, linkType, tax, code, name string) HSDSAttribute {
	return HSDSAttribute{
		ID: derivedID(linkID, "attribute|"+tax+"|"+code), LinkID: linkID, LinkType: linkType, LinkEntity: linkType,
		Value: code,
		TaxonomyTerm: &HSDSTaxonomyTerm{ID: derivedID(hsdsNamespace.String(), "term|"+tax+"|"+code), Code: code,
			Name: name, Description: "", Taxonomy: tax},
	}
}

func (x *exporter) organization(o *organization.Organization, withLocations bool) HSDSOrganization {
	id := x.id("organization", o.ID)
	h := HSDSOrganization{ID: id, Name: o.Name, Description: o.Description, Email: o.Email, Website: o.Website,
		Phones: []HSDSPhone{}, Attributes: []HSDSAttribute{x.attribute(id, "organization", taxKind, o.Kind,
			x.en("organization.kind."+o.Kind))}}
	if o.Phone != "" {
		h.Phones = append(h.Phones, HSDSPhone{ID: derivedID(id, "phone"), OrganizationID: id, Number: o.Phone})
	}
	if withLocations {
		for _, l := range x.locsOf[o.ID] {
			h.Locations = append(h.Locations, x.location(l))
		}
		slices.SortFunc(h.Locations, func(a, b HSDSLocation) int { return strings.Compare(a.ID, b.ID) })
	}
	return h
}

func (x *exporter) location(l *directory.Location) HSDSLocation {
	id := x.id("location", l.ID)
	h := HSDSLocation{ID: id, LocationType: "physical", OrganizationID: x.id("organization", l.OrganizationID),
		Name: l.Name, Latitude: l.Lat, Longitude: l.Lon, ExternalIdentifier: l.AGS, ExternalIdentifierType: "AGS",
		Addresses: []HSDSAddress{}, Accessibility: []HSDSAccessibility{}, Schedules: []HSDSSchedule{}}
	a := HSDSAddress{ID: derivedID(id, "address"), LocationID: id, Address1: l.Street, City: l.City, PostalCode: l.Postcode,
		Country: "DE", AddressType: "physical"}
	if mu := x.munis[l.AGS]; mu != nil {
		a.Region, a.StateProvince = mu.Name, mu.StateName()
	}
	h.Addresses = append(h.Addresses, a)
	if l.Wheelchair != "" || l.Accessibility != "" {
		acc := HSDSAccessibility{ID: derivedID(id, "accessibility"), LocationID: id, Details: l.Accessibility}
		if l.Wheelchair != "" {
			acc.Description = "wheelchair: " + l.Wheelchair
		}
		h.Accessibility = append(h.Accessibility, acc)
	}
	for _, p := range l.Periods {
		day := directory.ICalDay(p.Weekday)
		h.Schedules = append(h.Schedules, HSDSSchedule{
			ID:         derivedID(id, "weekly|"+day+"|"+p.Opens.String()+"|"+p.Closes.String()),
			LocationID: id, Freq: "WEEKLY", Wkst: "MO", Byday: day, OpensAt: p.Opens.String(), ClosesAt: p.Closes.String(),
			Description: day + " " + p.Opens.String() + "-" + p.Closes.String() + " Europe/Berlin",
		})
	}
	for _, c := range l.Closures {
		s := HSDSSchedule{LocationID: id, ValidFrom: string(c.First), ValidTo: string(c.Last), Description: "closed", Notes: c.Note}
		if !c.Closed {
			s.OpensAt, s.ClosesAt, s.Description = c.Opens.String(), c.Closes.String(), "special opening hours, Europe/Berlin"
		}
		s.ID = derivedID(id, "exception|"+s.ValidFrom+"|"+s.ValidTo+"|"+s.OpensAt+"|"+s.ClosesAt+"|"+s.Notes)
		h.Schedules = append(h.Schedules, s)
	}
	return h
}

func (x *exporter) serviceAtLocation(s *directory.Service, p directory.Place) HSDSServiceAtLocation {
	loc := x.location(p.Location)
	return HSDSServiceAtLocation{ID: x.id("service_at_location", p.LinkID), ServiceID: x.id("service", s.ID),
		LocationID: loc.ID, Location: &loc}
}

func (x *exporter) service(s *directory.Service) HSDSService {
	id := x.id("service", s.ID)
	o := x.orgs[s.OrganizationID]
	h := HSDSService{ID: id, OrganizationID: x.id("organization", s.OrganizationID), Name: s.Name, Description: s.Description,
		URL: s.Website, Email: s.Email, Status: "active", FeesDescription: s.FeeNote, EligibilityDescription: s.Eligibility,
		ApplicationProcess: x.accessText(s), AssuredDate: string(directory.DayOf(s.ConfirmedAt)),
		LastModified: s.UpdatedAt.UTC().Format(time.RFC3339Nano), Phones: []HSDSPhone{},
		ServiceAtLocations: []HSDSServiceAtLocation{}, Languages: []HSDSLanguage{},
		CostOptions: []HSDSCostOption{{ID: derivedID(id, "cost"), ServiceID: id, Option: s.Cost, AmountDescription: s.FeeNote}},
		Attributes:  []HSDSAttribute{}}
	if o != nil {
		org := x.organization(o, false)
		h.Organization = &org
	}
	if s.Phone != "" {
		h.Phones = append(h.Phones, HSDSPhone{ID: derivedID(id, "phone"), ServiceID: id, Number: s.Phone})
	}
	for _, p := range s.Places {
		h.ServiceAtLocations = append(h.ServiceAtLocations, x.serviceAtLocation(s, p))
	}
	slices.SortFunc(h.ServiceAtLocations, func(a, b HSDSServiceAtLocation) int { return strings.Compare(a.ID, b.ID) })
	for _, l := range s.Languages {
		h.Languages = append(h.Languages, HSDSLanguage{ID: derivedID(id, "language|"+l), ServiceID: id,
			Name: x.en("lang." + l), Code: l})
	}
	h.Attributes = append(h.Attributes, x.attribute(id, "service", taxCategory, s.Category, taxonomy.Default().Name(s.Category, "en")))
	for _, t := range s.Targets {
		h.Attributes = append(h.Attributes, x.attribute(id, "service", taxTarget, t, x.en("directory.target."+t)))
	}
	for _, a := range s.Access() {
		h.Attributes = append(h.Attributes, x.attribute(id, "service", taxAccess, a, x.en("directory.access."+a)))
	}
	h.Attributes = append(h.Attributes, x.attribute(id, "service", taxLang, s.Lang, x.en("lang."+s.Lang)))
	return h
}

// accessText says in English how to get in, for HSDS readers that do not
// know our attributes.
func (x *exporter) accessText(s *directory.Service) string {
	var parts []string
	for _, a := range s.Access() {
		parts = append(parts, x.en("directory.access."+a))
	}
	return strings.Join(parts, "; ")
}

// Organizations lists every organisation with its locations, by name.
func (x *exporter) Organizations() []HSDSOrganization {
	var out []HSDSOrganization
	for _, o := range x.orgs {
		out = append(out, x.organization(o, true))
	}
	slices.SortFunc(out, func(a, b HSDSOrganization) int { return byNameThenID(a.Name, a.ID, b.Name, b.ID) })
	return out
}

// Services lists every service, by name.
func (x *exporter) Services() []HSDSService {
	out := make([]HSDSService, 0, len(x.svcs))
	for _, s := range x.svcs {
		out = append(out, x.service(s))
	}
	slices.SortFunc(out, func(a, b HSDSService) int { return byNameThenID(a.Name, a.ID, b.Name, b.ID) })
	return out
}

// ServiceAtLocations lists every pair of service and location.
func (x *exporter) ServiceAtLocations() []HSDSServiceAtLocation {
	var out []HSDSServiceAtLocation
	for _, s := range x.svcs {
		for _, p := range s.Places {
			out = append(out, x.serviceAtLocation(s, p))
		}
	}
	slices.SortFunc(out, func(a, b HSDSServiceAtLocation) int { return strings.Compare(a.ID, b.ID) })
	return out
}

func byNameThenID(an, aid, bn, bid string) int {
	if c := strings.Compare(text.Fold(an), text.Fold(bn)); c != 0 {
		return c
	}
	return strings.Compare(aid, bid)
}

// HSDSDataset is everything the directory publishes as one HSDS document:
// the organisations (with their locations) followed by the services (with
// their organisation and locations), the form the importer reads.
func (m *Module) HSDSDataset(ctx context.Context) ([]any, error) {
	x, err := m.newExporter(ctx)
	if err != nil {
		return nil, err
	}
	var out []any
	for _, o := range x.Organizations() {
		out = append(out, o)
	}
	for _, s := range x.Services() {
		out = append(out, s)
	}
	return out, nil
}

// ---- the HSDS API ----

// HSDSPage is HSDS's paging envelope.
type HSDSPage[T any] struct {
	TotalItems int  `json:"total_items"`
	TotalPages int  `json:"total_pages"`
	PageNumber int  `json:"page_number"`
	Size       int  `json:"size" doc:"Number of records on this page."`
	FirstPage  bool `json:"first_page"`
	LastPage   bool `json:"last_page"`
	Empty      bool `json:"empty"`
	Contents   []T  `json:"contents"`
}

// page cuts one page out of all records. A page past the end, however
// far, is empty.
func page[T any](all []T, number, perPage int) HSDSPage[T] {
	p := HSDSPage[T]{TotalItems: len(all), PageNumber: number, Contents: []T{}}
	p.TotalPages = (len(all) + perPage - 1) / perPage
	if p.TotalPages == 0 {
		p.TotalPages = 1
	}
	if start := paging.Offset(number, perPage); start < len(all) {
		p.Contents = all[start:min(start+perPage, len(all))]
	}
	p.Size = len(p.Contents)
	p.FirstPage, p.LastPage, p.Empty = number == 1, number >= p.TotalPages, len(all) == 0
	return p
}

// hsdsPageInput is the input of a list without filters. Each input of a
// list names the paging fields itself: huma reads no parameters of an
// embedded struct in a type with a Resolve method.
type hsdsPageInput struct {
	Page    int `query:"page" minimum:"1" default:"1" doc:"Page number, from 1; a page past the last is empty."`
	PerPage int `query:"per_page" minimum:"1" maximum:"200" default:"50"`
}

type hsdsIDInput struct {
	ID string `path:"id" doc:"The record's HSDS id."`
}

// Resolve refuses every query parameter.
func (in *hsdsIDInput) Resolve(ctx huma.Context) []error { return refuseUnknown(ctx) }

// localOf finds the local id of an HSDS id.
func (m *Module) localOf(ctx context.Context, kind, id string) (string, error) {
	id = strings.ToLower(id)
	local, err := hsdsLocal(ctx, m.s.DB, kind, id)
	if err != nil {
		return "", err
	}
	if local != "" {
		return local, nil
	}
	return id, nil
}

// RegisterAPI serves the directory as HSDS 3.0 records.
func (m *Module) RegisterAPI(a huma.API) {
	tags := []string{"Open Referral HSDS"}
	prefix := api.Prefix + "/hsds"
	m.registerReferenceAPI(a, prefix, tags)
	huma.Register(a, huma.Operation{OperationID: "hsds-list-organizations", Method: http.MethodGet, Path: prefix + "/organizations",
		Tags: tags, Summary: "Organisations (HSDS 3.0)", Description: "Every organisation with its locations."},
		func(ctx context.Context, in *hsdsOrganizationsInput) (*struct{ Body HSDSPage[HSDSOrganization] }, error) {
			x, err := m.newExporter(ctx)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			orgs := filter(x.Organizations(), func(o HSDSOrganization) bool { return matches(in.Search, o.Name, o.Description) })
			return &struct{ Body HSDSPage[HSDSOrganization] }{page(orgs, in.Page, in.PerPage)}, nil
		})
	huma.Register(a, huma.Operation{OperationID: "hsds-get-organization", Method: http.MethodGet, Path: prefix + "/organizations/{id}",
		Tags: tags, Summary: "An organisation (HSDS 3.0)"},
		func(ctx context.Context, in *hsdsIDInput) (*struct{ Body HSDSOrganization }, error) {
			x, err := m.newExporter(ctx)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			local, err := m.localOf(ctx, "organization", in.ID)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			o := x.orgs[local]
			if o == nil {
				return nil, api.Err(ctx, apperr.New(apperr.NotFound, ""))
			}
			return &struct{ Body HSDSOrganization }{x.organization(o, true)}, nil
		})
	huma.Register(a, huma.Operation{OperationID: "hsds-list-services", Method: http.MethodGet, Path: prefix + "/services",
		Tags: tags, Summary: "Services (HSDS 3.0)", Description: "Every service with its organisation, locations and schedules."},
		func(ctx context.Context, in *hsdsServicesInput) (*struct{ Body HSDSPage[HSDSService] }, error) {
			x, err := m.newExporter(ctx)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			return &struct{ Body HSDSPage[HSDSService] }{page(filter(x.Services(), in.keeps), in.Page, in.PerPage)}, nil
		})
	huma.Register(a, huma.Operation{OperationID: "hsds-get-service", Method: http.MethodGet, Path: prefix + "/services/{id}",
		Tags: tags, Summary: "A service (HSDS 3.0)"},
		func(ctx context.Context, in *hsdsIDInput) (*struct{ Body HSDSService }, error) {
			x, err := m.newExporter(ctx)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			local, err := m.localOf(ctx, "service", in.ID)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			for _, s := range x.svcs {
				if s.ID == local {
					return &struct{ Body HSDSService }{x.service(s)}, nil
				}
			}
			return nil, api.Err(ctx, apperr.New(apperr.NotFound, ""))
		})
	huma.Register(a, huma.Operation{OperationID: "hsds-list-service-at-locations", Method: http.MethodGet,
		Path: prefix + "/service_at_locations", Tags: tags, Summary: "Services at locations (HSDS 3.0)"},
		func(ctx context.Context, in *hsdsPageInput) (*struct {
			Body HSDSPage[HSDSServiceAtLocation]
		}, error) {
			x, err := m.newExporter(ctx)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			return &struct {
				Body HSDSPage[HSDSServiceAtLocation]
			}{page(x.ServiceAtLocations(), in.Page, in.PerPage)}, nil
		})
	huma.Register(a, huma.Operation{OperationID: "hsds-get-service-at-location", Method: http.MethodGet,
		Path: prefix + "/service_at_locations/{id}", Tags: tags, Summary: "A service at a location (HSDS 3.0)"},
		func(ctx context.Context, in *hsdsIDInput) (*struct{ Body HSDSServiceAtLocation }, error) {
			x, err := m.newExporter(ctx)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			local, err := m.localOf(ctx, "service_at_location", in.ID)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			for _, s := range x.svcs {
				for _, p := range s.Places {
					if p.LinkID == local {
						return &struct{ Body HSDSServiceAtLocation }{x.serviceAtLocation(s, p)}, nil
					}
				}
			}
			return nil, api.Err(ctx, apperr.New(apperr.NotFound, ""))
		})
}
