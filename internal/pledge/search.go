package pledge

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

// SetIndex makes the module hand its pledges to a search index.
func (m *Module) SetIndex(ix searchdoc.Indexer) { m.index = ix }

// Searchable reports whether search finds the pledge: while it runs or
// after it succeeded, unless moderation hid it.
func (p *Pledge) Searchable() bool {
	return (p.Status == Active || p.Status == Successful) && !p.Hidden
}

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

// SearchDocs yields every searchable pledge, oldest first, for rebuilding
// the search index (searchdoc.Source).
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
			return nil
		}
		after, afterID = ps[len(ps)-1].CreatedAt, ps[len(ps)-1].ID
	}
}
