// Package userdata lets every module take part in what the GDPR gives a
// person: a copy of all data held about them, and erasure. The account
// module asks each registered Provider; modules never reach into each
// other's tables to do it.
package userdata

import (
	"context"
	"database/sql"
)

// Provider is a module's part of export and erasure.
type Provider interface {
	// Name is the key of the module's part in the export.
	Name() string
	// Export returns what the module holds about the person, ready for JSON.
	Export(ctx context.Context, userID string) (any, error)
	// CheckErase refuses erasure that would orphan shared things (for
	// example an organisation the person alone owns), with an apperr whose
	// message tells what to do first.
	CheckErase(ctx context.Context, userID string) error
	// Erase removes or anonymises the person's data inside tx; open things
	// such as listings are withdrawn.
	Erase(ctx context.Context, tx *sql.Tx, userID string) error
}
