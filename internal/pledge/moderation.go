package pledge

import (
	"context"
	"database/sql"
	"strings"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/text"
)

// The module's items in the moderation queue: pledges, reports and
// questions. Hidden items are shown only to their owners and the
// coordinators; removed ones are deleted.

type pledgeTarget struct{ m *Module }

func (pledgeTarget) Kind() string { return "pledge" }

func (t pledgeTarget) Describe(ctx context.Context, id string) (moderation.Item, error) {
	p, err := pledgeByID(ctx, t.m.s.DB, id)
	if err != nil {
		return moderation.Item{}, err
	}
	body := p.Promise + " – " + p.Who + ": " + p.Condition
	if p.Description != "" {
		body += "\n\n" + p.Description
	}
	return moderation.Item{Title: p.Title(), URL: "/pledges/" + p.ID, OwnerID: p.OwnerID, Excerpt: text.Excerpt(body, 500)}, nil
}

func (t pledgeTarget) SetHidden(ctx context.Context, tx *sql.Tx, id string, hidden bool) error {
	if err := setHidden(ctx, tx, "pledges", id, hidden); err != nil {
		return err
	}
	p, err := pledgeByID(ctx, tx, id)
	if err != nil {
		return err
	}
	if err := t.m.reports.SetOwnerPublic(ctx, tx, reportKind, p.ID, p.Public()); err != nil {
		return err
	}
	return t.m.indexPledge(ctx, tx, id)
}

func (t pledgeTarget) Remove(ctx context.Context, tx *sql.Tx, id string) error {
	p, err := pledgeByID(ctx, tx, id)
	if err != nil {
		return err
	}
	return t.m.deletePledge(ctx, tx, p)
}

type questionTarget struct{ m *Module }

func (questionTarget) Kind() string { return "question" }

func (t questionTarget) Describe(ctx context.Context, id string) (moderation.Item, error) {
	q, err := questionByID(ctx, t.m.s.DB, id)
	if err != nil {
		return moderation.Item{}, err
	}
	body := q.Text
	if q.Answer != "" {
		body += "\n\n" + q.Answer
	}
	return moderation.Item{Title: text.Excerpt(text.OneLine(q.Text), 80), URL: "/pledges/" + q.PledgeID + "#question-" + q.ID,
		OwnerID: q.AskerID, Excerpt: text.Excerpt(body, 500)}, nil
}

func (questionTarget) SetHidden(ctx context.Context, tx *sql.Tx, id string, hidden bool) error {
	return setHidden(ctx, tx, "pledge_questions", id, hidden)
}

func (questionTarget) Remove(ctx context.Context, tx *sql.Tx, id string) error {
	if !ids.Valid(id) {
		return apperr.New(apperr.NotFound, "")
	}
	res, err := tx.ExecContext(ctx, "DELETE FROM pledge_questions WHERE id = $1", strings.ToLower(id))
	return affectedOne(res, err)
}

// setHidden sets the hidden mark of a row of one of the module's tables.
func setHidden(ctx context.Context, tx *sql.Tx, table, id string, hidden bool) error {
	if !ids.Valid(id) {
		return apperr.New(apperr.NotFound, "")
	}
	res, err := tx.ExecContext(ctx, "UPDATE "+table+" SET hidden = $1 WHERE id = $2", hidden, strings.ToLower(id))
	return affectedOne(res, err)
}

func affectedOne(res sql.Result, err error) error {
	if err != nil {
		return db.Err(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.NotFound, "")
	}
	return nil
}
