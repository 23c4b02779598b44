package account_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
)

// postLogin posts the login form as a page of the site does, from a
// browser holding exactly the given cookies.
func postLogin(t *testing.T, e *apptest.Env, email, password string, cookies ...*http.Cookie) *http.Response {
	t.Helper()
	form := url.Values{"email": {email}, "password": {password}}
	req, _ := http.NewRequest(http.MethodPost, e.URL+"/login", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", e.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for _, c := range cookies {
		req.AddCookie(c)
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

// deviceCookie is the cookie a successful login leaves in the browser.
func deviceCookie(t *testing.T, res *http.Response) *http.Cookie {
	t.Helper()
	for _, c := range res.Cookies() {
		if c.Name == account.DeviceCookie && c.Value != "" {
			if c.MaxAge < 30*24*3600 || !c.HttpOnly {
				t.Errorf("device cookie lives %ds, HttpOnly %v", c.MaxAge, c.HttpOnly)
			}
			return &http.Cookie{Name: c.Name, Value: c.Value}
		}
	}
	t.Fatalf("login (%d) left no device cookie", res.StatusCode)
	return nil
}

// Guessing an account's password from many addresses must not lock its
// owner out: the browser they logged in with before keeps working, and
// other browsers are slowed down, not shut out for the whole window.
func TestKnownDeviceLogsInDuringAttack(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		ctx := context.Background()
		e.NewUser(t, "amal@example.org", "Amal", auth.Member)
		e.NewUser(t, "bernd@example.org", "Bernd", auth.Member)
		amalsBrowser := deviceCookie(t, postLogin(t, e, "amal@example.org", apptest.Password))
		berndsBrowser := deviceCookie(t, postLogin(t, e, "bernd@example.org", apptest.Password))

		for i := range 20 {
			_, err := e.P.Accounts.Authenticate(ctx, account.Credentials{Email: "amal@example.org",
				Password: fmt.Sprintf("guess number %d", i), Client: fmt.Sprintf("198.51.100.%d", i%10)})
			if !apperr.Is(err, apperr.Unauthenticated) && !apperr.Is(err, apperr.RateLimited) {
				t.Fatalf("guess %d: %v", i, err)
			}
		}

		if res := postLogin(t, e, "amal@example.org", apptest.Password); res.StatusCode != http.StatusTooManyRequests {
			t.Errorf("a new browser is not slowed down during the attack: %d", res.StatusCode)
		}
		forged := &http.Cookie{Name: amalsBrowser.Name, Value: amalsBrowser.Value[:len(amalsBrowser.Value)-2] + "AA"}
		for name, c := range map[string]*http.Cookie{"another account's": berndsBrowser, "a forged": forged} {
			if res := postLogin(t, e, "amal@example.org", apptest.Password, c); res.StatusCode != http.StatusTooManyRequests {
				t.Errorf("%s device cookie passes the throttle: %d", name, res.StatusCode)
			}
		}
		if res := postLogin(t, e, "amal@example.org", apptest.Password, amalsBrowser); res.StatusCode != http.StatusSeeOther {
			t.Errorf("the owner's own browser is locked out: %d", res.StatusCode)
		}

		e.Clock.Advance(3 * time.Minute)
		if res := postLogin(t, e, "amal@example.org", apptest.Password); res.StatusCode != http.StatusSeeOther {
			t.Errorf("a new browser still waits minutes later: %d", res.StatusCode)
		}
	})
}

// Thirty people on one shelter's Wi-Fi share an address; logging in is not
// guessing, so only failures count against the address (the next test
// shows that they do).
func TestManyLoginsFromOneAddress(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		for i := range 4 {
			e.NewUser(t, fmt.Sprintf("person%d@example.org", i), fmt.Sprintf("Person %d", i), auth.Member)
		}
		for i := range 40 {
			if res := postLogin(t, e, fmt.Sprintf("person%d@example.org", i%4), apptest.Password); res.StatusCode != http.StatusSeeOther {
				t.Fatalf("login %d of 40 from one address: %d", i+1, res.StatusCode)
			}
		}
	})
}

// An IPv6 client picks any address of its /64 at will, so failures count
// per /64.
func TestLoginFailuresCountPerIPv6Network(t *testing.T) {
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) {
		ctx := context.Background()
		try := func(i int, client string) error {
			_, err := e.P.Accounts.Authenticate(ctx, account.Credentials{Email: fmt.Sprintf("nobody%d@example.org", i),
				Password: "a wrong password", Client: client})
			return err
		}
		for i := range 30 {
			if err := try(i, fmt.Sprintf("2001:db8:1:2::%x", i+1)); !apperr.Is(err, apperr.Unauthenticated) {
				t.Fatalf("failure %d: %v", i+1, err)
			}
		}
		if err := try(30, "2001:db8:1:2:ffff:ffff:ffff:fffe"); !apperr.Is(err, apperr.RateLimited) {
			t.Errorf("31st failure from the same /64: %v", err)
		}
		if err := try(31, "2001:db8:1:3::1"); !apperr.Is(err, apperr.Unauthenticated) {
			t.Errorf("a failure from the next /64: %v", err)
		}
	})
}
