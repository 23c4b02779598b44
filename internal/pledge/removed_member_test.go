package pledge_test

import (
	"net/http"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/pledge"
)

// TestRemovedMemberLosesThePledge: who made a pledge for an organisation
// and was then removed from it no longer reads its sign-ups, confirms them
// or closes it, through the service, the web and the API, and is not
// mailed about it; an editor who is still a member acts as the pledger.
func TestRemovedMemberLosesThePledge(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		volunteer := e.NewPerson(t, "volunteer", auth.Member)
		editor := e.NewPerson(t, "editor", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		ana := e.NewPerson(t, "ana", auth.Member)
		ben := e.NewPerson(t, "ben", auth.Member)
		org, err := e.Orgs.Create(ctx, owner.ID, organization.Profile{Name: "Nordhessen Logistik", Kind: "company"})
		if err != nil {
			t.Fatal(err)
		}
		e.Join(t, owner, volunteer, org.ID)
		e.Join(t, owner, editor, org.ID)
		p := e.active(t, volunteer, staff, 5, func(tm *pledge.Terms) { tm.OrgID = org.ID })
		first, err := e.Pledges.SignUp(ctx, ana.Identity(), p.ID, pledge.SignupInput{Note: "Ja, Telefon 0561 123"})
		if err != nil {
			t.Fatal(err)
		}
		token := volunteer.Token(t)
		if err := e.Orgs.RemoveMember(ctx, owner.ID, org.ID, volunteer.ID); err != nil {
			t.Fatal(err)
		}
		mails := e.MailCount(t, volunteer.Email)
		second, err := e.Pledges.SignUp(ctx, ben.Identity(), p.ID, pledge.SignupInput{Note: "Ich wohne in der Weserstraße 5"})
		if err != nil {
			t.Fatal(err)
		}
		if n := e.MailCount(t, volunteer.Email); n != mails {
			t.Errorf("the removed member was mailed about a sign-up: %d mails, %d before", n, mails)
		}

		// The service.
		me := volunteer.Identity()
		_, err = e.Pledges.Signups(ctx, me, p.ID)
		apptest.WantCode(t, "sign-ups", err, apperr.Forbidden)
		_, err = e.Pledges.ConfirmSignup(ctx, me, p.ID, second.ID)
		apptest.WantCode(t, "confirm", err, apperr.Forbidden)
		_, err = e.Pledges.Close(ctx, me, p.ID)
		apptest.WantCode(t, "close", err, apperr.Forbidden)
		if mine, err := e.Pledges.Mine(ctx, volunteer.ID); err != nil || len(mine) != 0 {
			t.Errorf("the removed member's pledges: %v %d", err, len(mine))
		}

		// The web.
		page := volunteer.Web.Get("/pledges/" + p.ID)
		apptest.WantStatus(t, "pledge page", page.Status, http.StatusOK, page.Body)
		apptest.Lacks(t, "the removed member's pledge page", page.Body, "Weserstraße", "0561 123", "/signups/"+second.ID)
		for _, path := range []string{"/signups/" + second.ID + "/confirm", "/signups/" + first.ID + "/decline", "/close"} {
			res := volunteer.Web.Post("/pledges/"+p.ID+path, nil)
			apptest.WantStatus(t, "web POST "+path, res.Status, http.StatusForbidden, res.Body)
		}

		// The API, with a token taken while he was a member.
		for _, c := range []struct{ method, path string }{
			{http.MethodGet, "/signups"},
			{http.MethodPost, "/signups/" + second.ID + "/confirm"},
		} {
			status, body := e.API(t, token, c.method, "/api/v1/pledges/"+p.ID+c.path, nil)
			if status != http.StatusForbidden || strings.Contains(strings.ToLower(jsonText(body)), "weserstraße") {
				t.Errorf("%s %s: %d %v", c.method, c.path, status, body)
			}
		}

		// An editor who is still a member acts as the pledger.
		signups, err := e.Pledges.Signups(ctx, editor.Identity(), p.ID)
		if err != nil || len(signups) != 2 {
			t.Fatalf("the editor's sign-ups: %v %d", err, len(signups))
		}
		res := editor.Web.Post("/pledges/"+p.ID+"/signups/"+second.ID+"/confirm", nil)
		apptest.WantStatus(t, "the editor confirms", res.Status, http.StatusSeeOther, res.Body)
	})
}

// jsonText is an API answer as text, to look for words in it.
func jsonText(v any) string {
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for _, y := range x {
				walk(y)
			}
		case []any:
			for _, y := range x {
				walk(y)
			}
		case string:
			b.WriteString(x + " ")
		}
	}
	walk(v)
	return b.String()
}
