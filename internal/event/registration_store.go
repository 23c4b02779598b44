package event

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/db"
)

// registrationExtra is what a registration holds besides its places.
type registrationExtra struct {
	ShareContact   bool
	OrganizationID string // "" when the person registered for themselves
	CheckedInAt    *time.Time
}

// saveRegistration records what the person chose when registering.
func saveRegistration(ctx context.Context, tx *sql.Tx, claimID, eventID, day string, x registrationExtra) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO event_registrations (claim_id, event_id, day, share_contact, organization_id)
VALUES ($1, $2, $3, $4, $5) ON CONFLICT (claim_id) DO UPDATE SET share_contact = $4, organization_id = $5`,
		claimID, eventID, day, x.ShareContact, db.NullString(x.OrganizationID))
	return db.Err(err)
}

// markCheckedIn records that the person came; a second check-in keeps
// the first time.
func markCheckedIn(ctx context.Context, tx *sql.Tx, claimID, eventID, day, by string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO event_registrations (claim_id, event_id, day, checked_in_at, checked_in_by)
VALUES ($1, $2, $3, $4, $5) ON CONFLICT (claim_id) DO UPDATE
SET checked_in_at = COALESCE(event_registrations.checked_in_at, $4),
checked_in_by = COALESCE(event_registrations.checked_in_by, $5)`, claimID, eventID, day, now, by)
	return db.Err(err)
}

// extrasOf loads what the registrations of a date hold besides places.
func extrasOf(ctx context.Context, q db.Querier, eventID, day string) (map[string]registrationExtra, error) {
	rows, err := q.QueryContext(ctx, `SELECT claim_id, share_contact, COALESCE(CAST(organization_id AS TEXT), ''),
checked_in_at FROM event_registrations WHERE event_id = $1 AND day = $2`, eventID, day)
	out := map[string]registrationExtra{}
	err = db.Each(rows, err, func(s db.Scanner) error {
		var id string
		var x registrationExtra
		var at sql.NullTime
		if err := s.Scan(&id, &x.ShareContact, &x.OrganizationID, &at); err != nil {
			return err
		}
		x.CheckedInAt = db.TimePtr(at)
		out[id] = x
		return nil
	})
	return out, err
}

// extraOf loads what one registration holds besides places.
func extraOf(ctx context.Context, q db.Querier, claimID string) (registrationExtra, error) {
	var x registrationExtra
	var at sql.NullTime
	err := q.QueryRowContext(ctx, `SELECT share_contact, COALESCE(CAST(organization_id AS TEXT), ''), checked_in_at
FROM event_registrations WHERE claim_id = $1`, claimID).Scan(&x.ShareContact, &x.OrganizationID, &at)
	if err == sql.ErrNoRows {
		return x, nil
	}
	x.CheckedInAt = db.TimePtr(at)
	return x, db.Err(err)
}
