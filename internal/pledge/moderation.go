package pledge

import (
	"context"
	"database/sql"
	"strings"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/searchdoc"
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
	text := p.Promise + " – " + p.Who + ": " + p.Condition
	if p.Description != "" {
		text += "\n\n" + p.Description
	}
	return moderation.Item{Title: p.Title(), URL: "/pledges/" + p.ID, OwnerID: p.OwnerID, Excerpt: excerpt(text, 500)}, nil
}

func (t pledgeTarget) SetHidden(ctx context.Context, tx *sql.Tx, id string, hidden bool) error {
	if err := setHidden(ctx, tx, "pledges", id, hidden); err != nil {
		return err
	}
	reports, err := reportIDsOf(ctx, tx, strings.ToLower(id))
	if err != nil {
		return db.Err(err)
	}
	for _, r := range reports { // the blog shows reports of pledges not hidden only
		if err := t.m.indexReport(ctx, tx, r); err != nil {
			return err
		}
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

type reportTarget struct{ m *Module }

func (reportTarget) Kind() string { return "report" }

func (t reportTarget) Describe(ctx context.Context, id string) (moderation.Item, error) {
	r, err := reportByID(ctx, t.m.s.DB, id)
	if err != nil {
		return moderation.Item{}, err
	}
	return moderation.Item{Title: r.Title, URL: "/blog/" + r.ID, OwnerID: r.AuthorID, Excerpt: excerpt(plainText(r.Body), 500)}, nil
}

func (t reportTarget) SetHidden(ctx context.Context, tx *sql.Tx, id string, hidden bool) error {
	if err := setHidden(ctx, tx, "pledge_reports", id, hidden); err != nil {
		return err
	}
	return t.m.indexReport(ctx, tx, id)
}

func (t reportTarget) Remove(ctx context.Context, tx *sql.Tx, id string) error {
	r, err := reportByID(ctx, tx, id)
	if err != nil {
		return err
	}
	return t.m.deleteReport(ctx, tx, r)
}

// deleteReport removes a report with its photos, and from search.
func (m *Module) deleteReport(ctx context.Context, tx *sql.Tx, r *Report) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM pledge_reports WHERE id = $1", r.ID); err != nil {
		return db.Err(err)
	}
	for _, id := range r.Photos {
		if err := dropUpload(ctx, tx, id); err != nil {
			return err
		}
	}
	return m.unindex(ctx, tx, searchdoc.Report, r.ID)
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
	return moderation.Item{Title: excerpt(text.OneLine(q.Text), 80), URL: "/pledges/" + q.PledgeID + "#question-" + q.ID,
		OwnerID: q.AskerID, Excerpt: excerpt(body, 500)}, nil
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
