package organization

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

// searchDoc is what search finds of an organisation: its whole public
// profile, at the centre of its postcode when the postcodes are imported.
func (m *Module) searchDoc(ctx context.Context, o *Organization) searchdoc.Doc {
	d := searchdoc.Doc{
		Type: searchdoc.Organization, ID: o.ID, Title: o.Name, Body: o.Description,
		Lang: searchdoc.GuessLang(o.Name + "\n" + o.Description), Langs: o.Languages,
		OrgKind: o.Kind, Verified: o.Verified(), Visibility: searchdoc.Public,
		Postcode: o.Postcode, Place: o.City, CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt,
		URL: "/organizations/" + o.ID,
	}
	if o.Postcode != "" && m.places != nil {
		if p, err := m.places.Resolve(ctx, o.Postcode); err == nil {
			d.Lat, d.Lon = &p.Lat, &p.Lon
		}
	}
	return d
}

// putIndex hands the organisation to the search index in tx.
func (m *Module) putIndex(ctx context.Context, tx *sql.Tx, o *Organization) error {
	if m.index == nil {
		return nil
	}
	return m.index.Put(ctx, tx, m.searchDoc(ctx, o))
}

// SearchDocs yields every organisation, oldest first, for rebuilding the
// search index (searchdoc.Source).
func (m *Module) SearchDocs(ctx context.Context, yield func(searchdoc.Doc) error) error {
	const page = 500
	var after time.Time
	afterID := ""
	for {
		rows, err := m.s.DB.QueryContext(ctx, "SELECT "+orgColumns+` FROM organizations
			WHERE (created_at, id) > ($1, $2) ORDER BY created_at, id LIMIT $3`, after, afterID, page)
		orgs, err := db.Collect(rows, err, scanOrg)
		if err != nil {
			return err
		}
		if err := loadLanguages(ctx, m.s.DB, orgs); err != nil {
			return err
		}
		for _, o := range orgs {
			if err := yield(m.searchDoc(ctx, o)); err != nil {
				return err
			}
		}
		if len(orgs) < page {
			return nil
		}
		last := orgs[len(orgs)-1]
		after, afterID = last.CreatedAt, last.ID
	}
}
