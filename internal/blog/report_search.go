package blog

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

// SearchTypes: search finds the reports the blog shows.
func (m *Module) SearchTypes() []searchdoc.Type {
	return []searchdoc.Type{{Name: searchdoc.Report, Label: "search.type.report", Order: 80}}
}

// SetIndex makes the module hand its public reports to a search index.
func (m *Module) SetIndex(ix searchdoc.Indexer) { m.index = ix }

// indexReport hands the report's state to the search index in tx: search
// finds it while the blog shows it to everybody.
func (m *Module) indexReport(ctx context.Context, tx *sql.Tx, id string) error {
	if m.index == nil {
		return nil
	}
	r, err := reportByID(ctx, tx, id)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return err
	}
	if r != nil && r.Public() {
		return m.index.Put(ctx, tx, reportDoc(r))
	}
	return m.unindex(ctx, tx, id)
}

// unindex takes a report out of the search index in tx.
func (m *Module) unindex(ctx context.Context, tx *sql.Tx, id string) error {
	if m.index == nil {
		return nil
	}
	return m.index.Delete(ctx, tx, searchdoc.Report, strings.ToLower(id))
}

// reportDoc is what search shows of a published report.
func reportDoc(r *Report) searchdoc.Doc {
	created := r.CreatedAt
	if r.PublishedAt != nil {
		created = *r.PublishedAt
	}
	return searchdoc.Doc{
		Type: searchdoc.Report, ID: r.ID, Title: r.Title, Body: PlainText(r.Body), Lang: r.Lang,
		Visibility: searchdoc.Public, CreatedAt: created, UpdatedAt: r.UpdatedAt, URL: "/blog/" + r.ID,
	}
}

// SearchDocs yields every public report, oldest first, for rebuilding the
// search index (searchdoc.Source).
func (m *Module) SearchDocs(ctx context.Context, yield func(searchdoc.Doc) error) error {
	const page = 500
	var after time.Time
	afterID := ""
	for {
		rs, err := publicSince(ctx, m.s.DB, after, afterID, page)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if err := yield(reportDoc(r)); err != nil {
				return err
			}
		}
		if len(rs) < page {
			return nil
		}
		after, afterID = rs[len(rs)-1].CreatedAt, rs[len(rs)-1].ID
	}
}
