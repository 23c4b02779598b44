package account_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
)

// The user search matches what was typed, letter for letter: an
// underscore or a percent sign is no wildcard.
func TestAdminUserSearchIsLiteral(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		e.NewUser(t, "katrin@example.org", "Katrin", auth.Coordinator)
		e.NewUser(t, "mira_k@example.org", "Mira", auth.Member)
		e.NewUser(t, "miraxk@example.org", "Mirax", auth.Member)
		coord := e.LoggedIn(t, "katrin@example.org")
		res := coord.Get("/admin/users?q=" + url.QueryEscape("mira_k"))
		if res.Status != http.StatusOK || !strings.Contains(res.Body, "mira_k@example.org") ||
			strings.Contains(res.Body, "miraxk@example.org") {
			t.Errorf("search for mira_k: %d, found mira_k %v, miraxk %v", res.Status,
				strings.Contains(res.Body, "mira_k@example.org"), strings.Contains(res.Body, "miraxk@example.org"))
		}
		if res := coord.Get("/admin/users?q=" + url.QueryEscape("%")); strings.Contains(res.Body, "example.org") {
			t.Error("a search for % lists every account")
		}
	})
}
