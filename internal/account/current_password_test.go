package account_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
)

// TestCurrentPasswordGuessesAreLimited: a stolen session cannot guess the
// current password on the settings forms: after five wrong ones (on any of
// them) even the right one is refused until the window ends, and nothing
// changes meanwhile.
func TestCurrentPasswordGuessesAreLimited(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		e.NewUser(t, "reza@example.org", "Reza", auth.Member)
		c := e.LoggedIn(t, "reza@example.org")
		change := func(current string) *apptest.Response {
			return c.Post("/settings/password", url.Values{"current_password": {current},
				"new_password": {"a brand new passphrase"}, "new_password_again": {"a brand new passphrase"}})
		}
		for i := range 4 {
			if res := change("guess " + string(rune('a'+i))); res.Status != http.StatusUnprocessableEntity {
				t.Fatalf("wrong guess %d: %d", i+1, res.Status)
			}
		}
		if res := c.Post("/settings/email", url.Values{"new_email": {"neu@example.org"}, "email_password": {"guess e"}}); res.Status != http.StatusUnprocessableEntity {
			t.Fatalf("fifth wrong guess, on the e-mail form: %d", res.Status)
		}
		res := change(apptest.Password)
		if res.Status != http.StatusTooManyRequests || !strings.Contains(res.Body, "Zu viele Versuche") {
			t.Fatalf("right password after five wrong ones: %d, want 429 with the message", res.Status)
		}
		if res := c.Post("/settings/delete", url.Values{"delete_password": {apptest.Password}}); res.Status != http.StatusTooManyRequests {
			t.Errorf("deleting the account while limited: %d, want 429", res.Status)
		}
		if res := e.Client(t).Post("/login", url.Values{"email": {"reza@example.org"}, "password": {apptest.Password}}); res.Status != http.StatusSeeOther {
			t.Errorf("the old password no longer logs in: %d", res.Status)
		}
		e.Clock.Advance(16 * time.Minute)
		if res := change(apptest.Password); res.Status != http.StatusSeeOther {
			t.Errorf("right password after the window: %d", res.Status)
		}
	})
}
