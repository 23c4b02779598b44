package organization

import (
	"context"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
)

// Standing is what another module acting for an organisation needs to know
// of it and of the person acting: read together, so a module that checks
// the person's role and then the organisation's kind and badge asks once.
type Standing struct {
	Kind     string
	Verified bool // verified and not back in review
	Role     Role // "" when the person is not a member
}

// CanEdit reports whether the person may act on the organisation's behalf.
func (s Standing) CanEdit() bool { return s.Role == Owner || s.Role == Editor }

// StandingOf returns the organisation's kind and badge and the person's role
// in it; NotFound for an unknown organisation.
func (m *Module) StandingOf(ctx context.Context, orgID, userID string) (Standing, error) {
	var s Standing
	if !ids.Valid(orgID) {
		return s, apperr.New(apperr.NotFound, "")
	}
	var user any // NULL matches no member: an id that is none is nobody
	if ids.Valid(userID) {
		user = userID
	}
	var role string
	err := m.s.DB.QueryRowContext(ctx, `SELECT o.kind, o.verified_at IS NOT NULL AND o.review_since IS NULL,
		COALESCE(mb.role, '') FROM organizations o
		LEFT JOIN organization_members mb ON mb.organization_id = o.id AND mb.user_id = $2
		WHERE o.id = $1`, orgID, user).Scan(&s.Kind, &s.Verified, &role)
	s.Role = Role(role)
	return s, db.Err(err)
}
