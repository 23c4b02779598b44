package board

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/moderation"
)

// listingTarget lets the moderation queue hide, restore, approve and
// remove listings. Hidden and held listings leave the board and search;
// their poster and staff still see them, marked as such.
type listingTarget struct{ m *Module }

var (
	_ moderation.Target     = listingTarget{}
	_ moderation.Restricted = listingTarget{}
)

func (t listingTarget) Kind() string { return listingKind }

// maxExcerpt is how much of a description the queue shows.
const maxExcerpt = 400

// Describe returns the listing, hidden or not; NotFound once removed.
func (t listingTarget) Describe(ctx context.Context, id string) (moderation.Item, error) {
	l, err := getListing(ctx, t.m.s.DB, strings.ToLower(id))
	if err != nil {
		return moderation.Item{}, err
	}
	excerpt := l.Description
	if utf8.RuneCountInString(excerpt) > maxExcerpt {
		excerpt = string([]rune(excerpt)[:maxExcerpt]) + "…"
	}
	return moderation.Item{Title: l.Title, URL: "/listings/" + l.ID, OwnerID: l.PosterID, Excerpt: excerpt}, nil
}

// VisibleTo applies the board's visibility: a listing somebody may not see
// cannot be flagged by them either.
func (t listingTarget) VisibleTo(ctx context.Context, userID, id string) (bool, error) {
	l, err := getListing(ctx, t.m.s.DB, strings.ToLower(id))
	if apperr.Is(err, apperr.NotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	var viewer *auth.Identity
	if ids.Valid(userID) {
		viewer = &auth.Identity{UserID: strings.ToLower(userID), Role: auth.Member}
	}
	return t.m.canSee(ctx, l, viewer, t.m.s.Clock.Now()), nil
}

// SetHidden hides the listing, or shows it again. Showing it also ends a
// wait for approval: that is how a coordinator approves a held listing.
// The history records the change without an editor (the audit log names
// the coordinator).
func (t listingTarget) SetHidden(ctx context.Context, tx *sql.Tx, id string, hidden bool) error {
	id = strings.ToLower(id)
	if err := lockListing(ctx, tx, id); err != nil {
		return err
	}
	var wasHidden, wasHeld bool
	if err := tx.QueryRowContext(ctx, "SELECT hidden, held FROM listings WHERE id = $1", id).Scan(&wasHidden, &wasHeld); err != nil {
		return db.Err(err)
	}
	held := wasHeld && hidden
	now := t.m.s.Clock.Now()
	if _, err := tx.ExecContext(ctx, "UPDATE listings SET hidden = $1, held = $2, updated_at = $3 WHERE id = $4",
		hidden, held, now, id); err != nil {
		return db.Err(err)
	}
	changes := map[string]FieldChange{}
	if wasHidden != hidden {
		changes["hidden"] = FieldChange{From: strconv.FormatBool(wasHidden), To: strconv.FormatBool(hidden)}
	}
	if wasHeld != held {
		changes["held"] = FieldChange{From: strconv.FormatBool(wasHeld), To: strconv.FormatBool(held)}
	}
	if err := insertChange(ctx, tx, id, "", now, changes); err != nil {
		return err
	}
	return t.m.indexListing(ctx, tx, id)
}

// Remove takes the listing off the platform for good: nobody, its poster
// included, sees it again; responses and their conversations stay with
// the people who wrote them.
func (t listingTarget) Remove(ctx context.Context, tx *sql.Tx, id string) error {
	id = strings.ToLower(id)
	if err := lockListing(ctx, tx, id); err != nil {
		return err
	}
	now := t.m.s.Clock.Now()
	_, err := tx.ExecContext(ctx, `UPDATE listings SET removed_at = $1, extend_hash = NULL, updated_at = $1,
		status = CASE WHEN status = 'open' THEN 'withdrawn' ELSE status END,
		closed_at = COALESCE(closed_at, $1) WHERE id = $2`, now, id)
	if err != nil {
		return db.Err(err)
	}
	return t.m.indexListing(ctx, tx, id)
}
