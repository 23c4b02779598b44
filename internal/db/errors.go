package db

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"teilhabe.org/teilhabe/internal/apperr"
)

// Err turns driver errors into domain errors, so no driver type leaves the
// store layer: a missing row is NotFound, a unique or foreign-key violation a
// Conflict, a lock held too long Unavailable. Errors already classified pass.
func Err(err error) error {
	if err == nil {
		return nil
	}
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.Wrap(apperr.NotFound, err)
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return apperr.Wrap(apperr.Unavailable, err)
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505", "23503", "40001", "40P01":
			return apperr.Wrap(apperr.Conflict, err)
		case "22P02", "23502", "23514", "22001":
			return apperr.Wrap(apperr.Invalid, err)
		}
		return apperr.Wrap(apperr.Internal, err)
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY, sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return apperr.Wrap(apperr.Conflict, err)
		case sqlite3.SQLITE_CONSTRAINT_NOTNULL, sqlite3.SQLITE_CONSTRAINT_CHECK:
			return apperr.Wrap(apperr.Invalid, err)
		}
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return apperr.Wrap(apperr.Unavailable, err)
		}
	}
	return apperr.Wrap(apperr.Internal, err)
}
