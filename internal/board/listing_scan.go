package board

import (
	"context"
	"database/sql"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/text"
)

// listingColumns is the column list scanListing reads, prefixed "l.".
const listingColumns = `l.id, l.kind, l.category, l.title, l.description, l.content_lang, l.postcode, l.place,
	l.lat, l.lon, l.when_kind, l.when_from, l.when_to, l.quantity, l.visibility, COALESCE(CAST(l.organization_id AS TEXT), ''),
	l.org_kind, l.poster_id, l.status, l.hidden, l.held, l.created_at, l.updated_at, l.expires_at, l.reminded_at,
	l.closed_at, l.show_name`

func scanListing(row db.Scanner) (*Listing, error) {
	l := &Listing{}
	var lat, lon sql.NullFloat64
	var from, to, reminded, closed sql.NullTime
	var qty sql.NullInt64
	var kind, whenKind, vis, status string
	err := row.Scan(&l.ID, &kind, &l.Category, &l.Title, &l.Description, &l.ContentLang, &l.Postcode, &l.Place,
		&lat, &lon, &whenKind, &from, &to, &qty, &vis, &l.OrganizationID, &l.OrgKind, &l.PosterID, &status,
		&l.Hidden, &l.Held, &l.CreatedAt, &l.UpdatedAt, &l.ExpiresAt, &reminded, &closed, &l.ShowName)
	if err != nil {
		return nil, db.Err(err)
	}
	l.Kind, l.Visibility, l.Status = Kind(kind), Visibility(vis), Status(status)
	l.When = When{Kind: WhenKind(whenKind), From: db.TimePtr(from), To: db.TimePtr(to)}
	if lat.Valid && lon.Valid {
		l.Lat, l.Lon = &lat.Float64, &lon.Float64
	}
	if qty.Valid {
		n := int(qty.Int64)
		l.Quantity = &n
	}
	l.RemindedAt, l.ClosedAt = db.TimePtr(reminded), db.TimePtr(closed)
	return l, nil
}

// getListing loads a listing with its languages, whatever its state; the
// caller decides who may see it (see canSee).
func getListing(ctx context.Context, q db.Querier, id string) (*Listing, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	l, err := scanListing(q.QueryRowContext(ctx, "SELECT "+listingColumns+" FROM listings l WHERE l.id = $1 AND l.removed_at IS NULL", id))
	if err != nil {
		return nil, err
	}
	langs, err := listingLanguages(ctx, q, id)
	if err != nil {
		return nil, err
	}
	l.Languages = text.SortLanguages(langs)
	return l, nil
}

func listingLanguages(ctx context.Context, q db.Querier, id string) ([]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT lang FROM listing_languages WHERE listing_id = $1 ORDER BY lang", id)
	return db.Collect(rows, err, db.Value[string])
}
