package moderation

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/userdata"
)

// UserData is the module's part in export and erasure. Nothing here is
// left without a keeper, so erasure is never refused.
func (m *Module) UserData() userdata.Provider {
	return userdata.Provide(userdata.Funcs{Name: "moderation", Export: m.exportUserData, Erase: eraseUserData})
}

// Export is what the module holds about a person: the flags they sent, and
// which of their items wait for approval or were hidden, with the reason
// they were told.
type Export struct {
	Flags  []ExportFlag   `json:"flags"`
	Held   []ExportHeld   `json:"items_waiting_for_approval"`
	Hidden []ExportHidden `json:"items_hidden"`
}

// ExportFlag is a flag the person sent.
type ExportFlag struct {
	Kind       string     `json:"kind"`
	ItemID     string     `json:"item_id"`
	Reason     string     `json:"reason"`
	Text       string     `json:"text"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
	ResolvedAt *time.Time `json:"resolved_at,omitempty"`
	Resolution string     `json:"resolution,omitempty"`
}

// ExportHeld is an item of the person's that waits for approval.
type ExportHeld struct {
	Kind   string    `json:"kind"`
	ItemID string    `json:"item_id"`
	Since  time.Time `json:"since"`
}

// ExportHidden is an item of the person's that a coordinator hid.
type ExportHidden struct {
	Kind     string    `json:"kind"`
	ItemID   string    `json:"item_id"`
	HiddenAt time.Time `json:"hidden_at"`
	Reason   string    `json:"reason"`
}

func (m *Module) exportUserData(ctx context.Context, userID string) (any, error) {
	e := &Export{Flags: []ExportFlag{}, Held: []ExportHeld{}, Hidden: []ExportHidden{}}
	userID = strings.ToLower(userID)
	q := m.s.DB
	flags, err := queryFlags(ctx, q, "SELECT "+flagColumns+" FROM moderation_flags WHERE reporter_id = $1 ORDER BY created_at, id", userID)
	if err != nil {
		return nil, err
	}
	for _, f := range flags {
		e.Flags = append(e.Flags, ExportFlag{Kind: f.Kind, ItemID: f.ItemID, Reason: f.Reason, Text: f.Text,
			CreatedAt: f.CreatedAt, UpdatedAt: f.UpdatedAt, ResolvedAt: f.ResolvedAt, Resolution: f.Resolution})
	}
	rows, err := q.QueryContext(ctx, `SELECT kind, item_id, created_at FROM moderation_holds
		WHERE owner_id = $1 AND decided_at IS NULL ORDER BY created_at, item_id`, userID)
	err = db.Each(rows, err, func(s db.Scanner) error {
		var h ExportHeld
		if err := s.Scan(&h.Kind, &h.ItemID, &h.Since); err != nil {
			return err
		}
		h.Since = h.Since.UTC()
		e.Held = append(e.Held, h)
		return nil
	})
	if err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT kind, item_id, hidden_at, reason FROM moderation_hidden
		WHERE owner_id = $1 ORDER BY hidden_at, item_id`, userID)
	err = db.Each(rows, err, func(s db.Scanner) error {
		var h ExportHidden
		if err := s.Scan(&h.Kind, &h.ItemID, &h.HiddenAt, &h.Reason); err != nil {
			return err
		}
		h.HiddenAt = h.HiddenAt.UTC()
		e.Hidden = append(e.Hidden, h)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// eraseUserData unlinks the person from the flags they sent: each flag stays, with
// no reporter, because it is part of the record of a decision (what was
// reported and why an item was hidden or removed) and may still wait in
// the queue. Its text, which the reporter wrote about somebody else's
// item, stays too; the reporter can no longer be found from it. The
// records of the person's own held and hidden items go: the modules that
// own those items withdraw them in the same erasure. Decisions stay in the
// audit log, where the account's id names a deleted user.
func eraseUserData(ctx context.Context, tx *sql.Tx, userID string) error {
	return userdata.Exec(ctx, tx, strings.ToLower(userID),
		"UPDATE moderation_flags SET reporter_id = NULL WHERE reporter_id = $1",
		"DELETE FROM moderation_holds WHERE owner_id = $1",
		"DELETE FROM moderation_hidden WHERE owner_id = $1")
}
