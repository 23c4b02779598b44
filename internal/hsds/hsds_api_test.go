package hsds_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestHSDSAPIFilters: the lists answer their filters (organization_id,
// modified_after, search, taxonomy_term_id) and refuse parameters they do
// not know instead of ignoring them; the root, the taxonomies and the
// taxonomy terms are there, as the HSDS 3.0 API reference has them.
func TestHSDSAPIFilters(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		e.seedDemo(t)
		_, all := hsdsPage(t, e, "/api/v1/hsds/services?per_page=200")
		var first struct {
			ID             string `json:"id"`
			OrganizationID string `json:"organization_id"`
			Name           string `json:"name"`
			LastModified   string `json:"last_modified"`
			Attributes     []struct {
				TaxonomyTerm struct{ ID string } `json:"taxonomy_term"`
			}
		}
		if len(all) < 2 || json.Unmarshal(all[0], &first) != nil {
			t.Fatalf("%d services", len(all))
		}
		_, ofOrg := hsdsPage(t, e, "/api/v1/hsds/services?per_page=200&organization_id="+first.OrganizationID)
		if len(ofOrg) == 0 || len(ofOrg) == len(all) {
			t.Errorf("organization_id: %d of %d services", len(ofOrg), len(all))
		}
		for _, raw := range ofOrg {
			if !strings.Contains(string(raw), `"organization_id":"`+first.OrganizationID+`"`) {
				t.Errorf("organization_id: a service of another organisation: %.200s", raw)
			}
		}
		word := strings.Fields(first.Name)[0]
		_, found := hsdsPage(t, e, "/api/v1/hsds/services?per_page=200&search="+url.QueryEscape(strings.ToUpper(word)))
		if len(found) == 0 || len(found) == len(all) {
			t.Errorf("search %q: %d of %d", word, len(found), len(all))
		}
		changed, _ := time.Parse(time.RFC3339Nano, first.LastModified)
		_, after := hsdsPage(t, e, "/api/v1/hsds/services?per_page=200&modified_after="+url.QueryEscape(changed.Format(time.RFC3339Nano)))
		for _, raw := range after {
			if strings.Contains(string(raw), `"id":"`+first.ID+`"`) {
				t.Errorf("modified_after its own change: the service is still listed")
			}
		}
		_, before := hsdsPage(t, e, "/api/v1/hsds/services?per_page=200&modified_after="+url.QueryEscape(changed.Add(-time.Second).Format(time.RFC3339)))
		if len(before) == 0 {
			t.Error("modified_after a second before a change: nothing")
		}
		if len(first.Attributes) > 0 {
			_, tagged := hsdsPage(t, e, "/api/v1/hsds/services?per_page=200&taxonomy_term_id="+first.Attributes[0].TaxonomyTerm.ID)
			if len(tagged) == 0 {
				t.Error("taxonomy_term_id of a service's attribute: nothing")
			}
		}
		for _, path := range []string{"/api/v1/hsds/services?organisation_id=x", "/api/v1/hsds/services?format=csv",
			"/api/v1/hsds/organizations?organization_id=x", "/api/v1/hsds/service_at_locations?search=x",
			"/api/v1/hsds/services/" + first.ID + "?full=true", "/api/v1/hsds?x=1"} {
			status, raw := e.APIRaw(t, "", http.MethodGet, path, nil)
			if status != http.StatusUnprocessableEntity || !strings.Contains(string(raw), `"location":"query.`) {
				t.Errorf("%s: %d %s", path, status, raw)
			}
		}

		status, raw := e.APIRaw(t, "", http.MethodGet, "/api/v1/hsds", nil)
		var root map[string]string
		if status != http.StatusOK || json.Unmarshal(raw, &root) != nil || root["version"] != "3.0" ||
			!strings.HasSuffix(root["openapi_url"], "/api/v1/openapi.json") || root["profile"] == "" {
			t.Errorf("root: %d %s", status, raw)
		}
		_, taxonomies := hsdsPage(t, e, "/api/v1/hsds/taxonomies")
		_, terms := hsdsPage(t, e, "/api/v1/hsds/taxonomy_terms?per_page=200")
		if len(taxonomies) != 5 || len(terms) == 0 {
			t.Errorf("%d taxonomies, %d terms", len(taxonomies), len(terms))
		}
		if len(first.Attributes) > 0 && !strings.Contains(string(joinRaw(terms)), first.Attributes[0].TaxonomyTerm.ID) {
			t.Errorf("the term of a service's attribute is not among the taxonomy terms")
		}
	})
}

func joinRaw(raws []json.RawMessage) []byte {
	var out []byte
	for _, r := range raws {
		out = append(out, r...)
	}
	return out
}
