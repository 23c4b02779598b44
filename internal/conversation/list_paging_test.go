package conversation_test

import (
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
)

// A page number far past the end, up to the largest an int holds, is an
// empty page on the list and in the API, not an overflow.
func TestListPageFarPastTheEnd(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		anna, ben := e.newPerson(t, "Anna", "de"), e.newPerson(t, "Ben", "de")
		convID := e.start(t, sofa, anna, "Ist das Sofa noch da?", part(ben))
		token := e.Token(t, ben.Email)
		for _, page := range []string{"2", "9223372036854775807", "500000000000000001"} {
			res := ben.Web.Get("/conversations?page=" + page)
			apptest.WantStatus(t, "list page "+page, res.Status, http.StatusOK, res.Body)
			if strings.Contains(res.Body, convID) || strings.Contains(res.Body, `rel="next"`) {
				t.Errorf("list page %s shows the conversation or a next page", page)
			}
			status, body := e.API(t, token, http.MethodGet, "/api/v1/conversations?page="+page, nil)
			if list, _ := body["conversations"].([]any); status != http.StatusOK || len(list) != 0 || body["next_page"] != nil {
				t.Errorf("API page %s: %d %v", page, status, body)
			}
		}
	})
}
