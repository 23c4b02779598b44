package coordination

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

// maxScopes bounds the regions of one coordinator.
const maxScopes = 50

// ValidRegion reports whether key is an official municipality key (AGS) at
// a level the platform knows: a state (2 digits), a government district (3),
// a district (5) or a municipality (8).
func ValidRegion(key string) bool {
	switch len(key) {
	case 2, 3, 5, 8:
	default:
		return false
	}
	for _, c := range key {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// covers reports whether one of scopes contains region: a scope contains
// the regions whose keys begin with it.
func covers(scopes []string, region string) bool {
	for _, s := range scopes {
		if strings.HasPrefix(region, s) {
			return true
		}
	}
	return false
}

// Scope is one region of a coordinator.
type Scope struct {
	UserID    string
	Region    string
	CreatedAt time.Time
}

// ScopesOf returns the regions a coordinator is responsible for, in key
// order; none means the whole country.
func (m *Module) ScopesOf(ctx context.Context, userID string) ([]string, error) {
	if !ids.Valid(userID) {
		return nil, nil // PostgreSQL's uuid column would refuse it
	}
	rs, err := m.s.DB.QueryContext(ctx, "SELECT region FROM coordination_scopes WHERE user_id = $1 ORDER BY region", userID)
	return db.Collect(rs, err, db.Value[string])
}

// AllScopes lists every coordinator's regions, by person and key, for
// administrators.
func (m *Module) AllScopes(ctx context.Context, actor *auth.Identity) ([]Scope, error) {
	if !actor.IsAdmin() {
		return nil, apperr.New(apperr.Forbidden, "")
	}
	rs, err := m.s.DB.QueryContext(ctx, "SELECT user_id, region, created_at FROM coordination_scopes ORDER BY user_id, region")
	return db.Collect(rs, err, func(s db.Scanner) (Scope, error) {
		var sc Scope
		err := s.Scan(&sc.UserID, &sc.Region, &sc.CreatedAt)
		return sc, err
	})
}

// checkCoordinator refuses anybody but an active coordinator as the holder
// of scopes; administrators see the whole country anyway.
func (m *Module) checkCoordinator(ctx context.Context, userID, field string) error {
	if !ids.Valid(userID) {
		return apperr.Field(field, "coordination.scope.not_coordinator")
	}
	roles, err := m.accounts.StaffRoles(ctx, []string{userID})
	if err != nil {
		return err
	}
	if roles[userID] != auth.Coordinator {
		return apperr.Field(field, "coordination.scope.not_coordinator")
	}
	return nil
}

// SetScopes replaces a coordinator's regions (administrators only); an
// empty list gives the whole country back. Audit-logged.
func (m *Module) SetScopes(ctx context.Context, actor *auth.Identity, userID string, regions []string) ([]string, error) {
	if !actor.IsAdmin() {
		return nil, apperr.New(apperr.Forbidden, "")
	}
	clean := make([]string, 0, len(regions))
	for _, r := range regions {
		r = strings.TrimSpace(r)
		if !ValidRegion(r) {
			return nil, apperr.Field("scopes", "coordination.region.invalid")
		}
		if !slices.Contains(clean, r) {
			clean = append(clean, r)
		}
	}
	if len(clean) > maxScopes {
		return nil, apperr.Field("scopes", "coordination.scope.too_many")
	}
	slices.Sort(clean)
	if err := m.checkCoordinator(ctx, userID, "user_id"); err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "DELETE FROM coordination_scopes WHERE user_id = $1", userID); err != nil {
			return err
		}
		for _, r := range clean {
			if _, err := tx.ExecContext(ctx, "INSERT INTO coordination_scopes (user_id, region, created_at) VALUES ($1, $2, $3)",
				userID, r, now); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "coordination.scopes",
			ObjectType: "user", ObjectID: userID, Details: map[string]any{"regions": clean}})
	})
	return clean, db.Err(err)
}

// AddScope gives a coordinator one more region (administrators only).
func (m *Module) AddScope(ctx context.Context, actor *auth.Identity, userID, region string) error {
	if !actor.IsAdmin() {
		return apperr.New(apperr.Forbidden, "")
	}
	region = strings.TrimSpace(region)
	if !ValidRegion(region) {
		return apperr.Field("region", "coordination.region.invalid")
	}
	have, err := m.ScopesOf(ctx, userID)
	if err != nil {
		return err
	}
	_, err = m.SetScopes(ctx, actor, userID, append(have, region))
	return err
}

// RemoveScope takes one region from a coordinator (administrators only).
func (m *Module) RemoveScope(ctx context.Context, actor *auth.Identity, userID, region string) error {
	if !actor.IsAdmin() {
		return apperr.New(apperr.Forbidden, "")
	}
	have, err := m.ScopesOf(ctx, userID)
	if err != nil {
		return err
	}
	if !ids.Valid(userID) || !slices.Contains(have, region) {
		return apperr.New(apperr.NotFound, "")
	}
	_, err = m.SetScopes(ctx, actor, userID, slices.DeleteFunc(have, func(r string) bool { return r == region }))
	return err
}
