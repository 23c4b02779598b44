package board

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

const responseColumns = `r.id, r.listing_id, r.responder_id, COALESCE(CAST(r.responder_org_id AS TEXT), ''), r.conversation_id,
	r.status, r.created_at, r.decided_at`

func scanResponse(row db.Scanner) (*Response, error) {
	r := &Response{}
	var status string
	var decided sql.NullTime
	if err := row.Scan(&r.ID, &r.ListingID, &r.ResponderID, &r.ResponderOrgID, &r.ConversationID, &status,
		&r.CreatedAt, &decided); err != nil {
		return nil, db.Err(err)
	}
	r.Status, r.CreatedAt, r.DecidedAt = ResponseStatus(status), r.CreatedAt.UTC(), db.TimePtr(decided)
	return r, nil
}

func queryResponses(ctx context.Context, q db.Querier, where string, args ...any) ([]*Response, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+responseColumns+" FROM listing_responses r WHERE "+where+
		" ORDER BY r.created_at, r.id", args...)
	return db.Collect(rows, err, scanResponse)
}

// responseByID loads a response of the listing; one of another listing is
// NotFound.
func responseByID(ctx context.Context, q db.Querier, listingID, id string) (*Response, error) {
	if !ids.Valid(id) || !ids.Valid(listingID) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return scanResponse(q.QueryRowContext(ctx, "SELECT "+responseColumns+
		" FROM listing_responses r WHERE r.id = $1 AND r.listing_id = $2", id, listingID))
}

// responseOf returns the person's response to the listing; NotFound when
// there is none.
func responseOf(ctx context.Context, q db.Querier, listingID, userID string) (*Response, error) {
	if !ids.Valid(userID) || !ids.Valid(listingID) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return scanResponse(q.QueryRowContext(ctx, "SELECT "+responseColumns+
		" FROM listing_responses r WHERE r.listing_id = $1 AND r.responder_id = $2", listingID, userID))
}

func insertResponse(ctx context.Context, tx *sql.Tx, r *Response) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO listing_responses (id, listing_id, responder_id, responder_org_id,
		conversation_id, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		r.ID, r.ListingID, r.ResponderID, db.NullString(r.ResponderOrgID), r.ConversationID, string(r.Status), r.CreatedAt)
	if apperr.Is(db.Err(err), apperr.Conflict) {
		return apperr.New(apperr.Conflict, "board.response.duplicate")
	}
	return db.Err(err)
}

// setResponseStatus moves a response from one of the states in from to
// to, and reports whether it did: a response decided meanwhile by somebody
// else is left alone, so two clicks cannot both win.
func setResponseStatus(ctx context.Context, tx *sql.Tx, id string, from []ResponseStatus, to ResponseStatus,
	now time.Time) (bool, error) {
	statuses := make([]string, len(from))
	for i, s := range from {
		statuses[i] = string(s)
	}
	in, args := db.In(4, statuses)
	res, err := tx.ExecContext(ctx, "UPDATE listing_responses SET status = $1, decided_at = $2 WHERE id = $3 AND status IN ("+
		in+")", append([]any{string(to), now, id}, args...)...)
	if err != nil {
		return false, db.Err(err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// responseCounts counts the responses of listings by status, for lists
// such as "my listings".
func responseCounts(ctx context.Context, q db.Querier, listingID string) (map[ResponseStatus]int, error) {
	rows, err := q.QueryContext(ctx, "SELECT status, count(*) FROM listing_responses WHERE listing_id = $1 GROUP BY status",
		listingID)
	out := map[ResponseStatus]int{}
	err = db.Each(rows, err, func(row db.Scanner) error {
		var s string
		var n int
		err := row.Scan(&s, &n)
		out[ResponseStatus(s)] = n
		return err
	})
	return out, err
}

const thanksColumns = "listing_id, author_id, text, created_at"

func queryThanks(ctx context.Context, q db.Querier, listingID string) ([]*Thanks, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+thanksColumns+" FROM listing_thanks WHERE listing_id = $1 ORDER BY created_at, author_id",
		listingID)
	return db.Collect(rows, err, func(row db.Scanner) (*Thanks, error) {
		t := &Thanks{}
		err := row.Scan(&t.ListingID, &t.AuthorID, &t.Text, &t.CreatedAt)
		t.CreatedAt = t.CreatedAt.UTC()
		return t, err
	})
}

// upsertThanks writes the author's note, replacing an earlier one.
func upsertThanks(ctx context.Context, tx *sql.Tx, t *Thanks) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO listing_thanks (listing_id, author_id, text, created_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (listing_id, author_id) DO UPDATE SET text = excluded.text, created_at = excluded.created_at`,
		t.ListingID, t.AuthorID, t.Text, t.CreatedAt)
	return db.Err(err)
}
