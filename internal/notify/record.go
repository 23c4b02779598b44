package notify

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/ids"
)

// Record is one notice as a person's inbox shows it.
type Record struct {
	ID        string
	UserID    string
	Kind      string
	Item      Item
	Link      string
	Params    []any // name/value pairs as Notice.Params gave them
	CreatedAt time.Time
	ReadAt    *time.Time // nil while unread
}

// Unread reports whether the person has not seen the record yet.
func (r Record) Unread() bool { return r.ReadAt == nil }

const recordColumns = "id, user_id, kind, item_type, item_id, link, params, created_at, read_at"

func scanRecord(s db.Scanner) (Record, error) {
	var r Record
	var params string
	var readAt sql.NullTime
	if err := s.Scan(&r.ID, &r.UserID, &r.Kind, &r.Item.Type, &r.Item.ID, &r.Link, &params, &r.CreatedAt, &readAt); err != nil {
		return r, err
	}
	r.CreatedAt, r.ReadAt = r.CreatedAt.UTC(), db.TimePtr(readAt)
	var err error
	r.Params, err = decodeParams(params)
	return r, err
}

// List returns a person's records, newest first, at most limit.
func (n *Notifier) List(ctx context.Context, userID string, limit int) ([]Record, error) {
	if !ids.Valid(userID) {
		return nil, nil
	}
	rows, err := n.db.QueryContext(ctx, "SELECT "+recordColumns+` FROM notifications WHERE user_id = $1
		ORDER BY created_at DESC, id DESC LIMIT $2`, userID, limit)
	return db.Collect(rows, err, scanRecord)
}

// Unread counts a person's records not read yet.
func (n *Notifier) Unread(ctx context.Context, userID string) (int, error) {
	if !ids.Valid(userID) {
		return 0, nil
	}
	var count int
	err := n.db.QueryRowContext(ctx, "SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
		userID).Scan(&count)
	return count, db.Err(err)
}

// MarkRead marks one of a person's records as read; another person's
// record stays as it is.
func (n *Notifier) MarkRead(ctx context.Context, q db.Querier, userID, recordID string, now time.Time) error {
	if !ids.Valid(userID) || !ids.Valid(recordID) {
		return nil
	}
	_, err := q.ExecContext(ctx, "UPDATE notifications SET read_at = $1 WHERE id = $2 AND user_id = $3 AND read_at IS NULL",
		now.UTC(), recordID, userID)
	return db.Err(err)
}

// MarkItemRead marks a person's records about an item as read, for the
// module whose page just showed the person that item.
func (n *Notifier) MarkItemRead(ctx context.Context, q db.Querier, userID string, item Item, now time.Time) error {
	if !ids.Valid(userID) {
		return nil
	}
	_, err := q.ExecContext(ctx, `UPDATE notifications SET read_at = $1
		WHERE user_id = $2 AND item_type = $3 AND item_id = $4 AND read_at IS NULL`,
		now.UTC(), userID, item.Type, item.ID)
	return db.Err(err)
}

// Forget deletes everybody's records about an item, for a module that
// erases the item's words: the records quote them.
func (n *Notifier) Forget(ctx context.Context, q db.Querier, item Item) error {
	_, err := q.ExecContext(ctx, "DELETE FROM notifications WHERE item_type = $1 AND item_id = $2", item.Type, item.ID)
	return db.Err(err)
}

// Line is the record's line in an inbox, in l's language; a record of a
// kind no module registers any more shows its kind's name.
func (n *Notifier) Line(l *i18n.Localizer, r Record) string {
	k, ok := n.kinds[r.Kind]
	if !ok {
		return r.Kind
	}
	args, err := localArgs(l, r.Params)
	if err != nil {
		return r.Kind
	}
	return l.T(k.line(), args...)
}
