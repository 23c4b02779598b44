package uploads

import (
	"context"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
)

// Drop deletes an upload that nothing refers to any more, whoever
// uploaded it; an empty id or an upload already gone is no error.
func Drop(ctx context.Context, q db.Querier, id string) error {
	if id == "" {
		return nil
	}
	u, err := Info(ctx, q, id)
	if apperr.Is(err, apperr.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	err = Delete(ctx, q, id, u.OwnerID)
	if apperr.Is(err, apperr.NotFound) {
		return nil
	}
	return err
}
