package account

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync/atomic"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters: the OWASP baseline (19 MiB, 2 passes), which keeps a
// login at a few tens of milliseconds on a small server.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// hashSlots bounds how many argon2id computations run at once: one per
// core. Each takes 19 MiB and a core for tens of milliseconds, so a burst of
// logins (a class that logs in together, or a guessing attack) would
// otherwise take all memory and every core from the rest of the platform;
// bounded, the burst waits in line and pages keep being served.
var hashSlots = make(chan struct{}, runtime.GOMAXPROCS(0))

// hashesRunning counts the computations in progress; peakHashes is the
// highest count seen (for the test of the bound).
var hashesRunning, peakHashes atomic.Int32

// argonKey computes an argon2id key in one of the slots.
func argonKey(pw, salt []byte, time, memory uint32, threads uint8, keyLen uint32) []byte {
	hashSlots <- struct{}{}
	defer func() { <-hashSlots }()
	n := hashesRunning.Add(1)
	defer hashesRunning.Add(-1)
	for peak := peakHashes.Load(); n > peak && !peakHashes.CompareAndSwap(peak, n); peak = peakHashes.Load() {
	}
	return argon2.IDKey(pw, salt, time, memory, threads, keyLen)
}

// HashPassword returns an encoded argon2id hash of pw.
func HashPassword(pw string) string {
	salt := make([]byte, argonSaltLen)
	rand.Read(salt)
	key := argonKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		b64.EncodeToString(salt), b64.EncodeToString(key))
}

// hashPassword hashes with HashPassword, or with what a test put in its
// place.
func (m *Module) hashPassword(pw string) string {
	if m.hash != nil {
		return m.hash(pw)
	}
	return HashPassword(pw)
}

// CheckPassword reports whether pw matches the encoded hash.
func CheckPassword(encoded, pw string) bool {
	p, salt, key, err := decodeHash(encoded)
	if err != nil {
		return false
	}
	got := argonKey([]byte(pw), salt, p.time, p.memory, p.threads, uint32(len(key)))
	return subtle.ConstantTimeCompare(got, key) == 1
}

// dummyHash is checked when no account matches, so a login for an unknown
// address takes as long as one for a known address.
var dummyHash = HashPassword("no account has this password")

type argonParams struct {
	memory, time uint32
	threads      uint8
}

func decodeHash(encoded string) (argonParams, []byte, []byte, error) {
	var p argonParams
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return p, nil, nil, errors.New("not an argon2id hash")
	}
	var version int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return p, nil, nil, errors.New("unsupported argon2 version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.memory, &p.time, &p.threads); err != nil {
		return p, nil, nil, err
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return p, nil, nil, err
	}
	key, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil {
		return p, nil, nil, err
	}
	return p, salt, key, nil
}
