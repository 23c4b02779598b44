package coordination

import (
	"context"
	"database/sql"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
)

// demoScopes are the demo coordinators' districts: Katrin for the city of
// Kassel, Dirk for the Landkreis Kassel around it.
var demoScopes = []struct{ handle, region string }{
	{"coordinator", "06611"},
	{"coordinator_district", "06633"},
}

// SeedDemo adds a second coordinator and gives both their district.
func (m *Module) SeedDemo(ctx context.Context, demo *app.Demo) error {
	const email, name = "dirk@demo.teilhabe.example", "Dirk (Koordination Landkreis Kassel)"
	u, err := m.accounts.CreateVerified(ctx, email, name, account.DemoPassword, "de", auth.Coordinator)
	if err != nil {
		return err
	}
	demo.Users["coordinator_district"] = u.ID
	demo.Logins = append(demo.Logins, app.Login{Email: email, Password: account.DemoPassword, Name: name, Lang: "de",
		Role: string(auth.Coordinator)})
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		for _, s := range demoScopes {
			if userID := demo.Users[s.handle]; userID != "" {
				if _, err := tx.ExecContext(ctx, "INSERT INTO coordination_scopes (user_id, region, created_at) VALUES ($1, $2, $3)",
					userID, s.region, now); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
