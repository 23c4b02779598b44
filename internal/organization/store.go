package organization

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/secrets"
	"teilhabe.org/teilhabe/internal/text"
)

const orgColumns = `id, name, kind, description, website, email, phone, street, postcode, city,
	created_at, updated_at, verified_at, verified_by, verified_name, verified_website, verified_kind, review_since`

func scanOrg(row db.Scanner) (*Organization, error) {
	o := &Organization{}
	var verifiedAt, reviewSince sql.NullTime
	var verifiedBy sql.NullString
	if err := row.Scan(&o.ID, &o.Name, &o.Kind, &o.Description, &o.Website, &o.Email, &o.Phone, &o.Street,
		&o.Postcode, &o.City, &o.CreatedAt, &o.UpdatedAt, &verifiedAt, &verifiedBy,
		&o.VerifiedName, &o.VerifiedWebsite, &o.VerifiedKind, &reviewSince); err != nil {
		return nil, db.Err(err)
	}
	o.ReviewSince = db.TimePtr(reviewSince)
	o.CreatedAt, o.UpdatedAt = o.CreatedAt.UTC(), o.UpdatedAt.UTC()
	if verifiedAt.Valid {
		t := verifiedAt.Time.UTC()
		o.VerifiedAt = &t
	}
	o.VerifiedBy = verifiedBy.String
	o.Languages = []string{}
	return o, nil
}

// orgByID loads one organisation with its languages.
func orgByID(ctx context.Context, q db.Querier, id string) (*Organization, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	o, err := scanOrg(q.QueryRowContext(ctx, "SELECT "+orgColumns+" FROM organizations WHERE id = $1", id))
	if err != nil {
		return nil, err
	}
	if err := loadLanguages(ctx, q, []*Organization{o}); err != nil {
		return nil, err
	}
	return o, nil
}

// loadLanguages fills in the languages of orgs with one query.
func loadLanguages(ctx context.Context, q db.Querier, orgs []*Organization) error {
	if len(orgs) == 0 {
		return nil
	}
	byID := make(map[string]*Organization, len(orgs))
	orgIDs := make([]string, len(orgs))
	for i, o := range orgs {
		byID[o.ID] = o
		orgIDs[i] = o.ID
	}
	in, args := db.In(1, orgIDs)
	rows, err := q.QueryContext(ctx, "SELECT organization_id, lang FROM organization_languages WHERE organization_id IN ("+
		in+")", args...)
	err = db.Each(rows, err, func(row db.Scanner) error {
		var id, lang string
		if err := row.Scan(&id, &lang); err != nil {
			return err
		}
		if o := byID[id]; o != nil {
			o.Languages = append(o.Languages, lang)
		}
		return nil
	})
	for _, o := range orgs {
		o.Languages = text.SortLanguages(o.Languages)
	}
	return err
}

func insertOrg(ctx context.Context, tx *sql.Tx, o *Organization) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO organizations (id, name, name_key, kind, description, website, email, phone,
		street, postcode, city, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
		o.ID, o.Name, text.Fold(o.Name), o.Kind, o.Description, o.Website, o.Email, o.Phone, o.Street, o.Postcode, o.City,
		o.CreatedAt, o.UpdatedAt)
	if err != nil {
		return db.Err(err)
	}
	return setLanguages(ctx, tx, o.ID, o.Languages)
}

// setVerification stores the organisation's verification: who verified
// it when, what they verified, and whether a change waits for review.
func setVerification(ctx context.Context, tx *sql.Tx, o *Organization) error {
	_, err := tx.ExecContext(ctx, `UPDATE organizations SET verified_at = $1, verified_by = $2, verified_name = $3,
		verified_website = $4, verified_kind = $5, review_since = $6 WHERE id = $7`,
		db.NullPtr(o.VerifiedAt), db.NullString(o.VerifiedBy), o.VerifiedName, o.VerifiedWebsite, o.VerifiedKind,
		db.NullPtr(o.ReviewSince), o.ID)
	return db.Err(err)
}

func updateOrg(ctx context.Context, tx *sql.Tx, o *Organization) error {
	_, err := tx.ExecContext(ctx, `UPDATE organizations SET name = $1, name_key = $2, kind = $3, description = $4,
		website = $5, email = $6, phone = $7, street = $8, postcode = $9, city = $10, updated_at = $11 WHERE id = $12`,
		o.Name, text.Fold(o.Name), o.Kind, o.Description, o.Website, o.Email, o.Phone, o.Street, o.Postcode, o.City,
		o.UpdatedAt, o.ID)
	if err != nil {
		return db.Err(err)
	}
	return setLanguages(ctx, tx, o.ID, o.Languages)
}

func setLanguages(ctx context.Context, tx *sql.Tx, orgID string, langs []string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM organization_languages WHERE organization_id = $1", orgID); err != nil {
		return db.Err(err)
	}
	for _, l := range langs {
		if _, err := tx.ExecContext(ctx, "INSERT INTO organization_languages (organization_id, lang) VALUES ($1, $2)",
			orgID, l); err != nil {
			return db.Err(err)
		}
	}
	return nil
}

// roleOf returns a member's role; NotFound when the person is no member.
func roleOf(ctx context.Context, q db.Querier, orgID, userID string) (Role, error) {
	if !ids.Valid(orgID) || !ids.Valid(userID) {
		return "", apperr.New(apperr.NotFound, "")
	}
	var role string
	err := q.QueryRowContext(ctx, "SELECT role FROM organization_members WHERE organization_id = $1 AND user_id = $2",
		orgID, userID).Scan(&role)
	if err != nil {
		return "", db.Err(err)
	}
	return Role(role), nil
}

func insertMember(ctx context.Context, tx *sql.Tx, orgID, userID string, role Role, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO organization_members (organization_id, user_id, role, created_at)
		VALUES ($1, $2, $3, $4)`, orgID, userID, string(role), now)
	return db.Err(err)
}

func countOwners(ctx context.Context, q db.Querier, orgID string) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, "SELECT count(*) FROM organization_members WHERE organization_id = $1 AND role = $2",
		orgID, string(Owner)).Scan(&n)
	return n, db.Err(err)
}

// Member is one person of an organisation as its members see them.
type Member struct {
	UserID string
	Name   string // display name; "" for a deleted account
	Role   Role
	Since  time.Time
}

func listMembers(ctx context.Context, q db.Querier, orgID string) ([]Member, error) {
	rows, err := q.QueryContext(ctx, `SELECT user_id, role, created_at FROM organization_members
		WHERE organization_id = $1 ORDER BY created_at, user_id`, orgID)
	return db.Collect(rows, err, func(row db.Scanner) (Member, error) {
		var m Member
		var role string
		err := row.Scan(&m.UserID, &role, &m.Since)
		m.Role, m.Since = Role(role), m.Since.UTC()
		return m, err
	})
}

// Membership is one organisation a person belongs to.
type Membership struct {
	OrganizationID string `json:"organization_id"`
	Name           string `json:"name"`
	Kind           string `json:"kind"`
	Role           Role   `json:"role"`
	Verified       bool   `json:"verified"`
}

func listMemberships(ctx context.Context, q db.Querier, userID string) ([]Membership, error) {
	if !ids.Valid(userID) {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT o.id, o.name, o.kind, m.role, o.verified_at IS NOT NULL AND o.review_since IS NULL
		FROM organization_members m JOIN organizations o ON o.id = m.organization_id
		WHERE m.user_id = $1 ORDER BY o.name_key, o.id`, userID)
	return db.Collect(rows, err, func(row db.Scanner) (Membership, error) {
		var ms Membership
		var role string
		err := row.Scan(&ms.OrganizationID, &ms.Name, &ms.Kind, &role, &ms.Verified)
		ms.Role = Role(role)
		return ms, err
	})
}

// Invitation is a pending invitation to become a member.
type Invitation struct {
	ID             string
	OrganizationID string
	Email          string
	Role           Role
	InvitedBy      string
	CreatedAt      time.Time
	ExpiresAt      time.Time
}

const invitationColumns = "id, organization_id, email, role, invited_by, created_at, expires_at"

func scanInvitation(row db.Scanner) (*Invitation, error) {
	inv := &Invitation{}
	var role string
	if err := row.Scan(&inv.ID, &inv.OrganizationID, &inv.Email, &role, &inv.InvitedBy, &inv.CreatedAt,
		&inv.ExpiresAt); err != nil {
		return nil, db.Err(err)
	}
	inv.Role, inv.CreatedAt, inv.ExpiresAt = Role(role), inv.CreatedAt.UTC(), inv.ExpiresAt.UTC()
	return inv, nil
}

func queryInvitations(ctx context.Context, q db.Querier, where string, args ...any) ([]Invitation, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+invitationColumns+" FROM organization_invitations WHERE "+where+
		" ORDER BY created_at, id", args...)
	invs, err := db.Collect(rows, err, scanInvitation)
	var out []Invitation
	for _, inv := range invs {
		out = append(out, *inv)
	}
	return out, err
}

// invitationBySecret finds a usable invitation; an unknown, accepted or
// expired one is NotFound with a message saying so.
func invitationBySecret(ctx context.Context, q db.Querier, secret string, now time.Time) (*Invitation, error) {
	inv, err := scanInvitation(q.QueryRowContext(ctx, "SELECT "+invitationColumns+
		" FROM organization_invitations WHERE hash = $1 AND expires_at > $2", secrets.Hash(secret), now))
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.New(apperr.NotFound, "organization.invitation.invalid")
	}
	return inv, err
}
