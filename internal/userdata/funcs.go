package userdata

import (
	"context"
	"database/sql"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

// Funcs are a module's part in export and erasure as plain functions;
// Provide makes the Provider of them, so a module writes no type of its
// own:
//
//	func (m *Module) UserData() userdata.Provider {
//		return userdata.Provide(userdata.Funcs{Name: "events", Export: m.exportUserData,
//			Erase: func(ctx context.Context, tx *sql.Tx, userID string) error {
//				return userdata.Exec(ctx, tx, userID, "DELETE FROM event_signups WHERE user_id = $1")
//			}})
//	}
//
// The functions are called only with a valid id (ids.Valid): for any other
// id there is nothing to export, check or erase, and a PostgreSQL uuid
// column would refuse it.
type Funcs struct {
	Name       string                                                     // the key of the module's part in the export
	Export     func(ctx context.Context, userID string) (any, error)      // required
	CheckErase func(ctx context.Context, userID string) error             // nil: never refuses
	Erase      func(ctx context.Context, tx *sql.Tx, userID string) error // required
}

// Provide returns f as a Provider.
func Provide(f Funcs) Provider { return provider{f} }

type provider struct{ f Funcs }

func (p provider) Name() string { return p.f.Name }

func (p provider) Export(ctx context.Context, userID string) (any, error) {
	if !ids.Valid(userID) {
		return nil, nil
	}
	return p.f.Export(ctx, userID)
}

func (p provider) CheckErase(ctx context.Context, userID string) error {
	if p.f.CheckErase == nil || !ids.Valid(userID) {
		return nil
	}
	return p.f.CheckErase(ctx, userID)
}

func (p provider) Erase(ctx context.Context, tx *sql.Tx, userID string) error {
	if !ids.Valid(userID) {
		return nil
	}
	return p.f.Erase(ctx, tx, userID)
}

// Exec runs each statement in tx with the person's id as $1, in order: the
// usual erasure of a module's rows about a person.
func Exec(ctx context.Context, tx *sql.Tx, userID string, statements ...string) error {
	for _, q := range statements {
		if _, err := tx.ExecContext(ctx, q, userID); err != nil {
			return db.Err(err)
		}
	}
	return nil
}
