package funding

import (
	"context"
	"database/sql"
	"strings"
	"time"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/ratelimit"
	"teilhabe.org/teilhabe/internal/text"
)

// reserveRule bounds how many reservations one account makes a day.
var reserveRule = ratelimit.Rule{Name: "funding.reserve", Limit: 50, Window: 24 * time.Hour}

// Pledge is what a supporter reserves.
type Pledge struct {
	Amount    int64
	RewardID  string
	Anonymous bool
	Message   string
}

// checkPledge returns field errors of p for the campaign.
func checkPledge(p *Pledge, c *Campaign) error {
	p.Message = text.MultiLine(p.Message)
	p.RewardID = strings.ToLower(strings.TrimSpace(p.RewardID))
	f := apperr.Fields{}
	switch {
	case p.Amount < c.Minimum:
		f.Add("amount", "funding.field.below_minimum")
	case p.Amount > maxAmount:
		f.Add("amount", "funding.field.amount_invalid")
	case c.Purpose == Shares && p.Amount%c.SharePrice != 0:
		f.Add("amount", "funding.field.not_shares")
	}
	if utf8.RuneCountInString(p.Message) > maxMessageLen {
		f.Add("message", "form.too_long")
	}
	if p.RewardID != "" {
		found := false
		for _, r := range c.Rewards {
			if r.ID != p.RewardID {
				continue
			}
			found = true
			if r.Left() == 0 {
				f.Add("reward_id", "funding.field.reward_gone")
			} else if p.Amount < r.Amount {
				f.Add("amount", "funding.field.below_reward")
			}
		}
		if !found {
			f.Add("reward_id", "form.invalid_choice")
		}
	}
	return f.Err()
}

// Reserve records the person's promise to pay if the campaign succeeds.
// One standing reservation per person and campaign.
func (m *Module) Reserve(ctx context.Context, actor *auth.Identity, campaignID string, p Pledge) (*Reservation, error) {
	if actor == nil || !ids.Valid(actor.UserID) {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	// The limit is counted before the transaction: it writes, and SQLite
	// has one writer.
	if err := m.s.Limiter.Allow(ctx, reserveRule, actor.UserID); err != nil {
		return nil, err
	}
	var r *Reservation
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := db.LockRow(ctx, tx, "funding_campaigns", campaignID); err != nil {
			return err
		}
		c, err := getCampaign(ctx, tx, campaignID)
		if err != nil {
			return err
		}
		now := m.s.Clock.Now()
		if c.Status == Draft {
			return apperr.New(apperr.NotFound, "")
		}
		if !c.Open(now) {
			return apperr.New(apperr.Conflict, "funding.closed")
		}
		if err := checkPledge(&p, c); err != nil {
			return err
		}
		if _, err := reservationOf(ctx, tx, c.ID, actor.UserID); err == nil {
			return apperr.New(apperr.Conflict, "funding.reserved_already")
		} else if !apperr.Is(err, apperr.NotFound) {
			return err
		}
		r = &Reservation{ID: ids.New(), CampaignID: c.ID, UserID: actor.UserID, Amount: p.Amount, RewardID: p.RewardID,
			Anonymous: p.Anonymous, Message: p.Message, Reference: newReference(), Status: "reserved", CreatedAt: now}
		return insertReservation(ctx, tx, r)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// CancelReservation withdraws a reservation: its holder may until the
// deadline, and never after the campaign is settled.
func (m *Module) CancelReservation(ctx context.Context, actor *auth.Identity, id string) (*Reservation, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	var r *Reservation
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if r, err = getReservation(ctx, tx, id); err != nil {
			return err
		}
		if r.UserID != actor.UserID {
			return apperr.New(apperr.NotFound, "")
		}
		if err := db.LockRow(ctx, tx, "funding_campaigns", r.CampaignID); err != nil {
			return err
		}
		c, err := getCampaign(ctx, tx, r.CampaignID)
		if err != nil {
			return err
		}
		now := m.s.Clock.Now()
		if r.Status != "reserved" || !c.Open(now) {
			return apperr.New(apperr.Conflict, "funding.closed")
		}
		r.Status = "cancelled"
		_, err = tx.ExecContext(ctx, `UPDATE funding_reservations SET status = 'cancelled', cancelled_at = $1
			WHERE id = $2`, now, r.ID)
		return db.Err(err)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// MyReservation is the person's standing reservation of the campaign, or
// NotFound.
func (m *Module) MyReservation(ctx context.Context, viewer *auth.Identity, c *Campaign) (*Reservation, error) {
	if viewer == nil {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return reservationOf(ctx, m.s.DB, c.ID, viewer.UserID)
}

// Reservations lists a campaign's reservations with the supporters'
// names, for the people who act for its organisation.
func (m *Module) Reservations(ctx context.Context, actor *auth.Identity, campaignID string) (*Campaign, []*Reservation, error) {
	if actor == nil {
		return nil, nil, apperr.New(apperr.Unauthenticated, "")
	}
	c, err := getCampaign(ctx, m.s.DB, campaignID)
	if err != nil {
		return nil, nil, err
	}
	if !m.mayActFor(ctx, c.OrganizationID, actor) {
		if c.Status == Draft {
			return nil, nil, apperr.New(apperr.NotFound, "")
		}
		return nil, nil, apperr.New(apperr.Forbidden, "funding.not_yours")
	}
	rs, err := reservationsOf(ctx, m.s.DB, c.ID, false)
	if err != nil {
		return nil, nil, err
	}
	return c, rs, m.withNames(ctx, rs)
}

// withNames fills in the supporters' display names.
func (m *Module) withNames(ctx context.Context, rs []*Reservation) error {
	var users []string
	for _, r := range rs {
		if r.UserID != "" {
			users = append(users, r.UserID)
		}
	}
	if len(users) == 0 || m.names == nil {
		return nil
	}
	names, err := m.names(ctx, users)
	for _, r := range rs {
		r.Name = names[r.UserID]
	}
	return err
}

// Supporters are the named supporters and the count of anonymous ones, as
// a campaign's page shows them.
func (m *Module) Supporters(ctx context.Context, c *Campaign) (named []*Reservation, anonymous int, err error) {
	rs, err := reservationsOf(ctx, m.s.DB, c.ID, false)
	if err != nil {
		return nil, 0, err
	}
	for _, r := range rs {
		if r.Anonymous || r.UserID == "" {
			anonymous++
		} else {
			named = append(named, r)
		}
	}
	return named, anonymous, m.withNames(ctx, named)
}

// OfferMatch records that the actor's organisation doubles what supporters
// reserve for the campaign, up to cap.
func (m *Module) OfferMatch(ctx context.Context, actor *auth.Identity, campaignID, orgID string, cap int64) (*Match, error) {
	if actor == nil || !ids.Valid(actor.UserID) {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	orgID = strings.ToLower(strings.TrimSpace(orgID))
	f := apperr.Fields{}
	if !ids.Valid(orgID) || !m.mayActFor(ctx, orgID, actor) {
		f.Add("organization_id", "funding.field.not_your_org")
	}
	if cap < 100 || cap > maxAmount {
		f.Add("cap", "funding.field.amount_invalid")
	}
	var x *Match
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := db.LockRow(ctx, tx, "funding_campaigns", campaignID); err != nil {
			return err
		}
		c, err := getCampaign(ctx, tx, campaignID)
		if err != nil {
			return err
		}
		now := m.s.Clock.Now()
		if c.Status == Draft {
			return apperr.New(apperr.NotFound, "")
		}
		if !c.Open(now) {
			return apperr.New(apperr.Conflict, "funding.closed")
		}
		if orgID == c.OrganizationID {
			f.Add("organization_id", "funding.field.match_own")
		}
		if err := f.Err(); err != nil {
			return err
		}
		x = &Match{ID: ids.New(), CampaignID: c.ID, OrganizationID: orgID, CreatedBy: actor.UserID, Cap: cap,
			Reference: newReference(), CreatedAt: now}
		_, err = tx.ExecContext(ctx, `INSERT INTO funding_matches (id, campaign_id, organization_id, created_by, cap_cents,
			reference, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, x.ID, x.CampaignID, x.OrganizationID, x.CreatedBy,
			x.Cap, x.Reference, x.CreatedAt)
		return db.Err(err)
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}

// Matches lists the campaign's matchfunding with the organisations' names.
func (m *Module) Matches(ctx context.Context, c *Campaign) ([]*Match, error) {
	ms, err := matchesOf(ctx, m.s.DB, c.ID)
	for _, x := range ms {
		if o, err := m.orgs.Get(ctx, x.OrganizationID); err == nil {
			x.OrgName = o.Name
		}
	}
	return ms, err
}
