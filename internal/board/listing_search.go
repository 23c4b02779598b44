package board

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/searchdoc"
)

// SetIndex makes the board hand its listings to a search index.
func (m *Module) SetIndex(ix searchdoc.Indexer) { m.index = ix }

// maxFound bounds the listings the words of a filter find; the board's
// other filters then choose among them.
const maxFound = 1000

// findWords asks the search engine which listings the words of a filter
// find among those its other filters keep, with their relevance, so the
// board and its saved searches find what /search finds. Without a search
// index words find nothing.
func (m *Module) findWords(ctx context.Context, q string, f searchdoc.FindFilter) (map[string]int, error) {
	finder, ok := m.index.(searchdoc.Finder)
	if !ok {
		return map[string]int{}, nil
	}
	f.Types = listingTypes
	found, err := finder.Find(ctx, q, f, maxFound)
	if err != nil {
		return nil, err
	}
	out := make(map[string]int, len(found))
	for _, f := range found {
		out[f.ID] = f.Score
	}
	return out, nil
}

// listingTypes are the document types a listing can be in search.
var listingTypes = []string{searchdoc.Offer, searchdoc.Request, searchdoc.Opportunity}

// docType is what search calls the listing.
func docType(l *Listing) string {
	switch {
	case l.Opportunity():
		return searchdoc.Opportunity
	case l.Kind == Request:
		return searchdoc.Request
	}
	return searchdoc.Offer
}

// indexListing hands the listing's state to the search index in tx: search
// finds it while it is live (open, neither hidden, held nor removed, not
// run out), and not otherwise.
func (m *Module) indexListing(ctx context.Context, tx *sql.Tx, id string) error {
	if m.index == nil {
		return nil
	}
	l, err := getListing(ctx, tx, id)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return err
	}
	keep := ""
	if l != nil && l.Live(m.s.Clock.Now()) {
		keep = docType(l)
		if err := m.index.Put(ctx, tx, m.listingDoc(ctx, l)); err != nil {
			return err
		}
	}
	for _, t := range listingTypes { // a listing changes type with its kind or organisation
		if t != keep {
			if err := m.index.Delete(ctx, tx, t, id); err != nil {
				return err
			}
		}
	}
	return nil
}

// listingDoc is what search shows of a listing: what its page shows
// everybody it is for; its location is its postcode's centre.
func (m *Module) listingDoc(ctx context.Context, l *Listing) searchdoc.Doc {
	expires := l.ExpiresAt
	d := searchdoc.Doc{
		Type: docType(l), ID: l.ID, Title: l.Title, Body: l.Description, Lang: l.ContentLang, Langs: l.Languages,
		Category: l.Category, OrgKind: l.OrgKind, Visibility: string(l.Visibility), Postcode: l.Postcode, Place: l.Place,
		Lat: l.Lat, Lon: l.Lon, CreatedAt: l.CreatedAt, UpdatedAt: l.UpdatedAt, ExpiresAt: &expires, Deadline: &expires,
		Start: l.When.From, End: l.When.To, URL: "/listings/" + l.ID,
	}
	if l.OrganizationID != "" {
		if o, err := m.orgs.Get(ctx, l.OrganizationID); err == nil {
			d.Verified = o.Verified()
		}
	}
	return d
}

// SearchDocs yields every live listing, oldest first, for rebuilding the
// search index (searchdoc.Source).
func (m *Module) SearchDocs(ctx context.Context, yield func(searchdoc.Doc) error) error {
	const page = 500
	var after time.Time
	afterID := ""
	for {
		ls, err := queryListings(ctx, m.s.DB, "SELECT "+listingColumns+` FROM listings l WHERE l.removed_at IS NULL
			AND (l.created_at, l.id) > ($1, $2) ORDER BY l.created_at, l.id LIMIT $3`, after, afterID, page)
		if err != nil {
			return err
		}
		now := m.s.Clock.Now()
		for _, l := range ls {
			if l.Live(now) {
				if err := yield(m.listingDoc(ctx, l)); err != nil {
					return err
				}
			}
		}
		if len(ls) < page {
			return nil
		}
		after, afterID = ls[len(ls)-1].CreatedAt, ls[len(ls)-1].ID
	}
}

// idsOf returns the ids a query with one argument selects.
func idsOf(ctx context.Context, tx *sql.Tx, query string, arg any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, query, arg)
	return db.Collect(rows, err, db.Value[string])
}
