package hsds

import (
	"context"
	"net/http"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
)

// The HSDS 3.0 API reference's root, taxonomies and taxonomy terms, and the
// filters of its lists. A parameter the API does not know is refused, not
// ignored: a client that asks for organization_id=X and gets every service
// would take them all for X's.

// hsdsVersion and hsdsProfile are what the root answers.
const (
	hsdsVersion = "3.0"
	hsdsProfile = "https://docs.openreferral.org/en/v3.0/hsds/"
)

// refuseUnknown returns an error for each query parameter not in known.
func refuseUnknown(ctx huma.Context, known ...string) []error {
	var errs []error
	u := ctx.URL()
	for name := range u.Query() {
		if !slices.Contains(known, name) {
			errs = append(errs, &huma.ErrorDetail{Location: "query." + name, Message: "unknown parameter; known are " +
				strings.Join(known, ", ")})
		}
	}
	sort.Slice(errs, func(i, j int) bool {
		return errs[i].(*huma.ErrorDetail).Location < errs[j].(*huma.ErrorDetail).Location
	})
	return errs
}

// Resolve refuses parameters a plain list does not take.
func (in *hsdsPageInput) Resolve(ctx huma.Context) []error {
	return refuseUnknown(ctx, "page", "per_page")
}

// hsdsServicesInput filters the services.
type hsdsServicesInput struct {
	Page           int       `query:"page" minimum:"1" default:"1" doc:"Page number, from 1; a page past the last is empty."`
	PerPage        int       `query:"per_page" minimum:"1" maximum:"200" default:"50"`
	OrganizationID string    `query:"organization_id" doc:"Only the services of this organisation (its HSDS id)."`
	ModifiedAfter  time.Time `query:"modified_after" doc:"Only services changed after this moment (RFC 3339)."`
	Search         string    `query:"search" maxLength:"200" doc:"Only services whose name or description contains these words."`
	TaxonomyTermID string    `query:"taxonomy_term_id" doc:"Only services with an attribute of this taxonomy term."`
}

// Resolve refuses parameters the services list does not take.
func (in *hsdsServicesInput) Resolve(ctx huma.Context) []error {
	return refuseUnknown(ctx, "page", "per_page", "organization_id", "modified_after", "search", "taxonomy_term_id")
}

func (in *hsdsServicesInput) keeps(s HSDSService) bool {
	if in.OrganizationID != "" && !strings.EqualFold(s.OrganizationID, in.OrganizationID) {
		return false
	}
	if !in.ModifiedAfter.IsZero() {
		changed, err := time.Parse(time.RFC3339Nano, s.LastModified)
		if err != nil || !changed.After(in.ModifiedAfter) {
			return false
		}
	}
	if in.TaxonomyTermID != "" && !slices.ContainsFunc(s.Attributes, func(a HSDSAttribute) bool {
		return a.TaxonomyTerm != nil && strings.EqualFold(a.TaxonomyTerm.ID, in.TaxonomyTermID)
	}) {
		return false
	}
	return matches(in.Search, s.Name, s.Description)
}

// hsdsOrganizationsInput filters the organisations.
type hsdsOrganizationsInput struct {
	Page    int    `query:"page" minimum:"1" default:"1" doc:"Page number, from 1; a page past the last is empty."`
	PerPage int    `query:"per_page" minimum:"1" maximum:"200" default:"50"`
	Search  string `query:"search" maxLength:"200" doc:"Only organisations whose name or description contains these words."`
}

// Resolve refuses parameters the organisations list does not take.
func (in *hsdsOrganizationsInput) Resolve(ctx huma.Context) []error {
	return refuseUnknown(ctx, "page", "per_page", "search")
}

// matches tells whether every word of search is in one of the texts,
// regardless of case.
func matches(search string, texts ...string) bool {
	all := strings.ToLower(strings.Join(texts, " "))
	for _, w := range strings.Fields(strings.ToLower(search)) {
		if !strings.Contains(all, w) {
			return false
		}
	}
	return true
}

func filter[T any](all []T, keep func(T) bool) []T {
	out := []T{}
	for _, x := range all {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}

// HSDSRoot is what the API's root tells a client.
type HSDSRoot struct {
	Version    string `json:"version" doc:"The HSDS version served."`
	Profile    string `json:"profile" format:"uri" doc:"The HSDS profile the records follow."`
	OpenAPIURL string `json:"openapi_url" format:"uri" doc:"The OpenAPI document of this API."`
}

// HSDSTaxonomy is a taxonomy the records' attributes use.
type HSDSTaxonomy struct {
	ID          string `json:"id" format:"uuid"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

type noParams struct{}

// Resolve refuses every parameter.
func (in *noParams) Resolve(ctx huma.Context) []error { return refuseUnknown(ctx) }

// taxonomies are the taxonomies of the attributes, with what each says.
var taxonomies = []HSDSTaxonomy{
	{Name: taxKind, Description: "The kind of an organisation."},
	{Name: taxCategory, Description: "The category of a service in teilhabe's taxonomy."},
	{Name: taxTarget, Description: "Whom a service is for."},
	{Name: taxAccess, Description: "How a service is reached."},
	{Name: taxLang, Description: "The language a record is written in."},
}

func taxonomyID(name string) string { return derivedID(hsdsNamespace.String(), "taxonomy|"+name) }

// registerReferenceAPI adds the root, the taxonomies and the taxonomy terms.
func (m *Module) registerReferenceAPI(a huma.API, prefix string, tags []string) {
	huma.Register(a, huma.Operation{OperationID: "hsds-root", Method: http.MethodGet, Path: prefix,
		Tags: tags, Summary: "The HSDS API (HSDS 3.0)", Description: "Its HSDS version and profile, and where its OpenAPI document is."},
		func(ctx context.Context, _ *noParams) (*struct{ Body HSDSRoot }, error) {
			return &struct{ Body HSDSRoot }{HSDSRoot{Version: hsdsVersion, Profile: hsdsProfile,
				OpenAPIURL: m.s.BaseURL + api.Prefix + "/openapi.json"}}, nil
		})
	huma.Register(a, huma.Operation{OperationID: "hsds-list-taxonomies", Method: http.MethodGet, Path: prefix + "/taxonomies",
		Tags: tags, Summary: "Taxonomies (HSDS 3.0)", Description: "The taxonomies of the records' attributes."},
		func(ctx context.Context, in *hsdsPageInput) (*struct{ Body HSDSPage[HSDSTaxonomy] }, error) {
			all := make([]HSDSTaxonomy, len(taxonomies))
			for i, t := range taxonomies {
				t.ID = taxonomyID(t.Name)
				all[i] = t
			}
			return &struct{ Body HSDSPage[HSDSTaxonomy] }{page(all, in.Page, in.PerPage)}, nil
		})
	huma.Register(a, huma.Operation{OperationID: "hsds-list-taxonomy-terms", Method: http.MethodGet, Path: prefix + "/taxonomy_terms",
		Tags: tags, Summary: "Taxonomy terms (HSDS 3.0)", Description: "Every term the records' attributes use."},
		func(ctx context.Context, in *hsdsPageInput) (*struct{ Body HSDSPage[HSDSTaxonomyTerm] }, error) {
			x, err := m.newExporter(ctx)
			if err != nil {
				return nil, api.Err(ctx, err)
			}
			return &struct{ Body HSDSPage[HSDSTaxonomyTerm] }{page(x.terms(), in.Page, in.PerPage)}, nil
		})
}

// terms are the taxonomy terms of every attribute, once each, by id.
func (x *exporter) terms() []HSDSTaxonomyTerm {
	seen := map[string]bool{}
	var out []HSDSTaxonomyTerm
	add := func(attrs []HSDSAttribute) {
		for _, a := range attrs {
			if t := a.TaxonomyTerm; t != nil && !seen[t.ID] {
				seen[t.ID] = true
				out = append(out, *t)
			}
		}
	}
	for _, o := range x.Organizations() {
		add(o.Attributes)
	}
	for _, s := range x.Services() {
		add(s.Attributes)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Taxonomy != out[j].Taxonomy {
			return out[i].Taxonomy < out[j].Taxonomy
		}
		return out[i].Code < out[j].Code
	})
	return out
}
