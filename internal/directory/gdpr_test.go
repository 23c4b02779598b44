package directory_test

import (
	"encoding/json"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/directory"
)

// TestExportAndErase: a person's export lists the entries they changed;
// deleting the account forgets them there and keeps the organisations'
// entries.
func TestExportAndErase(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		coord := e.NewPerson(t, "koord", auth.Coordinator)
		anna := e.NewPerson(t, "anna", auth.Member)
		mu := e.Municipality(t, coord, "06611000", "Kassel")
		a := e.NewOrg(t, coord, "Agentur", "volunteer_agency", "34117", "Kassel", "de")
		if err := e.Orgs.Invite(ctx, coord.ID, a.ID, anna.Email, "editor"); err != nil {
			t.Fatal(err)
		}
		// Anna becomes an editor through the organisation module's invitation.
		secret, _ := e.LastInvitation(t, anna.Email)
		if _, err := e.Orgs.AcceptInvitation(ctx, anna.ID, secret); err != nil {
			t.Fatal(err)
		}
		l := e.Location(t, anna, a.ID, mu.AGS, "Weg 1")
		s := e.Service(t, anna, a.ID, "Sprachcafé", "german_lessons", []string{"de"}, l.ID)
		ex, err := e.P.Accounts.Export(ctx, anna.ID)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := json.Marshal(ex.Modules["directory"])
		var got directory.Export
		json.Unmarshal(raw, &got)
		if len(got.Entries) != 2 {
			t.Errorf("anna's export: %s", raw)
		}
		if err := e.P.Accounts.Delete(ctx, anna.ID, apptest.Password); err != nil {
			t.Fatalf("delete: %v", err)
		}
		var n int
		e.P.DB.QueryRowContext(ctx, `SELECT count(*) FROM directory_services WHERE updated_by = $1 OR confirmed_by = $1`, anna.ID).Scan(&n)
		if n != 0 {
			t.Errorf("after erasure: %d services still name her", n)
		}
		if kept, err := e.Dir.Service(ctx, s.ID); err != nil || kept.Name != "Sprachcafé" {
			t.Errorf("the organisation's service went with her: %v", err)
		}
	})
}
