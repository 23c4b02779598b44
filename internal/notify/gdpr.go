package notify

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/userdata"
)

// UserData is the notices' part in export and erasure. Notices belong to
// their recipient alone, so erasure is never refused.
func (n *Notifier) UserData() userdata.Provider {
	return userdata.Provide(userdata.Funcs{Name: "notifications", Export: n.exportUserData,
		Erase: func(ctx context.Context, tx *sql.Tx, userID string) error {
			return userdata.Exec(ctx, tx, userID, "DELETE FROM notifications WHERE user_id = $1")
		}})
}

// ExportNotice is one notice the person was sent.
type ExportNotice struct {
	Kind      string         `json:"kind"`
	ItemType  string         `json:"item_type"`
	ItemID    string         `json:"item_id"`
	Link      string         `json:"link,omitempty"`
	Params    map[string]any `json:"params"`
	CreatedAt time.Time      `json:"created_at"`
	ReadAt    *time.Time     `json:"read_at,omitempty"`
}

// exportUserData lists every notice the person was sent, oldest first.
func (n *Notifier) exportUserData(ctx context.Context, userID string) (any, error) {
	out := []ExportNotice{}
	rows, err := n.db.QueryContext(ctx, "SELECT "+recordColumns+" FROM notifications WHERE user_id = $1 ORDER BY created_at, id",
		userID)
	records, err := db.Collect(rows, err, scanRecord)
	if err != nil {
		return nil, err
	}
	for _, r := range records {
		e := ExportNotice{Kind: r.Kind, ItemType: r.Item.Type, ItemID: r.Item.ID, Link: r.Link, Params: map[string]any{},
			CreatedAt: r.CreatedAt, ReadAt: r.ReadAt}
		for i := 0; i+1 < len(r.Params); i += 2 {
			e.Params[r.Params[i].(string)] = r.Params[i+1]
		}
		out = append(out, e)
	}
	return out, nil
}
