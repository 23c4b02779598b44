package account_test

import (
	"net/http"
	"sync/atomic"
	"testing"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
)

// Registering a taken address must cost the server the same work as a new
// one, or the time of the answer tells who has an account: the password is
// hashed either way.
func TestRegisterHashesForKnownAddresses(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		e.NewUser(t, "bernd@example.org", "Bernd", auth.Member)
		var hashes atomic.Int32
		account.HashWith(e.P.Accounts, func(pw string) string {
			hashes.Add(1)
			return account.HashPassword(pw)
		})
		c := e.Client(t)
		for _, email := range []string{"new@example.org", "bernd@example.org"} {
			before := hashes.Load()
			if res := register(c, email, "Someone", "ein langes Passwort"); res.Status != http.StatusSeeOther {
				t.Fatalf("register %s: %d", email, res.Status)
			}
			if hashes.Load() != before+1 {
				t.Errorf("registering %s hashed the password %d times, want once", email, hashes.Load()-before)
			}
		}
	})
}
