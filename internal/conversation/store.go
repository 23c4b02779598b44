package conversation

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

// marks returns n placeholders starting at $from: "$2, $3, $4".
func marks(from, n int) string {
	out := make([]string, n)
	for i := range out {
		out[i] = "$" + strconv.Itoa(from+i)
	}
	return strings.Join(out, ", ")
}

func anys(list []string) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}

// nullable stores "" as NULL.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

const conversationColumns = "id, about_kind, about_id, about_title, about_url, contact_sharing, last_seq, created_at, last_message_at"

func scanConversation(row interface{ Scan(...any) error }) (*Conversation, error) {
	c := &Conversation{}
	if err := row.Scan(&c.ID, &c.About.Kind, &c.About.ID, &c.About.Title, &c.About.URL, &c.ContactSharing, &c.LastSeq,
		&c.CreatedAt, &c.LastMessageAt); err != nil {
		return nil, db.Err(err)
	}
	c.CreatedAt, c.LastMessageAt = c.CreatedAt.UTC(), c.LastMessageAt.UTC()
	return c, nil
}

// conversationByID loads a conversation; NotFound for unknown ids.
func conversationByID(ctx context.Context, q db.Querier, id string) (*Conversation, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return scanConversation(q.QueryRowContext(ctx, "SELECT "+conversationColumns+" FROM conversations WHERE id = $1", id))
}

func insertConversation(ctx context.Context, tx *sql.Tx, c *Conversation) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO conversations (id, about_kind, about_id, about_title, about_url,
		contact_sharing, last_seq, created_at, last_message_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		c.ID, c.About.Kind, c.About.ID, c.About.Title, c.About.URL, c.ContactSharing, c.LastSeq, c.CreatedAt, c.LastMessageAt)
	return db.Err(err)
}

// insertParticipant adds a person and reports whether they are new;
// someone already taking part keeps their place (and organisation).
func insertParticipant(ctx context.Context, tx *sql.Tx, convID string, p Participant, now time.Time) (bool, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO conversation_participants (conversation_id, user_id, org_id, anonymous, joined_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (conversation_id, user_id) DO NOTHING`, convID, p.UserID, nullable(p.OrgID),
		p.Anonymous, now)
	if err != nil {
		return false, db.Err(err)
	}
	n, err := res.RowsAffected()
	return n > 0, db.Err(err)
}

// participants lists the people of a conversation in the order they
// joined, without names.
func participants(ctx context.Context, q db.Querier, convID string) ([]Member, error) {
	rows, err := q.QueryContext(ctx, `SELECT user_id, org_id, share_contact, anonymous, joined_at FROM conversation_participants
		WHERE conversation_id = $1 ORDER BY joined_at, user_id`, convID)
	if err != nil {
		return nil, db.Err(err)
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		var p Member
		var org sql.NullString
		if err := rows.Scan(&p.UserID, &org, &p.ShareContact, &p.Anonymous, &p.JoinedAt); err != nil {
			return nil, db.Err(err)
		}
		p.OrgID, p.JoinedAt = org.String, p.JoinedAt.UTC()
		out = append(out, p)
	}
	return out, db.Err(rows.Err())
}

// participantsOf lists the people of several conversations.
func participantsOf(ctx context.Context, q db.Querier, convIDs []string) (map[string][]Member, error) {
	out := map[string][]Member{}
	if len(convIDs) == 0 {
		return out, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT conversation_id, user_id, org_id, share_contact, anonymous, joined_at
		FROM conversation_participants WHERE conversation_id IN (`+marks(1, len(convIDs))+`) ORDER BY joined_at, user_id`,
		anys(convIDs)...)
	if err != nil {
		return nil, db.Err(err)
	}
	defer rows.Close()
	for rows.Next() {
		var convID string
		var p Member
		var org sql.NullString
		if err := rows.Scan(&convID, &p.UserID, &org, &p.ShareContact, &p.Anonymous, &p.JoinedAt); err != nil {
			return nil, db.Err(err)
		}
		p.OrgID, p.JoinedAt = org.String, p.JoinedAt.UTC()
		out[convID] = append(out[convID], p)
	}
	return out, db.Err(rows.Err())
}

// nextSeq numbers a new message and moves the conversation's activity
// time; on PostgreSQL the row lock orders concurrent posts.
func nextSeq(ctx context.Context, tx *sql.Tx, convID string, now time.Time) (int, error) {
	var seq int
	err := tx.QueryRowContext(ctx, `UPDATE conversations SET last_seq = last_seq + 1, last_message_at = $1
		WHERE id = $2 RETURNING last_seq`, now, convID).Scan(&seq)
	return seq, db.Err(err)
}

func insertMessage(ctx context.Context, tx *sql.Tx, msg *Message) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO conversation_messages (id, conversation_id, seq, author_id, body, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, msg.ID, msg.ConversationID, msg.Seq, msg.AuthorID, msg.Body, msg.CreatedAt)
	return db.Err(err)
}

const messageColumns = "id, conversation_id, seq, author_id, body, created_at, hidden_at, removed_at"

func scanMessage(row interface{ Scan(...any) error }) (*Message, error) {
	msg := &Message{}
	var hidden, removed sql.NullTime
	if err := row.Scan(&msg.ID, &msg.ConversationID, &msg.Seq, &msg.AuthorID, &msg.Body, &msg.CreatedAt, &hidden, &removed); err != nil {
		return nil, db.Err(err)
	}
	msg.CreatedAt, msg.Hidden, msg.Removed = msg.CreatedAt.UTC(), hidden.Valid, removed.Valid
	return msg, nil
}

// messageByID loads one message with its text, for moderation.
func messageByID(ctx context.Context, q db.Querier, id string) (*Message, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return scanMessage(q.QueryRowContext(ctx, "SELECT "+messageColumns+" FROM conversation_messages WHERE id = $1", id))
}

// listMessages returns up to limit messages before seq (0: the newest),
// oldest first. Hidden and removed messages come without their text.
func listMessages(ctx context.Context, q db.Querier, convID string, before, limit int) ([]*Message, error) {
	if before <= 0 {
		before = int(^uint32(0) >> 1)
	}
	rows, err := q.QueryContext(ctx, "SELECT "+messageColumns+` FROM conversation_messages
		WHERE conversation_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`, convID, before, limit)
	if err != nil {
		return nil, db.Err(err)
	}
	defer rows.Close()
	var out []*Message
	for rows.Next() {
		msg, err := scanMessage(rows)
		if err != nil {
			return nil, err
		}
		if msg.Hidden || msg.Removed {
			msg.Body = ""
		}
		out = append(out, msg)
	}
	if err := rows.Err(); err != nil {
		return nil, db.Err(err)
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out, nil
}

// readSeq is how far the person has read the conversation (0: nothing).
func readSeq(ctx context.Context, q db.Querier, convID, userID string) (int, error) {
	var seq int
	err := q.QueryRowContext(ctx, "SELECT last_read_seq FROM conversation_reads WHERE conversation_id = $1 AND user_id = $2",
		convID, userID).Scan(&seq)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return seq, db.Err(err)
}

// markRead records that the person has read up to seq; it never moves back.
func markRead(ctx context.Context, q db.Querier, convID, userID string, seq int, now time.Time) error {
	_, err := q.ExecContext(ctx, `INSERT INTO conversation_reads (conversation_id, user_id, last_read_seq, last_read_at)
		VALUES ($1, $2, $3, $4) ON CONFLICT (conversation_id, user_id) DO UPDATE
		SET last_read_seq = excluded.last_read_seq, last_read_at = excluded.last_read_at
		WHERE conversation_reads.last_read_seq < excluded.last_read_seq`, convID, userID, seq, now)
	return db.Err(err)
}

// unreadBefore reports whether the person has unread messages by others
// older than seq: then they were already told and need no new mail.
func unreadBefore(ctx context.Context, q db.Querier, convID, userID string, seq int) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM conversation_messages msg
		WHERE msg.conversation_id = $1 AND msg.seq < $3 AND msg.author_id <> $2
		AND msg.hidden_at IS NULL AND msg.removed_at IS NULL
		AND msg.seq > COALESCE((SELECT r.last_read_seq FROM conversation_reads r
			WHERE r.conversation_id = $1 AND r.user_id = $2), 0)`, convID, userID, seq).Scan(&n)
	return n > 0, db.Err(err)
}

// anyBlocked reports whether any two of the people block each other.
func anyBlocked(ctx context.Context, q db.Querier, people []string) (bool, error) {
	if len(people) < 2 {
		return false, nil
	}
	var n int
	in := marks(1, len(people))
	err := q.QueryRowContext(ctx, "SELECT count(*) FROM conversation_blocks WHERE blocker_id IN ("+in+") AND blocked_id IN ("+in+")",
		anys(people)...).Scan(&n)
	return n > 0, db.Err(err)
}

// blockedWith reports whether the person and any of the others block each
// other, in either direction.
func blockedWith(ctx context.Context, q db.Querier, userID string, others []string) (bool, error) {
	if len(others) == 0 {
		return false, nil
	}
	in := marks(2, len(others))
	var n int
	err := q.QueryRowContext(ctx, "SELECT count(*) FROM conversation_blocks WHERE (blocker_id = $1 AND blocked_id IN ("+in+
		")) OR (blocked_id = $1 AND blocker_id IN ("+in+"))", append([]any{userID}, anys(others)...)...).Scan(&n)
	return n > 0, db.Err(err)
}

// blockedBy lists whom of the others the person blocked.
func blockedBy(ctx context.Context, q db.Querier, userID string, others []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(others) == 0 {
		return out, nil
	}
	rows, err := q.QueryContext(ctx, "SELECT blocked_id FROM conversation_blocks WHERE blocker_id = $1 AND blocked_id IN ("+
		marks(2, len(others))+")", append([]any{userID}, anys(others)...)...)
	if err != nil {
		return nil, db.Err(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, db.Err(err)
		}
		out[id] = true
	}
	return out, db.Err(rows.Err())
}

func listBlocks(ctx context.Context, q db.Querier, userID string) ([]Block, error) {
	rows, err := q.QueryContext(ctx, `SELECT blocked_id, created_at FROM conversation_blocks WHERE blocker_id = $1
		ORDER BY created_at, blocked_id`, userID)
	if err != nil {
		return nil, db.Err(err)
	}
	defer rows.Close()
	var out []Block
	for rows.Next() {
		var b Block
		if err := rows.Scan(&b.UserID, &b.CreatedAt); err != nil {
			return nil, db.Err(err)
		}
		b.CreatedAt = b.CreatedAt.UTC()
		out = append(out, b)
	}
	return out, db.Err(rows.Err())
}

// anonymousIn reports whether the person takes part in the conversation
// anonymously.
func anonymousIn(ctx context.Context, q db.Querier, convID, userID string) (bool, error) {
	var anonymous bool
	err := q.QueryRowContext(ctx, "SELECT anonymous FROM conversation_participants WHERE conversation_id = $1 AND user_id = $2",
		convID, userID).Scan(&anonymous)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return anonymous, db.Err(err)
}

// mailText tells whether the person wants the message text in mails.
func mailText(ctx context.Context, q db.Querier, userID string) (bool, error) {
	var on bool
	err := q.QueryRowContext(ctx, "SELECT mail_text FROM conversation_settings WHERE user_id = $1", userID).Scan(&on)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return on, db.Err(err)
}

// visible is the condition that a person sees conversation c: they take
// part for themselves, or one of their organisations (orgIDs: those they
// belong to now) does. Their participation for an organisation they no
// longer belong to does not count. It returns the SQL with placeholders
// from $from on and its arguments.
func visible(from int, userID string, orgIDs []string) (string, []any) {
	cond := "(p.user_id = $" + strconv.Itoa(from) + " AND p.org_id IS NULL)"
	args := []any{userID}
	if len(orgIDs) > 0 {
		cond += " OR p.org_id IN (" + marks(from+1, len(orgIDs)) + ")"
		args = append(args, anys(orgIDs)...)
	}
	return "EXISTS (SELECT 1 FROM conversation_participants p WHERE p.conversation_id = c.id AND (" + cond + "))", args
}

// unreadExpr counts the messages by others after the person's read mark;
// $1 is the person.
const unreadExpr = `(SELECT count(*) FROM conversation_messages msg WHERE msg.conversation_id = c.id
	AND msg.seq > COALESCE(r.last_read_seq, 0) AND msg.author_id <> $1
	AND msg.hidden_at IS NULL AND msg.removed_at IS NULL)`

// listFilter narrows a person's conversations.
type listFilter struct {
	AboutKind, AboutID string // both set: only conversations about this thing
	Limit, Offset      int
}

// summaries lists the conversations a person sees, newest activity first.
func summaries(ctx context.Context, q db.Querier, userID string, orgIDs []string, f listFilter) ([]Summary, error) {
	cond, args := visible(1, userID, orgIDs)
	if f.AboutKind != "" {
		n := len(args)
		cond += " AND c.about_kind = $" + strconv.Itoa(n+1) + " AND c.about_id = $" + strconv.Itoa(n+2)
		args = append(args, f.AboutKind, f.AboutID)
	}
	n := len(args)
	args = append(args, f.Limit, f.Offset)
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.about_kind, c.about_id, c.about_title, c.about_url, c.last_seq,
		c.last_message_at, `+unreadExpr+` FROM conversations c
		LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = $1
		WHERE `+cond+` ORDER BY c.last_message_at DESC, c.id DESC LIMIT $`+strconv.Itoa(n+1)+` OFFSET $`+strconv.Itoa(n+2), args...)
	if err != nil {
		return nil, db.Err(err)
	}
	defer rows.Close()
	var out []Summary
	for rows.Next() {
		var s Summary
		if err := rows.Scan(&s.ID, &s.About.Kind, &s.About.ID, &s.About.Title, &s.About.URL, &s.Messages, &s.LastMessageAt,
			&s.Unread); err != nil {
			return nil, db.Err(err)
		}
		s.LastMessageAt = s.LastMessageAt.UTC()
		out = append(out, s)
	}
	return out, db.Err(rows.Err())
}

// countUnread counts the conversations a person sees that hold messages by
// others they have not read.
func countUnread(ctx context.Context, q db.Querier, userID string, orgIDs []string) (int, error) {
	cond, args := visible(1, userID, orgIDs)
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM conversations c
		LEFT JOIN conversation_reads r ON r.conversation_id = c.id AND r.user_id = $1
		WHERE c.last_seq > COALESCE(r.last_read_seq, 0) AND `+cond+` AND `+unreadExpr+` > 0`, args...).Scan(&n)
	return n, db.Err(err)
}

// orgsInConversations lists every organisation that takes part in some
// conversation.
func orgsInConversations(ctx context.Context, q db.Querier) ([]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT DISTINCT org_id FROM conversation_participants WHERE org_id IS NOT NULL")
	if err != nil {
		return nil, db.Err(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, db.Err(err)
		}
		out = append(out, id)
	}
	return out, db.Err(rows.Err())
}
