package hsds_test

import (
	"slices"
	"testing"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/directory/directorytest"
	"teilhabe.org/teilhabe/internal/hsds"
	"teilhabe.org/teilhabe/internal/organization"
)

// TestUpgradeKeepsImportedIDs: a database made when the directory held the
// ids of imported HSDS records has them in its table, recorded under the
// directory's migrations. Migrating it now adopts the table into the hsds
// module, and the export still names the records as their source did.
func TestUpgradeKeepsImportedIDs(t *testing.T) {
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
	orgs := module[*organization.Module](t, p.App.Modules)
	o, err := orgs.Create(ctx, anna.ID, organization.Profile{Name: "Agentur", Kind: "volunteer_agency", Street: "Weg 1",
		Postcode: "34117", City: "Kassel"})
	if err != nil {
		t.Fatal(err)
	}
	const sourceID = "5b1c7a52-4d2b-4c1e-9f3a-0c8d6e2f1a90"
	if _, err := p.DB.ExecContext(ctx, `INSERT INTO directory_hsds_ids (kind, hsds_id, local_id) VALUES ('organization', $1, $2)`,
		sourceID, o.ID); err != nil {
		t.Fatal(err)
	}

	applied, err := p.Migrate(ctx)
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}
	if !slices.Contains(applied, "hsds/001_hsds.sql") {
		t.Errorf("applied %v", applied)
	}
	ds, err := module[*hsds.Module](t, p.App.Modules).HSDSDataset(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, rec := range ds {
		if org, ok := rec.(hsds.HSDSOrganization); ok {
			ids = append(ids, org.ID)
		}
	}
	if !slices.Equal(ids, []string{sourceID}) {
		t.Errorf("organisations exported after the upgrade: %v, want the id it was imported with", ids)
	}
}

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
