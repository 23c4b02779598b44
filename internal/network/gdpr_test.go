package network_test

import (
	"encoding/json"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/network"
)

// TestExportAndErase: a person's export lists the partnerships they
// proposed or confirmed and the organisations they said look for partners;
// deleting the account forgets them there and keeps the partnerships.
func TestExportAndErase(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		coord := e.NewPerson(t, "koord", auth.Coordinator)
		anna := e.NewPerson(t, "anna", auth.Member)
		ben := e.NewPerson(t, "ben", auth.Member)
		a := e.NewOrg(t, coord, "Agentur", "volunteer_agency", "34117", "Kassel", "de")
		// Anna becomes an editor through the organisation module's invitation.
		if err := e.Orgs.Invite(ctx, coord.ID, a.ID, anna.Email, "editor"); err != nil {
			t.Fatal(err)
		}
		secret, _ := e.LastInvitation(t, anna.Email)
		if _, err := e.Orgs.AcceptInvitation(ctx, anna.ID, secret); err != nil {
			t.Fatal(err)
		}
		b := e.NewOrg(t, ben, "Verein", "migrant_organization", "34117", "Kassel", "de")
		p, err := e.Net.Propose(ctx, anna.ID, network.PartnershipInput{ProposerID: a.ID, PartnerIDs: []string{b.ID}, Goal: "Ziel",
			Benefit: "Nutzen", StartsOn: "2026-01-01", Lang: "de"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Net.Confirm(ctx, ben.ID, p.ID, b.ID, nil); err != nil {
			t.Fatal(err)
		}
		if err := e.Net.SetSeeking(ctx, anna.ID, a.ID, "Räume", "de"); err != nil {
			t.Fatal(err)
		}
		ex, err := e.P.Accounts.Export(ctx, anna.ID)
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := json.Marshal(ex.Modules["network"])
		var got network.Export
		json.Unmarshal(raw, &got)
		if len(got.Partnerships) != 2 || len(got.Seeking) != 1 { // proposed, and confirmed as the proposer's partner row
			t.Errorf("anna's export: %s", raw)
		}
		if err := e.P.Accounts.Delete(ctx, anna.ID, apptest.Password); err != nil {
			t.Fatalf("delete: %v", err)
		}
		var n int
		e.P.DB.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM directory_partners WHERE confirmed_by = $1)
			+ (SELECT count(*) FROM directory_partnerships WHERE created_by = $1)
			+ (SELECT count(*) FROM directory_seeking WHERE updated_by = $1)`, anna.ID).Scan(&n)
		if n != 0 {
			t.Errorf("after erasure: %d rows still name her", n)
		}
		if pp, err := e.Net.Partnership(ctx, nil, p.ID); err != nil || pp.Status != network.Active {
			t.Errorf("the partnership after erasure: %v %v", pp, err)
		}
	})
}
