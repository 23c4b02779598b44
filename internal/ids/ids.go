// Package ids makes the public identifiers of teilhabe: UUID version 7, so ids
// are unguessable yet sort by creation time (good for indexes and HSDS).
package ids

import (
	"github.com/google/uuid"
)

// New returns a fresh UUIDv7 in its canonical text form.
func New() string { return uuid.Must(uuid.NewV7()).String() }

// Valid reports whether s is a UUID in canonical form; handlers check ids
// before they reach the database, where PostgreSQL would reject them.
func Valid(s string) bool {
	if len(s) != 36 {
		return false
	}
	_, err := uuid.Parse(s)
	return err == nil
}
