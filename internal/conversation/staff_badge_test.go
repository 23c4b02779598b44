package conversation_test

import (
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/auth"
)

// A coordinator's or administrator's messages carry their role beside the
// name, so a member who only calls themselves "Koordination" is told apart.
func TestStaffBadgeBesideStaffNames(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		anna := e.newPerson(t, "Anna", "de")
		katrin := e.NewPersonLang(t, "Katrin", auth.Coordinator, "de")
		convID := e.start(t, sofa, anna, "Ist das Sofa noch da?", part(katrin))
		e.post(t, convID, katrin, "Ich schaue nach.")
		e.post(t, convID, anna, "Danke!")

		res := anna.Web.Get("/conversations/" + convID)
		badge := `<span class="badge staff">Koordination</span>`
		if n := strings.Count(res.Body, badge); n != 1 {
			t.Errorf("%d staff badges on a page with one message by a coordinator and two by a member, want 1:\n%s", n, res.Body)
		}
		if i, j := strings.Index(res.Body, badge), strings.Index(res.Body, "Ich schaue nach."); i < 0 || j < i ||
			!strings.Contains(res.Body[max(0, i-200):i], "Katrin") {
			t.Errorf("the badge is not beside Katrin's name")
		}
	})
}
