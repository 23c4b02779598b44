package moderation_test

import (
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
)

// A queue page far past the end, up to the largest an int holds, is an
// empty page, not an overflow.
func TestQueuePageFarPastTheEnd(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		reporter := e.NewPerson(t, "reporter", auth.Member)
		staff := e.NewPerson(t, "Katrin", auth.Coordinator)
		item := e.Items.Create(t, owner.ID, "Fahrradreparatur", "")
		if err := e.Mod.Flag(ctx, reporter.ID, "listing", item, "spam", "Werbung"); err != nil {
			t.Fatal(err)
		}
		for _, page := range []string{"2", "9223372036854775807", "500000000000000001"} {
			res := staff.Web.Get("/admin/moderation?page=" + page)
			apptest.WantStatus(t, "queue page "+page, res.Status, http.StatusOK, res.Body)
			if strings.Contains(res.Body, "/admin/moderation/listing/"+item+"/") || strings.Contains(res.Body, `rel="next"`) {
				t.Errorf("queue page %s shows the flagged item or a next page", page)
			}
		}
	})
}
