package hsds

import (
	"context"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
)

// ---- HSDS identifiers ----

// hsdsLocal returns the local id an HSDS id was imported as ("" when none).
func hsdsLocal(ctx context.Context, q db.Querier, kind, hsdsID string) (string, error) {
	var local string
	err := q.QueryRowContext(ctx, "SELECT local_id FROM directory_hsds_ids WHERE kind = $1 AND hsds_id = $2", kind, hsdsID).Scan(&local)
	if apperr.Is(db.Err(err), apperr.NotFound) {
		return "", nil
	}
	return local, db.Err(err)
}

// hsdsIDs returns the HSDS ids of every imported record of a kind, by
// local id.
func hsdsIDs(ctx context.Context, q db.Querier, kind string) (map[string]string, error) {
	out := map[string]string{}
	rows, err := q.QueryContext(ctx, "SELECT local_id, hsds_id FROM directory_hsds_ids WHERE kind = $1", kind)
	err = db.Each(rows, err, func(s db.Scanner) error {
		var local, h string
		err := s.Scan(&local, &h)
		out[local] = h
		return err
	})
	return out, err
}

func rememberHSDS(ctx context.Context, q db.Querier, kind, hsdsID, localID string) error {
	if hsdsID == localID {
		return nil
	}
	_, err := q.ExecContext(ctx, `INSERT INTO directory_hsds_ids (kind, hsds_id, local_id) VALUES ($1, $2, $3)
		ON CONFLICT (kind, hsds_id) DO NOTHING`, kind, hsdsID, localID)
	return db.Err(err)
}
