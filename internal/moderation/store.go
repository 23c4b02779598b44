package moderation

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/paging"
)

// Flag is one report of an item.
type Flag struct {
	ID         string
	Kind       string
	ItemID     string
	ReporterID string // "" once the reporter erased their account
	Reason     string
	Text       string
	CreatedAt  time.Time
	UpdatedAt  time.Time
	ResolvedAt *time.Time
	Resolution string // the action that closed it: hide, restore, remove, dismiss
}

// Open reports whether the flag still waits for a decision.
func (f *Flag) Open() bool { return f.ResolvedAt == nil }

const flagColumns = "id, kind, item_id, reporter_id, reason, text, created_at, updated_at, resolved_at, resolution"

func scanFlag(row db.Scanner) (*Flag, error) {
	f := &Flag{}
	var reporter sql.NullString
	var resolved sql.NullTime
	if err := row.Scan(&f.ID, &f.Kind, &f.ItemID, &reporter, &f.Reason, &f.Text, &f.CreatedAt, &f.UpdatedAt,
		&resolved, &f.Resolution); err != nil {
		return nil, db.Err(err)
	}
	f.ReporterID = reporter.String
	f.CreatedAt, f.UpdatedAt = f.CreatedAt.UTC(), f.UpdatedAt.UTC()
	if resolved.Valid {
		t := resolved.Time.UTC()
		f.ResolvedAt = &t
	}
	return f, nil
}

func queryFlags(ctx context.Context, q db.Querier, query string, args ...any) ([]*Flag, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	return db.Collect(rows, err, scanFlag)
}

// upsertFlag stores a reporter's flag of an item: a new one, or, while the
// reporter's earlier flag of the item is open, that one with the new
// reason and text. The partial unique index keeps one open flag per
// reporter and item even when two requests race.
func upsertFlag(ctx context.Context, tx *sql.Tx, f *Flag) error {
	err := tx.QueryRowContext(ctx, `INSERT INTO moderation_flags
		(id, kind, item_id, reporter_id, reason, text, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
		ON CONFLICT (kind, item_id, reporter_id) WHERE resolved_at IS NULL
		DO UPDATE SET reason = excluded.reason, text = excluded.text, updated_at = excluded.updated_at
		RETURNING id, created_at`,
		f.ID, f.Kind, f.ItemID, f.ReporterID, f.Reason, f.Text, f.UpdatedAt).Scan(&f.ID, &f.CreatedAt)
	f.CreatedAt = f.CreatedAt.UTC()
	return db.Err(err)
}

// openFlagsOf lists the open flags of an item, oldest first.
func openFlagsOf(ctx context.Context, q db.Querier, kind, itemID string) ([]*Flag, error) {
	return queryFlags(ctx, q, "SELECT "+flagColumns+` FROM moderation_flags
		WHERE kind = $1 AND item_id = $2 AND resolved_at IS NULL ORDER BY created_at, id`, kind, itemID)
}

// resolveFlags closes the open flags of an item and returns how many.
func resolveFlags(ctx context.Context, tx *sql.Tx, kind, itemID, actorID, resolution string, now time.Time) (int, error) {
	res, err := tx.ExecContext(ctx, `UPDATE moderation_flags SET resolved_at = $1, resolved_by = $2, resolution = $3
		WHERE kind = $4 AND item_id = $5 AND resolved_at IS NULL`, now, actorID, resolution, kind, itemID)
	if err != nil {
		return 0, db.Err(err)
	}
	n, err := res.RowsAffected()
	return int(n), db.Err(err)
}

// group is one flagged item of the queue as the database counts it.
type group struct {
	Kind, ItemID string
	Count        int
	First        time.Time
}

// flaggedGroups lists items with open flags that do not wait for approval
// (those are shown with the held ones), most flagged first, then oldest.
func flaggedGroups(ctx context.Context, q db.Querier, limit, offset int) ([]group, int, error) {
	const where = ` FROM moderation_flags f WHERE f.resolved_at IS NULL AND NOT EXISTS (
		SELECT 1 FROM moderation_holds h WHERE h.kind = f.kind AND h.item_id = f.item_id AND h.decided_at IS NULL)`
	var total int
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM (SELECT 1"+where+" GROUP BY f.kind, f.item_id) g").Scan(&total); err != nil {
		return nil, 0, db.Err(err)
	}
	rows, err := q.QueryContext(ctx, "SELECT f.kind, f.item_id, count(*), min(f.created_at)"+where+`
		GROUP BY f.kind, f.item_id ORDER BY count(*) DESC, min(f.created_at), f.item_id LIMIT $1 OFFSET $2`, limit, offset)
	groups, err := db.Collect(rows, err, func(s db.Scanner) (group, error) {
		var g group
		var first any
		err := s.Scan(&g.Kind, &g.ItemID, &g.Count, &first)
		if t := db.TimeOf(first); t != nil {
			g.First = *t
		}
		return g, err
	})
	return groups, total, err
}

// Hold is an item waiting for approval.
type Hold struct {
	Kind, ItemID, OwnerID string
	CreatedAt             time.Time
}

// insertHold records that an item waits for approval; an item held again
// (edited after a decision) waits again.
func insertHold(ctx context.Context, tx *sql.Tx, kind, itemID, ownerID string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO moderation_holds (kind, item_id, owner_id, created_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (kind, item_id) DO UPDATE SET owner_id = excluded.owner_id, created_at = excluded.created_at,
			decided_at = NULL, decided_by = NULL, decision = ''`, kind, itemID, db.NullString(ownerID), now)
	return db.Err(err)
}

// pendingHold returns the hold of an item still waiting; NotFound if none.
func pendingHold(ctx context.Context, q db.Querier, kind, itemID string) (*Hold, error) {
	h := &Hold{Kind: kind, ItemID: itemID}
	var owner sql.NullString
	err := q.QueryRowContext(ctx, `SELECT owner_id, created_at FROM moderation_holds
		WHERE kind = $1 AND item_id = $2 AND decided_at IS NULL`, kind, itemID).Scan(&owner, &h.CreatedAt)
	if err != nil {
		return nil, db.Err(err)
	}
	h.OwnerID, h.CreatedAt = owner.String, h.CreatedAt.UTC()
	return h, nil
}

// decideHold closes an item's pending hold, if any; it reports whether
// there was one.
func decideHold(ctx context.Context, tx *sql.Tx, kind, itemID, actorID, decision string, now time.Time) (bool, error) {
	res, err := tx.ExecContext(ctx, `UPDATE moderation_holds SET decided_at = $1, decided_by = $2, decision = $3
		WHERE kind = $4 AND item_id = $5 AND decided_at IS NULL`, now, actorID, decision, kind, itemID)
	if err != nil {
		return false, db.Err(err)
	}
	n, err := res.RowsAffected()
	return n > 0, db.Err(err)
}

// pendingHolds lists the items waiting for approval, oldest first.
func pendingHolds(ctx context.Context, q db.Querier, limit int) ([]Hold, int, error) {
	var total int
	if err := q.QueryRowContext(ctx, "SELECT count(*) FROM moderation_holds WHERE decided_at IS NULL").Scan(&total); err != nil {
		return nil, 0, db.Err(err)
	}
	rows, err := q.QueryContext(ctx, `SELECT kind, item_id, owner_id, created_at FROM moderation_holds
		WHERE decided_at IS NULL ORDER BY created_at, item_id LIMIT $1`, limit)
	holds, err := db.Collect(rows, err, func(s db.Scanner) (Hold, error) {
		var h Hold
		var owner sql.NullString
		err := s.Scan(&h.Kind, &h.ItemID, &owner, &h.CreatedAt)
		h.OwnerID, h.CreatedAt = owner.String, h.CreatedAt.UTC()
		return h, err
	})
	return holds, total, err
}

// Hidden is an item a coordinator hid.
type Hidden struct {
	Kind, ItemID, OwnerID, HiddenBy, Reason string
	HiddenAt                                time.Time
}

func scanHidden(row db.Scanner) (*Hidden, error) {
	h := &Hidden{}
	var owner, by sql.NullString
	if err := row.Scan(&h.Kind, &h.ItemID, &owner, &h.HiddenAt, &by, &h.Reason); err != nil {
		return nil, db.Err(err)
	}
	h.OwnerID, h.HiddenBy, h.HiddenAt = owner.String, by.String, h.HiddenAt.UTC()
	return h, nil
}

const hiddenColumns = "kind, item_id, owner_id, hidden_at, hidden_by, reason"

// hiddenItem returns the record of a hidden item; NotFound if it is not
// hidden by a coordinator.
func hiddenItem(ctx context.Context, q db.Querier, kind, itemID string) (*Hidden, error) {
	return scanHidden(q.QueryRowContext(ctx, "SELECT "+hiddenColumns+
		" FROM moderation_hidden WHERE kind = $1 AND item_id = $2", kind, itemID))
}

// hiddenItems lists hidden items without open flags (those are shown
// among the flagged ones), newest first.
func hiddenItems(ctx context.Context, q db.Querier, limit int) ([]*Hidden, int, error) {
	const where = ` FROM moderation_hidden x WHERE NOT EXISTS (SELECT 1 FROM moderation_flags f
		WHERE f.kind = x.kind AND f.item_id = x.item_id AND f.resolved_at IS NULL)`
	var total int
	if err := q.QueryRowContext(ctx, "SELECT count(*)"+where).Scan(&total); err != nil {
		return nil, 0, db.Err(err)
	}
	rows, err := q.QueryContext(ctx, "SELECT x.kind, x.item_id, x.owner_id, x.hidden_at, x.hidden_by, x.reason"+where+
		" ORDER BY x.hidden_at DESC, x.item_id LIMIT $1", limit)
	hidden, err := db.Collect(rows, err, scanHidden)
	return hidden, total, err
}

func insertHidden(ctx context.Context, tx *sql.Tx, h *Hidden) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO moderation_hidden ("+hiddenColumns+") VALUES ($1, $2, $3, $4, $5, $6)",
		h.Kind, h.ItemID, db.NullString(h.OwnerID), h.HiddenAt, db.NullString(h.HiddenBy), h.Reason)
	if apperr.Is(db.Err(err), apperr.Conflict) {
		return apperr.New(apperr.Conflict, "moderation.error.already_hidden")
	}
	return db.Err(err)
}

func deleteHidden(ctx context.Context, tx *sql.Tx, kind, itemID string) (bool, error) {
	res, err := tx.ExecContext(ctx, "DELETE FROM moderation_hidden WHERE kind = $1 AND item_id = $2", kind, itemID)
	if err != nil {
		return false, db.Err(err)
	}
	n, err := res.RowsAffected()
	return n > 0, db.Err(err)
}

// Cursor marks a place in the list of open flags: the time and id of the
// last flag shown.
type Cursor struct {
	At time.Time
	ID string
}

// flagsOrder names the order of open flags, oldest first, for cursors.
const flagsOrder = "moderation.flags"

// String encodes the cursor for a next-page link.
func (c Cursor) String() string { return paging.New(flagsOrder).Time(c.At).ID(c.ID).String() }

// ParseCursor reads what Cursor.String wrote; anything else is a bad
// cursor.
func ParseCursor(s string) (Cursor, error) {
	r := paging.Read(flagsOrder, s)
	c := Cursor{At: r.Time(), ID: r.ID()}
	return c, r.Err()
}

// openFlags lists open flags oldest first, after the cursor.
func openFlags(ctx context.Context, q db.Querier, after *Cursor, limit int) ([]*Flag, error) {
	if after == nil {
		return queryFlags(ctx, q, "SELECT "+flagColumns+` FROM moderation_flags WHERE resolved_at IS NULL
			ORDER BY created_at, id LIMIT $1`, limit)
	}
	return queryFlags(ctx, q, "SELECT "+flagColumns+` FROM moderation_flags WHERE resolved_at IS NULL
		AND (created_at, id) > ($1, $2) ORDER BY created_at, id LIMIT $3`, after.At, after.ID, limit)
}
