package conversation

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

const conversationColumns = "id, about_kind, about_id, about_title, about_url, contact_sharing, last_seq, created_at, last_message_at"

func scanConversation(row db.Scanner) (*Conversation, error) {
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
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (conversation_id, user_id) DO NOTHING`, convID, p.UserID, db.NullString(p.OrgID),
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
	return db.Collect(rows, err, func(row db.Scanner) (Member, error) {
		var p Member
		var org sql.NullString
		err := row.Scan(&p.UserID, &org, &p.ShareContact, &p.Anonymous, &p.JoinedAt)
		p.OrgID, p.JoinedAt = org.String, p.JoinedAt.UTC()
		return p, err
	})
}

// participantsOf lists the people of several conversations.
func participantsOf(ctx context.Context, q db.Querier, convIDs []string) (map[string][]Member, error) {
	out := map[string][]Member{}
	if len(convIDs) == 0 {
		return out, nil
	}
	in, args := db.In(1, convIDs)
	rows, err := q.QueryContext(ctx, `SELECT conversation_id, user_id, org_id, share_contact, anonymous, joined_at
		FROM conversation_participants WHERE conversation_id IN (`+in+`) ORDER BY joined_at, user_id`, args...)
	err = db.Each(rows, err, func(row db.Scanner) error {
		var convID string
		var p Member
		var org sql.NullString
		if err := row.Scan(&convID, &p.UserID, &org, &p.ShareContact, &p.Anonymous, &p.JoinedAt); err != nil {
			return err
		}
		p.OrgID, p.JoinedAt = org.String, p.JoinedAt.UTC()
		out[convID] = append(out[convID], p)
		return nil
	})
	return out, err
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

func scanMessage(row db.Scanner) (*Message, error) {
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
	out, err := db.Collect(rows, err, scanMessage)
	if err != nil {
		return nil, err
	}
	for _, msg := range out {
		if msg.Hidden || msg.Removed {
			msg.Body = ""
		}
	}
	slices.Reverse(out)
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
	in, args := db.In(1, people)
	err := q.QueryRowContext(ctx, "SELECT count(*) FROM conversation_blocks WHERE blocker_id IN ("+in+") AND blocked_id IN ("+in+")",
		args...).Scan(&n)
	return n > 0, db.Err(err)
}

// blockedWith reports whether the person and any of the others block each
// other, in either direction.
func blockedWith(ctx context.Context, q db.Querier, userID string, others []string) (bool, error) {
	if len(others) == 0 {
		return false, nil
	}
	in, args := db.In(2, others)
	var n int
	err := q.QueryRowContext(ctx, "SELECT count(*) FROM conversation_blocks WHERE (blocker_id = $1 AND blocked_id IN ("+in+
		")) OR (blocked_id = $1 AND blocker_id IN ("+in+"))", append([]any{userID}, args...)...).Scan(&n)
	return n > 0, db.Err(err)
}

// blockedBy lists whom of the others the person blocked.
func blockedBy(ctx context.Context, q db.Querier, userID string, others []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(others) == 0 {
		return out, nil
	}
	in, args := db.In(2, others)
	rows, err := q.QueryContext(ctx, "SELECT blocked_id FROM conversation_blocks WHERE blocker_id = $1 AND blocked_id IN ("+
		in+")", append([]any{userID}, args...)...)
	err = db.Each(rows, err, func(row db.Scanner) error {
		var id string
		err := row.Scan(&id)
		out[id] = true
		return err
	})
	return out, err
}

func listBlocks(ctx context.Context, q db.Querier, userID string) ([]Block, error) {
	rows, err := q.QueryContext(ctx, `SELECT blocked_id, created_at FROM conversation_blocks WHERE blocker_id = $1
		ORDER BY created_at, blocked_id`, userID)
	return db.Collect(rows, err, func(row db.Scanner) (Block, error) {
		var b Block
		err := row.Scan(&b.UserID, &b.CreatedAt)
		b.CreatedAt = b.CreatedAt.UTC()
		return b, err
	})
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
		in, orgArgs := db.In(from+1, orgIDs)
		cond += " OR p.org_id IN (" + in + ")"
		args = append(args, orgArgs...)
	}
	// Starting from the person's participant rows (indexed by user and by
	// organisation) keeps the cost to their own conversations; a correlated
	// EXISTS made SQLite visit every conversation of the platform.
	return "c.id IN (SELECT p.conversation_id FROM conversation_participants p WHERE " + cond + ")", args
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
	return db.Collect(rows, err, func(row db.Scanner) (Summary, error) {
		var s Summary
		err := row.Scan(&s.ID, &s.About.Kind, &s.About.ID, &s.About.Title, &s.About.URL, &s.Messages, &s.LastMessageAt,
			&s.Unread)
		s.LastMessageAt = s.LastMessageAt.UTC()
		return s, err
	})
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
	return db.Collect(rows, err, db.Value[string])
}
