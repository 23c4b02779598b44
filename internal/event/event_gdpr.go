package event

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/userdata"
)

// The module keeps who created an event and, in the capacity core, who
// registered. Events belong to their organisation: export lists those the
// person created and their registrations; erasure forgets the person as
// creator, takes the pictures they uploaded off the events, gives their
// places back (those waiting move up and are told) and removes them from
// the claims.

// UserData is the module's part in export and erasure.
func (m *Module) UserData() userdata.Provider {
	return userdata.Provide(userdata.Funcs{Name: "events", Export: m.exportUserData,
		Erase: m.eraseUserData})
}

func (m *Module) eraseUserData(ctx context.Context, tx *sql.Tx, userID string) error {
	if err := userdata.Exec(ctx, tx, userID, "UPDATE events SET created_by = NULL WHERE created_by = $1"); err != nil {
		return err
	}
	if err := eraseImages(ctx, tx, userID); err != nil {
		return err
	}
	if err := userdata.Exec(ctx, tx, userID, "DELETE FROM event_date_reminders WHERE user_id = $1"); err != nil {
		return err
	}
	if err := userdata.Exec(ctx, tx, userID, "UPDATE event_registrations SET checked_in_by = NULL WHERE checked_in_by = $1"); err != nil {
		return err
	}
	if err := m.eraseProjectData(ctx, tx, userID); err != nil {
		return err
	}
	if err := m.eraseBarcampData(ctx, tx, userID); err != nil {
		return err
	}
	now := m.s.Clock.Now()
	up, err := capacity.EraseHolder(ctx, tx, userID, now)
	if err != nil {
		return err
	}
	if err := m.tellErasedPromoted(ctx, tx, up, now); err != nil {
		return err
	}
	for _, c := range up {
		eventID, day, ok := poolDate(c.Pool)
		if !ok {
			continue
		}
		d, err := m.dateFor(ctx, tx, eventID, day)
		if err != nil {
			return err
		}
		if err := m.tellPromoted(ctx, tx, d, []capacity.Claim{c}, now); err != nil {
			return err
		}
	}
	return nil
}

// ExportRegistration is the person's registration or place in a waiting
// list.
type ExportRegistration struct {
	EventID  string    `json:"event_id"`
	Date     string    `json:"date"`
	Status   string    `json:"status"`
	Position int       `json:"position,omitempty"`
	Since    time.Time `json:"since"`
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
	claims, err := capacity.Holding(ctx, m.s.DB, userID)
	if err != nil {
		return nil, err
	}
	registrations := []ExportRegistration{}
	for _, c := range claims {
		if eventID, day, ok := poolDate(c.Pool); ok {
			registrations = append(registrations, ExportRegistration{EventID: eventID, Date: day, Status: string(c.Status),
				Position: c.Position, Since: c.CreatedAt.UTC()})
		}
	}
	out := map[string]any{"created": created, "registrations": registrations}
	if err := m.exportProjectData(ctx, userID, out); err != nil {
		return nil, err
	}
	return out, m.exportBarcampData(ctx, userID, out)
}
