package event

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/userdata"
)

// The module keeps who created an event. Events belong to their
// organisation: export lists those the person created, erasure forgets
// the person there and leaves the events.

// UserData is the module's part in export and erasure.
func (m *Module) UserData() userdata.Provider {
	return userdata.Provide(userdata.Funcs{Name: "events", Export: m.exportUserData,
		Erase: func(ctx context.Context, tx *sql.Tx, userID string) error {
			return userdata.Exec(ctx, tx, userID, "UPDATE events SET created_by = NULL WHERE created_by = $1")
		}})
}

// ExportEvent is an event the person created.
type ExportEvent struct {
	EventID        string    `json:"event_id"`
	OrganizationID string    `json:"organization_id"`
	Title          string    `json:"title"`
	Start          time.Time `json:"start"`
	CreatedAt      time.Time `json:"created_at"`
}

func (m *Module) exportUserData(ctx context.Context, userID string) (any, error) {
	rows, err := m.s.DB.QueryContext(ctx, `SELECT id, organization_id, title, starts_at, created_at FROM events
		WHERE created_by = $1 ORDER BY created_at, id`, userID)
	created, err := db.Collect(rows, err, func(s db.Scanner) (ExportEvent, error) {
		var x ExportEvent
		err := s.Scan(&x.EventID, &x.OrganizationID, &x.Title, &x.Start, &x.CreatedAt)
		x.Start, x.CreatedAt = x.Start.UTC(), x.CreatedAt.UTC()
		return x, err
	})
	if err != nil {
		return nil, err
	}
	if created == nil {
		created = []ExportEvent{}
	}
	return map[string]any{"created": created}, nil
}
