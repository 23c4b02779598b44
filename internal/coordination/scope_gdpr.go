package coordination

import (
	"context"
	"database/sql"

	"teilhabe.org/teilhabe/internal/userdata"
)

// UserData is the coordination office's part in "export my data" and
// "delete my account": a coordinator's regions.
func (m *Module) UserData() userdata.Provider {
	return userdata.Provide(userdata.Funcs{Name: "coordination",
		Export: func(ctx context.Context, userID string) (any, error) {
			regions, err := m.ScopesOf(ctx, userID)
			if err != nil || len(regions) == 0 {
				return nil, err
			}
			return map[string]any{"regions": regions}, nil
		},
		Erase: func(ctx context.Context, tx *sql.Tx, userID string) error {
			return userdata.Exec(ctx, tx, userID, "DELETE FROM coordination_scopes WHERE user_id = $1")
		}})
}
