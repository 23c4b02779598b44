package network

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/userdata"
)

// The network keeps who proposed or confirmed a partnership and who said
// that an organisation looks for partners. Export lists these; erasure
// forgets the person there and leaves the organisations' partnerships.

// UserData is the module's part in export and erasure.
func (m *Module) UserData() userdata.Provider {
	return userdata.Provide(userdata.Funcs{Name: "network", Export: m.exportUserData, Erase: m.eraseUserData})
}

// Export is what the network holds about a person.
type Export struct {
	Partnerships []ExportPartnering `json:"partnerships"`
	Seeking      []ExportSeeking    `json:"looking_for_partners"`
}

// ExportPartnering is a partnership the person proposed or confirmed.
type ExportPartnering struct {
	PartnershipID  string    `json:"partnership_id"`
	OrganizationID string    `json:"organization_id"`
	Role           string    `json:"role"` // "proposed" or "confirmed"
	At             time.Time `json:"at"`
}

// ExportSeeking is an organisation the person said looks for partners.
type ExportSeeking struct {
	OrganizationID string    `json:"organization_id"`
	WhatFor        string    `json:"what_for"`
	Since          time.Time `json:"since"`
}

// exportUserData gathers the Export of a person.
func (m *Module) exportUserData(ctx context.Context, userID string) (any, error) {
	e := &Export{Partnerships: []ExportPartnering{}, Seeking: []ExportSeeking{}}
	q := m.s.DB
	rows, err := q.QueryContext(ctx, `SELECT id, proposed_by, 'proposed', created_at FROM directory_partnerships WHERE created_by = $1
		UNION ALL SELECT partnership_id, organization_id, 'confirmed', confirmed_at FROM directory_partners
		WHERE confirmed_by = $1 ORDER BY 4`, userID)
	e.Partnerships, err = db.Collect(rows, err, func(s db.Scanner) (ExportPartnering, error) {
		var p ExportPartnering
		err := s.Scan(&p.PartnershipID, &p.OrganizationID, &p.Role, &p.At)
		p.At = p.At.UTC()
		return p, err
	})
	if err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT organization_id, what_for, since FROM directory_seeking WHERE updated_by = $1
		ORDER BY since, organization_id`, userID)
	e.Seeking, err = db.Collect(rows, err, func(s db.Scanner) (ExportSeeking, error) {
		var x ExportSeeking
		err := s.Scan(&x.OrganizationID, &x.WhatFor, &x.Since)
		x.Since = x.Since.UTC()
		return x, err
	})
	if err != nil {
		return nil, err
	}
	if e.Partnerships == nil {
		e.Partnerships = []ExportPartnering{}
	}
	if e.Seeking == nil {
		e.Seeking = []ExportSeeking{}
	}
	return e, nil
}

// eraseUserData forgets the person as the one who proposed or confirmed a
// partnership or said an organisation looks for partners.
func (m *Module) eraseUserData(ctx context.Context, tx *sql.Tx, userID string) error {
	return userdata.Exec(ctx, tx, userID,
		"UPDATE directory_seeking SET updated_by = NULL WHERE updated_by = $1",
		"UPDATE directory_partnerships SET created_by = NULL WHERE created_by = $1",
		"UPDATE directory_partners SET confirmed_by = NULL WHERE confirmed_by = $1",
	)
}
