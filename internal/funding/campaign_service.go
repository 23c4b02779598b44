package funding

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/ratelimit"
)

// createRule bounds how many campaigns one account starts a day.
var createRule = ratelimit.Rule{Name: "funding.create", Limit: 20, Window: 24 * time.Hour}

// apply checks d for the actor and copies it into c; before is the
// campaign as it was (nil for a new one), reserved whether people have
// reserved already.
func (m *Module) apply(ctx context.Context, actor *auth.Identity, d *CampaignDraft, c, before *Campaign, reserved bool) error {
	if before != nil {
		d.OrganizationID = before.OrganizationID // a campaign stays with its organisation
	}
	d.normalize()
	f := apperr.Fields{}
	if err := d.Validate(); err != nil {
		ae := apperr.As(err)
		if ae.Code != apperr.Invalid {
			return err
		}
		for k, v := range ae.Fields {
			f.Add(k, v)
		}
	}
	checkDeadline(f, d, before, m.s.Clock.Now())
	if before == nil && f["organization_id"] == "" && !m.mayActFor(ctx, d.OrganizationID, actor) {
		f.Add("organization_id", "funding.field.not_your_org")
	}
	if reserved {
		checkFrozen(f, d, before)
	}
	if err := f.Err(); err != nil {
		return err
	}
	c.OrganizationID, c.Title, c.Story, c.ContentLang, c.Purpose = d.OrganizationID, d.Title, d.Story, d.ContentLang, d.Purpose
	c.Goal, c.Stretch, c.Minimum, c.SharePrice, c.Deadline = d.Goal, d.Stretch, d.Minimum, d.SharePrice, d.Deadline.UTC()
	c.Holder, c.IBAN, c.BIC, c.Receipts, c.LedgerPublic = d.Holder, d.IBAN, d.BIC, d.Receipts, d.LedgerPublic
	c.Rewards = d.Rewards
	return nil
}

// Create starts a draft campaign of an organisation the actor acts for.
func (m *Module) Create(ctx context.Context, actor *auth.Identity, d CampaignDraft) (*Campaign, error) {
	if actor == nil || !ids.Valid(actor.UserID) {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	now := m.s.Clock.Now()
	c := &Campaign{ID: ids.New(), CreatedBy: actor.UserID, Status: Draft, CreatedAt: now, UpdatedAt: now}
	if err := m.apply(ctx, actor, &d, c, nil, false); err != nil {
		return nil, err
	}
	if err := m.s.Limiter.Allow(ctx, createRule, actor.UserID); err != nil {
		return nil, err
	}
	if err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error { return insertCampaign(ctx, tx, c) }); err != nil {
		return nil, err
	}
	return c, nil
}

// Get returns a campaign the viewer may see: published ones to everybody,
// drafts to its organisation.
func (m *Module) Get(ctx context.Context, viewer *auth.Identity, id string) (*Campaign, error) {
	c, err := getCampaign(ctx, m.s.DB, id)
	if err != nil {
		return nil, err
	}
	if !m.visible(ctx, c, viewer) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return c, nil
}

// List returns the published campaigns, of one organisation when orgID is
// set (with its drafts for the people who act for it).
func (m *Module) List(ctx context.Context, viewer *auth.Identity, orgID string, limit int) ([]*Campaign, error) {
	drafts := orgID != "" && m.mayActFor(ctx, orgID, viewer)
	return listCampaigns(ctx, m.s.DB, orgID, drafts, limit)
}

// manageable loads a campaign, locked in tx, for a person who may change
// it: NotFound for an unknown id (and a draft of another organisation),
// Forbidden for everybody but its organisation, Conflict once settled.
func (m *Module) manageable(ctx context.Context, tx *sql.Tx, actor *auth.Identity, id string) (*Campaign, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	if err := db.LockRow(ctx, tx, "funding_campaigns", id); err != nil {
		return nil, err
	}
	c, err := getCampaign(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if !m.mayActFor(ctx, c.OrganizationID, actor) {
		if c.Status == Draft {
			return nil, apperr.New(apperr.NotFound, "")
		}
		return nil, apperr.New(apperr.Forbidden, "funding.not_yours")
	}
	if c.Settled() {
		return nil, apperr.New(apperr.Conflict, "funding.settled")
	}
	return c, nil
}

// Update changes a campaign with change, which gets its draft. Once
// people reserved, its goal, deadline and account stay.
func (m *Module) Update(ctx context.Context, actor *auth.Identity, id string, change func(CampaignDraft) CampaignDraft) (*Campaign, error) {
	var c *Campaign
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if c, err = m.manageable(ctx, tx, actor, id); err != nil {
			return err
		}
		n, err := reservationCount(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		before := *c
		d := change(draftOf(c))
		if err := m.apply(ctx, actor, &d, c, &before, n > 0); err != nil {
			return err
		}
		c.UpdatedAt = m.s.Clock.Now()
		if err := updateCampaign(ctx, tx, c); err != nil {
			return err
		}
		if err := setRewards(ctx, tx, c); err != nil {
			return err
		}
		if err := withRewards(ctx, tx, []*Campaign{c}); err != nil {
			return err
		}
		return m.indexCampaign(ctx, tx, c)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Publish opens a draft for reservations.
func (m *Module) Publish(ctx context.Context, actor *auth.Identity, id string) (*Campaign, error) {
	return m.transition(ctx, actor, id, func(c *Campaign, now time.Time) error {
		if c.Status != Draft {
			return apperr.New(apperr.Conflict, "funding.published_already")
		}
		if !c.Deadline.After(now) {
			return apperr.Field("deadline", "funding.field.deadline_past")
		}
		c.Status, c.PublishedAt = Running, &now
		return nil
	})
}

// Cancel ends a campaign before its deadline; everybody who reserved is
// told that nothing is to be paid.
func (m *Module) Cancel(ctx context.Context, actor *auth.Identity, id string) (*Campaign, error) {
	return m.transition(ctx, actor, id, func(c *Campaign, now time.Time) error {
		c.Status, c.DecidedAt = Cancelled, &now
		return nil
	})
}

// transition changes a campaign's status with step, in one transaction
// with the mails the new status sends.
func (m *Module) transition(ctx context.Context, actor *auth.Identity, id string, step func(*Campaign, time.Time) error) (*Campaign, error) {
	var c *Campaign
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if c, err = m.manageable(ctx, tx, actor, id); err != nil {
			return err
		}
		now := m.s.Clock.Now()
		if err := step(c, now); err != nil {
			return err
		}
		c.UpdatedAt = now
		if err := updateCampaign(ctx, tx, c); err != nil {
			return err
		}
		if err := m.indexCampaign(ctx, tx, c); err != nil {
			return err
		}
		if c.Status == Cancelled {
			return m.tellOutcome(ctx, tx, c, now)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// Progress returns what the campaign gathered.
func (m *Module) Progress(ctx context.Context, c *Campaign) (Progress, error) {
	return progressOf(ctx, m.s.DB, c)
}
