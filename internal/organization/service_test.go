package organization_test

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/organization"
)

func fieldsOf(err error) map[string]string { return apperr.As(err).Fields }

func TestProfileValidation(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		cases := []struct {
			name  string
			edit  func(p *organization.Profile)
			field string
			msg   string
		}{
			{"no name", func(p *organization.Profile) { p.Name = "  " }, "name", "form.required"},
			{"long name", func(p *organization.Profile) { p.Name = strings.Repeat("x", 121) }, "name", "form.too_long"},
			{"no kind", func(p *organization.Profile) { p.Kind = "" }, "kind", "form.required"},
			{"unknown kind", func(p *organization.Profile) { p.Kind = "club" }, "kind", "form.invalid_choice"},
			{"long description", func(p *organization.Profile) { p.Description = strings.Repeat("ä", 5001) }, "description", "form.too_long"},
			{"website without scheme", func(p *organization.Profile) { p.Website = "www.example.org" }, "website", "form.invalid_url"},
			{"website javascript", func(p *organization.Profile) { p.Website = "javascript:alert(1)" }, "website", "form.invalid_url"},
			{"website ftp", func(p *organization.Profile) { p.Website = "ftp://example.org" }, "website", "form.invalid_url"},
			{"bad email", func(p *organization.Profile) { p.Email = "info@" }, "email", "form.invalid_email"},
			{"bad phone", func(p *organization.Profile) { p.Phone = "call us" }, "phone", "form.invalid_phone"},
			{"short phone", func(p *organization.Profile) { p.Phone = "12" }, "phone", "form.invalid_phone"},
			{"postcode letters", func(p *organization.Profile) { p.Postcode = "341a7" }, "postcode", "form.invalid_postcode"},
			{"postcode four digits", func(p *organization.Profile) { p.Postcode = "3411" }, "postcode", "form.invalid_postcode"},
			{"street without town", func(p *organization.Profile) { p.City = "" }, "city", "organization.address.incomplete"},
			{"street without postcode", func(p *organization.Profile) { p.Postcode = "" }, "postcode", "organization.address.incomplete"},
			{"unknown language", func(p *organization.Profile) { p.Languages = []string{"de", "xx"} }, "languages", "form.invalid_choice"},
		}
		for _, c := range cases {
			p := kassel("Verein")
			c.edit(&p)
			_, err := e.Orgs.Create(ctx, owner.ID, p)
			if got := fieldsOf(err)[c.field]; got != c.msg {
				t.Errorf("%s: field %s = %q, want %q (err %v)", c.name, c.field, got, c.msg, err)
			}
		}
		page, err := e.Orgs.List(ctx, organization.Filter{})
		if err != nil || len(page.Items) != 0 {
			t.Fatalf("invalid profiles were stored: %v %v", page, err)
		}

		// Optional fields may stay empty; input is tidied.
		o, err := e.Orgs.Create(ctx, owner.ID, organization.Profile{Name: "  Café   Nachbarschaft ", Kind: "initiative",
			Email: " Info@Example.ORG ", Languages: []string{"tr", "de", "tr", "ar"}})
		if err != nil {
			t.Fatal(err)
		}
		got, err := e.Orgs.Get(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Café Nachbarschaft" || got.Email != "info@example.org" || !slices.Equal(got.Languages, []string{"de", "ar", "tr"}) {
			t.Errorf("stored %+v", got.Profile)
		}
		if got.Verified() || !got.CreatedAt.Equal(apptest0()) || !got.UpdatedAt.Equal(apptest0()) {
			t.Errorf("times or mark: %+v", got)
		}
	})
}

func apptest0() time.Time { return time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC) }

func TestListFiltersSortAndPages(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		names := []string{"Türkisch-Deutscher Kulturverein", "Arabisches Café", "Zentrum für Begegnung", "100% Nachbarschaft", "Ökumenischer Kreis"}
		kinds := []string{"migrant_organization", "migrant_organization", "initiative", "initiative", "religious_community"}
		var orgs []*organization.Organization
		for i, n := range names {
			p := kassel(n)
			p.Kind = kinds[i]
			o, err := e.Orgs.Create(ctx, owner.ID, p)
			if err != nil {
				t.Fatal(err)
			}
			orgs = append(orgs, o)
			e.Clock.Advance(time.Minute)
		}
		if _, err := e.Orgs.SetVerified(ctx, staff.Identity(), orgs[1].ID, true); err != nil {
			t.Fatal(err)
		}
		list := func(f organization.Filter) []string {
			t.Helper()
			page, err := e.Orgs.List(ctx, f)
			if err != nil {
				t.Fatalf("list %+v: %v", f, err)
			}
			var out []string
			for _, o := range page.Items {
				out = append(out, o.Name)
			}
			return out
		}
		yes, no := true, false
		for _, c := range []struct {
			f    organization.Filter
			want []string
		}{
			{organization.Filter{}, []string{names[4], names[3], names[2], names[1], names[0]}},
			{organization.Filter{Sort: organization.SortName}, []string{names[3], names[1], names[4], names[0], names[2]}},
			{organization.Filter{Kind: "migrant_organization"}, []string{names[1], names[0]}},
			{organization.Filter{Verified: &yes}, []string{names[1]}},
			{organization.Filter{Verified: &no, Kind: "migrant_organization"}, []string{names[0]}},
			{organization.Filter{Query: "turk"}, []string{names[0]}},        // ü folded
			{organization.Filter{Query: "OKUMEN"}, []string{names[4]}},      // case and Ö
			{organization.Filter{Query: "cafe"}, []string{names[1]}},        // é
			{organization.Filter{Query: "%"}, []string{names[3]}},           // literal, not a wildcard
			{organization.Filter{Query: "_"}, nil},                          // literal, not a wildcard
			{organization.Filter{Query: "verein", Kind: "initiative"}, nil}, // both apply
		} {
			if got := list(c.f); !slices.Equal(got, c.want) {
				t.Errorf("%+v: got %q, want %q", c.f, got, c.want)
			}
		}

		// Pages of two follow each other without gaps or repeats, in both orders.
		for _, sort := range []string{organization.SortNewest, organization.SortName} {
			var all []string
			f := organization.Filter{Sort: sort, Limit: 2}
			for range 10 {
				page, err := e.Orgs.List(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				for _, o := range page.Items {
					all = append(all, o.Name)
				}
				if page.Next == "" {
					break
				}
				f.Cursor = page.Next
			}
			if want := list(organization.Filter{Sort: sort}); !slices.Equal(all, want) {
				t.Errorf("%s pages: %q, want %q", sort, all, want)
			}
		}
		for _, bad := range []organization.Filter{
			{Cursor: "n.x.y"}, {Cursor: "a.b." + orgs[0].ID}, {Sort: organization.SortName, Cursor: "n.1." + orgs[0].ID},
			{Kind: "club"}, {Sort: "random"},
		} {
			if _, err := e.Orgs.List(ctx, bad); !apperr.Is(err, apperr.Invalid) {
				t.Errorf("%+v: %v, want invalid", bad, err)
			}
		}
	})
}

func TestMembersAndTheLastOwner(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		anna := e.NewPerson(t, "anna", auth.Member)
		ben := e.NewPerson(t, "ben", auth.Member)
		stranger := e.NewPerson(t, "stranger", auth.Member)
		o := e.mustCreate(t, anna, "Fahrradwerkstatt")

		if role, err := e.Orgs.RoleOf(ctx, o.ID, anna.ID); err != nil || role != organization.Owner {
			t.Fatalf("creator: %q %v", role, err)
		}
		if _, err := e.Orgs.RoleOf(ctx, o.ID, stranger.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("stranger role: %v", err)
		}
		if _, err := e.Orgs.RoleOf(ctx, "not-a-uuid", anna.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("bad id: %v", err)
		}
		if !e.Orgs.CanEdit(ctx, o.ID, anna.ID) || e.Orgs.CanEdit(ctx, o.ID, stranger.ID) {
			t.Error("CanEdit")
		}

		// The only owner can neither step down, nor leave, nor be removed.
		last := "organization.member.last_owner"
		if err := e.Orgs.SetRole(ctx, anna.ID, o.ID, anna.ID, organization.Editor); apperr.MessageID(err) != last {
			t.Errorf("demote last owner: %v", err)
		}
		if err := e.Orgs.Leave(ctx, anna.ID, o.ID); apperr.MessageID(err) != last {
			t.Errorf("last owner leaves: %v", err)
		}
		if err := e.Orgs.RemoveMember(ctx, anna.ID, o.ID, anna.ID); apperr.MessageID(err) != last {
			t.Errorf("remove last owner: %v", err)
		}

		// Ben joins as editor through an invitation.
		if err := e.Orgs.Invite(ctx, anna.ID, o.ID, ben.Email, organization.Editor); err != nil {
			t.Fatal(err)
		}
		secret, _ := e.LastInvitation(t, ben.Email)
		if _, err := e.Orgs.AcceptInvitation(ctx, ben.ID, secret); err != nil {
			t.Fatal(err)
		}
		if !e.Orgs.CanEdit(ctx, o.ID, ben.ID) {
			t.Error("editor cannot edit")
		}
		// An editor manages nobody.
		for name, err := range map[string]error{
			"set role": e.Orgs.SetRole(ctx, ben.ID, o.ID, ben.ID, organization.Owner),
			"remove":   e.Orgs.RemoveMember(ctx, ben.ID, o.ID, anna.ID),
			"invite":   e.Orgs.Invite(ctx, ben.ID, o.ID, "x@example.org", organization.Owner),
		} {
			if !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("editor may %s: %v", name, err)
			}
		}
		// Nor does a stranger.
		for name, err := range map[string]error{
			"set role": e.Orgs.SetRole(ctx, stranger.ID, o.ID, ben.ID, organization.Owner),
			"remove":   e.Orgs.RemoveMember(ctx, stranger.ID, o.ID, ben.ID),
			"invite":   e.Orgs.Invite(ctx, stranger.ID, o.ID, "x@example.org", organization.Owner),
		} {
			if !apperr.Is(err, apperr.Forbidden) {
				t.Errorf("stranger may %s: %v", name, err)
			}
		}
		if _, err := e.Orgs.Members(ctx, stranger.ID, o.ID); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("stranger sees members: %v", err)
		}
		if role, _ := e.Orgs.RoleOf(ctx, o.ID, ben.ID); role != organization.Editor {
			t.Errorf("ben is %q after refusals", role)
		}

		// With a second owner the first may step down and leave.
		if err := e.Orgs.SetRole(ctx, anna.ID, o.ID, ben.ID, organization.Owner); err != nil {
			t.Fatal(err)
		}
		if err := e.Orgs.SetRole(ctx, anna.ID, o.ID, anna.ID, organization.Editor); err != nil {
			t.Fatalf("demote one of two owners: %v", err)
		}
		if err := e.Orgs.SetRole(ctx, ben.ID, o.ID, ben.ID, "boss"); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("unknown role: %v", err)
		}
		members, err := e.Orgs.Members(ctx, anna.ID, o.ID)
		if err != nil || len(members) != 2 || members[0].Name != "Anna" || members[0].Role != organization.Editor ||
			members[1].Name != "Ben" || members[1].Role != organization.Owner {
			t.Errorf("members: %+v %v", members, err)
		}
		ms, err := e.Orgs.Memberships(ctx, anna.ID)
		if err != nil || len(ms) != 1 || ms[0].OrganizationID != o.ID || ms[0].Name != "Fahrradwerkstatt" ||
			ms[0].Kind != "initiative" || ms[0].Role != organization.Editor || ms[0].Verified {
			t.Errorf("memberships: %+v %v", ms, err)
		}
		if err := e.Orgs.Leave(ctx, anna.ID, o.ID); err != nil {
			t.Fatal(err)
		}
		if err := e.Orgs.Leave(ctx, anna.ID, o.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("leave twice: %v", err)
		}
		if err := e.Orgs.RemoveMember(ctx, ben.ID, o.ID, ben.ID); apperr.MessageID(err) != last {
			t.Errorf("remove the new last owner: %v", err)
		}
		if ms, _ := e.Orgs.Memberships(ctx, anna.ID); len(ms) != 0 {
			t.Errorf("anna still in %+v", ms)
		}
	})
}

func TestUpdateOnlyByMembers(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		stranger := e.NewPerson(t, "stranger", auth.Member)
		o := e.mustCreate(t, owner, "Sprachcafé")

		p := o.Profile
		p.Name = "Übernommen"
		if _, err := e.Orgs.Update(ctx, stranger.ID, o.ID, p); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("stranger update: %v", err)
		}
		if _, err := e.Orgs.Update(ctx, owner.ID, "0190a0a0-0000-7000-8000-000000000000", p); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("unknown id: %v", err)
		}
		p.Postcode = "1"
		if _, err := e.Orgs.Update(ctx, owner.ID, o.ID, p); fieldsOf(err)["postcode"] != "form.invalid_postcode" {
			t.Errorf("invalid update: %v", err)
		}
		if got, _ := e.Orgs.Get(ctx, o.ID); got.Name != "Sprachcafé" || got.Postcode != "34117" {
			t.Errorf("refused updates changed %+v", got.Profile)
		}
		e.Clock.Advance(time.Hour)
		p.Postcode, p.Languages = "34119", []string{"uk"}
		got, err := e.Orgs.Update(ctx, owner.ID, o.ID, p)
		if err != nil {
			t.Fatal(err)
		}
		stored, _ := e.Orgs.Get(ctx, o.ID)
		if stored.Name != "Übernommen" || stored.Postcode != "34119" || !slices.Equal(stored.Languages, []string{"uk"}) ||
			!stored.UpdatedAt.Equal(got.UpdatedAt) || !stored.UpdatedAt.Equal(apptest0().Add(time.Hour)) ||
			!stored.CreatedAt.Equal(apptest0()) {
			t.Errorf("stored %+v", stored)
		}
	})
}

func TestInvitations(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		chris := e.NewPersonLang(t, "chris", auth.Member, "en")
		o := e.mustCreate(t, owner, "Begegnungscafé")

		// To an account: in its language, with its name.
		if err := e.Orgs.Invite(ctx, owner.ID, o.ID, " Chris@Example.org ", organization.Owner); err != nil {
			t.Fatal(err)
		}
		secret, m := e.LastInvitation(t, chris.Email)
		if m.Lang != "en" || !strings.Contains(m.Subject, "Invitation to Begegnungscafé") || !strings.Contains(m.Text, "Hello Chris") ||
			!strings.Contains(m.Text, "Owner invites you") || !strings.Contains(m.Text, e.URL+"/invitations/") {
			t.Errorf("mail to an account: %+v", m)
		}
		// To an address without account: in the inviter's language.
		if err := e.Orgs.Invite(ctx, owner.ID, o.ID, "neu@example.org", organization.Editor); err != nil {
			t.Fatal(err)
		}
		newSecret, m := e.LastInvitation(t, "neu@example.org")
		if m.Lang != "de" || !strings.Contains(m.Subject, "Einladung zu Begegnungscafé") || !strings.Contains(m.Text, "Redaktion") {
			t.Errorf("mail to a new address: %+v", m)
		}
		// Only the hash is stored.
		var n int
		if err := e.P.DB.QueryRowContext(ctx, "SELECT count(*) FROM organization_invitations WHERE hash = $1 OR email = $1", secret).Scan(&n); err != nil || n != 0 {
			t.Errorf("secret stored in the clear: %d %v", n, err)
		}

		inv, org, err := e.Orgs.InvitationBySecret(ctx, secret)
		if err != nil || org.ID != o.ID || inv.Role != organization.Owner || inv.Email != chris.Email ||
			!inv.ExpiresAt.Equal(apptest0().Add(organization.InvitationLifetime)) {
			t.Fatalf("invitation: %+v %v", inv, err)
		}
		pending, err := e.Orgs.PendingInvitations(ctx, owner.ID, o.ID)
		if err != nil || len(pending) != 2 {
			t.Errorf("pending: %+v %v", pending, err)
		}
		if _, err := e.Orgs.PendingInvitations(ctx, chris.ID, o.ID); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("non-member sees invitations: %v", err)
		}

		// Single use.
		orgID, err := e.Orgs.AcceptInvitation(ctx, chris.ID, secret)
		if err != nil || orgID != o.ID {
			t.Fatalf("accept: %q %v", orgID, err)
		}
		if role, _ := e.Orgs.RoleOf(ctx, o.ID, chris.ID); role != organization.Owner {
			t.Errorf("chris is %q", role)
		}
		invalid := "organization.invitation.invalid"
		if _, err := e.Orgs.AcceptInvitation(ctx, chris.ID, secret); apperr.MessageID(err) != invalid {
			t.Errorf("second use: %v", err)
		}
		if _, _, err := e.Orgs.InvitationBySecret(ctx, secret); apperr.MessageID(err) != invalid {
			t.Errorf("page of a used link: %v", err)
		}
		if _, err := e.Orgs.AcceptInvitation(ctx, chris.ID, "made-up"); apperr.MessageID(err) != invalid {
			t.Errorf("made-up link: %v", err)
		}
		// Members cannot be invited again.
		if err := e.Orgs.Invite(ctx, owner.ID, o.ID, chris.Email, organization.Editor); fieldsOf(err)["email"] != "organization.invite.already_member" {
			t.Errorf("invite a member: %v", err)
		}
		for _, bad := range []string{"", "nobody", "a@b"} {
			if err := e.Orgs.Invite(ctx, owner.ID, o.ID, bad, organization.Editor); fieldsOf(err)["email"] == "" {
				t.Errorf("invite %q: %v", bad, err)
			}
		}
		if err := e.Orgs.Invite(ctx, owner.ID, o.ID, "x@example.org", "boss"); fieldsOf(err)["role"] != "form.invalid_choice" {
			t.Errorf("unknown role: %v", err)
		}

		// Expiry: the link works up to 14 days, then not; a new
		// invitation replaces the old one.
		e.Clock.Advance(organization.InvitationLifetime - time.Second)
		if _, _, err := e.Orgs.InvitationBySecret(ctx, newSecret); err != nil {
			t.Errorf("link before expiry: %v", err)
		}
		e.Clock.Advance(time.Second)
		neu := e.NewPerson(t, "neu", auth.Member)
		if _, err := e.Orgs.AcceptInvitation(ctx, neu.ID, newSecret); apperr.MessageID(err) != invalid {
			t.Errorf("expired link: %v", err)
		}
		if err := e.Orgs.Invite(ctx, owner.ID, o.ID, neu.Email, organization.Editor); err != nil {
			t.Fatal(err)
		}
		renewed, _ := e.LastInvitation(t, neu.Email)
		if err := e.P.DB.QueryRowContext(ctx, "SELECT count(*) FROM organization_invitations WHERE email = $1", neu.Email).Scan(&n); err != nil || n != 1 {
			t.Errorf("invitations to one address: %d %v", n, err)
		}
		// A withdrawn invitation no longer works.
		pending, _ = e.Orgs.PendingInvitations(ctx, owner.ID, o.ID)
		if len(pending) != 1 {
			t.Fatalf("pending: %+v", pending)
		}
		if err := e.Orgs.WithdrawInvitation(ctx, neu.ID, o.ID, pending[0].ID); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("invitee withdraws: %v", err)
		}
		if err := e.Orgs.WithdrawInvitation(ctx, owner.ID, o.ID, pending[0].ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Orgs.AcceptInvitation(ctx, neu.ID, renewed); apperr.MessageID(err) != invalid {
			t.Errorf("withdrawn link: %v", err)
		}

		// Expired invitations are deleted by the periodic job.
		if err := e.Orgs.Invite(ctx, owner.ID, o.ID, "spaet@example.org", organization.Editor); err != nil {
			t.Fatal(err)
		}
		e.Clock.Advance(organization.InvitationLifetime)
		if err := e.P.App.Jobs.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		if err := e.P.DB.QueryRowContext(ctx, "SELECT count(*) FROM organization_invitations").Scan(&n); err != nil || n != 0 {
			t.Errorf("expired invitations kept: %d %v", n, err)
		}
	})
}

func TestInvitationsAreRateLimited(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		o := e.mustCreate(t, owner, "Verteiler")
		var err error
		for i := 0; i < 100 && err == nil; i++ {
			err = e.Orgs.Invite(ctx, owner.ID, o.ID, fmt.Sprintf("p%d@example.org", i), organization.Editor)
		}
		if !apperr.Is(err, apperr.RateLimited) {
			t.Fatalf("100 invitations an hour: %v", err)
		}
		e.Clock.Advance(time.Hour)
		if err := e.Orgs.Invite(ctx, owner.ID, o.ID, "later@example.org", organization.Editor); err != nil {
			t.Errorf("an hour later: %v", err)
		}
	})
}

// Two owners stepping down at the same moment: one of them stays owner.
func TestConcurrentStepDownsKeepAnOwner(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		anna := e.NewPerson(t, "anna", auth.Member)
		ben := e.NewPerson(t, "ben", auth.Member)
		for round := range 5 {
			o := e.mustCreate(t, anna, fmt.Sprintf("Runde %d", round))
			if err := e.Orgs.Invite(ctx, anna.ID, o.ID, ben.Email, organization.Owner); err != nil {
				t.Fatal(err)
			}
			secret, _ := e.LastInvitation(t, ben.Email)
			if _, err := e.Orgs.AcceptInvitation(ctx, ben.ID, secret); err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			errs := make([]error, 2)
			for i, p := range []*apptest.Person{anna, ben} {
				wg.Go(func() { errs[i] = e.Orgs.SetRole(ctx, p.ID, o.ID, p.ID, organization.Editor) })
			}
			wg.Wait()
			owners := 0
			members, _ := e.Orgs.Members(ctx, ben.ID, o.ID)
			for _, m := range members {
				if m.Role == organization.Owner {
					owners++
				}
			}
			if owners != 1 || (errs[0] == nil) == (errs[1] == nil) {
				t.Errorf("round %d: %d owners, errors %v", round, owners, errs)
			}
		}
	})
}

func TestVerificationIsStaffOnlyAndAudited(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		o := e.mustCreate(t, owner, "Flüchtlingshilfe")

		if _, err := e.Orgs.SetVerified(ctx, owner.Identity(), o.ID, true); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("owner verifies own organisation: %v", err)
		}
		if _, err := e.Orgs.SetVerified(ctx, nil, o.ID, true); !apperr.Is(err, apperr.Forbidden) {
			t.Errorf("nobody verifies: %v", err)
		}
		if got, _ := e.Orgs.Get(ctx, o.ID); got.Verified() {
			t.Fatal("verified by a member")
		}
		if _, err := e.Orgs.SetVerified(ctx, staff.Identity(), "0190a0a0-0000-7000-8000-000000000000", true); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("unknown id: %v", err)
		}

		e.Clock.Advance(time.Hour)
		v, err := e.Orgs.SetVerified(ctx, staff.Identity(), o.ID, true)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := e.Orgs.Get(ctx, o.ID)
		if !got.Verified() || !got.VerifiedAt.Equal(apptest0().Add(time.Hour)) || got.VerifiedBy != staff.ID || !v.Verified() {
			t.Errorf("after verify: %+v", got)
		}
		// Again: no change, no second entry.
		asAdmin := staff.Identity()
		asAdmin.Role = auth.Admin
		if _, err := e.Orgs.SetVerified(ctx, asAdmin, o.ID, true); err != nil {
			t.Fatal(err)
		}
		e.Clock.Advance(time.Hour)
		if _, err := e.Orgs.SetVerified(ctx, staff.Identity(), o.ID, false); err != nil {
			t.Fatal(err)
		}
		if got, _ := e.Orgs.Get(ctx, o.ID); got.Verified() || got.VerifiedBy != "" {
			t.Errorf("after unverify: %+v", got)
		}
		log, err := audit.List(ctx, e.P.DB, audit.Filter{ObjectType: "organization", ObjectID: o.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(log) != 2 || log[0].Action != "organization.unverify" || log[1].Action != "organization.verify" ||
			log[1].ActorID != staff.ID || !log[1].At.Equal(apptest0().Add(time.Hour)) || log[1].Details["name"] != "Flüchtlingshilfe" {
			t.Errorf("audit log: %+v", log)
		}
	})
}
