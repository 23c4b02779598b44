package volunteer

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

// The roster: each organisation's volunteers, joined by invitation, by
// applying, by a placement. Its owners and editors and coordinators see
// it, nobody else; a person sees only their own entries.

// RosterStatus is where a volunteer stands with an organisation.
type RosterStatus string

const (
	Active RosterStatus = "active"
	Paused RosterStatus = "paused"
	Ended  RosterStatus = "ended"
)

// RosterStatuses are the statuses in the order forms offer them.
var RosterStatuses = []RosterStatus{Active, Paused, Ended}

func validStatus(s RosterStatus) bool { return s == Active || s == Paused || s == Ended }

// RosterEntry is a volunteer of an organisation.
type RosterEntry struct {
	OrganizationID string
	UserID         string
	Name           string // filled for the organisation's planners
	Status         RosterStatus
	JoinedVia      string // invitation, application, placement, shift
	Since          time.Time
	UpdatedAt      time.Time
	HasProfile     bool
}

const rosterColumns = `r.organization_id, r.user_id, r.status, r.joined_via, r.created_at, r.updated_at,
(SELECT COUNT(*) FROM volunteer_profiles p WHERE p.user_id = r.user_id)`

func scanRoster(s db.Scanner) (RosterEntry, error) {
	var r RosterEntry
	var status string
	var profiles int
	err := s.Scan(&r.OrganizationID, &r.UserID, &status, &r.JoinedVia, &r.Since, &r.UpdatedAt, &profiles)
	r.Status, r.HasProfile = RosterStatus(status), profiles > 0
	r.Since, r.UpdatedAt = r.Since.UTC(), r.UpdatedAt.UTC()
	return r, err
}

func rosterEntry(ctx context.Context, q db.Querier, orgID, userID string) (RosterEntry, error) {
	if !ids.Valid(userID) || !ids.Valid(orgID) {
		return RosterEntry{}, apperr.New(apperr.NotFound, "")
	}
	r, err := scanRoster(q.QueryRowContext(ctx, `SELECT `+rosterColumns+` FROM volunteer_roster r
WHERE r.organization_id = $1 AND r.user_id = $2`, orgID, userID))
	return r, db.Err(err)
}

// Roster lists the organisation's volunteers, active first, by name, for
// its owners and editors and for coordinators.
func (m *Module) Roster(ctx context.Context, actor *auth.Identity, orgID string) ([]RosterEntry, error) {
	if err := m.planRoster(ctx, actor, orgID); err != nil {
		return nil, err
	}
	rows, err := m.s.DB.QueryContext(ctx, `SELECT `+rosterColumns+` FROM volunteer_roster r
WHERE r.organization_id = $1 ORDER BY CASE r.status WHEN 'active' THEN 0 WHEN 'paused' THEN 1 ELSE 2 END, r.created_at`, orgID)
	entries, err := db.Collect(rows, err, scanRoster)
	if err != nil || len(entries) == 0 {
		return entries, err
	}
	userIDs := make([]string, len(entries))
	for i, r := range entries {
		userIDs[i] = r.UserID
	}
	names, err := m.names(ctx, userIDs)
	if err != nil {
		return nil, err
	}
	for i := range entries {
		entries[i].Name = names[entries[i].UserID]
	}
	return entries, nil
}

// planRoster refuses everybody but the organisation's planners: a
// stranger is told the roster does not exist.
func (m *Module) planRoster(ctx context.Context, actor *auth.Identity, orgID string) error {
	if actor == nil {
		return apperr.New(apperr.Unauthenticated, "")
	}
	if _, err := m.orgs.Get(ctx, orgID); err != nil {
		return err
	}
	if !m.mayPlan(ctx, orgID, actor) {
		return apperr.New(apperr.Forbidden, "volunteer.roster.not_yours")
	}
	return nil
}

// Join puts the person on the organisation's roster as active, having
// applied; one who ended comes back. Conflict when already on it.
func (m *Module) Join(ctx context.Context, actor *auth.Identity, orgID string) (RosterEntry, error) {
	if actor == nil {
		return RosterEntry{}, apperr.New(apperr.Unauthenticated, "")
	}
	if _, err := m.orgs.Get(ctx, orgID); err != nil {
		return RosterEntry{}, err
	}
	var r RosterEntry
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		now := m.s.Clock.Now()
		old, err := rosterEntry(ctx, tx, orgID, actor.UserID)
		switch {
		case err == nil && old.Status != Ended:
			return apperr.New(apperr.Conflict, "volunteer.roster.already")
		case err == nil:
			_, err = tx.ExecContext(ctx, `UPDATE volunteer_roster SET status = 'active', joined_via = 'application',
updated_at = $3 WHERE organization_id = $1 AND user_id = $2`, orgID, actor.UserID, now)
		case apperr.Is(err, apperr.NotFound):
			_, err = tx.ExecContext(ctx, `INSERT INTO volunteer_roster
(organization_id, user_id, status, joined_via, created_at, updated_at) VALUES ($1, $2, 'active', 'application', $3, $3)`,
				orgID, actor.UserID, now)
		}
		if err != nil {
			return db.Err(err)
		}
		r, err = rosterEntry(ctx, tx, orgID, actor.UserID)
		return err
	})
	return r, err
}

// SetStatus changes a volunteer's status: the organisation's planners set
// any; the volunteer may only end their own entry.
func (m *Module) SetStatus(ctx context.Context, actor *auth.Identity, orgID, userID string, status RosterStatus) (RosterEntry, error) {
	if actor == nil {
		return RosterEntry{}, apperr.New(apperr.Unauthenticated, "")
	}
	self := actor.UserID == userID
	if !self || status != Ended {
		if err := m.planRoster(ctx, actor, orgID); err != nil {
			return RosterEntry{}, err
		}
	}
	if !validStatus(status) {
		return RosterEntry{}, apperr.Field("status", "form.invalid_choice")
	}
	var r RosterEntry
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := rosterEntry(ctx, tx, orgID, userID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE volunteer_roster SET status = $3, updated_at = $4
WHERE organization_id = $1 AND user_id = $2`, orgID, userID, string(status), m.s.Clock.Now()); err != nil {
			return db.Err(err)
		}
		var err error
		r, err = rosterEntry(ctx, tx, orgID, userID)
		return err
	})
	return r, err
}

// MyRosterEntry is the person's entry on the organisation's roster; ok is
// false without one.
func (m *Module) MyRosterEntry(ctx context.Context, userID, orgID string) (RosterEntry, bool) {
	r, err := rosterEntry(ctx, m.s.DB, orgID, userID)
	return r, err == nil
}
