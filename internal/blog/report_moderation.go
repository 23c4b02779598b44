package blog

import (
	"context"
	"database/sql"
	"strings"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/text"
)

// ModerationTargets hand reports to the moderation queue: a hidden report
// is seen only by its author, whoever confirms it and the coordinators; a
// removed one is deleted.
func (m *Module) ModerationTargets() []app.ModerationTarget {
	return []app.ModerationTarget{reportTarget{m}}
}

type reportTarget struct{ m *Module }

func (reportTarget) Kind() string { return "report" }

func (t reportTarget) Describe(ctx context.Context, id string) (app.ModerationItem, error) {
	r, err := reportByID(ctx, t.m.s.DB, id)
	if err != nil {
		return app.ModerationItem{}, err
	}
	return app.ModerationItem{Title: r.Title, URL: "/blog/" + r.ID, OwnerID: r.AuthorID, Excerpt: text.Excerpt(PlainText(r.Body), 500)}, nil
}

func (t reportTarget) SetHidden(ctx context.Context, tx *sql.Tx, id string, hidden bool) error {
	if !ids.Valid(id) {
		return apperr.New(apperr.NotFound, "")
	}
	res, err := tx.ExecContext(ctx, "UPDATE pledge_reports SET hidden = $1 WHERE id = $2", hidden, strings.ToLower(id))
	if err != nil {
		return db.Err(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.NotFound, "")
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
