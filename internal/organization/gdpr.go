package organization

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/userdata"
)

// UserData is the module's part in export and erasure.
func (m *Module) UserData() userdata.Provider {
	return userdata.Provide(userdata.Funcs{Name: "organization", Export: m.exportUserData,
		CheckErase: m.checkEraseUserData, Erase: m.eraseUserData})
}

// Export is what the module holds about a person.
type Export struct {
	Memberships         []ExportMembership `json:"memberships"`
	InvitationsSent     []ExportInvitation `json:"invitations_sent"`
	InvitationsReceived []ExportInvitation `json:"invitations_received"`
	Verified            []ExportVerified   `json:"organizations_verified"`
}

// ExportMembership is one membership of the person.
type ExportMembership struct {
	OrganizationID string    `json:"organization_id"`
	Organization   string    `json:"organization"`
	Role           Role      `json:"role"`
	Since          time.Time `json:"since"`
}

// ExportInvitation is a pending invitation the person sent or received.
type ExportInvitation struct {
	OrganizationID string    `json:"organization_id"`
	Organization   string    `json:"organization"`
	Email          string    `json:"email"`
	Role           Role      `json:"role"`
	CreatedAt      time.Time `json:"created_at"`
	ExpiresAt      time.Time `json:"expires_at"`
}

// ExportVerified is an organisation the person verified as a coordinator.
type ExportVerified struct {
	OrganizationID string    `json:"organization_id"`
	Organization   string    `json:"organization"`
	VerifiedAt     time.Time `json:"verified_at"`
}

func (m *Module) exportUserData(ctx context.Context, userID string) (any, error) {
	q := m.s.DB
	e := &Export{Memberships: []ExportMembership{}, InvitationsSent: []ExportInvitation{},
		InvitationsReceived: []ExportInvitation{}, Verified: []ExportVerified{}}
	rows, err := q.QueryContext(ctx, `SELECT o.id, o.name, m.role, m.created_at FROM organization_members m
		JOIN organizations o ON o.id = m.organization_id WHERE m.user_id = $1 ORDER BY m.created_at, o.id`, userID)
	err = db.Each(rows, err, func(s db.Scanner) error {
		var ms ExportMembership
		if err := s.Scan(&ms.OrganizationID, &ms.Organization, &ms.Role, &ms.Since); err != nil {
			return err
		}
		ms.Since = ms.Since.UTC()
		e.Memberships = append(e.Memberships, ms)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if e.InvitationsSent, err = exportInvitations(ctx, q, "i.invited_by = $1", userID); err != nil {
		return nil, err
	}
	if email := m.email(ctx, userID); email != "" {
		if e.InvitationsReceived, err = exportInvitations(ctx, q, "i.email = $1", email); err != nil {
			return nil, err
		}
	}
	rows, err = q.QueryContext(ctx, `SELECT id, name, verified_at FROM organizations WHERE verified_by = $1
		ORDER BY verified_at, id`, userID)
	err = db.Each(rows, err, func(s db.Scanner) error {
		var v ExportVerified
		if err := s.Scan(&v.OrganizationID, &v.Organization, &v.VerifiedAt); err != nil {
			return err
		}
		v.VerifiedAt = v.VerifiedAt.UTC()
		e.Verified = append(e.Verified, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// email is the person's address, to find invitations sent to it; "" when
// the account is gone or inactive.
func (m *Module) email(ctx context.Context, userID string) string {
	c, err := m.accounts.ContactByID(ctx, userID)
	if err != nil {
		return ""
	}
	return c.Email
}

func exportInvitations(ctx context.Context, q db.Querier, where string, arg any) ([]ExportInvitation, error) {
	rows, err := q.QueryContext(ctx, `SELECT o.id, o.name, i.email, i.role, i.created_at, i.expires_at
		FROM organization_invitations i JOIN organizations o ON o.id = i.organization_id
		WHERE `+where+` ORDER BY i.created_at, i.id`, arg)
	out := []ExportInvitation{}
	err = db.Each(rows, err, func(s db.Scanner) error {
		var inv ExportInvitation
		if err := s.Scan(&inv.OrganizationID, &inv.Organization, &inv.Email, &inv.Role, &inv.CreatedAt, &inv.ExpiresAt); err != nil {
			return err
		}
		inv.CreatedAt, inv.ExpiresAt = inv.CreatedAt.UTC(), inv.ExpiresAt.UTC()
		out = append(out, inv)
		return nil
	})
	return out, err
}

// checkEraseUserData refuses while the person is the only owner of an
// organisation: it would be left without anybody in charge.
func (m *Module) checkEraseUserData(ctx context.Context, userID string) error {
	return checkSoleOwner(ctx, m.s.DB, userID)
}

func checkSoleOwner(ctx context.Context, q db.Querier, userID string) error {
	if !ids.Valid(userID) {
		return nil
	}
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM organization_members m
		WHERE m.user_id = $1 AND m.role = $2 AND NOT EXISTS (
			SELECT 1 FROM organization_members o
			WHERE o.organization_id = m.organization_id AND o.role = $2 AND o.user_id <> m.user_id)`,
		userID, string(Owner)).Scan(&n)
	if err != nil {
		return db.Err(err)
	}
	if n > 0 {
		return apperr.New(apperr.Conflict, "organization.erase.sole_owner")
	}
	return nil
}

// eraseUserData ends the person's memberships and deletes the invitations
// they sent and those addressed to them. Organisations they verified keep
// the mark; the account's id then names a deleted user, as in the audit log.
func (m *Module) eraseUserData(ctx context.Context, tx *sql.Tx, userID string) error {
	// Checked again inside the transaction: a co-owner may have left since.
	if err := checkSoleOwner(ctx, tx, userID); err != nil {
		return err
	}
	email := m.email(ctx, userID)
	if err := userdata.Exec(ctx, tx, userID,
		"DELETE FROM organization_members WHERE user_id = $1",
		"DELETE FROM organization_invitations WHERE invited_by = $1"); err != nil {
		return err
	}
	if email == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, "DELETE FROM organization_invitations WHERE email = $1", email)
	return db.Err(err)
}
