package organization_test

import (
	"encoding/json"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/organization"
)

func TestExportAndErase(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		anna := e.NewPerson(t, "anna", auth.Member)
		ben := e.NewPerson(t, "ben", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		o := e.mustCreate(t, anna, "Lernpaten")
		if err := e.Orgs.Invite(ctx, anna.ID, o.ID, "gast@example.org", organization.Editor); err != nil {
			t.Fatal(err)
		}
		if err := e.Orgs.Invite(ctx, anna.ID, o.ID, ben.Email, organization.Owner); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Orgs.SetVerified(ctx, staff.Identity(), o.ID, true); err != nil {
			t.Fatal(err)
		}

		export := func(p *apptest.Person) map[string]any {
			t.Helper()
			ex, err := e.P.Accounts.Export(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(ex.Modules["organization"])
			var out map[string]any
			json.Unmarshal(b, &out)
			return out
		}
		ea := export(anna)
		if ms := ea["memberships"].([]any); len(ms) != 1 || ms[0].(map[string]any)["role"] != "owner" || ms[0].(map[string]any)["organization"] != "Lernpaten" {
			t.Errorf("anna's memberships: %v", ea)
		}
		if sent := ea["invitations_sent"].([]any); len(sent) != 2 {
			t.Errorf("anna's invitations: %v", ea)
		}
		eb := export(ben)
		if got := eb["invitations_received"].([]any); len(got) != 1 || got[0].(map[string]any)["role"] != "owner" {
			t.Errorf("ben's invitations: %v", eb)
		}
		if v := export(staff)["organizations_verified"].([]any); len(v) != 1 {
			t.Errorf("staff's verifications: %v", v)
		}

		// The only owner cannot delete the account; the message names nothing.
		err := e.P.Accounts.Delete(ctx, anna.ID, apptest.Password)
		if !apperr.Is(err, apperr.Conflict) || apperr.MessageID(err) != "organization.erase.sole_owner" {
			t.Fatalf("sole owner deletes: %v", err)
		}
		if _, err := e.Orgs.RoleOf(ctx, o.ID, anna.ID); err != nil {
			t.Fatal("refused erasure removed the membership")
		}
		// Nor by the web form: the settings page says why.
		res := anna.Web.Post("/settings/delete", apptest.Form("delete_password", apptest.Password))
		if res.Status != 409 || !strings.Contains(res.Body, `role="alert"`) {
			t.Errorf("settings delete: %d", res.Status)
		}

		// With a second owner it works, and takes everything of hers along.
		secret, _ := e.LastInvitation(t, ben.Email)
		if _, err := e.Orgs.AcceptInvitation(ctx, ben.ID, secret); err != nil {
			t.Fatal(err)
		}
		if err := e.P.Accounts.Delete(ctx, anna.ID, apptest.Password); err != nil {
			t.Fatalf("delete with a co-owner: %v", err)
		}
		if _, err := e.Orgs.RoleOf(ctx, o.ID, anna.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("membership survived: %v", err)
		}
		var n int
		if err := e.P.DB.QueryRowContext(ctx, "SELECT count(*) FROM organization_invitations WHERE invited_by = $1", anna.ID).Scan(&n); err != nil || n != 0 {
			t.Errorf("invitations she sent survived: %d %v", n, err)
		}
		if members, _ := e.Orgs.Members(ctx, ben.ID, o.ID); len(members) != 1 {
			t.Errorf("members: %+v", members)
		}

		// Erasing the invitee removes invitations to the address, and a
		// verifier's mark stays on the organisation.
		if err := e.Orgs.Invite(ctx, ben.ID, o.ID, staff.Email, organization.Editor); err != nil {
			t.Fatal(err)
		}
		if err := e.P.Accounts.Delete(ctx, staff.ID, apptest.Password); err != nil {
			t.Fatal(err)
		}
		if err := e.P.DB.QueryRowContext(ctx, "SELECT count(*) FROM organization_invitations WHERE email = $1", staff.Email).Scan(&n); err != nil || n != 0 {
			t.Errorf("invitations to the erased address: %d %v", n, err)
		}
		if got, _ := e.Orgs.Get(ctx, o.ID); !got.Verified() {
			t.Error("verification lost with the verifier's account")
		}
	})
}

func TestDemo(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		demo := app.NewDemo()
		if err := e.P.Accounts.SeedDemo(ctx, demo); err != nil {
			t.Fatal(err)
		}
		if err := e.Orgs.SeedDemo(ctx, demo); err != nil {
			t.Fatal(err)
		}
		for handle, verified := range map[string]bool{"agency": true, "mso_tr": false, "mso_ar": false, "municipality": true, "company": false} {
			o, err := e.Orgs.Get(ctx, demo.Orgs[handle])
			if err != nil {
				t.Fatalf("%s: %v", handle, err)
			}
			if o.Verified() != verified || !strings.HasPrefix(o.Postcode, "341") || o.City != "Kassel" ||
				!strings.HasSuffix(o.Website, ".example") || !strings.HasPrefix(o.Phone, "0561 999 ") {
				t.Errorf("%s: %+v", handle, o)
			}
			if role, err := e.Orgs.RoleOf(ctx, o.ID, demo.Users[handle]); err != nil || role != organization.Owner {
				t.Errorf("%s owner: %q %v", handle, role, err)
			}
		}
		if role, _ := e.Orgs.RoleOf(ctx, demo.Orgs["agency"], demo.Users["volunteer"]); role != organization.Editor {
			t.Errorf("volunteer in the agency: %q", role)
		}
	})
}
