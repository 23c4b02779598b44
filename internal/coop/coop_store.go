package coop

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

// dayLayout is how days are stored: text that sorts as the days do.
const dayLayout = "2006-01-02"

func day(t time.Time) string { return t.Format(dayLayout) }

func parseDay(s string) (time.Time, error) { return time.Parse(dayLayout, s) }

const coopColumns = `c.organization_id, c.stage, c.purpose, c.how_to_join, c.register_court, c.register_number,
	c.share_price_cents, c.shares_required, c.max_shares, c.investing_members, c.investing_vote, c.multiple_votes,
	c.notice_months, c.year_start_month, c.further_contributions, c.min_payment_cents, c.text_form,
	c.auditing_association, c.country, COALESCE(CAST(c.parent_id AS TEXT), ''), c.created_at, c.updated_at`

const coopFrom = ` FROM coops c`

func scanCoop(s db.Scanner) (*Coop, error) {
	c := &Coop{}
	var stage string
	err := s.Scan(&c.ID, &stage, &c.Purpose, &c.HowToJoin, &c.RegisterCourt, &c.RegisterNumber,
		&c.SharePriceCents, &c.SharesRequired, &c.MaxShares, &c.InvestingMembers, &c.InvestingVote, &c.MultipleVotes,
		&c.NoticeMonths, &c.YearStartMonth, &c.FurtherContributions, &c.MinPaymentCents, &c.TextForm,
		&c.AuditingAssociation, &c.Country, &c.ParentID, &c.CreatedAt, &c.UpdatedAt)
	if err != nil {
		return nil, db.Err(err)
	}
	c.Stage = Stage(stage)
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return c, nil
}

func getCoop(ctx context.Context, q db.Querier, id string) (*Coop, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	c, err := scanCoop(q.QueryRowContext(ctx, "SELECT "+coopColumns+coopFrom+" WHERE c.organization_id = $1", id))
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT kind, majority, quorum_percent FROM coop_rules WHERE coop_id = $1 ORDER BY kind`, id)
	c.Rules, err = db.Collect(rows, err, func(s db.Scanner) (Rule, error) {
		var r Rule
		var kind, majority string
		err := s.Scan(&kind, &majority, &r.QuorumPercent)
		r.Kind, r.Majority = ResolutionKind(kind), Majority(majority)
		return r, err
	})
	return c, err
}

func listCoops(ctx context.Context, q db.Querier) ([]*Coop, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+coopColumns+coopFrom+" ORDER BY c.created_at, c.organization_id")
	return db.Collect(rows, err, scanCoop)
}

func subsidiaries(ctx context.Context, q db.Querier, id string) ([]*Coop, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+coopColumns+coopFrom+" WHERE c.parent_id = $1 ORDER BY c.created_at", id)
	return db.Collect(rows, err, scanCoop)
}

func coopArgs(c *Coop) []any {
	return []any{c.ID, string(c.Stage), c.Purpose, c.HowToJoin, c.RegisterCourt, c.RegisterNumber, c.SharePriceCents,
		c.SharesRequired, c.MaxShares, c.InvestingMembers, c.InvestingVote, c.MultipleVotes, c.NoticeMonths,
		c.YearStartMonth, c.FurtherContributions, c.MinPaymentCents, c.TextForm, c.AuditingAssociation, c.Country,
		db.NullString(c.ParentID), c.CreatedAt, c.UpdatedAt}
}

func insertCoop(ctx context.Context, tx *sql.Tx, c *Coop) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO coops (organization_id, stage, purpose, how_to_join, register_court,
		register_number, share_price_cents, shares_required, max_shares, investing_members, investing_vote, multiple_votes,
		notice_months, year_start_month, further_contributions, min_payment_cents, text_form, auditing_association,
		country, parent_id, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22)`,
		coopArgs(c)...)
	if err != nil {
		return db.Err(err)
	}
	return writeRules(ctx, tx, c)
}

func updateCoop(ctx context.Context, tx *sql.Tx, c *Coop) error {
	_, err := tx.ExecContext(ctx, `UPDATE coops SET stage = $2, purpose = $3, how_to_join = $4, register_court = $5,
		register_number = $6, share_price_cents = $7, shares_required = $8, max_shares = $9, investing_members = $10,
		investing_vote = $11, multiple_votes = $12, notice_months = $13, year_start_month = $14,
		further_contributions = $15, min_payment_cents = $16, text_form = $17, auditing_association = $18,
		country = $19, parent_id = $20, created_at = $21, updated_at = $22 WHERE organization_id = $1`, coopArgs(c)...)
	if err != nil {
		return db.Err(err)
	}
	return writeRules(ctx, tx, c)
}

func writeRules(ctx context.Context, tx *sql.Tx, c *Coop) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM coop_rules WHERE coop_id = $1`, c.ID); err != nil {
		return db.Err(err)
	}
	for _, r := range c.Rules {
		if _, err := tx.ExecContext(ctx, `INSERT INTO coop_rules (coop_id, kind, majority, quorum_percent) VALUES ($1, $2, $3, $4)`,
			c.ID, string(r.Kind), string(r.Majority), r.QuorumPercent); err != nil {
			return db.Err(err)
		}
	}
	return nil
}

// personState is what personStanding reads.
type personState struct {
	MemberID                   string
	Member, Board, Supervisory bool
	BoardRecorded              bool // any board office was ever recorded
}

// isMemberOn is the condition that member row m is a member on day $N:
// joined by then and not left by then.
func isMemberOn(m, dayArg string) string {
	return `EXISTS (SELECT 1 FROM coop_register j WHERE j.member_id = ` + m + `.id AND j.kind = 'join' AND j.effective_on <= ` + dayArg + `)
		AND NOT EXISTS (SELECT 1 FROM coop_register l WHERE l.member_id = ` + m + `.id AND l.kind = 'leave' AND l.effective_on <= ` + dayArg + `)`
}

func personStanding(ctx context.Context, q db.Querier, coopID, userID, today string) (personState, error) {
	var s personState
	if err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM coop_offices WHERE coop_id = $1 AND office = 'board')`,
		coopID).Scan(&s.BoardRecorded); err != nil {
		return s, db.Err(err)
	}
	if !ids.Valid(userID) {
		return s, nil
	}
	err := q.QueryRowContext(ctx, `SELECT m.id, `+isMemberOn("m", "$3")+`,
		EXISTS (SELECT 1 FROM coop_offices f WHERE f.member_id = m.id AND f.office = 'board' AND f.since <= $3 AND (f.until IS NULL OR f.until >= $3)),
		EXISTS (SELECT 1 FROM coop_offices f WHERE f.member_id = m.id AND f.office = 'supervisory' AND f.since <= $3 AND (f.until IS NULL OR f.until >= $3))
		FROM coop_members m WHERE m.coop_id = $1 AND m.user_id = $2`, coopID, userID, today).
		Scan(&s.MemberID, &s.Member, &s.Board, &s.Supervisory)
	if apperr.Is(db.Err(err), apperr.NotFound) {
		return s, nil
	}
	return s, db.Err(err)
}
