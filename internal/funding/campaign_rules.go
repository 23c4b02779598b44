package funding

import (
	"context"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/text"
)

// The campaign's rules in one place: how a draft is cleaned and checked,
// what may change once people reserved, and who may act.

func (d *CampaignDraft) normalize() {
	d.OrganizationID = strings.ToLower(strings.TrimSpace(d.OrganizationID))
	d.Title = text.OneLine(d.Title)
	d.Story = text.MultiLine(d.Story)
	d.ContentLang = text.CanonicalLanguage(d.ContentLang)
	d.Holder = text.OneLine(d.Holder)
	d.IBAN, d.BIC = compact(d.IBAN), compact(d.BIC)
	if d.Minimum == 0 {
		d.Minimum = defaultMinimum
	}
	if d.Purpose != Shares {
		d.SharePrice = 0
	}
	if d.Purpose != Donation {
		d.Receipts = false // receipts are for donations only, never for shares or rewards
	}
	if d.Purpose != Rewards {
		d.Rewards = nil
	}
	for i := range d.Rewards {
		d.Rewards[i].Title = text.OneLine(d.Rewards[i].Title)
	}
}

// Validate returns field errors with message ids.
func (d *CampaignDraft) Validate() error {
	f := apperr.Fields{}
	if d.OrganizationID == "" {
		f.Add("organization_id", "form.required")
	}
	check.Text(f, "title", d.Title, maxTitleLen, true)
	check.Text(f, "story", d.Story, maxStoryLen, true)
	if !text.ValidLanguage(d.ContentLang) {
		f.Add("content_lang", "form.invalid_choice")
	}
	switch d.Purpose {
	case Donation, Rewards:
	case Shares:
		if d.SharePrice <= 0 || d.SharePrice > maxAmount {
			f.Add("share_price", "funding.field.amount_invalid")
		} else if d.Goal%d.SharePrice != 0 {
			f.Add("goal", "funding.field.not_shares")
		}
	default:
		f.Add("purpose", "form.invalid_choice")
	}
	if d.Goal <= 0 || d.Goal > maxAmount {
		f.Add("goal", "funding.field.amount_invalid")
	}
	if d.Stretch != 0 && (d.Stretch <= d.Goal || d.Stretch > maxAmount) {
		f.Add("stretch", "funding.field.stretch_low")
	}
	if d.Minimum < 100 || d.Minimum > d.Goal && d.Goal > 0 {
		f.Add("minimum", "funding.field.minimum_invalid")
	}
	if d.Deadline.IsZero() {
		f.Add("deadline", "form.required")
	}
	check.Text(f, "holder", d.Holder, maxHolderLen, true)
	switch {
	case d.IBAN == "":
		f.Add("iban", "form.required")
	case !ValidIBAN(d.IBAN):
		f.Add("iban", "funding.field.iban_invalid")
	}
	if d.BIC != "" && !ValidBIC(d.BIC) {
		f.Add("bic", "funding.field.bic_invalid")
	}
	if len(d.Rewards) > maxRewards {
		f.Add("rewards", "form.too_long")
	}
	for _, r := range d.Rewards {
		if r.Title == "" || len([]rune(r.Title)) > maxRewardTitleLen || r.Amount < d.Minimum || r.Amount > maxAmount || r.Quantity < 0 {
			f.Add("rewards", "funding.field.reward_invalid")
		}
	}
	return f.Err()
}

// checkDeadline refuses a deadline in the past or more than a year ahead,
// unless it is the one the campaign had.
func checkDeadline(f apperr.Fields, d *CampaignDraft, before *Campaign, now time.Time) {
	if d.Deadline.IsZero() || before != nil && before.Deadline.Equal(d.Deadline) {
		return
	}
	if !d.Deadline.After(now) {
		f.Add("deadline", "funding.field.deadline_past")
	} else if d.Deadline.After(now.AddDate(1, 0, 0)) {
		f.Add("deadline", "funding.field.deadline_far")
	}
}

// checkFrozen refuses a change of goal, deadline or account once people
// reserved: they promised under those terms.
func checkFrozen(f apperr.Fields, d *CampaignDraft, c *Campaign) {
	if d.Goal != c.Goal {
		f.Add("goal", "funding.field.frozen")
	}
	if !d.Deadline.Equal(c.Deadline) {
		f.Add("deadline", "funding.field.frozen")
	}
	if d.IBAN != c.IBAN || d.Holder != c.Holder || d.BIC != c.BIC {
		f.Add("iban", "funding.field.frozen")
	}
	if d.Purpose != c.Purpose || d.SharePrice != c.SharePrice || d.Minimum > c.Minimum {
		f.Add("purpose", "funding.field.frozen")
	}
}

// mayActFor reports whether the person may run campaigns for the
// organisation: its current owners and editors, and coordinators.
func (m *Module) mayActFor(ctx context.Context, orgID string, id *auth.Identity) bool {
	if id == nil {
		return false
	}
	if id.Staff() {
		return true
	}
	s, err := m.orgs.StandingOf(ctx, orgID, id.UserID)
	return err == nil && s.CanEdit()
}

// isTreasurer reports whether the person may read the organisation's bank
// statements and book: its owners and the members they named treasurer
// (while they are still members).
func (m *Module) isTreasurer(ctx context.Context, orgID string, id *auth.Identity) bool {
	if id == nil {
		return false
	}
	s, err := m.orgs.StandingOf(ctx, orgID, id.UserID)
	if err != nil || s.Role == "" {
		return false
	}
	if s.Role == organization.Owner {
		return true
	}
	named, err := treasurerNamed(ctx, m.s.DB, orgID, id.UserID)
	return err == nil && named
}

// visible reports whether the person may see the campaign: published
// ones everybody, drafts only its organisation.
func (m *Module) visible(ctx context.Context, c *Campaign, id *auth.Identity) bool {
	return c.Status != Draft || m.mayActFor(ctx, c.OrganizationID, id)
}
