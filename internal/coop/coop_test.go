package coop_test

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/coop"
	"teilhabe.org/teilhabe/internal/organization"
)

func TestProfileOnlyForOwnersOfACooperative(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		other, err := e.Orgs.Create(ctx, e.Mia.ID, organization.Profile{Name: "Sprachcafé", Kind: "initiative"})
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.Coops.Create(ctx, e.Mia.Identity(), other.ID, coop.Draft{Stage: coop.Idea, Country: "DE"})
		if ae := apperr.As(err); ae.Fields["organization_id"] != "coop.field.not_cooperative" {
			t.Errorf("initiative: %v", err)
		}
		_, err = e.Coops.Create(ctx, e.Rita.Identity(), e.Coop.ID, coop.Draft{Stage: coop.Idea, Country: "DE"})
		if ae := apperr.As(err); ae.Fields["organization_id"] != "coop.field.not_your_coop" {
			t.Errorf("not the owner: %v", err)
		}
		_, err = e.Coops.Update(ctx, e.Rita.Identity(), e.Coop.ID, func(d coop.Draft) coop.Draft { return d })
		apptest.WantCode(t, "member edits", err, apperr.Forbidden)
	})
}

func TestStatutesWithinTheLaw(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		for name, tc := range map[string]struct {
			change func(*coop.Draft)
			field  string
		}{
			"four votes":        {func(d *coop.Draft) { d.MultipleVotes = 4 }, "multiple_votes"},
			"six years":         {func(d *coop.Draft) { d.NoticeMonths = 61 }, "notice_months"},
			"statutes by half":  {func(d *coop.Draft) { d.Rules = []coop.Rule{{Kind: coop.StatutesChange, Majority: coop.Simple}} }, "rule_statutes"},
			"max below minimum": {func(d *coop.Draft) { d.SharesRequired, d.MaxShares = 3, 2 }, "max_shares"},
			"country":           {func(d *coop.Draft) { d.Country = "Deutschland" }, "country"},
			"register":          {func(d *coop.Draft) { d.Stage = coop.Registered }, "register_court"},
		} {
			_, err := e.Coops.Update(ctx, e.Olga.Identity(), e.Coop.ID, func(d coop.Draft) coop.Draft { tc.change(&d); return d })
			if apperr.As(err).Fields[tc.field] == "" {
				t.Errorf("%s: %v", name, err)
			}
		}
		c, err := e.Coops.Update(ctx, e.Olga.Identity(), e.Coop.ID, func(d coop.Draft) coop.Draft {
			d.Rules = []coop.Rule{{Kind: coop.Ordinary, Majority: coop.TwoThirds, QuorumPercent: 10}}
			return d
		})
		if err != nil {
			t.Fatal(err)
		}
		if r := c.RuleFor(coop.Ordinary); r.Majority != coop.TwoThirds || r.QuorumPercent != 10 {
			t.Errorf("ordinary rule: %+v", r)
		}
		if r := c.RuleFor(coop.Dissolution); r.Majority != coop.ThreeQuarters {
			t.Errorf("dissolution without a rule: %+v", r)
		}
	})
}

func TestLeavingDayIsTheEndOfAFinancialYear(t *testing.T) {
	c := &coop.Coop{Statutes: coop.Statutes{NoticeMonths: 3, YearStartMonth: 1}}
	for _, tc := range []struct{ given, want time.Time }{
		{day(2026, 3, 2), day(2026, 12, 31)},
		{day(2026, 9, 30), day(2026, 12, 31)},
		{day(2026, 10, 1), day(2027, 12, 31)},
	} {
		if got := c.LeavingDay(tc.given); !got.Equal(tc.want) {
			t.Errorf("notice on %s: %s, want %s", tc.given.Format("2006-01-02"), got.Format("2006-01-02"), tc.want.Format("2006-01-02"))
		}
	}
	c.YearStartMonth, c.NoticeMonths = 7, 24
	if got := c.LeavingDay(day(2026, 3, 2)); !got.Equal(day(2028, 6, 30)) {
		t.Errorf("July year, two years: %s", got)
	}
}

func TestProfileThroughPagesAndAPI(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		page := e.Client(t).Get("/coops/" + e.Coop.ID)
		apptest.WantStatus(t, "public page", page.Status, http.StatusOK, page.Body)
		apptest.Contains(t, "public page", page.Body, "Brückenbau eG", "Wir bauen Brücken.", "100,00\u00a0€")
		apptest.Lacks(t, "public page", page.Body, "Olga Orlova", "Hafenstraße", "/members")
		apptest.Contains(t, "list", e.Client(t).Get("/coops").Body, "Brückenbau eG")

		form := apptest.Form("stage", "founded", "country", "DE", "share_price", "abc", "min_payment", "10", "shares_required", "1",
			"max_shares", "20", "multiple_votes", "5", "notice_months", "3", "year_start_month", "1", "purpose", "Neu <b>")
		res := e.Olga.Web.Post("/coops/"+e.Coop.ID+"/edit", form)
		apptest.WantStatus(t, "bad edit", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "bad edit", res.Body, `id="f-share_price-error"`, `id="f-multiple_votes-error"`, `>Neu &lt;b&gt;</textarea>`)
		form.Set("share_price", "50,00")
		form.Set("multiple_votes", "3")
		res = e.Olga.Web.Post("/coops/"+e.Coop.ID+"/edit", form)
		apptest.WantStatus(t, "edit", res.Status, http.StatusSeeOther, res.Body)
		apptest.Contains(t, "edited", e.Client(t).Get("/coops/"+e.Coop.ID).Body, "50,00\u00a0€")
		for _, p := range []*apptest.Person{e.Rita, e.Mia} {
			if res := p.Web.Post("/coops/"+e.Coop.ID+"/edit", form); res.Status != http.StatusForbidden {
				t.Errorf("%s edits: %d", p.Email, res.Status)
			}
			if st, _ := p.API(t, http.MethodPatch, "/api/v1/coops/"+e.Coop.ID, json.RawMessage(`{"purpose":"Gekapert"}`)); st != http.StatusForbidden {
				t.Errorf("%s patches: %d", p.Email, st)
			}
		}
		if res := e.Client(t).Post("/coops/"+e.Coop.ID+"/edit", form); res.Status != http.StatusUnauthorized {
			t.Errorf("visitor edits: %d", res.Status)
		}
		st, out := e.Olga.API(t, http.MethodPatch, "/api/v1/coops/"+e.Coop.ID, json.RawMessage(`{"purpose":"Neu","multiple_votes":2}`))
		if st != http.StatusOK || out["purpose"] != "Neu" || out["multiple_votes"] != float64(2) || out["share_price_cents"] != float64(5000) {
			t.Errorf("patch: %d %v", st, out)
		}
		st, out = e.API(t, "", http.MethodGet, "/api/v1/coops/"+e.Coop.ID, nil)
		if st != http.StatusOK || out["name"] != "Brückenbau eG" {
			t.Errorf("read: %d %v", st, out)
		}
		st, out = e.Olga.API(t, http.MethodPatch, "/api/v1/coops/"+e.Coop.ID, json.RawMessage(`{"multiple_votes":4}`))
		if st != http.StatusUnprocessableEntity {
			t.Errorf("four votes: %d %v", st, out)
		}
	})
}
