package pledge_test

import (
	"database/sql"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/blog"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/pledge"
)

func TestExportAndErase(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		owner := e.NewPerson(t, "owner", auth.Member)
		staff := e.NewPerson(t, "staff", auth.Coordinator)
		ana := e.NewPerson(t, "ana", auth.Member)
		ben := e.NewPerson(t, "ben", auth.Member)
		org, _ := e.Orgs.Create(ctx, owner.ID, organization.Profile{Name: "Initiative", Kind: "initiative"})
		e.Join(t, owner, ana, org.ID)

		// ana: a pledge of her own, one for her organisation, a sign-up
		// to a running pledge and one to an ended pledge, a question.
		own := e.active(t, ana, staff, 10, nil)
		forOrg := e.active(t, ana, staff, 10, func(tm *pledge.Terms) { tm.OrgID = org.ID })
		running := e.active(t, owner, staff, 10, nil)
		e.Pledges.SignUp(ctx, ben.Identity(), own.ID, pledge.SignupInput{Note: "Bens Notiz"})
		if _, err := e.Pledges.SignUp(ctx, ana.Identity(), running.ID, pledge.SignupInput{Note: "Anas laufende Zusage"}); err != nil {
			t.Fatal(err)
		}
		ended := e.succeeded(t, owner, staff, ana)
		if _, err := e.Blog.Write(ctx, ana.Identity(), "pledge", ended.ID, blog.Input{Title: "Anas Bericht", Body: "Text", Lang: "de"}, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Pledges.Ask(ctx, ana.Identity(), running.ID, "Anas Frage?"); err != nil {
			t.Fatal(err)
		}

		export, err := e.Pledges.UserData().Export(ctx, ana.ID)
		if err != nil {
			t.Fatal(err)
		}
		reports, err := e.Blog.UserData().Export(ctx, ana.ID) // the blog's part: her report
		if err != nil {
			t.Fatal(err)
		}
		ex := asJSON(export) + asJSON(reports)
		for _, want := range []string{own.ID, forOrg.ID, "Anas laufende Zusage", "Ich mache das.", "Anas Bericht", "Anas Frage?"} {
			if !strings.Contains(ex, want) {
				t.Errorf("export lacks %q", want)
			}
		}
		if strings.Contains(ex, "Bens Notiz") {
			t.Error("export holds another person's note")
		}

		res := ana.Web.Post("/settings/delete", apptest.Form("delete_password", "correct horse battery"))
		if res.Status != 303 {
			t.Fatalf("delete account: %d\n%s", res.Status, res.Body)
		}
		if _, err := e.Pledges.Get(ctx, staff.Identity(), own.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("own pledge kept: %v", err)
		}
		if p := e.get(t, forOrg.ID); p.Status != pledge.Active {
			t.Errorf("organisation's pledge: %+v", p)
		}
		if _, err := e.Pledges.MySignup(ctx, ana.ID, running.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("running sign-up kept: %v", err)
		}
		// The ended pledge keeps its count, without note or name.
		if p := e.get(t, ended.ID); p.Confirmed != 1 {
			t.Errorf("ended pledge lost its count: %d", p.Confirmed)
		}
		s, err := e.Pledges.MySignup(ctx, ana.ID, ended.ID)
		if err != nil || s.Note != "" || !s.Anonymous {
			t.Errorf("ended sign-up: %+v %v", s, err)
		}
		if _, err := e.Blog.Of(ctx, staff.Identity(), "pledge", ended.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("personal report kept: %v", err)
		}
		var n int
		if err := e.P.DB.QueryRowContext(ctx, "SELECT count(*) FROM pledge_questions WHERE asker_id = $1", ana.ID).Scan(&n); err != nil && err != sql.ErrNoRows || n != 0 {
			t.Errorf("%d questions kept (%v)", n, err)
		}
	})
}
