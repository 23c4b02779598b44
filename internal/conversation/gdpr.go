package conversation

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/userdata"
)

// UserData is the module's part in export and erasure. Conversations need
// nobody in charge, so erasure is never refused.
func (m *Module) UserData() userdata.Provider {
	return userdata.Provide(userdata.Funcs{Name: "conversation", Export: m.exportUserData, Erase: eraseUserData})
}

// Export is what the module holds about a person: what they wrote, whom
// they blocked, their choices per conversation and their mail setting.
// Other people's messages are theirs and stay out.
type Export struct {
	Messages      []ExportMessage      `json:"messages"`
	Conversations []ExportConversation `json:"conversations"`
	Blocked       []ExportBlock        `json:"blocked"`
	MailWithText  bool                 `json:"notification_mails_with_text"`
}

// ExportMessage is one message the person wrote.
type ExportMessage struct {
	ConversationID string     `json:"conversation_id"`
	About          string     `json:"about"`
	Body           string     `json:"body"`
	CreatedAt      time.Time  `json:"created_at"`
	HiddenAt       *time.Time `json:"hidden_at,omitempty"`
	RemovedAt      *time.Time `json:"removed_at,omitempty"`
}

// ExportConversation is a conversation the person takes part in.
type ExportConversation struct {
	ConversationID string    `json:"conversation_id"`
	About          string    `json:"about"`
	OrganizationID string    `json:"organization_id,omitempty"`
	SharesContact  bool      `json:"shares_contact_details"`
	JoinedAt       time.Time `json:"joined_at"`
}

// ExportBlock is a person the exporting person blocked.
type ExportBlock struct {
	UserID    string    `json:"user_id"`
	CreatedAt time.Time `json:"created_at"`
}

func (m *Module) exportUserData(ctx context.Context, userID string) (any, error) {
	q := m.s.DB
	e := &Export{Messages: []ExportMessage{}, Conversations: []ExportConversation{}, Blocked: []ExportBlock{}}
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.about_title, msg.body, msg.created_at, msg.hidden_at, msg.removed_at
		FROM conversation_messages msg JOIN conversations c ON c.id = msg.conversation_id
		WHERE msg.author_id = $1 ORDER BY msg.created_at, msg.id`, userID)
	err = db.Each(rows, err, func(s db.Scanner) error {
		var x ExportMessage
		var hidden, removed sql.NullTime
		if err := s.Scan(&x.ConversationID, &x.About, &x.Body, &x.CreatedAt, &hidden, &removed); err != nil {
			return err
		}
		x.CreatedAt, x.HiddenAt, x.RemovedAt = x.CreatedAt.UTC(), db.TimePtr(hidden), db.TimePtr(removed)
		e.Messages = append(e.Messages, x)
		return nil
	})
	if err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT c.id, c.about_title, p.org_id, p.share_contact, p.joined_at
		FROM conversation_participants p JOIN conversations c ON c.id = p.conversation_id
		WHERE p.user_id = $1 ORDER BY p.joined_at, c.id`, userID)
	err = db.Each(rows, err, func(s db.Scanner) error {
		var x ExportConversation
		var org sql.NullString
		if err := s.Scan(&x.ConversationID, &x.About, &org, &x.SharesContact, &x.JoinedAt); err != nil {
			return err
		}
		x.OrganizationID, x.JoinedAt = org.String, x.JoinedAt.UTC()
		e.Conversations = append(e.Conversations, x)
		return nil
	})
	if err != nil {
		return nil, err
	}
	blocks, err := listBlocks(ctx, q, userID)
	if err != nil {
		return nil, err
	}
	for _, b := range blocks {
		e.Blocked = append(e.Blocked, ExportBlock{UserID: b.UserID, CreatedAt: b.CreatedAt})
	}
	if e.MailWithText, err = mailText(ctx, q, userID); err != nil {
		return nil, err
	}
	return e, nil
}

// eraseUserData deletes the person's blocks, choices and read marks. Their
// messages stay for the others, who see them under "deleted person" once
// the account module has anonymised the account.
func eraseUserData(ctx context.Context, tx *sql.Tx, userID string) error {
	return userdata.Exec(ctx, tx, userID,
		"DELETE FROM conversation_blocks WHERE blocker_id = $1",
		"DELETE FROM conversation_settings WHERE user_id = $1",
		"DELETE FROM conversation_reads WHERE user_id = $1",
		"UPDATE conversation_participants SET share_contact = FALSE WHERE user_id = $1")
}
