package board

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

// ResponsesExport is what the responses area holds about a person: their
// responses, notes of thanks and saved searches. The messages of the
// conversations are the conversation module's part of the export.
type ResponsesExport struct {
	Responses     []ExportResponse    `json:"responses"`
	Thanks        []ExportThanks      `json:"thanks"`
	SavedSearches []ExportSavedSearch `json:"saved_searches"`
}

// ExportResponse is one of the person's responses.
type ExportResponse struct {
	ID             string     `json:"id"`
	ListingID      string     `json:"listing_id"`
	ListingTitle   string     `json:"listing_title"`
	OrganizationID string     `json:"organization_id,omitempty"`
	ConversationID string     `json:"conversation_id"`
	Status         string     `json:"status"`
	CreatedAt      time.Time  `json:"created_at"`
	DecidedAt      *time.Time `json:"decided_at,omitempty"`
}

// ExportThanks is a note the person left.
type ExportThanks struct {
	ListingID string    `json:"listing_id"`
	Text      string    `json:"text"`
	CreatedAt time.Time `json:"created_at"`
}

// ExportSavedSearch is one of the person's saved searches.
type ExportSavedSearch struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	Query      string     `json:"query"`
	Digest     bool       `json:"digest"`
	CreatedAt  time.Time  `json:"created_at"`
	LastSentAt *time.Time `json:"last_sent_at,omitempty"`
}

// exportResponses collects the person's part of the responses area, for
// the board's userdata.Provider.
func (m *Module) exportResponses(ctx context.Context, userID string) (*ResponsesExport, error) {
	e := &ResponsesExport{Responses: []ExportResponse{}, Thanks: []ExportThanks{}, SavedSearches: []ExportSavedSearch{}}
	if !ids.Valid(userID) {
		return e, nil
	}
	rows, err := m.s.DB.QueryContext(ctx, "SELECT "+responseColumns+`, l.title FROM listing_responses r
		JOIN listings l ON l.id = r.listing_id WHERE r.responder_id = $1 ORDER BY r.created_at, r.id`, userID)
	err = db.Each(rows, err, func(row db.Scanner) error {
		var title string
		r, err := scanResponse(db.WithExtra(row, &title))
		if err != nil {
			return err
		}
		e.Responses = append(e.Responses, ExportResponse{ID: r.ID, ListingID: r.ListingID, ListingTitle: title,
			OrganizationID: r.ResponderOrgID, ConversationID: r.ConversationID, Status: string(r.Status),
			CreatedAt: r.CreatedAt, DecidedAt: r.DecidedAt})
		return nil
	})
	if err != nil {
		return nil, err
	}
	trows, err := m.s.DB.QueryContext(ctx, `SELECT listing_id, text, created_at FROM listing_thanks
		WHERE author_id = $1 ORDER BY created_at, listing_id`, userID)
	err = db.Each(trows, err, func(row db.Scanner) error {
		var t ExportThanks
		if err := row.Scan(&t.ListingID, &t.Text, &t.CreatedAt); err != nil {
			return err
		}
		t.CreatedAt = t.CreatedAt.UTC()
		e.Thanks = append(e.Thanks, t)
		return nil
	})
	if err != nil {
		return nil, err
	}
	saved, err := querySaved(ctx, m.s.DB, "user_id = $1 ORDER BY created_at, id", userID)
	if err != nil {
		return nil, err
	}
	for _, s := range saved {
		e.SavedSearches = append(e.SavedSearches, ExportSavedSearch{ID: s.ID, Name: s.Name, Query: s.Query,
			Digest: s.Digest, CreatedAt: s.CreatedAt, LastSentAt: s.LastSentAt})
	}
	return e, nil
}

// eraseResponses deletes the person's responses, notes of thanks and saved
// searches (with their digest records and links) in the erasing
// transaction. The conversations stay with the conversation module, which
// shows a deleted account to the other side.
func (m *Module) eraseResponses(ctx context.Context, tx *sql.Tx, userID string) error {
	if !ids.Valid(userID) {
		return nil
	}
	for _, q := range []string{
		"DELETE FROM listing_responses WHERE responder_id = $1",
		"DELETE FROM listing_thanks WHERE author_id = $1",
		"DELETE FROM saved_searches WHERE user_id = $1",
	} {
		if _, err := tx.ExecContext(ctx, q, userID); err != nil {
			return db.Err(err)
		}
	}
	return nil
}
