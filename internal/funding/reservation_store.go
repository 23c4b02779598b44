package funding

import (
	"context"
	"database/sql"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

const reservationColumns = `r.id, r.campaign_id, COALESCE(CAST(r.user_id AS TEXT), ''), r.amount_cents,
	COALESCE(CAST(r.reward_id AS TEXT), ''), r.anonymous, r.message, r.reference, r.status, r.paid_cents, r.paid_at, r.created_at`

func scanReservation(row db.Scanner) (*Reservation, error) {
	r := &Reservation{}
	var paid sql.NullTime
	err := row.Scan(&r.ID, &r.CampaignID, &r.UserID, &r.Amount, &r.RewardID, &r.Anonymous, &r.Message, &r.Reference,
		&r.Status, &r.Paid, &paid, &r.CreatedAt)
	if err != nil {
		return nil, db.Err(err)
	}
	r.PaidAt, r.CreatedAt = db.TimePtr(paid), r.CreatedAt.UTC()
	return r, nil
}

func getReservation(ctx context.Context, q db.Querier, id string) (*Reservation, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return scanReservation(q.QueryRowContext(ctx, "SELECT "+reservationColumns+" FROM funding_reservations r WHERE r.id = $1", id))
}

func insertReservation(ctx context.Context, tx *sql.Tx, r *Reservation) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO funding_reservations (id, campaign_id, user_id, amount_cents, reward_id,
		anonymous, message, reference, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		r.ID, r.CampaignID, r.UserID, r.Amount, db.NullString(r.RewardID), r.Anonymous, r.Message, r.Reference, r.Status,
		r.CreatedAt)
	return db.Err(err)
}

// reservationsOf lists the campaign's reservations, newest first; only
// those standing unless all.
func reservationsOf(ctx context.Context, q db.Querier, campaignID string, all bool) ([]*Reservation, error) {
	cond := " AND r.status = 'reserved'"
	if all {
		cond = ""
	}
	rows, err := q.QueryContext(ctx, "SELECT "+reservationColumns+" FROM funding_reservations r WHERE r.campaign_id = $1"+
		cond+" ORDER BY r.created_at DESC, r.id", campaignID)
	return db.Collect(rows, err, scanReservation)
}

// reservationOf is the person's standing reservation of the campaign.
func reservationOf(ctx context.Context, q db.Querier, campaignID, userID string) (*Reservation, error) {
	return scanReservation(q.QueryRowContext(ctx, "SELECT "+reservationColumns+` FROM funding_reservations r
		WHERE r.campaign_id = $1 AND r.user_id = $2 AND r.status = 'reserved'`, campaignID, userID))
}

func reservationCount(ctx context.Context, q db.Querier, campaignID string) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM funding_reservations WHERE campaign_id = $1 AND status = 'reserved'`,
		campaignID).Scan(&n)
	return n, db.Err(err)
}

func matchesOf(ctx context.Context, q db.Querier, campaignID string) ([]*Match, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, campaign_id, organization_id, COALESCE(CAST(created_by AS TEXT), ''),
		cap_cents, reference, paid_cents, paid_at, created_at FROM funding_matches WHERE campaign_id = $1
		ORDER BY created_at, id`, campaignID)
	return db.Collect(rows, err, scanMatch)
}

func scanMatch(s db.Scanner) (*Match, error) {
	x := &Match{}
	var paid sql.NullTime
	if err := s.Scan(&x.ID, &x.CampaignID, &x.OrganizationID, &x.CreatedBy, &x.Cap, &x.Reference, &x.Paid, &paid,
		&x.CreatedAt); err != nil {
		return nil, db.Err(err)
	}
	x.PaidAt = db.TimePtr(paid)
	return x, nil
}

// progressOf reads what the campaign gathered.
func progressOf(ctx context.Context, q db.Querier, c *Campaign) (Progress, error) {
	var reserved, paid int64
	var n int
	err := q.QueryRowContext(ctx, `SELECT COALESCE(SUM(amount_cents), 0), COALESCE(SUM(paid_cents), 0), count(*)
		FROM funding_reservations WHERE campaign_id = $1 AND status = 'reserved'`, c.ID).Scan(&reserved, &paid, &n)
	if err != nil {
		return Progress{}, db.Err(err)
	}
	ms, err := matchesOf(ctx, q, c.ID)
	if err != nil {
		return Progress{}, err
	}
	caps := make([]int64, len(ms))
	for i, x := range ms {
		caps[i] = x.Cap
		paid += x.Paid
	}
	return sumProgress(c.Goal, reserved, paid, n, caps), nil
}
