package funding

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

const campaignColumns = `c.id, c.organization_id, COALESCE(CAST(c.created_by AS TEXT), ''), c.title, c.story, c.content_lang,
	c.purpose, c.goal_cents, c.stretch_cents, c.minimum_cents, c.share_cents, c.deadline, c.holder, c.iban, c.bic,
	c.receipts, c.ledger_public, c.status, c.created_at, c.updated_at, c.published_at, c.decided_at`

func scanCampaign(row db.Scanner) (*Campaign, error) {
	c := &Campaign{}
	var purpose, status string
	var published, decided sql.NullTime
	err := row.Scan(&c.ID, &c.OrganizationID, &c.CreatedBy, &c.Title, &c.Story, &c.ContentLang, &purpose, &c.Goal,
		&c.Stretch, &c.Minimum, &c.SharePrice, &c.Deadline, &c.Holder, &c.IBAN, &c.BIC, &c.Receipts, &c.LedgerPublic,
		&status, &c.CreatedAt, &c.UpdatedAt, &published, &decided)
	if err != nil {
		return nil, db.Err(err)
	}
	c.Purpose, c.Status = Purpose(purpose), Status(status)
	c.PublishedAt, c.DecidedAt = db.TimePtr(published), db.TimePtr(decided)
	c.Deadline, c.CreatedAt, c.UpdatedAt = c.Deadline.UTC(), c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	return c, nil
}

func getCampaign(ctx context.Context, q db.Querier, id string) (*Campaign, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	c, err := scanCampaign(q.QueryRowContext(ctx, "SELECT "+campaignColumns+" FROM funding_campaigns c WHERE c.id = $1", id))
	if err != nil {
		return nil, err
	}
	return c, withRewards(ctx, q, []*Campaign{c})
}

// withRewards fills in the campaigns' rewards and how many are taken.
func withRewards(ctx context.Context, q db.Querier, cs []*Campaign) error {
	if len(cs) == 0 {
		return nil
	}
	byID := map[string]*Campaign{}
	keys := make([]string, len(cs))
	for i, c := range cs {
		byID[c.ID], keys[i], c.Rewards = c, c.ID, nil
	}
	marks, args := db.In(1, keys)
	rows, err := q.QueryContext(ctx, `SELECT r.campaign_id, r.id, r.title, r.amount_cents, r.quantity,
		(SELECT count(*) FROM funding_reservations s WHERE s.reward_id = r.id AND s.status = 'reserved')
		FROM funding_rewards r WHERE r.campaign_id IN (`+marks+`) ORDER BY r.campaign_id, r.position`, args...)
	return db.Each(rows, err, func(s db.Scanner) error {
		var cid string
		var r Reward
		if err := s.Scan(&cid, &r.ID, &r.Title, &r.Amount, &r.Quantity, &r.Taken); err != nil {
			return err
		}
		byID[cid].Rewards = append(byID[cid].Rewards, r)
		return nil
	})
}

func insertCampaign(ctx context.Context, tx *sql.Tx, c *Campaign) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO funding_campaigns (id, organization_id, created_by, title, story,
		content_lang, purpose, goal_cents, stretch_cents, minimum_cents, share_cents, deadline, holder, iban, bic,
		receipts, ledger_public, status, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
		c.ID, c.OrganizationID, db.NullString(c.CreatedBy), c.Title, c.Story, c.ContentLang, string(c.Purpose), c.Goal,
		c.Stretch, c.Minimum, c.SharePrice, c.Deadline, c.Holder, c.IBAN, c.BIC, c.Receipts, c.LedgerPublic,
		string(c.Status), c.CreatedAt, c.UpdatedAt)
	if err != nil {
		return db.Err(err)
	}
	return setRewards(ctx, tx, c)
}

func updateCampaign(ctx context.Context, tx *sql.Tx, c *Campaign) error {
	_, err := tx.ExecContext(ctx, `UPDATE funding_campaigns SET title = $1, story = $2, content_lang = $3,
		purpose = $4, goal_cents = $5, stretch_cents = $6, minimum_cents = $7, share_cents = $8, deadline = $9,
		holder = $10, iban = $11, bic = $12, receipts = $13, ledger_public = $14, status = $15, updated_at = $16,
		published_at = $17, decided_at = $18 WHERE id = $19`,
		c.Title, c.Story, c.ContentLang, string(c.Purpose), c.Goal, c.Stretch, c.Minimum, c.SharePrice, c.Deadline,
		c.Holder, c.IBAN, c.BIC, c.Receipts, c.LedgerPublic, string(c.Status), c.UpdatedAt, db.NullPtr(c.PublishedAt),
		db.NullPtr(c.DecidedAt), c.ID)
	return db.Err(err)
}

// setRewards writes the campaign's rewards: those that kept their id keep
// their row (reservations refer to them), new ones are added, and those
// left out are removed unless somebody chose them.
func setRewards(ctx context.Context, tx *sql.Tx, c *Campaign) error {
	keep := []string{}
	for i := range c.Rewards {
		r := &c.Rewards[i]
		if r.ID == "" || !ids.Valid(r.ID) {
			r.ID = ids.New()
			if _, err := tx.ExecContext(ctx, `INSERT INTO funding_rewards (id, campaign_id, position, title, amount_cents, quantity)
				VALUES ($1, $2, $3, $4, $5, $6)`, r.ID, c.ID, i, r.Title, r.Amount, r.Quantity); err != nil {
				return db.Err(err)
			}
		} else if _, err := tx.ExecContext(ctx, `UPDATE funding_rewards SET position = $1, title = $2, amount_cents = $3,
			quantity = $4 WHERE id = $5 AND campaign_id = $6`, i, r.Title, r.Amount, r.Quantity, r.ID, c.ID); err != nil {
			return db.Err(err)
		}
		keep = append(keep, r.ID)
	}
	q := `DELETE FROM funding_rewards WHERE campaign_id = $1
		AND NOT EXISTS (SELECT 1 FROM funding_reservations s WHERE s.reward_id = funding_rewards.id)`
	args := []any{c.ID}
	if len(keep) > 0 {
		marks, more := db.In(2, keep)
		q += " AND id NOT IN (" + marks + ")"
		args = append(args, more...)
	}
	_, err := tx.ExecContext(ctx, q, args...)
	return db.Err(err)
}

// listCampaigns returns published campaigns (of one organisation when
// orgID is set; its drafts too when withDrafts), running first, then by
// deadline.
func listCampaigns(ctx context.Context, q db.Querier, orgID string, withDrafts bool, limit int) ([]*Campaign, error) {
	w := &db.Where{}
	if orgID != "" {
		if !ids.Valid(orgID) {
			return nil, nil
		}
		w.Add("c.organization_id = ?", orgID)
	}
	if !withDrafts {
		w.Add("c.status <> 'draft'")
	}
	rows, err := q.QueryContext(ctx, "SELECT "+campaignColumns+" FROM funding_campaigns c"+w.SQL()+
		` ORDER BY CASE c.status WHEN 'running' THEN 0 ELSE 1 END, c.deadline DESC, c.id LIMIT `+w.Arg(limit), w.Args()...)
	cs, err := db.Collect(rows, err, scanCampaign)
	if err != nil {
		return nil, err
	}
	return cs, withRewards(ctx, q, cs)
}

// campaignsDue are the running campaigns whose deadline has passed.
func campaignsDue(ctx context.Context, q db.Querier, now time.Time) ([]*Campaign, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+campaignColumns+` FROM funding_campaigns c
		WHERE c.status = 'running' AND c.deadline <= $1 ORDER BY c.deadline, c.id`, now)
	return db.Collect(rows, err, scanCampaign)
}

func treasurerNamed(ctx context.Context, q db.Querier, orgID, userID string) (bool, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM funding_treasurers WHERE organization_id = $1 AND user_id = $2`,
		orgID, userID).Scan(&n)
	return n > 0, db.Err(err)
}
