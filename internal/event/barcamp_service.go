package event

import (
	"context"
	"database/sql"
	"slices"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/ratelimit"
	"teilhabe.org/teilhabe/internal/text"
)

// proposeRule bounds how many sessions and notes one account writes a day.
var proposeRule = ratelimit.Rule{Name: "event.barcamp.write", Limit: 100, Window: 24 * time.Hour}

// allowWrite counts a proposal or notes against the person's daily
// limit, before the write's transaction (the limiter writes too).
func (m *Module) allowWrite(ctx context.Context, actor *auth.Identity) error {
	if actor == nil {
		return apperr.New(apperr.Unauthenticated, "")
	}
	return m.s.Limiter.Allow(ctx, proposeRule, actor.UserID)
}

// camp loads an event that is a barcamp; any other is NotFound.
func camp(ctx context.Context, q db.Querier, eventID string) (*Event, error) {
	e, err := getEvent(ctx, q, eventID)
	if err != nil {
		return nil, err
	}
	if e.Kind != Barcamp {
		return nil, apperr.New(apperr.NotFound, "barcamp.not_a_barcamp")
	}
	return e, nil
}

// Camp is what everybody may see of a barcamp: the event, its grid and
// settings, and its sessions, the most voted first.
func (m *Module) Camp(ctx context.Context, eventID string) (*Event, *Camp, []*Session, error) {
	e, err := camp(ctx, m.s.DB, eventID)
	if err != nil {
		return nil, nil, nil, err
	}
	b, err := getBarcamp(ctx, m.s.DB, e.ID)
	if err != nil {
		return nil, nil, nil, err
	}
	sessions, err := listSessions(ctx, m.s.DB, e.ID)
	return e, b, sessions, err
}

// Session is one session of a camp, with its notes, oldest first.
func (m *Module) Session(ctx context.Context, eventID, sessionID string) (*Event, *Camp, *Session, []Note, error) {
	e, err := camp(ctx, m.s.DB, eventID)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	b, err := getBarcamp(ctx, m.s.DB, e.ID)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	s, err := getSession(ctx, m.s.DB, e.ID, sessionID)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	notes, err := listNotes(ctx, m.s.DB, s.ID)
	return e, b, s, notes, err
}

// organising runs fn in a transaction for an organiser of the camp: the
// camp's row locked, the event loaded as manageable.
func (m *Module) organising(ctx context.Context, actor *auth.Identity, eventID string, fn func(tx *sql.Tx, e *Event, b *Camp) error) error {
	if actor == nil {
		return apperr.New(apperr.Unauthenticated, "")
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		e, err := m.manageable(ctx, tx, actor, eventID)
		if err != nil {
			return err
		}
		if e.Kind != Barcamp {
			return apperr.New(apperr.NotFound, "barcamp.not_a_barcamp")
		}
		if err := ensureBarcamp(ctx, tx, e.ID); err != nil {
			return err
		}
		b, err := getBarcamp(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		return fn(tx, e, b)
	})
}

// participating runs fn in a transaction for a participant of the camp:
// a person registered for it, or one of its organisers. While the camp
// has not ended (open), or at any time but cancelled (for notes).
func (m *Module) participating(ctx context.Context, actor *auth.Identity, eventID string, open bool, fn func(tx *sql.Tx, e *Event, b *Camp) error) error {
	if actor == nil {
		return apperr.New(apperr.Unauthenticated, "")
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		e, err := camp(ctx, tx, eventID)
		if err != nil {
			return err
		}
		if !m.takesPartIn(ctx, tx, e, actor) {
			return apperr.New(apperr.Forbidden, "barcamp.participants_only")
		}
		now := m.s.Clock.Now()
		if e.Status == Cancelled || (open && !e.takesPart(now)) {
			return apperr.New(apperr.Conflict, "barcamp.closed")
		}
		if err := ensureBarcamp(ctx, tx, e.ID); err != nil {
			return err
		}
		b, err := getBarcamp(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		return fn(tx, e, b)
	})
}

// takesPartIn reports whether the person is registered for the camp
// (not waiting) or organises it.
func (m *Module) takesPartIn(ctx context.Context, q db.Querier, e *Event, actor *auth.Identity) bool {
	if actor == nil {
		return false
	}
	return m.registered(ctx, q, e, actor.UserID) || m.canManage(ctx, e, actor)
}

func (m *Module) registered(ctx context.Context, q db.Querier, e *Event, userID string) bool {
	if !ids.Valid(userID) {
		return false
	}
	c, err := capacity.Of(ctx, q, poolOf(e), userID)
	return err == nil && c.Status == capacity.Registered
}

// AddRoom adds a room to the camp's grid.
func (m *Module) AddRoom(ctx context.Context, actor *auth.Identity, eventID string, r Room) (Room, error) {
	err := m.organising(ctx, actor, eventID, func(tx *sql.Tx, e *Event, b *Camp) error {
		if err := checkRoom(b, &r); err != nil {
			return err
		}
		r.ID = ids.New()
		return insertRoom(ctx, tx, e.ID, r, m.s.Clock.Now())
	})
	return r, err
}

// RemoveRoom takes a room out of the grid; its sessions leave the
// schedule.
func (m *Module) RemoveRoom(ctx context.Context, actor *auth.Identity, eventID, roomID string) error {
	return m.organising(ctx, actor, eventID, func(tx *sql.Tx, e *Event, b *Camp) error {
		if err := deleteCell(ctx, tx, "event_barcamp_rooms", "room_id", e.ID, roomID); err != nil {
			return err
		}
		return m.indexSessions(ctx, tx, e)
	})
}

// AddSlot adds a time slot within the camp.
func (m *Module) AddSlot(ctx context.Context, actor *auth.Identity, eventID string, s Slot) (Slot, error) {
	s.Start, s.End = s.Start.UTC(), s.End.UTC()
	err := m.organising(ctx, actor, eventID, func(tx *sql.Tx, e *Event, b *Camp) error {
		if err := checkSlot(e, b, s); err != nil {
			return err
		}
		s.ID = ids.New()
		return insertSlot(ctx, tx, e.ID, s)
	})
	return s, err
}

// RemoveSlot takes a slot out of the grid; its sessions leave the
// schedule.
func (m *Module) RemoveSlot(ctx context.Context, actor *auth.Identity, eventID, slotID string) error {
	return m.organising(ctx, actor, eventID, func(tx *sql.Tx, e *Event, b *Camp) error {
		if err := deleteCell(ctx, tx, "event_barcamp_slots", "slot_id", e.ID, slotID); err != nil {
			return err
		}
		return m.indexSessions(ctx, tx, e)
	})
}

// SetVotesEach sets how many sessions each participant may vote for;
// votes already given stay.
func (m *Module) SetVotesEach(ctx context.Context, actor *auth.Identity, eventID string, n int) error {
	if n < 1 || n > maxVotes {
		return apperr.Field("votes", "barcamp.votes.range")
	}
	return m.organising(ctx, actor, eventID, func(tx *sql.Tx, e *Event, b *Camp) error {
		_, err := tx.ExecContext(ctx, "UPDATE event_barcamps SET votes_each = $1 WHERE id = $2", n, e.ID)
		return db.Err(err)
	})
}

// checkProposal cleans and checks a proposal of the person in tx.
func (m *Module) checkProposal(ctx context.Context, tx *sql.Tx, e *Event, proposer string, p *Proposal) error {
	p.normalize(proposer)
	return p.validate(func(id string) bool { return m.registered(ctx, tx, e, id) })
}

// Propose proposes a session for the camp, hosted by the person and the
// co-hosts, fellow participants; it is not in the schedule until the
// organisers place it.
func (m *Module) Propose(ctx context.Context, actor *auth.Identity, eventID string, p Proposal) (*Session, error) {
	if err := m.allowWrite(ctx, actor); err != nil {
		return nil, err
	}
	var s *Session
	err := m.participating(ctx, actor, eventID, true, func(tx *sql.Tx, e *Event, b *Camp) error {
		if err := m.checkProposal(ctx, tx, e, actor.UserID, &p); err != nil {
			return err
		}
		now := m.s.Clock.Now()
		s = &Session{ID: ids.New(), EventID: e.ID, ProposedBy: actor.UserID, Title: p.Title, Description: p.Description,
			Lang: p.Lang, Format: p.Format, Hosts: append([]string{actor.UserID}, p.CoHosts...), CreatedAt: now, UpdatedAt: now}
		if err := insertSession(ctx, tx, s); err != nil {
			return err
		}
		return m.indexSession(ctx, tx, e, b, s)
	})
	return s, err
}

// mayEditSession reports whether the person may change or withdraw the
// session: who proposed it and the camp's organisers.
func (m *Module) mayEditSession(ctx context.Context, e *Event, s *Session, actor *auth.Identity) bool {
	return actor != nil && ((s.ProposedBy != "" && s.ProposedBy == actor.UserID) || m.canManage(ctx, e, actor))
}

// editing runs fn for whoever may change the session, in a transaction.
func (m *Module) editing(ctx context.Context, actor *auth.Identity, eventID, sessionID string, fn func(tx *sql.Tx, e *Event, b *Camp, s *Session) error) error {
	if actor == nil {
		return apperr.New(apperr.Unauthenticated, "")
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		e, err := camp(ctx, tx, eventID)
		if err != nil {
			return err
		}
		s, err := getSession(ctx, tx, e.ID, sessionID)
		if err != nil {
			return err
		}
		if !m.mayEditSession(ctx, e, s, actor) {
			return apperr.New(apperr.Forbidden, "barcamp.session.not_yours")
		}
		if e.Status == Cancelled {
			return apperr.New(apperr.Conflict, "event.is_cancelled")
		}
		if err := ensureBarcamp(ctx, tx, e.ID); err != nil {
			return err
		}
		b, err := getBarcamp(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		return fn(tx, e, b, s)
	})
}

// EditSession changes a session; its proposer stays its first host.
func (m *Module) EditSession(ctx context.Context, actor *auth.Identity, eventID, sessionID string, p Proposal) (*Session, error) {
	var out *Session
	err := m.editing(ctx, actor, eventID, sessionID, func(tx *sql.Tx, e *Event, b *Camp, s *Session) error {
		lead := s.ProposedBy
		if lead == "" && len(s.Hosts) > 0 {
			lead = s.Hosts[0]
		}
		if err := m.checkProposal(ctx, tx, e, lead, &p); err != nil {
			return err
		}
		s.Title, s.Description, s.Lang, s.Format = p.Title, p.Description, p.Lang, p.Format
		s.Hosts = append([]string{lead}, p.CoHosts...)
		if lead == "" {
			s.Hosts = p.CoHosts
		}
		if s.Scheduled() {
			sessions, err := listSessions(ctx, tx, e.ID)
			if err != nil {
				return err
			}
			for i, x := range sessions {
				if x.ID == s.ID {
					sessions[i] = s
				}
			}
			if err := checkSchedule(b, sessions, withPlacement(sessions, Placement{s.ID, s.RoomID, s.SlotID})); err != nil {
				return err
			}
		}
		s.UpdatedAt = m.s.Clock.Now()
		if err := updateSession(ctx, tx, s); err != nil {
			return err
		}
		out = s
		return m.indexSession(ctx, tx, e, b, s)
	})
	return out, err
}

// WithdrawSession removes a session with its votes and notes.
func (m *Module) WithdrawSession(ctx context.Context, actor *auth.Identity, eventID, sessionID string) error {
	return m.editing(ctx, actor, eventID, sessionID, func(tx *sql.Tx, e *Event, b *Camp, s *Session) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM event_barcamp_sessions WHERE id = $1", s.ID); err != nil {
			return db.Err(err)
		}
		return m.unindexSession(ctx, tx, s.ID)
	})
}

// Vote gives the person's vote to a session; each participant has the
// camp's number of votes, one per session.
func (m *Module) Vote(ctx context.Context, actor *auth.Identity, eventID, sessionID string) error {
	return m.participating(ctx, actor, eventID, true, func(tx *sql.Tx, e *Event, b *Camp) error {
		s, err := getSession(ctx, tx, e.ID, sessionID)
		if err != nil {
			return err
		}
		given, err := votedFor(ctx, tx, e.ID, actor.UserID)
		if err != nil {
			return err
		}
		if slices.Contains(given, s.ID) {
			return apperr.New(apperr.Conflict, "barcamp.vote.already")
		}
		if len(given) >= b.VotesEach {
			return apperr.New(apperr.Conflict, "barcamp.vote.none_left")
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO event_barcamp_votes (session_id, user_id, event_id, created_at)
			VALUES ($1, $2, $3, $4)`, s.ID, actor.UserID, e.ID, m.s.Clock.Now())
		return db.Err(err)
	})
}

// Unvote takes the person's vote for a session back.
func (m *Module) Unvote(ctx context.Context, actor *auth.Identity, eventID, sessionID string) error {
	return m.participating(ctx, actor, eventID, true, func(tx *sql.Tx, e *Event, b *Camp) error {
		if !ids.Valid(sessionID) {
			return apperr.New(apperr.NotFound, "")
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM event_barcamp_votes WHERE session_id = $1 AND user_id = $2
			AND event_id = $3`, sessionID, actor.UserID, e.ID)
		if err != nil {
			return db.Err(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "barcamp.vote.none")
		}
		return nil
	})
}

// VotesOf lists the sessions of the camp the person voted for.
func (m *Module) VotesOf(ctx context.Context, eventID, userID string) ([]string, error) {
	if !ids.Valid(userID) {
		return nil, nil
	}
	return votedFor(ctx, m.s.DB, eventID, userID)
}

// ProposeSchedule replaces the camp's schedule with the proposal of
// proposeSchedule; the organisers then move sessions and publish it.
func (m *Module) ProposeSchedule(ctx context.Context, actor *auth.Identity, eventID string) ([]Placement, error) {
	var out []Placement
	err := m.organising(ctx, actor, eventID, func(tx *sql.Tx, e *Event, b *Camp) error {
		sessions, err := listSessions(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		out = proposeSchedule(sessions, b.Rooms, b.Slots)
		if err := placeSessions(ctx, tx, e.ID, out); err != nil {
			return err
		}
		return m.indexSessions(ctx, tx, e)
	})
	return out, err
}

// MoveSession puts one session into another cell (or, with an empty
// room and slot, out of the schedule); a clash is refused with a Clash.
func (m *Module) MoveSession(ctx context.Context, actor *auth.Identity, eventID string, p Placement) error {
	return m.organising(ctx, actor, eventID, func(tx *sql.Tx, e *Event, b *Camp) error {
		sessions, err := listSessions(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		placements := withPlacement(sessions, p)
		if err := checkSchedule(b, sessions, placements); err != nil {
			return err
		}
		if err := placeSessions(ctx, tx, e.ID, placements); err != nil {
			return err
		}
		return m.indexSessions(ctx, tx, e)
	})
}

// SetSchedule replaces the whole schedule: sessions not named leave it.
// publish, when not nil, publishes it or takes it back to a draft.
func (m *Module) SetSchedule(ctx context.Context, actor *auth.Identity, eventID string, placements []Placement, publish *bool) error {
	return m.organising(ctx, actor, eventID, func(tx *sql.Tx, e *Event, b *Camp) error {
		sessions, err := listSessions(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		if err := checkSchedule(b, sessions, placements); err != nil {
			return err
		}
		if err := placeSessions(ctx, tx, e.ID, placements); err != nil {
			return err
		}
		if publish != nil {
			if err := m.setPublished(ctx, tx, e.ID, *publish); err != nil {
				return err
			}
		}
		return m.indexSessions(ctx, tx, e)
	})
}

// PublishSchedule makes the schedule public, or takes it back.
func (m *Module) PublishSchedule(ctx context.Context, actor *auth.Identity, eventID string, publish bool) error {
	return m.organising(ctx, actor, eventID, func(tx *sql.Tx, e *Event, b *Camp) error {
		if err := m.setPublished(ctx, tx, e.ID, publish); err != nil {
			return err
		}
		return m.indexSessions(ctx, tx, e)
	})
}

func (m *Module) setPublished(ctx context.Context, tx *sql.Tx, eventID string, publish bool) error {
	var at any
	if publish {
		at = m.s.Clock.Now()
	}
	_, err := tx.ExecContext(ctx, "UPDATE event_barcamps SET published_at = $1 WHERE id = $2", at, eventID)
	return db.Err(err)
}

// AddNote adds a participant's notes to a session's page, during the
// camp and after it.
func (m *Module) AddNote(ctx context.Context, actor *auth.Identity, eventID, sessionID, body string) (Note, error) {
	if err := m.allowWrite(ctx, actor); err != nil {
		return Note{}, err
	}
	var n Note
	err := m.participating(ctx, actor, eventID, false, func(tx *sql.Tx, e *Event, b *Camp) error {
		s, err := getSession(ctx, tx, e.ID, sessionID)
		if err != nil {
			return err
		}
		body = text.MultiLine(body)
		f := apperr.Fields{}
		if body == "" {
			f.Add("body", "form.required")
		} else if len([]rune(body)) > maxNoteLen {
			f.Add("body", "form.too_long")
		}
		if err := f.Err(); err != nil {
			return err
		}
		n = Note{ID: ids.New(), SessionID: s.ID, AuthorID: actor.UserID, Body: body, CreatedAt: m.s.Clock.Now()}
		_, err = tx.ExecContext(ctx, `INSERT INTO event_barcamp_notes (id, session_id, author_id, body, created_at)
			VALUES ($1, $2, $3, $4, $5)`, n.ID, n.SessionID, n.AuthorID, n.Body, n.CreatedAt)
		return db.Err(err)
	})
	return n, err
}

// Figures are a camp's numbers once it is over.
type Figures struct {
	Participants int
	Sessions     int
	Declared     Declared // the share of self-declared migration background, where it may be shown
}

// CampFigures counts the people registered and the sessions held (those
// in the published schedule; all proposed while none is published), with
// the anonymous self-declarations of the registration.
func (m *Module) CampFigures(ctx context.Context, e *Event, b *Camp, sessions []*Session) (Figures, error) {
	var f Figures
	_, taken, _, err := capacity.Count(ctx, m.s.DB, poolOf(e))
	if err != nil {
		return f, err
	}
	f.Participants = taken
	if f.Declared, err = m.declared(ctx, e); err != nil {
		return f, err
	}
	for _, s := range sessions {
		if b.Published == nil || s.Scheduled() {
			f.Sessions++
		}
	}
	return f, nil
}
