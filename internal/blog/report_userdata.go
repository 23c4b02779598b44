package blog

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/userdata"
)

// UserData is the blog's part in export and erasure: the reports a person
// wrote. Erasure deletes those they wrote for themselves; a report written
// for an organisation stays with it.
func (m *Module) UserData() userdata.Provider {
	return userdata.Provide(userdata.Funcs{Name: "blog", Export: m.exportUserData, Erase: m.eraseUserData})
}

// Export is what the blog holds about a person.
type Export struct {
	Reports []ExportReport `json:"reports"`
}

// ExportReport is a report the person wrote.
type ExportReport struct {
	ID        string    `json:"id"`
	OwnerKind string    `json:"owner_kind"`
	OwnerID   string    `json:"owner_id"`
	Title     string    `json:"title"`
	Text      string    `json:"text"`
	Status    string    `json:"status"`
	CreatedAt time.Time `json:"created_at"`
}

func (m *Module) exportUserData(ctx context.Context, userID string) (any, error) {
	reports, err := queryReports(ctx, m.s.DB, " WHERE r.author_id = $1 ORDER BY r.created_at, r.id", userID)
	if err != nil {
		return nil, err
	}
	e := &Export{Reports: []ExportReport{}}
	for _, r := range reports {
		e.Reports = append(e.Reports, ExportReport{ID: r.ID, OwnerKind: r.OwnerKind, OwnerID: r.OwnerID, Title: r.Title,
			Text: r.Body, Status: string(r.Status), CreatedAt: r.CreatedAt})
	}
	return e, nil
}

func (m *Module) eraseUserData(ctx context.Context, tx *sql.Tx, userID string) error {
	reports, err := queryReports(ctx, tx, " WHERE r.author_id = $1 AND r.organization_id IS NULL", userID)
	if err != nil {
		return err
	}
	for _, r := range reports {
		if err := m.deleteReport(ctx, tx, r); err != nil {
			return err
		}
		// Notices to others quote the title.
		if err := m.s.Notify.Forget(ctx, tx, Item(r)); err != nil {
			return err
		}
	}
	return nil
}
