package event

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/userdata"
)

// A barcamp keeps who proposes and hosts sessions, who voted for which
// and who wrote notes. Erasure takes the person's votes and notes away
// and the person out of the hosts; a session they proposed passes to its
// next host, or goes when nobody else hosts it.

func (m *Module) eraseBarcampData(ctx context.Context, tx *sql.Tx, userID string) error {
	rows, err := tx.QueryContext(ctx, `SELECT s.id FROM event_barcamp_sessions s WHERE s.proposed_by = $1
		AND NOT EXISTS (SELECT 1 FROM event_barcamp_hosts h WHERE h.session_id = s.id AND h.user_id <> $1)`, userID)
	gone, err := db.Collect(rows, err, db.Value[string])
	if err != nil {
		return err
	}
	for _, id := range gone {
		if err := m.unindexSession(ctx, tx, id); err != nil {
			return err
		}
	}
	return userdata.Exec(ctx, tx, userID,
		"DELETE FROM event_barcamp_votes WHERE user_id = $1",
		"DELETE FROM event_barcamp_notes WHERE author_id = $1",
		"DELETE FROM event_barcamp_hosts WHERE user_id = $1",
		`DELETE FROM event_barcamp_sessions WHERE proposed_by = $1
			AND NOT EXISTS (SELECT 1 FROM event_barcamp_hosts h WHERE h.session_id = event_barcamp_sessions.id)`,
		`UPDATE event_barcamp_sessions SET proposed_by = (SELECT h.user_id FROM event_barcamp_hosts h
			WHERE h.session_id = event_barcamp_sessions.id ORDER BY h.position LIMIT 1) WHERE proposed_by = $1`)
}

// ExportSession is a session the person proposed or hosts.
type ExportSession struct {
	SessionID   string    `json:"session_id"`
	EventID     string    `json:"event_id"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	Proposed    bool      `json:"proposed" doc:"The person proposed it (otherwise co-hosts it)."`
	CreatedAt   time.Time `json:"created_at"`
}

// ExportVote is a vote the person gave.
type ExportVote struct {
	SessionID string    `json:"session_id"`
	EventID   string    `json:"event_id"`
	At        time.Time `json:"at"`
}

// ExportNote is notes the person wrote on a session's page.
type ExportNote struct {
	SessionID string    `json:"session_id"`
	Body      string    `json:"body"`
	At        time.Time `json:"at"`
}

// exportBarcampData adds the person's sessions, votes and notes to out.
func (m *Module) exportBarcampData(ctx context.Context, userID string, out map[string]any) error {
	rows, err := m.s.DB.QueryContext(ctx, `SELECT s.id, s.event_id, s.title, s.description,
		COALESCE(s.proposed_by = $1, FALSE), s.created_at FROM event_barcamp_sessions s
		WHERE EXISTS (SELECT 1 FROM event_barcamp_hosts h WHERE h.session_id = s.id AND h.user_id = $1)
		ORDER BY s.created_at, s.id`, userID)
	sessions, err := db.Collect(rows, err, func(s db.Scanner) (ExportSession, error) {
		var x ExportSession
		err := s.Scan(&x.SessionID, &x.EventID, &x.Title, &x.Description, &x.Proposed, &x.CreatedAt)
		x.CreatedAt = x.CreatedAt.UTC()
		return x, err
	})
	if err != nil {
		return err
	}
	rows, err = m.s.DB.QueryContext(ctx, `SELECT session_id, event_id, created_at FROM event_barcamp_votes
		WHERE user_id = $1 ORDER BY created_at, session_id`, userID)
	votes, err := db.Collect(rows, err, func(s db.Scanner) (ExportVote, error) {
		var x ExportVote
		err := s.Scan(&x.SessionID, &x.EventID, &x.At)
		x.At = x.At.UTC()
		return x, err
	})
	if err != nil {
		return err
	}
	rows, err = m.s.DB.QueryContext(ctx, `SELECT session_id, body, created_at FROM event_barcamp_notes
		WHERE author_id = $1 ORDER BY created_at, id`, userID)
	notes, err := db.Collect(rows, err, func(s db.Scanner) (ExportNote, error) {
		var x ExportNote
		err := s.Scan(&x.SessionID, &x.Body, &x.At)
		x.At = x.At.UTC()
		return x, err
	})
	if err != nil {
		return err
	}
	out["barcamp_sessions"], out["barcamp_votes"], out["barcamp_notes"] = nonNil(sessions), nonNil(votes), nonNil(notes)
	return nil
}

// nonNil makes an empty list export as [] rather than null.
func nonNil[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}
