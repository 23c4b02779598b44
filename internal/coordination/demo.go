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

// demoReferral: Katrin refers the Farsi speaker's request for a German
// course to the Afghan association's course for women.
var demoReferral = struct{ listing, org, service string }{"farsi_german_course", "mso_af", "Deutschkurs für Frauen mit Kinderbetreuung"}

// SeedDemo adds a second coordinator, gives both their district and
// refers a request to a service.
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
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
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
	if err != nil {
		return err
	}
	return m.seedReferral(ctx, demo)
}

// seedReferral makes the demo referral when its request and service are
// there.
func (m *Module) seedReferral(ctx context.Context, demo *app.Demo) error {
	coordinator, listingID := demo.Users["coordinator"], demo.Listings[demoReferral.listing]
	if coordinator == "" || listingID == "" || demo.Orgs[demoReferral.org] == "" {
		return nil
	}
	services, err := m.directory.ServicesOf(ctx, demo.Orgs[demoReferral.org])
	if err != nil {
		return err
	}
	katrin := &auth.Identity{UserID: coordinator, Role: auth.Coordinator}
	l, err := m.listings.Get(ctx, katrin, listingID)
	if err != nil {
		return err
	}
	for _, s := range services {
		if s.Name == demoReferral.service {
			// Straight to the record: the demo's postcodes need not be
			// imported for the demo to show a referral.
			_, err := m.refer(ctx, katrin, l, s)
			return err
		}
	}
	return nil
}
