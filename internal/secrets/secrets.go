// Package secrets makes the random secrets of mailed links and API tokens.
// Only a hash is stored, so the database never holds a usable link.
package secrets

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// New returns a random URL-safe secret (256 bits) and the hash to store.
func New() (secret, hash string) {
	b := make([]byte, 32)
	rand.Read(b)
	secret = base64.RawURLEncoding.EncodeToString(b)
	return secret, Hash(secret)
}

// Hash returns the stored form of a secret.
func Hash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// length is how many characters a secret from New has.
var length = len(base64.RawURLEncoding.EncodeToString(make([]byte, 32)))

// Redact replaces every secret in s that stands as a segment of a link's
// path (a "/" and exactly as many URL-safe base64 characters as New makes)
// with "…", so a mail or a logged path can be shown without handing out a
// working link.
func Redact(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '/')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i+1])
		s = s[i+1:]
		n := 0
		for n < len(s) && urlSafe(s[n]) {
			n++
		}
		if n == length {
			b.WriteString("…")
		} else {
			b.WriteString(s[:n])
		}
		s = s[n:]
	}
}

func urlSafe(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}
