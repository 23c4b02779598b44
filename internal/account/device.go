package account

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/db"
)

// DeviceCookie marks a browser in which an account logged in before (the
// OWASP "device cookie"). Guessing passwords from elsewhere slows down the
// logins of unknown browsers only, so an attack cannot lock the owner out.
// It is signed by the server and names the account, its password version
// (a new password makes old devices unknown), when it was made, and a
// random nonce under which the device's own failures are counted.
const DeviceCookie = "teilhabe_device"

// deviceLifetime is how long a browser stays known without logging in.
const deviceLifetime = 365 * 24 * time.Hour

const deviceKeyName = "device"

// deviceKey returns the signing key, making it on first use. Every app
// server reads the same key from the database, so a cookie made by one is
// known to all.
func (m *Module) deviceKey(ctx context.Context) ([]byte, error) {
	m.keyMu.Lock()
	defer m.keyMu.Unlock()
	if m.key != nil {
		return m.key, nil
	}
	fresh := make([]byte, 32)
	rand.Read(fresh)
	if _, err := m.s.DB.ExecContext(ctx, `INSERT INTO account_keys (name, secret, created_at) VALUES ($1, $2, $3)
		ON CONFLICT (name) DO NOTHING`, deviceKeyName, base64.RawStdEncoding.EncodeToString(fresh), m.s.Clock.Now()); err != nil {
		return nil, err
	}
	var stored string
	if err := m.s.DB.QueryRowContext(ctx, "SELECT secret FROM account_keys WHERE name = $1", deviceKeyName).Scan(&stored); err != nil {
		return nil, db.Err(err)
	}
	key, err := base64.RawStdEncoding.DecodeString(stored)
	if err != nil {
		return nil, err
	}
	m.key = key
	return key, nil
}

// deviceMAC signs the cookie's fields together with the account's
// password version.
func deviceMAC(key []byte, u *User, issued, nonce string) string {
	h := hmac.New(sha256.New, key)
	h.Write([]byte("device\x00" + u.ID + "\x00" + strconv.Itoa(u.AuthVersion) + "\x00" + issued + "\x00" + nonce))
	return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
}

// rememberDevice leaves the device cookie for u in the browser. Failing to
// make one costs the person nothing now, so it is only logged.
func (m *Module) rememberDevice(w http.ResponseWriter, r *http.Request, u *User) {
	key, err := m.deviceKey(r.Context())
	if err != nil {
		m.s.Log.WarnContext(r.Context(), "device cookie", "err", err)
		return
	}
	b := make([]byte, 16)
	rand.Read(b)
	nonce := base64.RawURLEncoding.EncodeToString(b)
	issued := strconv.FormatInt(m.s.Clock.Now().Unix(), 10)
	value := strings.Join([]string{u.ID, issued, nonce, deviceMAC(key, u, issued, nonce)}, ".")
	http.SetCookie(w, &http.Cookie{Name: DeviceCookie, Value: value, Path: "/", MaxAge: int(deviceLifetime.Seconds()),
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil || m.s.Sessions.Cookie.Secure})
}

// knownDevice checks a device cookie against the account u and returns the
// nonce its failures are counted under.
func (m *Module) knownDevice(ctx context.Context, cookie string, u *User) (nonce string, ok bool) {
	parts := strings.Split(cookie, ".")
	if cookie == "" || len(parts) != 4 || parts[0] != u.ID {
		return "", false
	}
	issued, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || m.s.Clock.Now().Sub(time.Unix(issued, 0)) > deviceLifetime {
		return "", false
	}
	key, err := m.deviceKey(ctx)
	if err != nil || !hmac.Equal([]byte(parts[3]), []byte(deviceMAC(key, u, parts[1], parts[2]))) {
		return "", false
	}
	return parts[2], true
}

// deviceOf reads the device cookie of a request ("" when there is none).
func deviceOf(r *http.Request) string {
	c, err := r.Cookie(DeviceCookie)
	if err != nil {
		return ""
	}
	return c.Value
}
