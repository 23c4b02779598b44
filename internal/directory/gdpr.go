package directory

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/userdata"
)

// The directory holds what organisations publish, not what people do; it
// keeps only who last changed or confirmed an entry (to remind them).
// Export lists these; erasure forgets the person there and leaves the
// organisations' entries.

// UserData is the module's part in export and erasure.
func (m *Module) UserData() userdata.Provider {
	return userdata.Provide(userdata.Funcs{Name: "directory", Export: m.exportUserData, Erase: m.eraseUserData})
}

// Export is what the directory holds about a person.
type Export struct {
	Entries []ExportEntry `json:"entries_changed_or_confirmed"`
	Facts   []ExportEntry `json:"facts_and_links_added"`
}

// ExportEntry is a service, location, fact or link the person changed,
// confirmed or added.
type ExportEntry struct {
	Kind string    `json:"kind"`
	ID   string    `json:"id"`
	Name string    `json:"name"`
	At   time.Time `json:"at"`
}

// exportUserData gathers the Export of a person.
func (m *Module) exportUserData(ctx context.Context, userID string) (any, error) {
	e := &Export{Entries: []ExportEntry{}, Facts: []ExportEntry{}}
	q := m.s.DB
	entries := []struct {
		kind, query string
		into        *[]ExportEntry
	}{
		{"service", `SELECT id, name, updated_at FROM directory_services WHERE updated_by = $1 OR confirmed_by = $1
			ORDER BY updated_at, id`, &e.Entries},
		{"location", `SELECT id, CASE WHEN name = '' THEN street ELSE name END, updated_at FROM directory_locations
			WHERE updated_by = $1 OR confirmed_by = $1 ORDER BY updated_at, id`, &e.Entries},
		{"municipality", `SELECT ags, name, created_at FROM directory_municipalities WHERE created_by = $1 ORDER BY created_at, ags`, &e.Entries},
		{"fact", `SELECT id, label, created_at FROM directory_facts WHERE updated_by = $1 ORDER BY created_at, id`, &e.Facts},
		{"link", `SELECT id, title, created_at FROM directory_links WHERE updated_by = $1 ORDER BY created_at, id`, &e.Facts},
	}
	for _, x := range entries {
		rows, err := q.QueryContext(ctx, x.query, userID)
		err = db.Each(rows, err, func(s db.Scanner) error {
			en := ExportEntry{Kind: x.kind}
			if err := s.Scan(&en.ID, &en.Name, &en.At); err != nil {
				return err
			}
			en.At = en.At.UTC()
			*x.into = append(*x.into, en)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return e, nil
}

// eraseUserData forgets the person as the one who changed, confirmed or added
// something; the entries stay with their organisations.
func (m *Module) eraseUserData(ctx context.Context, tx *sql.Tx, userID string) error {
	return userdata.Exec(ctx, tx, userID,
		"UPDATE directory_services SET updated_by = NULL WHERE updated_by = $1",
		"UPDATE directory_services SET confirmed_by = NULL WHERE confirmed_by = $1",
		"UPDATE directory_locations SET updated_by = NULL WHERE updated_by = $1",
		"UPDATE directory_locations SET confirmed_by = NULL WHERE confirmed_by = $1",
		"UPDATE directory_municipalities SET created_by = NULL WHERE created_by = $1",
		"UPDATE directory_facts SET updated_by = NULL WHERE updated_by = $1",
		"UPDATE directory_links SET updated_by = NULL WHERE updated_by = $1",
	)
}
