package conformance_test

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
)

// constrainedPath matches the paths whose parameters the document
// constrains.
var constrainedPath = regexp.MustCompile(`^/api/v1/(listings|pledges|reports|partnerships|locations|services|` +
	`municipalities|saved-searches|tokens)(/|$)|^/api/v1/organizations/\{id\}(/(locations|services|verify|unverify))?$`)

// openapiSchema is the part of a schema the constraint test reads.
type openapiSchema struct {
	Type       any
	Format     string
	Pattern    string
	MinLength  *int
	Enum       []any
	Required   []string
	Properties map[string]*openapiSchema
}

// TestOpenAPIDocumentSaysWhatTheServerChecks: what the server refuses is
// in the document, so that clients and fuzzers know it: ids are UUIDs,
// municipality keys eight digits, categories and flag reasons
// enumerations, required texts not empty, and every operation says
// whether it needs a token. (The events API's types follow with their
// next change.)
func TestOpenAPIDocumentSaysWhatTheServerChecks(t *testing.T) {
	e := apptest.New(t, "sqlite")
	res := e.Client(t).Get("/api/v1/openapi.json")
	var doc struct {
		Paths map[string]map[string]struct {
			OperationID string `json:"operationId"`
			Security    *[]map[string][]string
			Parameters  []struct {
				Name, In string
				Schema   openapiSchema
			}
			Responses map[string]any
		}
		Components struct{ Schemas map[string]*openapiSchema }
	}
	if err := json.Unmarshal([]byte(res.Body), &doc); err != nil {
		t.Fatal(err)
	}
	for path, item := range doc.Paths {
		for method, op := range item {
			if op.Security == nil {
				t.Errorf("%s %s: no security (a public operation says security: [])", method, path)
			}
			has4xx := false
			for code := range op.Responses {
				has4xx = has4xx || strings.HasPrefix(code, "4")
			}
			if !has4xx && (len(op.Parameters) > 0 || (op.Security != nil && len(*op.Security) > 0)) {
				t.Errorf("%s %s: no 4xx answer documented", method, path)
			}
			for _, p := range op.Parameters {
				if p.In != "path" || !constrainedPath.MatchString(path) {
					continue
				}
				if p.Name == "ags" && p.Schema.Pattern != "^[0-9]{8}$" {
					t.Errorf("%s %s: {ags} pattern %q", method, path, p.Schema.Pattern)
				}
				if p.Name != "ags" && p.Schema.Format != "uuid" {
					t.Errorf("%s %s: {%s} format %q, want uuid", method, path, p.Name, p.Schema.Format)
				}
			}
		}
	}
	s := doc.Components.Schemas
	want := func(schema, prop string, ok func(*openapiSchema) bool, what string) {
		t.Helper()
		if s[schema] == nil || s[schema].Properties[prop] == nil {
			t.Errorf("no %s.%s", schema, prop)
			return
		}
		if !ok(s[schema].Properties[prop]) {
			t.Errorf("%s.%s: %s missing", schema, prop, what)
		}
	}
	uuid := func(p *openapiSchema) bool { return p.Format == "uuid" }
	ags := func(p *openapiSchema) bool { return p.Pattern == "^[0-9]{8}$" }
	categories := func(p *openapiSchema) bool { return slices.Contains(p.Enum, any("german_lessons")) }
	want("ListingInput", "category", categories, "the categories' enum")
	want("ListingInput", "organization_id", uuid, "format uuid")
	want("PledgeInput", "category", categories, "the categories' enum")
	want("ServiceBody", "category", categories, "the categories' enum")
	want("FlagInput", "id", uuid, "format uuid")
	want("FlagInput", "reason", func(p *openapiSchema) bool { return slices.Contains(p.Enum, any("spam")) }, "the reasons' enum")
	want("MunicipalityBody", "ags", ags, "the AGS pattern")
	want("APIMunicipality", "ags", ags, "the AGS pattern")
	want("ReportBody", "pledge_id", uuid, "format uuid")
	for _, name := range []string{"ListingInput", "PledgeInput", "OrganizationInput", "ServiceBody", "LocationBody",
		"MunicipalityBody", "ReportBody", "ResponseInputBody", "ProposalBody", "FlagInput"} {
		schema := s[name]
		if schema == nil {
			t.Errorf("no schema %s", name)
			continue
		}
		for _, req := range schema.Required {
			p := schema.Properties[req]
			if p != nil && p.Type == "string" && p.Enum == nil && p.Format == "" && p.Pattern == "" &&
				(p.MinLength == nil || *p.MinLength < 1) {
				t.Errorf("%s.%s: required text without minLength", name, req)
			}
		}
	}
}
