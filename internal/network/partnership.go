package network

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/directory"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/text"
)

// Statuses of a partnership.
const (
	Proposed = "proposed"
	Active   = "active"
	Ended    = "ended"
)

// Partnership is a cooperation of two or more organisations: what they
// want to reach together, what each brings in and what it is good for. One
// organisation's editor proposes it; it becomes active, and public, when
// an editor of every other partner has confirmed it.
type Partnership struct {
	ID          string
	Goal        string
	Benefit     string
	StartsOn    directory.Day
	Status      string
	Lang        string
	ProposedBy  string // organisation id
	CreatedBy   string // user id
	CreatedAt   time.Time
	ActivatedAt *time.Time
	EndedAt     *time.Time
	Partners    []Partner
}

// Partner is one organisation of a partnership.
type Partner struct {
	OrganizationID string
	Contribution   string
	ConfirmedAt    *time.Time
	ConfirmedBy    string
}

// Public reports whether everybody may see the partnership: once it was
// active it stays visible, also after it ended.
func (p *Partnership) Public() bool { return p.ActivatedAt != nil }

// Partner returns the partner row of an organisation, or nil.
func (p *Partnership) Partner(orgID string) *Partner {
	for i := range p.Partners {
		if p.Partners[i].OrganizationID == orgID {
			return &p.Partners[i]
		}
	}
	return nil
}

// OrgIDs lists the partners' organisation ids.
func (p *Partnership) OrgIDs() []string {
	out := make([]string, len(p.Partners))
	for i, pt := range p.Partners {
		out[i] = pt.OrganizationID
	}
	return out
}

// Waiting lists the partners that have not confirmed yet.
func (p *Partnership) Waiting() []string {
	var out []string
	for _, pt := range p.Partners {
		if pt.ConfirmedAt == nil {
			out = append(out, pt.OrganizationID)
		}
	}
	return out
}

// PartnershipInput is a proposal.
type PartnershipInput struct {
	ProposerID    string            // the proposing organisation
	PartnerIDs    []string          // the other organisations
	Goal          string            // what they want to reach together
	Benefit       string            // what it is good for, and for whom
	StartsOn      directory.Day     // when the cooperation starts
	Contributions map[string]string // organisation id → what it brings in
	Lang          string
}

// Limits of partnerships.
const (
	maxPartners = 10
	maxTextLen  = 1000 // goal, benefit, a contribution, what an organisation looks for partners for
)

func (in *PartnershipInput) normalize() {
	in.Goal, in.Benefit = text.MultiLine(in.Goal), text.MultiLine(in.Benefit)
	in.Lang = text.CanonicalLanguage(in.Lang)
	partners := []string{}
	for _, id := range in.PartnerIDs {
		if id = strings.TrimSpace(id); id != "" && id != in.ProposerID && !slices.Contains(partners, id) {
			partners = append(partners, id)
		}
	}
	in.PartnerIDs = partners
	for k, v := range in.Contributions {
		in.Contributions[k] = text.MultiLine(v)
	}
}

func (in *PartnershipInput) validate() error {
	f := apperr.Fields{}
	switch {
	case len(in.PartnerIDs) == 0:
		f.Add("partners", "network.partnership.partner_required")
	case len(in.PartnerIDs) >= maxPartners:
		f.Add("partners", "network.partnership.too_many")
	}
	for _, id := range in.PartnerIDs {
		if !ids.Valid(id) {
			f.Add("partners", "form.invalid_choice")
		}
	}
	check.Text(f, "goal", in.Goal, maxTextLen, true)
	check.Text(f, "benefit", in.Benefit, maxTextLen, true)
	if in.StartsOn == "" {
		f.Add("starts_on", "form.required")
	} else if _, ok := directory.ParseDay(string(in.StartsOn)); !ok {
		f.Add("starts_on", "network.form.invalid_date")
	}
	for _, c := range in.Contributions {
		check.Text(f, "contribution", c, maxTextLen, false)
	}
	if !text.ValidLanguage(in.Lang) {
		f.Add("lang", "form.invalid_choice")
	}
	return f.Err()
}

// requireEditor refuses people who may not act for the organisation:
// NotFound for an unknown organisation, Forbidden for non-editors.
func (m *Module) requireEditor(ctx context.Context, orgID, userID string) error {
	if _, err := m.orgs.Get(ctx, orgID); err != nil {
		return err
	}
	if !ids.Valid(userID) {
		return apperr.New(apperr.Unauthenticated, "")
	}
	if !m.orgs.CanEdit(ctx, orgID, userID) {
		return apperr.New(apperr.Forbidden, "network.not_editor")
	}
	return nil
}

// Propose records a partnership proposed by an editor of the proposing
// organisation; the proposer counts as confirmed.
func (m *Module) Propose(ctx context.Context, userID string, in PartnershipInput) (*Partnership, error) {
	if err := m.requireEditor(ctx, in.ProposerID, userID); err != nil {
		return nil, err
	}
	if in.Contributions == nil {
		in.Contributions = map[string]string{}
	}
	in.normalize()
	if err := in.validate(); err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, id := range append([]string{in.ProposerID}, in.PartnerIDs...) {
		o, err := m.orgs.Get(ctx, id)
		if err != nil {
			if apperr.Is(err, apperr.NotFound) {
				return nil, apperr.Field("partners", "form.invalid_choice")
			}
			return nil, err
		}
		names[id] = o.Name
	}
	now := m.s.Clock.Now()
	p := &Partnership{ID: ids.New(), Goal: in.Goal, Benefit: in.Benefit, StartsOn: in.StartsOn, Status: Proposed,
		Lang: in.Lang, ProposedBy: in.ProposerID, CreatedBy: userID, CreatedAt: now}
	p.Partners = append(p.Partners, Partner{OrganizationID: in.ProposerID, Contribution: in.Contributions[in.ProposerID],
		ConfirmedAt: &now, ConfirmedBy: userID})
	for _, id := range in.PartnerIDs {
		p.Partners = append(p.Partners, Partner{OrganizationID: id, Contribution: in.Contributions[id]})
	}
	slices.SortFunc(p.Partners, func(a, b Partner) int { return strings.Compare(a.OrganizationID, b.OrganizationID) })
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := insertPartnership(ctx, tx, p); err != nil {
			return err
		}
		if err := m.tellProposed(ctx, tx, p, names, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: userID, Action: "directory.partnership.propose",
			ObjectType: "partnership", ObjectID: p.ID, Details: map[string]any{"partners": p.OrgIDs()}})
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// Confirm records that an editor of the partner organisation orgID agrees;
// contribution, when not nil, replaces what the proposal said it brings
// in. With orgID empty, the one waiting partner the person edits is
// meant. When the last partner confirmed, the partnership becomes active.
func (m *Module) Confirm(ctx context.Context, userID, partnershipID, orgID string, contribution *string) (*Partnership, error) {
	var p *Partnership
	now := m.s.Clock.Now()
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := db.LockRow(ctx, tx, "directory_partnerships", partnershipID); err != nil {
			return err
		}
		var err error
		if p, err = partnershipByID(ctx, tx, partnershipID); err != nil {
			return err
		}
		if !m.involved(ctx, p, userID) {
			return apperr.New(apperr.NotFound, "")
		}
		if p.Status != Proposed {
			return apperr.New(apperr.Conflict, "network.partnership.not_proposed")
		}
		if orgID == "" {
			var mine []string
			for _, id := range p.Waiting() {
				if m.orgs.CanEdit(ctx, id, userID) {
					mine = append(mine, id)
				}
			}
			switch len(mine) {
			case 0:
				return apperr.New(apperr.Conflict, "network.partnership.nothing_to_confirm")
			case 1:
				orgID = mine[0]
			default:
				return apperr.Field("organization_id", "network.partnership.choose_org")
			}
		}
		pt := p.Partner(orgID)
		if pt == nil {
			return apperr.Field("organization_id", "form.invalid_choice")
		}
		if !m.orgs.CanEdit(ctx, orgID, userID) {
			return apperr.New(apperr.Forbidden, "network.not_editor")
		}
		if pt.ConfirmedAt != nil {
			return apperr.New(apperr.Conflict, "network.partnership.confirmed_already")
		}
		if contribution != nil {
			c := text.MultiLine(*contribution)
			f := apperr.Fields{}
			if check.Text(f, "contribution", c, maxTextLen, false); len(f) > 0 {
				return f.Err()
			}
			pt.Contribution = c
		}
		pt.ConfirmedAt, pt.ConfirmedBy = &now, userID
		if _, err := tx.ExecContext(ctx, `UPDATE directory_partners SET contribution = $1, confirmed_at = $2, confirmed_by = $3
			WHERE partnership_id = $4 AND organization_id = $5`, pt.Contribution, now, userID, p.ID, orgID); err != nil {
			return err
		}
		if len(p.Waiting()) == 0 {
			p.Status, p.ActivatedAt = Active, &now
			if _, err := tx.ExecContext(ctx, "UPDATE directory_partnerships SET status = $1, activated_at = $2 WHERE id = $3",
				Active, now, p.ID); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: userID, Action: "directory.partnership.confirm",
			ObjectType: "partnership", ObjectID: p.ID, Details: map[string]any{"organization": orgID, "status": p.Status}})
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// Withdraw deletes a proposal that is not active yet: the proposer takes
// it back, or a partner declines it.
func (m *Module) Withdraw(ctx context.Context, userID, partnershipID string) error {
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := db.LockRow(ctx, tx, "directory_partnerships", partnershipID); err != nil {
			return err
		}
		p, err := partnershipByID(ctx, tx, partnershipID)
		if err != nil {
			return err
		}
		if !m.involved(ctx, p, userID) {
			return apperr.New(apperr.NotFound, "")
		}
		if p.Status != Proposed {
			return apperr.New(apperr.Conflict, "network.partnership.not_proposed")
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM directory_partnerships WHERE id = $1", p.ID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: userID, Action: "directory.partnership.withdraw",
			ObjectType: "partnership", ObjectID: p.ID, Details: map[string]any{"partners": p.OrgIDs()}})
	})
}

// End marks an active partnership as ended; it stays visible as history.
func (m *Module) End(ctx context.Context, userID, partnershipID string) (*Partnership, error) {
	var p *Partnership
	now := m.s.Clock.Now()
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := db.LockRow(ctx, tx, "directory_partnerships", partnershipID); err != nil {
			return err
		}
		var err error
		if p, err = partnershipByID(ctx, tx, partnershipID); err != nil {
			return err
		}
		if !m.involved(ctx, p, userID) {
			if p.Public() {
				return apperr.New(apperr.Forbidden, "network.not_editor")
			}
			return apperr.New(apperr.NotFound, "")
		}
		if p.Status != Active {
			return apperr.New(apperr.Conflict, "network.partnership.not_active")
		}
		p.Status, p.EndedAt = Ended, &now
		if _, err := tx.ExecContext(ctx, "UPDATE directory_partnerships SET status = $1, ended_at = $2 WHERE id = $3",
			Ended, now, p.ID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: userID, Action: "directory.partnership.end",
			ObjectType: "partnership", ObjectID: p.ID})
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// involved reports whether the person edits one of the partners.
func (m *Module) involved(ctx context.Context, p *Partnership, userID string) bool {
	if !ids.Valid(userID) {
		return false
	}
	for _, pt := range p.Partners {
		if m.orgs.CanEdit(ctx, pt.OrganizationID, userID) {
			return true
		}
	}
	return false
}

// Partnership returns a partnership the viewer may see: a public one, or a
// proposal of an organisation the viewer edits (coordinators see all).
func (m *Module) Partnership(ctx context.Context, viewer *auth.Identity, id string) (*Partnership, error) {
	p, err := partnershipByID(ctx, m.s.DB, id)
	if err != nil {
		return nil, err
	}
	if !m.mayView(ctx, viewer, p) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return p, nil
}

func (m *Module) mayView(ctx context.Context, viewer *auth.Identity, p *Partnership) bool {
	if p.Public() || viewer.Staff() {
		return true
	}
	return viewer != nil && m.involved(ctx, p, viewer.UserID)
}

// PartnershipsOf lists an organisation's partnerships the viewer may see.
func (m *Module) PartnershipsOf(ctx context.Context, viewer *auth.Identity, orgID string) ([]*Partnership, error) {
	all, err := partnershipsOf(ctx, m.s.DB, orgID)
	if err != nil {
		return nil, err
	}
	var out []*Partnership
	for _, p := range all {
		if m.mayView(ctx, viewer, p) {
			out = append(out, p)
		}
	}
	return out, nil
}

// ActivePartnerships lists every active partnership, newest start first.
func (m *Module) ActivePartnerships(ctx context.Context) ([]*Partnership, error) {
	return queryPartnerships(ctx, m.s.DB, "status = $1", Active)
}

// Seeking says that an organisation looks for partners, and what for.
type Seeking struct {
	OrganizationID string
	WhatFor        string
	Lang           string
	Since          time.Time
}

// SetSeeking marks an organisation as looking for partners (whatFor
// non-empty) or removes the mark (whatFor empty). Editors only.
func (m *Module) SetSeeking(ctx context.Context, userID, orgID, whatFor, lang string) error {
	if err := m.requireEditor(ctx, orgID, userID); err != nil {
		return err
	}
	whatFor, lang = text.MultiLine(whatFor), text.CanonicalLanguage(lang)
	f := apperr.Fields{}
	check.Text(f, "what_for", whatFor, maxTextLen, false)
	if !text.ValidLanguage(lang) {
		f.Add("lang", "form.invalid_choice")
	}
	if err := f.Err(); err != nil {
		return err
	}
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if whatFor == "" {
			_, err := tx.ExecContext(ctx, "DELETE FROM directory_seeking WHERE organization_id = $1", orgID)
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO directory_seeking (organization_id, what_for, lang, since, updated_by)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (organization_id) DO UPDATE SET what_for = $2, lang = $3, updated_by = $5`,
			orgID, whatFor, lang, now, userID)
		return err
	})
}

// SeekingOf returns whether, and what for, organisations look for partners.
func (m *Module) SeekingOf(ctx context.Context, orgIDs ...string) (map[string]Seeking, error) {
	return seekingOf(ctx, m.s.DB, orgIDs)
}

// LookingFor tells what organisations look for partners for, by
// organisation id; those that look for none are left out.
func (m *Module) LookingFor(ctx context.Context, orgIDs []string) (map[string]string, error) {
	seeking, err := seekingOf(ctx, m.s.DB, orgIDs)
	out := make(map[string]string, len(seeking))
	for id, s := range seeking {
		out[id] = s.WhatFor
	}
	return out, err
}
