package hsds_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/hsds"
	"teilhabe.org/teilhabe/internal/organization"
)

// hsdsSchemaDir finds the HSDS 3.0 schemas in shared/hsds/schema in a
// folder above the project; tests skip without them and fail under CI=true.
func hsdsSchemaDir(t *testing.T) string {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		p := filepath.Join(dir, "shared", "hsds", "schema")
		if _, err := os.Stat(filepath.Join(p, "service.json")); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("the HSDS 3.0 schemas are required under CI=true: put them at shared/hsds/schema in a folder above the project")
	}
	t.Skip("HSDS schema tests skipped: no shared/hsds/schema/ in a folder above the project")
	return ""
}

// hsdsSchemas compiles the schemas of the records we export, and the
// paging envelope of HSDS's OpenAPI description, with format assertions.
type hsdsSchemas struct {
	records map[string]*jsonschema.Schema
	page    *jsonschema.Schema
}

func compileHSDS(t *testing.T) *hsdsSchemas {
	t.Helper()
	dir := hsdsSchemaDir(t)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	s := &hsdsSchemas{records: map[string]*jsonschema.Schema{}}
	for _, name := range []string{"organization", "service", "service_at_location", "location"} {
		sch, err := c.Compile("file://" + filepath.ToSlash(filepath.Join(dir, name+".json")))
		if err != nil {
			t.Fatalf("compile %s.json: %v", name, err)
		}
		s.records[name] = sch
	}
	raw, err := os.ReadFile(filepath.Join(dir, "openapi.json"))
	if err != nil {
		t.Fatal(err)
	}
	var openapi struct {
		Components struct {
			Schemas map[string]json.RawMessage `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(raw, &openapi); err != nil {
		t.Fatal(err)
	}
	page, err := jsonschema.UnmarshalJSON(bytes.NewReader(openapi.Components.Schemas["Page"]))
	if err != nil {
		t.Fatal(err)
	}
	pc := jsonschema.NewCompiler()
	if err := pc.AddResource("page.json", page); err != nil {
		t.Fatal(err)
	}
	if s.page, err = pc.Compile("page.json"); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s *hsdsSchemas) validate(t *testing.T, schema string, doc []byte, what string) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	sch := s.page
	if schema != "page" {
		sch = s.records[schema]
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("%s does not validate against %s: %v", what, schema, err)
	}
}

// hsdsPage fetches one page of an HSDS list.
func hsdsPage(t *testing.T, e *env, path string) (map[string]json.RawMessage, []json.RawMessage) {
	t.Helper()
	status, raw := e.APIRaw(t, "", http.MethodGet, path, nil)
	if status != http.StatusOK {
		t.Fatalf("GET %s: %d %s", path, status, raw)
	}
	var env map[string]json.RawMessage
	if err := json.Unmarshal(raw, &env); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"} {
		if _, ok := env[key]; !ok {
			t.Errorf("GET %s: no %q in the envelope", path, key)
		}
	}
	var contents []json.RawMessage
	if err := json.Unmarshal(env["contents"], &contents); err != nil {
		t.Fatal(err)
	}
	return env, contents
}

// TestHSDSExportValidates checks every exported record, and each single
// record endpoint, against the HSDS 3.0 JSON schemas.
func TestHSDSExportValidates(t *testing.T) {
	schemas := compileHSDS(t)
	e := newEnv(t, "sqlite")
	e.seedDemo(t)
	for _, list := range []struct{ path, schema string }{
		{"/api/v1/hsds/organizations", "organization"},
		{"/api/v1/hsds/services", "service"},
		{"/api/v1/hsds/service_at_locations", "service_at_location"},
	} {
		t.Run(list.schema, func(t *testing.T) {
			envelope, contents := hsdsPage(t, e, list.path+"?per_page=200")
			raw, _ := json.Marshal(envelope)
			schemas.validate(t, "page", raw, list.path)
			if len(contents) < 10 {
				t.Fatalf("%s: only %d records", list.path, len(contents))
			}
			for i, c := range contents {
				schemas.validate(t, list.schema, c, fmt.Sprintf("%s record %d", list.path, i))
			}
			var first struct {
				ID string `json:"id"`
			}
			json.Unmarshal(contents[0], &first)
			status, one := e.APIRaw(t, "", http.MethodGet, list.path+"/"+first.ID, nil)
			if status != http.StatusOK || !bytes.Equal(compact(t, one), compact(t, contents[0])) {
				t.Errorf("single record differs from the list's:\n%s\n%s", one, contents[0])
			}
			schemas.validate(t, list.schema, one, list.path+"/{id}")
			if status, _ := e.APIRaw(t, "", http.MethodGet, list.path+"/00000000-0000-7000-8000-000000000000", nil); status != http.StatusNotFound {
				t.Errorf("unknown id: %d", status)
			}
		})
	}
	// The schedules and languages the spec asks for are really there.
	_, services := hsdsPage(t, e, "/api/v1/hsds/services?per_page=200")
	var joined []string
	for _, s := range services {
		joined = append(joined, string(s))
	}
	all := strings.Join(joined, "\n")
	for _, want := range []string{`"freq":"WEEKLY"`, `"byday":"MO"`, `"opens_at":"09:00"`, `"valid_from":"2026-12-24"`,
		`"code":"fa"`, `"external_identifier":"06611000"`, `"postal_code":"34117"`, `"number":"0561 999 6060"`,
		`"taxonomy":"teilhabe:category"`} {
		if !strings.Contains(all, want) {
			t.Errorf("no %s in the services", want)
		}
	}
}

func compact(t *testing.T, b []byte) []byte {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestHSDSPaging(t *testing.T) {
	e := newEnv(t, "sqlite")
	e.seedDemo(t)
	var pages []map[string]json.RawMessage
	seen := map[string]bool{}
	for n := 1; n <= 5; n++ {
		env, contents := hsdsPage(t, e, fmt.Sprintf("/api/v1/hsds/services?per_page=10&page=%d", n))
		pages = append(pages, env)
		for _, c := range contents {
			var r struct {
				ID string `json:"id"`
			}
			json.Unmarshal(c, &r)
			if seen[r.ID] {
				t.Errorf("service %s on two pages", r.ID)
			}
			seen[r.ID] = true
		}
	}
	var total, totalPages int
	json.Unmarshal(pages[0]["total_items"], &total)
	json.Unmarshal(pages[0]["total_pages"], &totalPages)
	if total < 30 || totalPages != (total+9)/10 || len(seen) != total {
		t.Errorf("total %d, pages %d, seen %d", total, totalPages, len(seen))
	}
	flags := func(p map[string]json.RawMessage) string {
		return string(p["first_page"]) + " " + string(p["last_page"]) + " " + string(p["empty"]) + " " + string(p["size"])
	}
	if got := flags(pages[0]); got != "true false false 10" {
		t.Errorf("page 1: %s", got)
	}
	if got := flags(pages[totalPages-1]); got != fmt.Sprintf("false true false %d", total-10*(totalPages-1)) {
		t.Errorf("last page: %s", got)
	}
	if got := flags(pages[4]); totalPages < 5 && got != "false true false 0" {
		t.Errorf("page after the last: %s", got)
	}
	empty := newEnv(t, "sqlite")
	env, _ := hsdsPage(t, empty, "/api/v1/hsds/services")
	if got := flags(env); got != "true true true 0" {
		t.Errorf("empty directory: %s", got)
	}
}

// A page number far past the end, up to the largest the parameter takes,
// is an empty page, not an overflow.
func TestHSDSPageFarPastTheEnd(t *testing.T) {
	e := newEnv(t, "sqlite")
	e.seedDemo(t)
	for _, list := range []string{"services", "organizations", "service_at_locations"} {
		for _, query := range []string{"page=9223372036854775807", "page=9223372036854775807&per_page=200",
			"page=4611686018427387905&per_page=2", "page=46116860184273880&per_page=200"} {
			env, contents := hsdsPage(t, e, "/api/v1/hsds/"+list+"?"+query)
			if len(contents) != 0 || string(env["last_page"]) != "true" || string(env["first_page"]) != "false" ||
				string(env["size"]) != "0" {
				t.Errorf("%s?%s: first %s, last %s, size %s", list, query, env["first_page"], env["last_page"], env["size"])
			}
		}
	}
}

// datasetJSON is the directory's whole HSDS document.
func datasetJSON(t *testing.T, e *env) []byte {
	t.Helper()
	ds, err := e.X.HSDSDataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.MarshalIndent(ds, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// counts are how many records of each kind the directory holds.
func counts(t *testing.T, e *env) string {
	t.Helper()
	var out []string
	for _, table := range []string{"organizations", "directory_municipalities", "directory_locations", "directory_services",
		"directory_service_locations", "directory_hours", "directory_closures"} {
		var n int
		if err := e.P.DB.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s=%d", table, n))
	}
	return strings.Join(out, " ")
}

// TestHSDSRoundTrip exports the demo directory, imports it into an empty
// database and exports again: the documents are the same. Importing again
// creates nothing new.
func TestHSDSRoundTrip(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		e.seedDemo(t)
		first := datasetJSON(t, e)

		empty := newEnv(t, e.P.DB.Dialect())
		importer := empty.NewPerson(t, "importer", auth.Coordinator)
		rep, err := empty.X.ImportHSDS(ctx, hsds.ImportOptions{OwnerID: importer.ID}, bytes.NewReader(first))
		if err != nil {
			t.Fatalf("import: %v\n%v", err, rep.Problems)
		}
		if rep.Organizations.Created < 14 || rep.Services.Created < 30 || rep.Municipalities.Created != 3 ||
			rep.Locations.Created < 16 || len(rep.Warnings) != 0 {
			t.Errorf("report: %+v", rep)
		}
		second := datasetJSON(t, empty)
		if !bytes.Equal(first, second) {
			t.Errorf("the export after the round trip differs:\n%s", firstDifference(first, second))
		}
		for _, path := range []string{"/api/v1/hsds/services?per_page=7&page=2", "/api/v1/hsds/service_at_locations?per_page=100",
			"/api/v1/hsds/organizations?per_page=100"} {
			_, a := e.APIRaw(t, "", http.MethodGet, path, nil)
			_, b := empty.APIRaw(t, "", http.MethodGet, path, nil)
			if !bytes.Equal(a, b) {
				t.Errorf("%s differs after the round trip:\n%s", path, firstDifference(a, b))
			}
		}

		before := counts(t, empty)
		rep, err = empty.X.ImportHSDS(ctx, hsds.ImportOptions{OwnerID: importer.ID}, bytes.NewReader(first))
		if err != nil {
			t.Fatalf("second import: %v", err)
		}
		if after := counts(t, empty); after != before {
			t.Errorf("importing again changed the counts:\n%s\n%s", before, after)
		}
		if rep.Organizations.Created+rep.Services.Created+rep.Locations.Created+rep.Municipalities.Created != 0 ||
			rep.Services.Updated < 30 {
			t.Errorf("second import report: %+v", rep)
		}
		if third := datasetJSON(t, empty); !bytes.Equal(first, third) {
			t.Errorf("the export after importing again differs:\n%s", firstDifference(first, third))
		}

		// Importing a directory's own export into itself matches by id.
		before = counts(t, e)
		coordinator, err := e.P.Accounts.ContactByEmail(ctx, "koordination@demo.teilhabe.example")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.X.ImportHSDS(ctx, hsds.ImportOptions{OwnerID: coordinator.UserID}, bytes.NewReader(first)); err != nil {
			t.Fatalf("import into the source: %v", err)
		}
		if after := counts(t, e); after != before {
			t.Errorf("importing the export into its source changed the counts:\n%s\n%s", before, after)
		}
	})
}

func firstDifference(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < len(al) && i < len(bl); i++ {
		if al[i] != bl[i] {
			from := max(0, i-5)
			return fmt.Sprintf("line %d:\n- %s\n+ %s\ncontext:\n%s", i+1, al[i], bl[i], strings.Join(al[from:i+1], "\n"))
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(al), len(bl))
}

// TestHSDSImportRejectsMalformed: a dataset with a broken record imports
// nothing, and the report names each problem with the record's id.
func TestHSDSImportRejectsMalformed(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		importer := e.NewPerson(t, "importer", auth.Coordinator)
		const (
			orgID   = "0b9f5d2e-6f53-4d6b-9a0e-1f2d3c4b5a60"
			okSvc   = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
			badSvc  = "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f60"
			locID   = "3e4f5a6b-7c8d-4e9f-8a1b-2c3d4e5f6071"
			badLoc  = "4f5a6b7c-8d9e-4f0a-9b2c-3d4e5f607182"
			schedID = "5a6b7c8d-9e0f-4a1b-8c3d-4e5f60718293"
		)
		good := map[string]any{
			"id": okSvc, "name": "Sprachcafé", "status": "active", "organization_id": orgID,
			"organization": map[string]any{"id": orgID, "name": "Neuer Verein", "description": "",
				"attributes": []any{map[string]any{"id": "6b7c8d9e-0f1a-4b2c-9d4e-5f6071829304",
					"taxonomy_term": map[string]any{"id": "7c8d9e0f-1a2b-4c3d-8e5f-607182930415", "name": "MSO", "description": "",
						"taxonomy": "teilhabe:organization_kind", "code": "migrant_organization"}}}},
			"attributes": []any{map[string]any{"id": "8d9e0f1a-2b3c-4d4e-9f60-718293041526", "taxonomy_term": map[string]any{
				"id": "9e0f1a2b-3c4d-4e5f-8071-829304152637", "name": "Sprachcafé", "description": "",
				"taxonomy": "teilhabe:category", "code": "german_lessons.conversation"}}},
			"languages": []any{map[string]any{"id": "af1a2b3c-4d5e-4f60-9182-930415263748", "code": "fa"}},
			"service_at_locations": []any{map[string]any{"id": "b01a2b3c-4d5e-4f60-8182-930415263749", "location_id": locID,
				"location": map[string]any{"id": locID, "location_type": "physical", "external_identifier": "06611000",
					"external_identifier_type": "AGS",
					"addresses": []any{map[string]any{"id": "c12b3c4d-5e6f-4071-9293-04152637485a", "address_1": "Weg 1",
						"city": "Kassel", "region": "Kassel", "state_province": "Hessen", "postal_code": "34117", "country": "DE",
						"address_type": "physical"}},
					"schedules": []any{map[string]any{"id": schedID, "freq": "WEEKLY", "byday": "MO,XX", "opens_at": "25:00",
						"closes_at": "12:00"}}}}},
		}
		bad := map[string]any{
			"id": badSvc, "name": "", "status": "active", "organization_id": orgID,
			"attributes": []any{map[string]any{"id": "d23c4d5e-6f70-4182-a304-15263748596b", "taxonomy_term": map[string]any{
				"id": "e34d5e6f-7081-4293-b415-263748596a7c", "name": "x", "description": "", "taxonomy": "teilhabe:category",
				"code": "no_such_category"}}},
			"service_at_locations": []any{
				map[string]any{"id": "not-a-uuid", "location_id": locID},
				map[string]any{"id": "f45e6f70-8192-43a4-8526-3748596a7b8d", "location_id": badLoc,
					"location": map[string]any{"id": badLoc, "location_type": "physical", "addresses": []any{}}},
			},
		}
		broken := map[string]any{"id": "a56f7081-92a3-44b5-9637-48596a7b8c9e", "name": 7, "description": "x"}
		dataset, _ := json.Marshal([]any{good, bad, broken})
		before := counts(t, e)
		rep, err := e.X.ImportHSDS(ctx, hsds.ImportOptions{OwnerID: importer.ID}, bytes.NewReader(dataset))
		if !apperr.Is(err, apperr.Invalid) {
			t.Fatalf("import of a broken dataset: %v", err)
		}
		if after := counts(t, e); after != before {
			t.Errorf("a broken dataset changed the directory:\n%s\n%s", before, after)
		}
		var lines []string
		for _, p := range rep.Problems {
			lines = append(lines, p.String())
		}
		report := strings.Join(lines, "\n")
		for _, want := range []string{
			"schedule " + schedID + ": byday",
			"schedule " + schedID + ": opens_at",
			"service " + badSvc + `: attributes: "no_such_category" is not a teilhabe category`,
			"service_at_location not-a-uuid: id: not a UUID",
			"location " + badLoc + ": addresses: required",
			"organization a56f7081-92a3-44b5-9637-48596a7b8c9e: name: expected string",
		} {
			if !strings.Contains(report, want) {
				t.Errorf("the report lacks %q:\n%s", want, report)
			}
		}
		page, err := e.Orgs.List(ctx, organization.Filter{})
		if err != nil || len(page.Items) != 0 {
			t.Errorf("organisations after a failed import: %d %v", len(page.Items), err)
		}

		for _, junk := range []string{"", "[]", "{", "42", `[{"id": "x"}, 3]`} {
			rep, err := e.X.ImportHSDS(ctx, hsds.ImportOptions{OwnerID: importer.ID}, strings.NewReader(junk))
			if !apperr.Is(err, apperr.Invalid) || len(rep.Problems) == 0 {
				t.Errorf("import of %q: %v %v", junk, err, rep.Problems)
			}
		}

		// The good record alone imports, with its organisation.
		fixed := good
		fixed["service_at_locations"].([]any)[0].(map[string]any)["location"].(map[string]any)["schedules"] = []any{
			map[string]any{"id": schedID, "freq": "WEEKLY", "byday": "MO,WE", "opens_at": "09:00:00", "closes_at": "12:00"}}
		one, _ := json.Marshal(fixed)
		rep, err = e.X.ImportHSDS(ctx, hsds.ImportOptions{OwnerID: importer.ID}, bytes.NewReader(one))
		if err != nil {
			t.Fatalf("import of one service: %v %v", err, rep.Problems)
		}
		if rep.Organizations.Created != 1 || rep.Services.Created != 1 || rep.Locations.Created != 1 ||
			rep.Municipalities.Created != 1 {
			t.Errorf("report: %+v", rep)
		}
		st, svc := e.API(t, "", http.MethodGet, "/api/v1/hsds/services/"+okSvc, nil)
		if st != http.StatusOK || svc["name"] != "Sprachcafé" {
			t.Errorf("imported service under its HSDS id: %d %v", st, svc)
		}
	})
}
