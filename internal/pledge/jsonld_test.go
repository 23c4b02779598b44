package pledge_test

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/auth"
)

// TestPledgePageDescribesItself: a public pledge's page carries schema.org
// data (a CreativeWork under the page's address, in its language, until its
// deadline); a draft's page, which only its owner sees, carries none.
func TestPledgePageDescribesItself(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		p := e.active(t, owner, staff, 30, nil)
		block := regexp.MustCompile(`<script type="application/ld\+json">(.*?)</script>`)
		m := block.FindStringSubmatch(e.Client(t).Get("/pledges/" + p.ID).Body)
		var d map[string]any
		if m == nil || json.Unmarshal([]byte(m[1]), &d) != nil {
			t.Fatalf("no JSON-LD on a public pledge's page: %v", m)
		}
		if d["@type"] != "CreativeWork" || !strings.HasSuffix(d["@id"].(string), "/pledges/"+p.ID) ||
			d["inLanguage"] != p.Lang || d["expires"] != p.Deadline.UTC().Format("2006-01-02T15:04:05Z07:00") || d["name"] == "" {
			t.Errorf("JSON-LD of a pledge: %v", d)
		}
		draft, err := e.Pledges.Create(ctx, owner.Identity(), e.terms(5), nil)
		if err != nil {
			t.Fatal(err)
		}
		if body := owner.Web.Get("/pledges/" + draft.ID).Body; strings.Contains(body, "application/ld+json") {
			t.Error("a draft's page carries JSON-LD")
		}
	})
}
