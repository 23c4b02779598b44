package directory

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/taxonomy"
)

// ---- what the API shows ----

// APIPlace is a location where a service is offered.
type APIPlace struct {
	ID         string `json:"id" format:"uuid" doc:"Id of the pair of service and location (HSDS service_at_location)."`
	LocationID string `json:"location_id" format:"uuid"`
}

// APIService is a service as the API shows it.
type APIService struct {
	ID             string     `json:"id" format:"uuid"`
	OrganizationID string     `json:"organization_id" format:"uuid"`
	Name           string     `json:"name"`
	Description    string     `json:"description"`
	Category       string     `json:"category" doc:"Id of the shared taxonomy, e.g. legal_advice.asylum_counselling."`
	Need           string     `json:"need" doc:"Heading of municipality pages: arrived, housing, work, health, children, language, legal, volunteering."`
	Lang           string     `json:"lang" doc:"Language the entry is written in."`
	Cost           string     `json:"cost" enum:"free,fee"`
	FeeNote        string     `json:"fee_note"`
	Access         []string   `json:"access" doc:"walk_in, appointment, referral."`
	Eligibility    string     `json:"eligibility"`
	Targets        []string   `json:"targets" doc:"Groups it is meant for; empty for everybody."`
	Languages      []string   `json:"languages" doc:"ISO 639 codes it is offered in."`
	Phone          string     `json:"phone"`
	Email          string     `json:"email"`
	Website        string     `json:"website"`
	Locations      []APIPlace `json:"locations"`
	CreatedAt      time.Time  `json:"created_at"`
	UpdatedAt      time.Time  `json:"updated_at"`
	ConfirmedAt    time.Time  `json:"confirmed_at" doc:"When an editor last said the entry is right."`
}

func apiService(s *Service) APIService {
	out := APIService{ID: s.ID, OrganizationID: s.OrganizationID, Name: s.Name, Description: s.Description,
		Category: s.Category, Need: NeedOf(s.Category), Lang: s.Lang, Cost: s.Cost, FeeNote: s.FeeNote,
		Access: nonNil(s.Access()), Eligibility: s.Eligibility, Targets: nonNil(s.Targets), Languages: nonNil(s.Languages),
		Phone: s.Phone, Email: s.Email, Website: s.Website, Locations: []APIPlace{}, CreatedAt: s.CreatedAt,
		UpdatedAt: s.UpdatedAt, ConfirmedAt: s.ConfirmedAt}
	for _, p := range s.Places {
		out.Locations = append(out.Locations, APIPlace{ID: p.LinkID, LocationID: p.ID})
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// ServiceBody is what a client sends to create or replace a service.
type ServiceBody struct {
	Name        string   `json:"name" minLength:"1" maxLength:"120"`
	Description string   `json:"description,omitempty" maxLength:"3000"`
	Category    string   `json:"category" doc:"Id of the shared taxonomy."`
	Lang        string   `json:"lang" minLength:"2" maxLength:"3" doc:"Language the entry is written in (ISO 639)."`
	Cost        string   `json:"cost" enum:"free,fee"`
	FeeNote     string   `json:"fee_note,omitempty" maxLength:"200"`
	Access      []string `json:"access" doc:"At least one of walk_in, appointment, referral."`
	Eligibility string   `json:"eligibility,omitempty" maxLength:"1000"`
	Targets     []string `json:"targets,omitempty"`
	Languages   []string `json:"languages" doc:"ISO 639 codes, at least one."`
	Phone       string   `json:"phone,omitempty"`
	Email       string   `json:"email,omitempty"`
	Website     string   `json:"website,omitempty"`
	LocationIDs []string `json:"location_ids,omitempty" doc:"Locations of the same organisation where it is offered."`
}

// TransformSchema lists the taxonomy's categories in the document.
func (ServiceBody) TransformSchema(_ huma.Registry, s *huma.Schema) *huma.Schema {
	return taxonomy.EnumerateCategories(s, "category")
}

func (b *ServiceBody) input() ServiceInput {
	in := ServiceInput{Name: b.Name, Description: b.Description, Category: b.Category, Lang: b.Lang, Cost: b.Cost,
		FeeNote: b.FeeNote, Eligibility: b.Eligibility, Targets: b.Targets, Languages: b.Languages, Phone: b.Phone,
		Email: b.Email, Website: b.Website, LocationIDs: b.LocationIDs}
	for _, a := range b.Access {
		switch a {
		case "walk_in":
			in.WalkIn = true
		case "appointment":
			in.Appointment = true
		case "referral":
			in.Referral = true
		}
	}
	return in
}

// APIPeriod is a weekly opening period in German local time.
type APIPeriod struct {
	Day    int    `json:"day" minimum:"1" maximum:"7" doc:"1 Monday … 7 Sunday."`
	Opens  string `json:"opens" doc:"HH:MM"`
	Closes string `json:"closes" doc:"HH:MM; 24:00 for midnight."`
}

// APIClosure is an exception to the weekly hours.
type APIClosure struct {
	ID     string `json:"id" format:"uuid"`
	First  string `json:"first" format:"date"`
	Last   string `json:"last" format:"date"`
	Closed bool   `json:"closed"`
	Opens  string `json:"opens,omitempty"`
	Closes string `json:"closes,omitempty"`
	Note   string `json:"note"`
}

// APILocation is a location as the API shows it.
type APILocation struct {
	ID              string       `json:"id" format:"uuid"`
	OrganizationID  string       `json:"organization_id" format:"uuid"`
	Name            string       `json:"name"`
	Street          string       `json:"street"`
	Postcode        string       `json:"postcode"`
	City            string       `json:"city"`
	MunicipalityKey string       `json:"municipality_key" doc:"Official municipality key (AGS)."`
	Municipality    string       `json:"municipality"`
	Lat             *float64     `json:"lat"`
	Lon             *float64     `json:"lon"`
	Wheelchair      string       `json:"wheelchair" doc:"yes, partly, no, or empty when unknown."`
	Accessibility   string       `json:"accessibility"`
	Hours           []APIPeriod  `json:"hours" doc:"Weekly opening periods in German local time (Europe/Berlin)."`
	Exceptions      []APIClosure `json:"exceptions"`
	OpenNow         bool         `json:"open_now"`
	CreatedAt       time.Time    `json:"created_at"`
	UpdatedAt       time.Time    `json:"updated_at"`
	ConfirmedAt     time.Time    `json:"confirmed_at"`
}

func apiLocation(l *Location, now time.Time) APILocation {
	out := APILocation{ID: l.ID, OrganizationID: l.OrganizationID, Name: l.Name, Street: l.Street, Postcode: l.Postcode,
		City: l.City, MunicipalityKey: l.AGS, Municipality: l.Municipality, Lat: l.Lat, Lon: l.Lon, Wheelchair: l.Wheelchair,
		Accessibility: l.Accessibility, Hours: []APIPeriod{}, Exceptions: []APIClosure{}, OpenNow: l.Hours().OpenAt(now),
		CreatedAt: l.CreatedAt, UpdatedAt: l.UpdatedAt, ConfirmedAt: l.ConfirmedAt}
	for _, p := range l.Periods {
		out.Hours = append(out.Hours, APIPeriod{Day: p.Weekday, Opens: p.Opens.String(), Closes: p.Closes.String()})
	}
	for _, c := range l.Closures {
		x := APIClosure{ID: c.ID, First: string(c.First), Last: string(c.Last), Closed: c.Closed, Note: c.Note}
		if !c.Closed {
			x.Opens, x.Closes = c.Opens.String(), c.Closes.String()
		}
		out.Exceptions = append(out.Exceptions, x)
	}
	return out
}

// LocationBody is what a client sends to create or replace a location.
type LocationBody struct {
	Name            string      `json:"name,omitempty" maxLength:"120"`
	Street          string      `json:"street" minLength:"1" maxLength:"120"`
	Postcode        string      `json:"postcode" minLength:"1" doc:"Five digits."`
	City            string      `json:"city" minLength:"1" maxLength:"80"`
	MunicipalityKey string      `json:"municipality_key,omitempty" doc:"AGS; suggested from the postcode when left out."`
	Lat             *float64    `json:"lat,omitempty"`
	Lon             *float64    `json:"lon,omitempty"`
	Wheelchair      string      `json:"wheelchair,omitempty" enum:"yes,partly,no,"`
	Accessibility   string      `json:"accessibility,omitempty" maxLength:"1000"`
	Hours           []APIPeriod `json:"hours,omitempty"`
}

func (b *LocationBody) input() (LocationInput, error) {
	in := LocationInput{Name: b.Name, Street: b.Street, Postcode: b.Postcode, City: b.City, AGS: b.MunicipalityKey,
		Lat: b.Lat, Lon: b.Lon, Wheelchair: b.Wheelchair, Accessibility: b.Accessibility}
	f := apperr.Fields{}
	for _, p := range b.Hours {
		o, ok1 := ParseMinute(p.Opens)
		c, ok2 := ParseMinute(p.Closes)
		if !ok1 || !ok2 {
			f.Add("hours", "directory.hours.invalid_time")
			continue
		}
		in.Periods = append(in.Periods, Period{Weekday: p.Day, Span: Span{o, c}})
	}
	return in, f.Err()
}

// APIMunicipality is a municipality with its counts.
type APIMunicipality struct {
	AGS            string `json:"ags" pattern:"^[0-9]{8}$" doc:"Official municipality key."`
	Name           string `json:"name"`
	State          string `json:"state" doc:"Two-digit state key."`
	StateName      string `json:"state_name"`
	OrganizationID string `json:"organization_id,omitempty" format:"uuid"`
	Services       int    `json:"services"`
	Locations      int    `json:"locations"`
}

// APIFact is a local fact.
type APIFact struct {
	Label     string `json:"label"`
	Value     string `json:"value"`
	AsOf      string `json:"as_of" format:"date"`
	Source    string `json:"source"`
	SourceURL string `json:"source_url,omitempty"`
	Lang      string `json:"lang"`
}

// APILink is a useful local link.
type APILink struct {
	Title string `json:"title"`
	URL   string `json:"url"`
	Lang  string `json:"lang"`
}

// APIMunicipalityDetail is a municipality with its facts, links and
// services.
type APIMunicipalityDetail struct {
	APIMunicipality
	Facts []APIFact `json:"facts"`
	Links []APILink `json:"links"`
	// Offered is not called Services: that Go name would hide the embedded
	// count from the schema (huma goes by Go names, encoding/json by JSON
	// names), which then forbade the "services" its answers carry.
	Offered []APIService `json:"services_offered" doc:"Services with a location in the municipality."`
}

// MunicipalityBody creates a municipality.
type MunicipalityBody struct {
	AGS            string `json:"ags" pattern:"^[0-9]{8}$" doc:"Official municipality key."`
	Name           string `json:"name" minLength:"1" maxLength:"120"`
	State          string `json:"state" pattern:"^[0-9]{2}$" doc:"Two-digit state key; the first two digits of the AGS."`
	OrganizationID string `json:"organization_id,omitempty" format:"uuid" doc:"The municipality's own organisation."`
}

// ---- inputs and outputs ----

// OrgPath names an organisation.
type OrgPath struct {
	ID string `path:"id" format:"uuid" doc:"The organisation's id."`
}

// IDPath names a service, location or partnership.
type IDPath struct {
	ID string `path:"id" format:"uuid" doc:"The object's id."`
}

// AGSPath names a municipality.
type AGSPath struct {
	AGS string `path:"ags" pattern:"^[0-9]{8}$" doc:"Official municipality key."`
}

type servicesOut struct {
	Body struct {
		Services []APIService `json:"services"`
	}
}

type serviceOut struct {
	Location string `header:"Location"`
	Body     APIService
}

type locationsOut struct {
	Body struct {
		Locations []APILocation `json:"locations"`
	}
}

type locationOut struct {
	Location string `header:"Location"`
	Body     APILocation
}

type municipalitiesOut struct {
	Body struct {
		Municipalities []APIMunicipality `json:"municipalities"`
	}
}

type municipalityOut struct {
	Location string `header:"Location"`
	Body     APIMunicipalityDetail
}

// RegisterAPI adds the directory's operations.
func (m *Module) RegisterAPI(a huma.API) {
	m.registerEntries(a)
	m.registerMunicipalities(a)
}

func (m *Module) registerEntries(a huma.API) {
	tags := []string{"Directory"}
	huma.Register(a, huma.Operation{OperationID: "list-organization-services", Method: http.MethodGet,
		Path: api.Prefix + "/organizations/{id}/services", Tags: tags, Summary: "List an organisation's services"},
		func(ctx context.Context, in *OrgPath) (*servicesOut, error) {
			if _, err := m.orgs.Get(ctx, in.ID); err != nil {
				return nil, api.Err(ctx, err)
			}
			svcs, err := m.ServicesOf(ctx, in.ID)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			out := &servicesOut{}
			out.Body.Services = []APIService{}
			for _, s := range svcs {
				out.Body.Services = append(out.Body.Services, apiService(s))
			}
			return out, nil
		})
	huma.Register(a, huma.Operation{OperationID: "create-service", Method: http.MethodPost,
		Path: api.Prefix + "/organizations/{id}/services", Tags: tags, Summary: "Add a service",
		Description: "Editors of the organisation only.", Security: api.Secured, DefaultStatus: http.StatusCreated},
		func(ctx context.Context, in *struct {
			OrgPath
			Body ServiceBody
		}) (*serviceOut, error) {
			id, err := api.User(ctx)
			if err != nil {
				return nil, err
			}
			s, err := m.CreateService(ctx, id.UserID, in.ID, in.Body.input())
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			return &serviceOut{Location: api.Prefix + "/services/" + s.ID, Body: apiService(s)}, nil
		})
	huma.Register(a, huma.Operation{OperationID: "get-service", Method: http.MethodGet,
		Path: api.Prefix + "/services/{id}", Tags: tags, Summary: "Get a service"},
		func(ctx context.Context, in *IDPath) (*serviceOut, error) {
			s, err := m.Service(ctx, in.ID)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			return &serviceOut{Body: apiService(s)}, nil
		})
	huma.Register(a, huma.Operation{OperationID: "replace-service", Method: http.MethodPut,
		Path: api.Prefix + "/services/{id}", Tags: tags, Summary: "Replace a service",
		Description: "Editors of its organisation only. Saving confirms the entry.", Security: api.Secured},
		func(ctx context.Context, in *struct {
			IDPath
			Body ServiceBody
		}) (*serviceOut, error) {
			id, err := api.User(ctx)
			if err != nil {
				return nil, err
			}
			s, err := m.UpdateService(ctx, id.UserID, in.ID, in.Body.input())
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			return &serviceOut{Body: apiService(s)}, nil
		})
	huma.Register(a, huma.Operation{OperationID: "delete-service", Method: http.MethodDelete,
		Path: api.Prefix + "/services/{id}", Tags: tags, Summary: "Delete a service",
		Description: "Editors of its organisation only.", Security: api.Secured, DefaultStatus: http.StatusNoContent},
		func(ctx context.Context, in *IDPath) (*struct{}, error) {
			id, err := api.User(ctx)
			if err != nil {
				return nil, err
			}
			return nil, api.Err(ctx, m.DeleteService(ctx, id.UserID, in.ID))
		})

	huma.Register(a, huma.Operation{OperationID: "list-organization-locations", Method: http.MethodGet,
		Path: api.Prefix + "/organizations/{id}/locations", Tags: tags, Summary: "List an organisation's locations"},
		func(ctx context.Context, in *OrgPath) (*locationsOut, error) {
			if _, err := m.orgs.Get(ctx, in.ID); err != nil {
				return nil, api.Err(ctx, err)
			}
			locs, err := m.LocationsOf(ctx, in.ID)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			out := &locationsOut{}
			out.Body.Locations = []APILocation{}
			now := m.s.Clock.Now()
			for _, l := range locs {
				out.Body.Locations = append(out.Body.Locations, apiLocation(l, now))
			}
			return out, nil
		})
	huma.Register(a, huma.Operation{OperationID: "create-location", Method: http.MethodPost,
		Path: api.Prefix + "/organizations/{id}/locations", Tags: tags, Summary: "Add a location",
		Description: "Editors of the organisation only.", Security: api.Secured, DefaultStatus: http.StatusCreated},
		func(ctx context.Context, in *struct {
			OrgPath
			Body LocationBody
		}) (*locationOut, error) {
			id, err := api.User(ctx)
			if err != nil {
				return nil, err
			}
			if err := m.requireEditor(ctx, in.ID, id.UserID); err != nil {
				return nil, api.Err(ctx, err)
			}
			li, err := in.Body.input()
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			l, err := m.CreateLocation(ctx, id.UserID, in.ID, li)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			return &locationOut{Location: api.Prefix + "/locations/" + l.ID, Body: apiLocation(l, m.s.Clock.Now())}, nil
		})
	huma.Register(a, huma.Operation{OperationID: "get-location", Method: http.MethodGet,
		Path: api.Prefix + "/locations/{id}", Tags: tags, Summary: "Get a location"},
		func(ctx context.Context, in *IDPath) (*locationOut, error) {
			l, err := m.Location(ctx, in.ID)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			return &locationOut{Body: apiLocation(l, m.s.Clock.Now())}, nil
		})
	huma.Register(a, huma.Operation{OperationID: "replace-location", Method: http.MethodPut,
		Path: api.Prefix + "/locations/{id}", Tags: tags, Summary: "Replace a location",
		Description: "Editors of its organisation only. Exceptions to the hours are kept.", Security: api.Secured},
		func(ctx context.Context, in *struct {
			IDPath
			Body LocationBody
		}) (*locationOut, error) {
			id, err := api.User(ctx)
			if err != nil {
				return nil, err
			}
			if _, err := m.editableLocation(ctx, id.UserID, in.ID); err != nil {
				return nil, api.Err(ctx, err)
			}
			li, err := in.Body.input()
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			l, err := m.UpdateLocation(ctx, id.UserID, in.ID, li)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			return &locationOut{Body: apiLocation(l, m.s.Clock.Now())}, nil
		})
	huma.Register(a, huma.Operation{OperationID: "delete-location", Method: http.MethodDelete,
		Path: api.Prefix + "/locations/{id}", Tags: tags, Summary: "Delete a location",
		Description: "Editors of its organisation only.", Security: api.Secured, DefaultStatus: http.StatusNoContent},
		func(ctx context.Context, in *IDPath) (*struct{}, error) {
			id, err := api.User(ctx)
			if err != nil {
				return nil, err
			}
			return nil, api.Err(ctx, m.DeleteLocation(ctx, id.UserID, in.ID))
		})
}

func apiMunicipality(ms MunicipalitySummary) APIMunicipality {
	return APIMunicipality{AGS: ms.AGS, Name: ms.Name, State: ms.State, StateName: ms.StateName(),
		OrganizationID: ms.OrganizationID, Services: ms.Services, Locations: ms.Locations}
}

func (m *Module) registerMunicipalities(a huma.API) {
	tags := []string{"Directory"}
	huma.Register(a, huma.Operation{OperationID: "list-municipalities", Method: http.MethodGet,
		Path: api.Prefix + "/municipalities", Tags: tags, Summary: "List municipalities"},
		func(ctx context.Context, _ *struct{}) (*municipalitiesOut, error) {
			all, err := m.Municipalities(ctx)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			out := &municipalitiesOut{}
			out.Body.Municipalities = []APIMunicipality{}
			for _, ms := range all {
				out.Body.Municipalities = append(out.Body.Municipalities, apiMunicipality(ms))
			}
			return out, nil
		})
	huma.Register(a, huma.Operation{OperationID: "create-municipality", Method: http.MethodPost,
		Path: api.Prefix + "/municipalities", Tags: tags, Summary: "Add a municipality",
		Description: "Coordinators and administrators only.", Security: api.Secured, DefaultStatus: http.StatusCreated},
		func(ctx context.Context, in *struct{ Body MunicipalityBody }) (*municipalityOut, error) {
			id, err := api.User(ctx)
			if err != nil {
				return nil, err
			}
			mu, err := m.CreateMunicipality(ctx, id, Municipality{AGS: in.Body.AGS, Name: in.Body.Name, State: in.Body.State,
				OrganizationID: in.Body.OrganizationID})
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			out, err := m.municipalityDetail(ctx, mu.AGS)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			out.Location = api.Prefix + "/municipalities/" + mu.AGS
			return out, nil
		})
	huma.Register(a, huma.Operation{OperationID: "get-municipality", Method: http.MethodGet,
		Path: api.Prefix + "/municipalities/{ags}", Tags: tags, Summary: "Get a municipality",
		Description: "With its local facts, links and the services offered there."},
		func(ctx context.Context, in *AGSPath) (*municipalityOut, error) {
			out, err := m.municipalityDetail(ctx, in.AGS)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			return out, nil
		})
}

func (m *Module) municipalityDetail(ctx context.Context, ags string) (*municipalityOut, error) {
	mu, err := m.Municipality(ctx, ags)
	if err != nil {
		return nil, err
	}
	all, err := m.Municipalities(ctx)
	if err != nil {
		return nil, err
	}
	out := &municipalityOut{}
	for _, ms := range all {
		if ms.AGS == mu.AGS {
			out.Body.APIMunicipality = apiMunicipality(ms)
		}
	}
	out.Body.Facts, out.Body.Links, out.Body.Offered = []APIFact{}, []APILink{}, []APIService{}
	facts, err := m.Facts(ctx, mu.AGS)
	if err != nil {
		return nil, err
	}
	for _, f := range facts {
		out.Body.Facts = append(out.Body.Facts, APIFact{Label: f.Label, Value: f.Value, AsOf: string(f.AsOf), Source: f.Source,
			SourceURL: f.SourceURL, Lang: f.Lang})
	}
	links, err := m.Links(ctx, mu.AGS)
	if err != nil {
		return nil, err
	}
	for _, l := range links {
		out.Body.Links = append(out.Body.Links, APILink{Title: l.Title, URL: l.URL, Lang: l.Lang})
	}
	svcs, err := servicesIn(ctx, m.s.DB, mu.AGS)
	if err != nil {
		return nil, err
	}
	for _, s := range svcs {
		out.Body.Offered = append(out.Body.Offered, apiService(s))
	}
	return out, nil
}
