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
	`municipalities|saved-searches|tokens|events)(/|$)|^/api/v1/organizations/\{id\}(/(locations|services|verify|unverify))?$`)

// openapiSchema is the part of a schema the constraint test reads.
type openapiSchema struct {
	Type       any
	Format     string
	Pattern    string
	MinLength  *int
	MaxLength  *int
	Enum       []any
	Required   []string
	Properties map[string]*openapiSchema
	// AdditionalProperties is false where unknown fields are refused.
	AdditionalProperties any `json:"additionalProperties"`
}

// TestOpenAPIDocumentSaysWhatTheServerChecks: what the server refuses is
// in the document, so that clients and fuzzers know it: ids are UUIDs,
// municipality keys eight digits, categories and flag reasons
// enumerations, required texts not empty, and every operation says
// whether it needs a token; the events' texts have the lengths, links
// the format and choices the values the server accepts.
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
			RequestBody *struct {
				Content map[string]struct {
					Schema struct {
						Ref string `json:"$ref"`
					}
				}
			} `json:"requestBody"`
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
				if p.Name == "date" && p.Schema.Format != "date" {
					t.Errorf("%s %s: {date} format %q, want date", method, path, p.Schema.Format)
				}
				if p.Name != "ags" && p.Name != "date" && p.Schema.Format != "uuid" {
					t.Errorf("%s %s: {%s} format %q, want uuid", method, path, p.Name, p.Schema.Format)
				}
			}
		}
	}
	s := doc.Components.Schemas
	// The events' bodies refuse unknown fields (huma checks them against
	// the schema), and the document says so.
	for path, item := range doc.Paths {
		for method, op := range item {
			if !strings.HasPrefix(path, "/api/v1/events") || op.RequestBody == nil {
				continue
			}
			if c, ok := op.RequestBody.Content["application/json"]; ok {
				name := strings.TrimPrefix(c.Schema.Ref, "#/components/schemas/")
				if body := s[name]; body == nil || body.AdditionalProperties != false {
					t.Errorf("%s %s: body %q without additionalProperties: false", method, path, name)
				}
			}
		}
	}
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
	lengths := func(lo, hi int) func(*openapiSchema) bool {
		return func(p *openapiSchema) bool {
			return p.MinLength != nil && *p.MinLength == lo && p.MaxLength != nil && *p.MaxLength == hi
		}
	}
	link := func(p *openapiSchema) bool { return p.Format == "uri" && p.MaxLength != nil && *p.MaxLength == 300 }
	kinds := func(p *openapiSchema) bool { return slices.Contains(p.Enum, any("language_cafe")) && len(p.Enum) == 7 }
	dateTime := func(p *openapiSchema) bool { return p.Format == "date-time" }
	for _, schema := range []string{"EventInput", "EventPatch"} {
		want(schema, "title", lengths(1, 120), "minLength 1 and maxLength 120")
		want(schema, "description", lengths(1, 5000), "minLength 1 and maxLength 5000")
		want(schema, "online_url", link, "format uri and maxLength 300")
		want(schema, "kind", kinds, "the kinds' enum")
		want(schema, "place_kind", func(p *openapiSchema) bool { return len(p.Enum) == 2 }, "the enum address, online")
		want(schema, "start", dateTime, "format date-time")
		want(schema, "registration_closes", dateTime, "format date-time")
	}
	want("EventInput", "organization_id", uuid, "format uuid")
	want("EventOut", "status", func(p *openapiSchema) bool { return len(p.Enum) == 3 }, "the statuses' enum")
	want("EventOut", "date", func(p *openapiSchema) bool { return p.Format == "date" }, "format date")
	want("RegistrationOut", "status", func(p *openapiSchema) bool { return slices.Contains(p.Enum, any("checked_in")) },
		"the registration statuses' enum")
	for _, name := range []string{"ListingInput", "PledgeInput", "OrganizationInput", "ServiceBody", "LocationBody",
		"MunicipalityBody", "ReportBody", "ResponseInputBody", "ProposalBody", "FlagInput", "EventInput"} {
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
