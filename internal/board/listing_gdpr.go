package board

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/notify"
	"teilhabe.org/teilhabe/internal/userdata"
)

// UserData is the board's part in export and erasure: the listings area's
// (listings and edits, below) and the responses area's (exportResponses,
// eraseResponses).
func (m *Module) UserData() userdata.Provider { return boardData{m} }

type boardData struct{ m *Module }

func (boardData) Name() string { return "board" }

// Export is what the board holds about a person.
type Export struct {
	Listings []ExportListing `json:"listings"`
	Edits    []ExportEdit    `json:"listing_edits" doc:"changes the person made to listings they did not post"`
	*ResponsesExport
}

// ExportListing is a listing the person posted, with its history.
type ExportListing struct {
	ID             string         `json:"id"`
	Kind           string         `json:"kind"`
	Category       string         `json:"category"`
	Title          string         `json:"title"`
	Description    string         `json:"description"`
	ContentLang    string         `json:"content_lang"`
	Languages      []string       `json:"languages"`
	Postcode       string         `json:"postcode"`
	Place          string         `json:"place"`
	When           WhenJSON       `json:"when"`
	Quantity       *int           `json:"quantity,omitempty"`
	Visibility     string         `json:"visibility"`
	OrganizationID string         `json:"organization_id,omitempty"`
	Status         string         `json:"status"`
	Held           bool           `json:"held"`
	Hidden         bool           `json:"hidden"`
	Removed        bool           `json:"removed"`
	CreatedAt      time.Time      `json:"created_at"`
	UpdatedAt      time.Time      `json:"updated_at"`
	ExpiresAt      time.Time      `json:"expires_at"`
	ClosedAt       *time.Time     `json:"closed_at,omitempty"`
	History        []ExportChange `json:"history"`
}

// ExportChange is one entry of a listing's history.
type ExportChange struct {
	At       time.Time              `json:"at"`
	EditorID string                 `json:"editor_id,omitempty"`
	Changes  map[string]FieldChange `json:"changes"`
}

// ExportEdit is a change the person made to somebody else's listing (one
// of their organisation's).
type ExportEdit struct {
	ListingID string                 `json:"listing_id"`
	At        time.Time              `json:"at"`
	Changes   map[string]FieldChange `json:"changes"`
}

func (u boardData) Export(ctx context.Context, userID string) (any, error) {
	e := &Export{Listings: []ExportListing{}, Edits: []ExportEdit{}}
	if !ids.Valid(userID) {
		e.ResponsesExport = &ResponsesExport{Responses: []ExportResponse{}, Thanks: []ExportThanks{}, SavedSearches: []ExportSavedSearch{}}
		return e, nil
	}
	q := u.m.s.DB
	// Removed listings too: the person's text is still stored.
	rows, err := q.QueryContext(ctx, "SELECT "+listingColumns+", l.removed_at IS NOT NULL FROM listings l WHERE l.poster_id = $1 ORDER BY l.created_at, l.id", userID)
	var ls []*Listing
	removed := map[string]bool{}
	err = db.Each(rows, err, func(row db.Scanner) error {
		var gone bool
		l, err := scanListing(db.WithExtra(row, &gone))
		if err != nil {
			return err
		}
		ls = append(ls, l)
		removed[l.ID] = gone
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := loadListingLanguages(ctx, q, ls); err != nil {
		return nil, err
	}
	for _, l := range ls {
		changes, err := listChanges(ctx, q, l.ID)
		if err != nil {
			return nil, err
		}
		hist := make([]ExportChange, len(changes))
		for i, c := range changes {
			hist[i] = ExportChange{At: c.At, EditorID: c.EditorID, Changes: c.Fields}
		}
		e.Listings = append(e.Listings, ExportListing{
			ID: l.ID, Kind: string(l.Kind), Category: l.Category, Title: l.Title, Description: l.Description,
			ContentLang: l.ContentLang, Languages: append([]string{}, l.Languages...), Postcode: l.Postcode, Place: l.Place,
			When: whenJSON(l.When), Quantity: l.Quantity, Visibility: string(l.Visibility), OrganizationID: l.OrganizationID,
			Status: string(l.Status), Held: l.Held, Hidden: l.Hidden, Removed: removed[l.ID], CreatedAt: l.CreatedAt,
			UpdatedAt: l.UpdatedAt, ExpiresAt: l.ExpiresAt, ClosedAt: l.ClosedAt, History: hist,
		})
	}
	rows, err = q.QueryContext(ctx, `SELECT h.listing_id, h.at, h.changes FROM listing_history h
		JOIN listings l ON l.id = h.listing_id WHERE h.editor_id = $1 AND l.poster_id <> $1 ORDER BY h.at, h.id`, userID)
	err = db.Each(rows, err, func(row db.Scanner) error {
		var ed ExportEdit
		var raw string
		if err := row.Scan(&ed.ListingID, &ed.At, &raw); err != nil {
			return err
		}
		ed.At = ed.At.UTC()
		if err := json.Unmarshal([]byte(raw), &ed.Changes); err != nil {
			return apperr.Wrap(apperr.Internal, err)
		}
		e.Edits = append(e.Edits, ed)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if e.ResponsesExport, err = u.m.exportResponses(ctx, userID); err != nil {
		return nil, err
	}
	return e, nil
}

// CheckErase never refuses: a person's listings can always go.
func (boardData) CheckErase(context.Context, string) error { return nil }

// Erase withdraws the person's own listings and empties them of everything
// they wrote (title, description, place, languages, history), keeping the
// row so the responses of others to it stay theirs; it forgets the person
// as the editor of other listings. Listings posted on behalf of an
// organisation belong to the organisation and stay as they are.
func (u boardData) Erase(ctx context.Context, tx *sql.Tx, userID string) error {
	if !ids.Valid(userID) {
		return nil
	}
	if err := u.m.eraseResponses(ctx, tx, userID); err != nil {
		return err
	}
	now := u.m.s.Clock.Now()
	own := "SELECT id FROM listings WHERE poster_id = $1 AND organization_id IS NULL"
	for _, q := range []string{
		"DELETE FROM listing_history WHERE listing_id IN (" + own + ")",
		"DELETE FROM listing_languages WHERE listing_id IN (" + own + ")",
		"UPDATE listing_history SET editor_id = NULL WHERE editor_id = $1",
	} {
		if _, err := tx.ExecContext(ctx, q, userID); err != nil {
			return db.Err(err)
		}
	}
	erased, err := idsOf(ctx, tx, own, userID)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE listings SET title = '', description = '', postcode = '', place = '',
		lat = NULL, lon = NULL, when_kind = 'none', when_from = NULL, when_to = NULL, quantity = NULL,
		title_key = '', search_key = '', place_key = '', extend_hash = NULL,
		status = CASE WHEN status = 'open' THEN 'withdrawn' ELSE status END,
		closed_at = COALESCE(closed_at, $2), removed_at = COALESCE(removed_at, $2), updated_at = $2
		WHERE poster_id = $1 AND organization_id IS NULL`, userID, now)
	if err != nil {
		return db.Err(err)
	}
	for _, id := range erased {
		if err := u.m.indexListing(ctx, tx, id); err != nil {
			return err
		}
		// Notices to others quote the title.
		if err := u.m.s.Notify.Forget(ctx, tx, notify.Item{Type: "listing", ID: id}); err != nil {
			return err
		}
	}
	return nil
}
