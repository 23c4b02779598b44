package db

import (
	"context"
	"database/sql"
	"strings"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/ids"
)

// LockRow makes tx the only transaction that changes the row of table with
// this id until tx ends, so two read-check-write operations on the same
// object (two owners demoting each other, an edit and the expiry job)
// cannot undo each other. Conditions, if any, must hold as well (for
// example "removed_at IS NULL"). A row that does not exist or fails them,
// and an id that is no id, is NotFound.
//
// A no-op UPDATE is the one statement that takes a row lock on both
// engines: PostgreSQL holds it until the transaction ends, and SQLite,
// which has no SELECT ... FOR UPDATE, serialises writers anyway.
func LockRow(ctx context.Context, tx *sql.Tx, table, id string, conditions ...string) error {
	if !ids.Valid(id) {
		return apperr.New(apperr.NotFound, "")
	}
	query := "UPDATE " + table + " SET id = id WHERE id = $1"
	for _, c := range conditions {
		query += " AND (" + c + ")"
	}
	res, err := tx.ExecContext(ctx, query, strings.ToLower(id))
	if err != nil {
		return Err(err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return apperr.New(apperr.NotFound, "")
	}
	return nil
}
