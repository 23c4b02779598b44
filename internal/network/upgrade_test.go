package network_test

import (
	"slices"
	"testing"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/directory/directorytest"
	"teilhabe.org/teilhabe/internal/network"
	"teilhabe.org/teilhabe/internal/organization"
)

// TestUpgradeKeepsPartnerships: a database made when the directory held
// the partnerships has them in its tables, recorded under the directory's
// migrations. Migrating it now adopts the tables into the network module
// and loses nothing: partnerships with their partners and contributions,
// and what organisations look for partners for.
func TestUpgradeKeepsPartnerships(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(string(dialect), func(t *testing.T) { testUpgrade(t, dialect) })
	}
}

func testUpgrade(t *testing.T, dialect db.Dialect) {
	p := directorytest.BeforeSplit(t, dialect)
	anna, err := p.Accounts.CreateVerified(ctx, "anna@example.org", "Anna", apptest.Password, "de", auth.Member)
	if err != nil {
		t.Fatal(err)
	}
	ben, err := p.Accounts.CreateVerified(ctx, "ben@example.org", "Ben", apptest.Password, "de", auth.Member)
	if err != nil {
		t.Fatal(err)
	}
	orgs := module[*organization.Module](t, p.App.Modules)
	a, err := orgs.Create(ctx, anna.ID, organization.Profile{Name: "Agentur", Kind: "volunteer_agency", Street: "Weg 1", Postcode: "34117", City: "Kassel"})
	if err != nil {
		t.Fatal(err)
	}
	b, err := orgs.Create(ctx, ben.ID, organization.Profile{Name: "Verein", Kind: "migrant_organization", Street: "Weg 2", Postcode: "34117", City: "Kassel"})
	if err != nil {
		t.Fatal(err)
	}
	// The rows as the directory wrote them before the split.
	for _, stmt := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO directory_partnerships (id, goal, benefit, starts_on, status, lang, proposed_by, created_by, created_at,
			activated_at) VALUES ($1, 'Sprachpatenschaften', 'Anschluss', '2025-09-01', 'active', 'prs', $2, $3, $4, $4)`,
			[]any{partnershipID, a.ID, anna.ID, apptest.Start}},
		{`INSERT INTO directory_partners (partnership_id, organization_id, contribution, confirmed_at, confirmed_by)
			VALUES ($1, $2, 'Schulung', $3, $4), ($1, $5, 'Kontakte', $3, $6)`,
			[]any{partnershipID, a.ID, apptest.Start, anna.ID, b.ID, ben.ID}},
		{`INSERT INTO directory_seeking (organization_id, what_for, lang, since, updated_by) VALUES ($1, 'Räume', 'de', $2, $3)`,
			[]any{b.ID, apptest.Start, ben.ID}},
	} {
		if _, err := p.DB.ExecContext(ctx, stmt.sql, stmt.args...); err != nil {
			t.Fatalf("%s: %v", stmt.sql, err)
		}
	}

	applied, err := p.Migrate(ctx)
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}
	if !slices.Contains(applied, "network/001_network.sql") || slices.Contains(applied, "directory/001_directory.sql") {
		t.Errorf("applied %v", applied)
	}
	net := module[*network.Module](t, p.App.Modules)
	got, err := net.Partnership(ctx, nil, partnershipID)
	if err != nil {
		t.Fatalf("the partnership after the upgrade: %v", err)
	}
	if got.Status != network.Active || got.Goal != "Sprachpatenschaften" || got.Lang != "fa" || len(got.Partners) != 2 ||
		got.Partner(b.ID) == nil || got.Partner(b.ID).Contribution != "Kontakte" {
		t.Errorf("the partnership after the upgrade: %+v", got)
	}
	looking, err := net.LookingFor(ctx, []string{a.ID, b.ID})
	if err != nil || len(looking) != 1 || looking[b.ID] != "Räume" {
		t.Errorf("looking for partners after the upgrade: %v %v", looking, err)
	}
	if applied, err := p.Migrate(ctx); err != nil || len(applied) != 0 {
		t.Errorf("a second migration applied %v: %v", applied, err)
	}
}

const partnershipID = "01a251ba-0000-7000-8000-000000000001"

// module finds the module of type T.
func module[T any](t *testing.T, mods []app.Module) T {
	t.Helper()
	for _, m := range mods {
		if x, ok := m.(T); ok {
			return x
		}
	}
	var zero T
	t.Fatalf("no module %T", zero)
	return zero
}
