package network

import (
	"context"
	"database/sql"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/directory"
	"teilhabe.org/teilhabe/internal/ids"
)

// The SQL of the partnership tables, the same text on SQLite and
// PostgreSQL. Functions take a db.Querier so they run inside a transaction
// or outside one.

// ---- partnerships ----

const partnershipColumns = "id, goal, benefit, starts_on, status, lang, proposed_by, created_by, created_at, activated_at, ended_at"

func scanPartnership(row db.Scanner) (*Partnership, error) {
	p := &Partnership{}
	var startsOn string
	var createdBy sql.NullString
	var activated, ended sql.NullTime
	if err := row.Scan(&p.ID, &p.Goal, &p.Benefit, &startsOn, &p.Status, &p.Lang, &p.ProposedBy, &createdBy,
		&p.CreatedAt, &activated, &ended); err != nil {
		return nil, db.Err(err)
	}
	p.StartsOn, p.CreatedBy, p.CreatedAt = directory.Day(startsOn), createdBy.String, p.CreatedAt.UTC()
	p.ActivatedAt, p.EndedAt = db.TimePtr(activated), db.TimePtr(ended)
	return p, nil
}

func queryPartnerships(ctx context.Context, q db.Querier, where string, args ...any) ([]*Partnership, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+partnershipColumns+" FROM directory_partnerships WHERE "+where+
		" ORDER BY starts_on DESC, created_at DESC, id", args...)
	out, err := db.Collect(rows, err, scanPartnership)
	if err != nil || len(out) == 0 {
		return out, err
	}
	byID := map[string]*Partnership{}
	pIDs := make([]string, len(out))
	for i, p := range out {
		byID[p.ID], pIDs[i] = p, p.ID
	}
	in, inArgs := db.In(1, pIDs)
	rows, err = q.QueryContext(ctx, `SELECT partnership_id, organization_id, contribution, confirmed_at, confirmed_by
		FROM directory_partners WHERE partnership_id IN (`+in+`) ORDER BY organization_id`, inArgs...)
	err = db.Each(rows, err, func(s db.Scanner) error {
		var pid string
		var pt Partner
		var at sql.NullTime
		var by sql.NullString
		if err := s.Scan(&pid, &pt.OrganizationID, &pt.Contribution, &at, &by); err != nil {
			return err
		}
		pt.ConfirmedAt, pt.ConfirmedBy = db.TimePtr(at), by.String
		byID[pid].Partners = append(byID[pid].Partners, pt)
		return nil
	})
	return out, err
}

func partnershipByID(ctx context.Context, q db.Querier, id string) (*Partnership, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	ps, err := queryPartnerships(ctx, q, "id = $1", id)
	if err != nil {
		return nil, err
	}
	if len(ps) == 0 {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return ps[0], nil
}

func partnershipsOf(ctx context.Context, q db.Querier, orgID string) ([]*Partnership, error) {
	if !ids.Valid(orgID) {
		return nil, nil
	}
	return queryPartnerships(ctx, q, "id IN (SELECT partnership_id FROM directory_partners WHERE organization_id = $1)", orgID)
}

func insertPartnership(ctx context.Context, q db.Querier, p *Partnership) error {
	_, err := q.ExecContext(ctx, `INSERT INTO directory_partnerships (id, goal, benefit, starts_on, status, lang, proposed_by,
		created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		p.ID, p.Goal, p.Benefit, string(p.StartsOn), p.Status, p.Lang, p.ProposedBy, db.NullString(p.CreatedBy), p.CreatedAt)
	if err != nil {
		return db.Err(err)
	}
	for _, pt := range p.Partners {
		var at any
		if pt.ConfirmedAt != nil {
			at = *pt.ConfirmedAt
		}
		if _, err := q.ExecContext(ctx, `INSERT INTO directory_partners (partnership_id, organization_id, contribution,
			confirmed_at, confirmed_by) VALUES ($1, $2, $3, $4, $5)`,
			p.ID, pt.OrganizationID, pt.Contribution, at, db.NullString(pt.ConfirmedBy)); err != nil {
			return db.Err(err)
		}
	}
	return nil
}

// ---- looking for partners ----

func seekingOf(ctx context.Context, q db.Querier, orgIDs []string) (map[string]Seeking, error) {
	out := map[string]Seeking{}
	if len(orgIDs) == 0 {
		return out, nil
	}
	in, args := db.In(1, orgIDs)
	rows, err := q.QueryContext(ctx, "SELECT organization_id, what_for, lang, since FROM directory_seeking WHERE organization_id IN ("+
		in+")", args...)
	err = db.Each(rows, err, func(s db.Scanner) error {
		var x Seeking
		if err := s.Scan(&x.OrganizationID, &x.WhatFor, &x.Lang, &x.Since); err != nil {
			return err
		}
		x.Since = x.Since.UTC()
		out[x.OrganizationID] = x
		return nil
	})
	return out, err
}
