package search

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/db"
)

// expiredBatch bounds how many expired documents one run takes out.
const expiredBatch = 500

// dropExpired takes documents out whose time ran out, as if their module
// had deleted them; a module that extends one puts it again.
func (m *Module) dropExpired(ctx context.Context, now time.Time) error {
	for {
		rows, err := m.s.DB.QueryContext(ctx, `SELECT type, id FROM search_docs WHERE deleted = FALSE AND expires_at <= $1
			ORDER BY n LIMIT $2`, now, expiredBatch)
		keys, err := db.Collect(rows, err, func(row db.Scanner) ([2]string, error) {
			var k [2]string
			err := row.Scan(&k[0], &k[1])
			return k, err
		})
		if err != nil {
			return err
		}
		if len(keys) == 0 {
			return nil
		}
		err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
			// Under the index's lock, so a module extending one meanwhile wins.
			if _, err := lockMeta(ctx, tx); err != nil {
				return err
			}
			for _, k := range keys {
				var still bool
				if err := tx.QueryRowContext(ctx, `SELECT deleted = FALSE AND expires_at <= $1 FROM search_docs
					WHERE type = $2 AND id = $3`, now, k[0], k[1]).Scan(&still); err != nil {
					return db.Err(err)
				}
				if !still {
					continue
				}
				if err := m.Delete(ctx, tx, k[0], k[1]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil || len(keys) < expiredBatch {
			return err
		}
	}
}
