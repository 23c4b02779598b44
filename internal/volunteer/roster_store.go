package volunteer

import (
	"context"

	"teilhabe.org/teilhabe/internal/db"
)

// addToRoster puts the person on the organisation's roster as active; one
// already there keeps their status.
func (m *Module) addToRoster(ctx context.Context, orgID, userID, via string) error {
	now := m.s.Clock.Now()
	_, err := m.s.DB.ExecContext(ctx, `INSERT INTO volunteer_roster
(organization_id, user_id, status, joined_via, created_at, updated_at) VALUES ($1, $2, 'active', $3, $4, $4)
ON CONFLICT (organization_id, user_id) DO NOTHING`, orgID, userID, via, now)
	return db.Err(err)
}
