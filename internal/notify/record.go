package notify

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/paging"
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

// inboxOrder names the order of an inbox for its paging cursors.
const inboxOrder = "notify.inbox"

// Page returns a page of a person's records, newest first, after the
// cursor of the page before ("" for the first), and the cursor of the next
// page ("" on the last). A cursor that does not read back is a bad cursor
// (paging.BadCursor). limit is kept between 1 and 100.
func (n *Notifier) Page(ctx context.Context, userID, cursor string, limit int) ([]Record, string, error) {
	limit = min(max(limit, 1), 100)
	where, args := "user_id = $1", []any{userID}
	if cursor != "" {
		r := paging.Read(inboxOrder, cursor)
		at, id := r.Time(), r.ID()
		if err := r.Err(); err != nil {
			return nil, "", err
		}
		where += " AND (created_at < $2 OR created_at = $2 AND id < $3)"
		args = append(args, at, id)
	}
	if !ids.Valid(userID) {
		return nil, "", nil
	}
	rows, err := n.db.QueryContext(ctx, "SELECT "+recordColumns+" FROM notifications WHERE "+where+
		" ORDER BY created_at DESC, id DESC LIMIT "+strconv.Itoa(limit+1), args...)
	records, err := db.Collect(rows, err, scanRecord)
	if err != nil || len(records) <= limit {
		return records, "", err
	}
	records = records[:limit]
	last := records[limit-1]
	return records, paging.New(inboxOrder).Time(last.CreatedAt).ID(last.ID).String(), nil
}

// Record returns one of a person's records; NotFound for a record of
// somebody else, as for one that does not exist.
func (n *Notifier) Record(ctx context.Context, userID, recordID string) (Record, error) {
	if !ids.Valid(userID) || !ids.Valid(recordID) {
		return Record{}, apperr.New(apperr.NotFound, "")
	}
	r, err := scanRecord(n.db.QueryRowContext(ctx, "SELECT "+recordColumns+" FROM notifications WHERE id = $1 AND user_id = $2",
		recordID, userID))
	return r, db.Err(err)
}

// MarkAllRead marks every record of a person as read.
func (n *Notifier) MarkAllRead(ctx context.Context, userID string, now time.Time) error {
	if !ids.Valid(userID) {
		return nil
	}
	_, err := n.db.ExecContext(ctx, "UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND read_at IS NULL",
		now.UTC(), userID)
	return db.Err(err)
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
