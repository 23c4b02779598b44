package pledge

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

// SetIndex makes the module hand its pledges and published reports to a
// search index.
func (m *Module) SetIndex(ix searchdoc.Indexer) { m.index = ix }

// Searchable reports whether search finds the pledge: while it runs or
// after it succeeded, unless moderation hid it.
func (p *Pledge) Searchable() bool {
	return (p.Status == Active || p.Status == Successful) && !p.Hidden
}

// Searchable reports whether search finds the report: while it is on the
// blog and not hidden.
func (r *Report) Searchable() bool { return r.Status == ReportPublished && !r.Hidden }

// indexPledge hands the pledge's state to the search index in tx: search
// finds it while it is Searchable, and not otherwise.
func (m *Module) indexPledge(ctx context.Context, tx *sql.Tx, id string) error {
	if m.index == nil {
		return nil
	}
	p, err := pledgeByID(ctx, tx, id)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return err
	}
	if p != nil && p.Searchable() {
		return m.index.Put(ctx, tx, m.pledgeDoc(ctx, p))
	}
	return m.index.Delete(ctx, tx, searchdoc.Pledge, strings.ToLower(id))
}

// indexReport hands the report's state to the search index in tx: search
// finds it while the blog shows it.
func (m *Module) indexReport(ctx context.Context, tx *sql.Tx, id string) error {
	if m.index == nil {
		return nil
	}
	r, err := reportByID(ctx, tx, id)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return err
	}
	if r != nil && r.Searchable() {
		p, err := pledgeByID(ctx, tx, r.PledgeID)
		if err != nil && !apperr.Is(err, apperr.NotFound) {
			return err
		}
		if p != nil && p.Public() { // the blog shows reports of public pledges only
			return m.index.Put(ctx, tx, reportDoc(r))
		}
	}
	return m.index.Delete(ctx, tx, searchdoc.Report, strings.ToLower(id))
}

// unindex takes documents out of the search index in tx.
func (m *Module) unindex(ctx context.Context, tx *sql.Tx, docType string, ids ...string) error {
	if m.index == nil {
		return nil
	}
	for _, id := range ids {
		if err := m.index.Delete(ctx, tx, docType, id); err != nil {
			return err
		}
	}
	return nil
}

// pledgeDoc is what search shows of a pledge: its sentence in its own
// language, the description and condition; its location is its
// postcode's or place's centre when the gazetteer knows it.
func (m *Module) pledgeDoc(ctx context.Context, p *Pledge) searchdoc.Doc {
	deadline := p.Deadline
	body := p.Description
	if p.Condition != "" {
		body = strings.TrimSpace(body + "\n\n" + p.Condition)
	}
	d := searchdoc.Doc{
		Type: searchdoc.Pledge, ID: p.ID, Title: m.Sentence(p), Body: body, Lang: p.Lang, Category: p.Category,
		Visibility: searchdoc.Public, Postcode: p.Postcode, Place: p.Place, CreatedAt: p.CreatedAt,
		UpdatedAt: p.UpdatedAt, Deadline: &deadline, URL: "/pledges/" + p.ID,
	}
	if m.places != nil {
		if where := strings.TrimSpace(p.Postcode + " " + p.Place); where != "" {
			if pl, err := m.places.Resolve(ctx, where); err == nil && pl != nil {
				lat, lon := pl.Lat, pl.Lon
				d.Lat, d.Lon = &lat, &lon
			}
		}
	}
	if p.OrgID != "" {
		if o, err := m.orgs.Get(ctx, p.OrgID); err == nil {
			d.OrgKind, d.Verified = o.Kind, o.Verified()
		}
	}
	return d
}

// reportDoc is what search shows of a published report.
func reportDoc(r *Report) searchdoc.Doc {
	updated := r.UpdatedAt
	created := r.CreatedAt
	if r.PublishedAt != nil {
		created = *r.PublishedAt
	}
	return searchdoc.Doc{
		Type: searchdoc.Report, ID: r.ID, Title: r.Title, Body: plainText(r.Body), Lang: r.Lang,
		Visibility: searchdoc.Public, CreatedAt: created, UpdatedAt: updated, URL: "/blog/" + r.ID,
	}
}

// SearchDocs yields every searchable pledge and then every searchable
// report, oldest first, for rebuilding the search index (searchdoc.Source).
func (m *Module) SearchDocs(ctx context.Context, yield func(searchdoc.Doc) error) error {
	const page = 500
	var after time.Time
	afterID := ""
	for {
		ps, err := queryPledges(ctx, m.s.DB, "SELECT "+pledgeColumns+` FROM pledges p
			WHERE p.status IN ('active', 'successful') AND NOT p.hidden
			AND (p.created_at > $1 OR (p.created_at = $1 AND p.id > $2)) ORDER BY p.created_at, p.id LIMIT $3`,
			after, afterID, page)
		if err != nil {
			return err
		}
		for _, p := range ps {
			if p.Searchable() {
				if err := yield(m.pledgeDoc(ctx, p)); err != nil {
					return err
				}
			}
		}
		if len(ps) < page {
			break
		}
		after, afterID = ps[len(ps)-1].CreatedAt, ps[len(ps)-1].ID
	}
	after, afterID = time.Time{}, ""
	for {
		rs, err := queryReports(ctx, m.s.DB, "SELECT "+reportColumns+` FROM pledge_reports r WHERE `+publicReports+`
			AND (r.created_at > $1 OR (r.created_at = $1 AND r.id > $2)) ORDER BY r.created_at, r.id LIMIT $3`,
			after, afterID, page)
		if err != nil {
			return err
		}
		for _, r := range rs {
			if r.Searchable() {
				if err := yield(reportDoc(r)); err != nil {
					return err
				}
			}
		}
		if len(rs) < page {
			return nil
		}
		after, afterID = rs[len(rs)-1].CreatedAt, rs[len(rs)-1].ID
	}
}

// reportIDsOf returns the ids of a pledge's reports.
func reportIDsOf(ctx context.Context, tx *sql.Tx, pledgeID string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, "SELECT id FROM pledge_reports WHERE pledge_id = $1", pledgeID)
	return db.Collect(rows, err, db.Value[string])
}
