package board

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
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

// canManage reports whether the person may edit and close the listing: the
// poster of a personal listing; for a listing of an organisation, whoever
// is its owner or editor now. A poster who left the organisation or was
// removed from it keeps no authority over what he posted for it.
func (m *Module) canManage(ctx context.Context, l *Listing, id *auth.Identity) bool {
	if id == nil {
		return false
	}
	if l.OrganizationID == "" {
		return l.PosterID == id.UserID
	}
	return m.orgs.CanEdit(ctx, l.OrganizationID, id.UserID)
}

// posterManages reports whether the listing's poster still manages it;
// mails and links meant for its manager go to him only then.
func (m *Module) posterManages(ctx context.Context, l *Listing) bool {
	return m.canManage(ctx, l, &auth.Identity{UserID: l.PosterID})
}

// canSee reports whether the person may see the listing at all: its
// managers always; others while it is live or fulfilled (a fulfilled
// listing keeps its page, with the thank-you notes, for whoever may see it
// by its visibility), and never while hidden or held. Lists show only live
// listings. A listing one may not see is answered as NotFound.
func (m *Module) canSee(ctx context.Context, l *Listing, id *auth.Identity, now time.Time) bool {
	if m.canManage(ctx, l, id) || (id != nil && id.Staff()) {
		return true
	}
	if !l.Live(now) && !(l.Status == Fulfilled && !l.Hidden && !l.Held) {
		return false
	}
	switch l.Visibility {
	case Public:
		return true
	case Members:
		return id != nil
	case Verified:
		return id != nil && m.inVerifiedOrganization(ctx, id.UserID)
	}
	return false
}

// inVerifiedOrganization reports whether the person belongs to a verified
// organisation; such people may see listings for verified eyes only.
func (m *Module) inVerifiedOrganization(ctx context.Context, userID string) bool {
	ms, err := m.orgs.Memberships(ctx, userID)
	if err != nil {
		return false
	}
	for _, mb := range ms {
		if mb.Verified {
			return true
		}
	}
	return false
}
