package directory_test

import (
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/auth"
)

// TestPagesRender opens each page of the module once as its editor or a
// coordinator; the page tour of the platform covers every language.
func TestPagesRender(t *testing.T) {
	e := newEnv(t, "sqlite")
	coord := e.NewPerson(t, "koord", auth.Coordinator)
	owner := e.NewPerson(t, "owner", auth.Member)
	mu := e.Municipality(t, coord, "06611000", "Kassel")
	o := e.NewOrg(t, owner, "Beratung Kassel", "welfare_association", "34117", "Kassel", "de", "fa")
	l := e.Location(t, owner, o.ID, mu.AGS, "Hauptstraße 1")
	s := e.Service(t, owner, o.ID, "Asylverfahrensberatung", "legal_advice.asylum_counselling", []string{"de", "fa"}, l.ID)
	for _, p := range []string{"/directory", "/municipalities/06611000", "/municipalities/06611000?need=legal&open=1&lang=fa",
		"/municipalities/06611000/print?need=legal", "/municipalities/06611000/print", "/services/" + s.ID, "/locations/" + l.ID,
		"/organizations/" + o.ID, "/organizations/" + o.ID + "/services", "/organizations/" + o.ID + "/partners",
		"/partnerships", "/network", "/network?ags=06611000"} {
		res := owner.Web.Get(p)
		if res.Status != http.StatusOK || strings.Contains(res.Body, "<no value>") {
			t.Errorf("%s: %d\n%s", p, res.Status, res.Body)
		}
	}
	for _, p := range []string{"/organizations/" + o.ID + "/services/new", "/services/" + s.ID + "/edit",
		"/organizations/" + o.ID + "/locations/new", "/locations/" + l.ID + "/edit", "/partnerships/new?org=" + o.ID} {
		res := owner.Web.Get(p)
		if res.Status != http.StatusOK || strings.Contains(res.Body, "<no value>") {
			t.Errorf("%s: %d\n%s", p, res.Status, res.Body)
		}
	}
	for _, p := range []string{"/municipalities/new", "/municipalities/06611000/edit", "/municipalities/06611000/facts"} {
		res := coord.Web.Get(p)
		if res.Status != http.StatusOK || strings.Contains(res.Body, "<no value>") {
			t.Errorf("%s: %d\n%s", p, res.Status, res.Body)
		}
	}
}
