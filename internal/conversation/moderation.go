package conversation

import (
	"context"
	"database/sql"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/moderation"
)

// HideMessage hides a message from the participants, who see a note in
// its place, or shows it again (hidden false). The text stays, so the
// moderation can restore it; a removed message stays removed.
func (m *Module) HideMessage(ctx context.Context, tx *sql.Tx, messageID string, hidden bool) error {
	if !ids.Valid(messageID) {
		return apperr.New(apperr.NotFound, "")
	}
	var at any
	if hidden {
		at = m.s.Clock.Now()
	}
	res, err := tx.ExecContext(ctx, "UPDATE conversation_messages SET hidden_at = $1 WHERE id = $2", at, messageID)
	return affected(res, err)
}

// RemoveMessage removes a message for good: its text is deleted and the
// participants see a note in its place.
func (m *Module) RemoveMessage(ctx context.Context, tx *sql.Tx, messageID string) error {
	if !ids.Valid(messageID) {
		return apperr.New(apperr.NotFound, "")
	}
	res, err := tx.ExecContext(ctx, "UPDATE conversation_messages SET body = '', removed_at = COALESCE(removed_at, $1) WHERE id = $2",
		m.s.Clock.Now(), messageID)
	return affected(res, err)
}

// DescribeMessage tells the moderation what a reported message is: its
// first words as title, where the participants read it, its author, and
// the beginning of its text (also of a hidden one). A removed message is
// gone: NotFound.
func (m *Module) DescribeMessage(ctx context.Context, messageID string) (title, url, ownerID, excerptText string, err error) {
	msg, err := messageByID(ctx, m.s.DB, messageID)
	if err != nil {
		return "", "", "", "", err
	}
	if msg.Removed {
		return "", "", "", "", apperr.New(apperr.NotFound, "")
	}
	return shorten(msg.Body, titleRunes), "/conversations/" + msg.ConversationID + "#m-" + msg.ID, msg.AuthorID,
		shorten(msg.Body, excerptRunes), nil
}

// messageTarget is the conversations' messages as the moderation queue
// sees them: kind "message", visible only to those who see the
// conversation.
type messageTarget struct{ m *Module }

var (
	_ moderation.Target     = messageTarget{}
	_ moderation.Restricted = messageTarget{}
)

// ModerationTargets makes "report this message" and the queue work for
// messages.
func (m *Module) ModerationTargets() []moderation.Target {
	return []moderation.Target{messageTarget{m}}
}

func (t messageTarget) Kind() string { return "message" }

func (t messageTarget) Describe(ctx context.Context, id string) (moderation.Item, error) {
	title, url, owner, text, err := t.m.DescribeMessage(ctx, id)
	if err != nil {
		return moderation.Item{}, err
	}
	return moderation.Item{Title: title, URL: url, OwnerID: owner, Excerpt: text}, nil
}

func (t messageTarget) SetHidden(ctx context.Context, tx *sql.Tx, id string, hidden bool) error {
	return t.m.HideMessage(ctx, tx, id, hidden)
}

func (t messageTarget) Remove(ctx context.Context, tx *sql.Tx, id string) error {
	return t.m.RemoveMessage(ctx, tx, id)
}

// VisibleTo lets only people who read the conversation report its
// messages, and only those still shown.
func (t messageTarget) VisibleTo(ctx context.Context, userID, id string) (bool, error) {
	msg, err := messageByID(ctx, t.m.s.DB, id)
	if apperr.Is(err, apperr.NotFound) {
		return false, nil
	}
	if err != nil || msg.Hidden || msg.Removed {
		return false, err
	}
	return t.m.CanSee(ctx, msg.ConversationID, userID)
}

func affected(res sql.Result, err error) error {
	if err != nil {
		return db.Err(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.NotFound, "")
	}
	return nil
}
