package event

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

// ensureBarcamp gives the camp its settings row and locks it, so that
// changes of one camp (votes counted against the limit, the schedule)
// run one after the other on both engines.
func ensureBarcamp(ctx context.Context, tx *sql.Tx, eventID string) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO event_barcamps (id, votes_each) VALUES ($1, $2)
		ON CONFLICT (id) DO NOTHING`, eventID, defaultVotes); err != nil {
		return db.Err(err)
	}
	return db.LockRow(ctx, tx, "event_barcamps", eventID)
}

// getBarcamp loads the camp's settings, rooms and slots; a camp nobody
// set up yet has the defaults and an empty grid.
func getBarcamp(ctx context.Context, q db.Querier, eventID string) (*Camp, error) {
	b := &Camp{EventID: eventID, VotesEach: defaultVotes}
	var published sql.NullTime
	err := q.QueryRowContext(ctx, "SELECT votes_each, published_at FROM event_barcamps WHERE id = $1", eventID).
		Scan(&b.VotesEach, &published)
	if err != nil && err != sql.ErrNoRows {
		return nil, db.Err(err)
	}
	b.Published = db.TimePtr(published)
	if b.Published != nil {
		*b.Published = b.Published.UTC()
	}
	rows, err := q.QueryContext(ctx, `SELECT id, name, size FROM event_barcamp_rooms WHERE event_id = $1
		ORDER BY size DESC, created_at, id`, eventID)
	if b.Rooms, err = db.Collect(rows, err, func(s db.Scanner) (Room, error) {
		var r Room
		return r, s.Scan(&r.ID, &r.Name, &r.Size)
	}); err != nil {
		return nil, err
	}
	rows, err = q.QueryContext(ctx, `SELECT id, starts_at, ends_at FROM event_barcamp_slots WHERE event_id = $1
		ORDER BY starts_at, id`, eventID)
	b.Slots, err = db.Collect(rows, err, func(s db.Scanner) (Slot, error) {
		var x Slot
		err := s.Scan(&x.ID, &x.Start, &x.End)
		x.Start, x.End = x.Start.UTC(), x.End.UTC()
		return x, err
	})
	return b, err
}

func insertRoom(ctx context.Context, tx *sql.Tx, eventID string, r Room, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO event_barcamp_rooms (id, event_id, name, size, created_at)
		VALUES ($1, $2, $3, $4, $5)`, r.ID, eventID, r.Name, r.Size, now)
	return db.Err(err)
}

func insertSlot(ctx context.Context, tx *sql.Tx, eventID string, s Slot) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO event_barcamp_slots (id, event_id, starts_at, ends_at)
		VALUES ($1, $2, $3, $4)`, s.ID, eventID, s.Start, s.End)
	return db.Err(err)
}

// deleteCell removes a room or a slot of the camp (column room_id or
// slot_id of the sessions); its sessions leave the schedule.
func deleteCell(ctx context.Context, tx *sql.Tx, table, column, eventID, id string) error {
	if !ids.Valid(id) {
		return apperr.New(apperr.NotFound, "")
	}
	if _, err := tx.ExecContext(ctx, `UPDATE event_barcamp_sessions SET room_id = NULL, slot_id = NULL
		WHERE event_id = $1 AND `+column+` = $2`, eventID, id); err != nil {
		return db.Err(err)
	}
	res, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE event_id = $1 AND id = $2", eventID, id)
	if err != nil {
		return db.Err(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.NotFound, "")
	}
	return nil
}

// sessionColumns is what scanSession reads, with the vote count.
const sessionColumns = `s.id, s.event_id, COALESCE(CAST(s.proposed_by AS TEXT), ''), s.title, s.description, s.lang,
	s.format, COALESCE(CAST(s.room_id AS TEXT), ''), COALESCE(CAST(s.slot_id AS TEXT), ''), s.created_at, s.updated_at,
	(SELECT count(*) FROM event_barcamp_votes v WHERE v.session_id = s.id) AS votes`

func scanSession(row db.Scanner) (*Session, error) {
	s := &Session{}
	var format string
	err := row.Scan(&s.ID, &s.EventID, &s.ProposedBy, &s.Title, &s.Description, &s.Lang, &format, &s.RoomID,
		&s.SlotID, &s.CreatedAt, &s.UpdatedAt, &s.Votes)
	if err != nil {
		return nil, db.Err(err)
	}
	s.Format, s.CreatedAt, s.UpdatedAt = Format(format), s.CreatedAt.UTC(), s.UpdatedAt.UTC()
	return s, nil
}

// listSessions loads the camp's sessions with hosts and votes, the most
// voted first, ties in the order they were proposed.
func listSessions(ctx context.Context, q db.Querier, eventID string) ([]*Session, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+sessionColumns+` FROM event_barcamp_sessions s WHERE s.event_id = $1
		ORDER BY votes DESC, s.created_at, s.id`, eventID)
	sessions, err := db.Collect(rows, err, scanSession)
	if err != nil {
		return nil, err
	}
	return sessions, withHosts(ctx, q, sessions)
}

// getSession loads a session of the camp; NotFound for one of another.
func getSession(ctx context.Context, q db.Querier, eventID, id string) (*Session, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	s, err := scanSession(q.QueryRowContext(ctx, "SELECT "+sessionColumns+
		" FROM event_barcamp_sessions s WHERE s.id = $1 AND s.event_id = $2", id, eventID))
	if err != nil {
		return nil, err
	}
	return s, withHosts(ctx, q, []*Session{s})
}

func withHosts(ctx context.Context, q db.Querier, sessions []*Session) error {
	if len(sessions) == 0 {
		return nil
	}
	byID := map[string]*Session{}
	keys := make([]string, len(sessions))
	for i, s := range sessions {
		byID[s.ID], keys[i] = s, s.ID
	}
	marks, args := db.In(1, keys)
	rows, err := q.QueryContext(ctx, `SELECT session_id, user_id FROM event_barcamp_hosts WHERE session_id IN (`+
		marks+`) ORDER BY session_id, position`, args...)
	return db.Each(rows, err, func(s db.Scanner) error {
		var sid, uid string
		if err := s.Scan(&sid, &uid); err != nil {
			return err
		}
		byID[sid].Hosts = append(byID[sid].Hosts, uid)
		return nil
	})
}

func insertSession(ctx context.Context, tx *sql.Tx, s *Session) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO event_barcamp_sessions (id, event_id, proposed_by, title, description,
		lang, format, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		s.ID, s.EventID, db.NullString(s.ProposedBy), s.Title, s.Description, s.Lang, string(s.Format), s.CreatedAt,
		s.UpdatedAt)
	if err != nil {
		return db.Err(err)
	}
	return setHosts(ctx, tx, s.ID, s.Hosts)
}

func updateSession(ctx context.Context, tx *sql.Tx, s *Session) error {
	_, err := tx.ExecContext(ctx, `UPDATE event_barcamp_sessions SET title = $1, description = $2, lang = $3,
		format = $4, updated_at = $5 WHERE id = $6`, s.Title, s.Description, s.Lang, string(s.Format), s.UpdatedAt, s.ID)
	if err != nil {
		return db.Err(err)
	}
	return setHosts(ctx, tx, s.ID, s.Hosts)
}

func setHosts(ctx context.Context, tx *sql.Tx, sessionID string, hosts []string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM event_barcamp_hosts WHERE session_id = $1", sessionID); err != nil {
		return db.Err(err)
	}
	for i, h := range hosts {
		if _, err := tx.ExecContext(ctx, `INSERT INTO event_barcamp_hosts (session_id, user_id, position)
			VALUES ($1, $2, $3)`, sessionID, h, i); err != nil {
			return db.Err(err)
		}
	}
	return nil
}

// placeSessions writes the schedule: every session of the camp leaves
// its cell, then each placement takes its own.
func placeSessions(ctx context.Context, tx *sql.Tx, eventID string, placements []Placement) error {
	if _, err := tx.ExecContext(ctx, `UPDATE event_barcamp_sessions SET room_id = NULL, slot_id = NULL
		WHERE event_id = $1`, eventID); err != nil {
		return db.Err(err)
	}
	for _, p := range placements {
		if p.RoomID == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE event_barcamp_sessions SET room_id = $1, slot_id = $2
			WHERE id = $3 AND event_id = $4`, p.RoomID, p.SlotID, p.SessionID, eventID); err != nil {
			return db.Err(err)
		}
	}
	return nil
}

// votedFor lists the sessions of the camp the person voted for.
func votedFor(ctx context.Context, q db.Querier, eventID, userID string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT session_id FROM event_barcamp_votes WHERE event_id = $1 AND user_id = $2
		ORDER BY created_at, session_id`, eventID, userID)
	return db.Collect(rows, err, db.Value[string])
}

func listNotes(ctx context.Context, q db.Querier, sessionID string) ([]Note, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, session_id, author_id, body, created_at FROM event_barcamp_notes
		WHERE session_id = $1 ORDER BY created_at, id`, sessionID)
	return db.Collect(rows, err, func(s db.Scanner) (Note, error) {
		var n Note
		err := s.Scan(&n.ID, &n.SessionID, &n.AuthorID, &n.Body, &n.CreatedAt)
		n.CreatedAt = n.CreatedAt.UTC()
		return n, err
	})
}
