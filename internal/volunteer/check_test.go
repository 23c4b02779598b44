package volunteer_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/volunteer"
)

// TestCheckRequiredSlotOpensWithAValidCheck: a volunteer without a valid
// check cannot take a slot that requires one, and can once a check is
// recorded; a relevant conviction or an expired check closes it again.
func TestCheckRequiredSlotOpensWithAValidCheck(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		sh := e.plan(t, e.Olga, e.draft())[0]
		childcare := sh.Slots[1]
		take := func(p *apptest.Person) error {
			_, err := e.Vol.Take(ctx, p.Identity(), sh.ID, childcare.ID, false)
			return err
		}
		apptest.WantCode(t, "without a check", take(e.Mia), apperr.Forbidden)
		checks := "/organizations/" + e.OrgID + "/background-checks"
		// Only volunteers on the roster get a record, and only from the
		// organisation's planners.
		res := e.Olga.Web.Post(checks, apptest.Form("user_id", e.Mia.ID, "issued_on", "01.02.2026", "seen_on", "10.02.2026",
			"conviction", "no"))
		apptest.WantStatus(t, "not on the roster", res.Status, http.StatusUnprocessableEntity, res.Body)
		for _, p := range []*apptest.Person{e.Mia, e.Wanda} {
			if _, err := e.Vol.Join(ctx, p.Identity(), e.OrgID); err != nil {
				t.Fatal(err)
			}
		}
		if res := e.Otto.Web.Post(checks, apptest.Form("user_id", e.Mia.ID, "issued_on", "01.02.2026", "seen_on", "10.02.2026",
			"conviction", "no")); !refused(res) {
			t.Errorf("another organisation records a check: %d", res.Status)
		}
		if status, _ := e.Mia.API(t, "GET", "/api/v1/organizations/"+e.OrgID+"/background-checks", nil); status != http.StatusForbidden {
			t.Errorf("a volunteer reads the check records: %d", status)
		}
		res = e.Olga.Web.Post(checks, apptest.Form("user_id", e.Mia.ID, "issued_on", "01.02.2026", "seen_on", "10.01.2026"))
		apptest.WantStatus(t, "wrong form", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "wrong form", res.Body, "Bitte wähle Ja oder Nein.")
		res = e.Olga.Web.Post(checks, apptest.Form("user_id", e.Mia.ID, "issued_on", "01.02.2026", "seen_on", "10.02.2026",
			"conviction", "no", "valid_years", "5"))
		apptest.WantStatus(t, "record", res.Status, http.StatusSeeOther, res.Body)
		if err := take(e.Mia); err != nil {
			t.Errorf("with a valid check: %v", err)
		}
		status, out := e.Rolf.API(t, "POST", "/api/v1/organizations/"+e.OrgID+"/background-checks", map[string]any{
			"user_id": e.Wanda.ID, "issued_on": "2026-02-01", "seen_on": "2026-02-10", "conviction": true})
		if status != http.StatusCreated || out["valid"] != false {
			t.Fatalf("record a conviction: %d %v", status, out)
		}
		apptest.WantCode(t, "with a conviction", take(e.Wanda), apperr.Forbidden)
		page := e.Olga.Web.Get(checks).Body
		apptest.Contains(t, "records", page, "Mia", "01.02.2031", "nicht für solche Aufgaben")

		// A check that runs out before the shift ends does not count.
		d := e.draft()
		d.Start, d.End = at(2031, 1, 31, 17, 0), at(2031, 2, 1, 1, 0)
		e.Clock.Set(at(2031, 1, 1, 9, 0))
		late := e.plan(t, e.Olga, d)[0]
		_, err := e.Vol.Take(ctx, e.Mia.Identity(), late.ID, late.Slots[1].ID, false)
		apptest.WantCode(t, "check runs out during the shift", err, apperr.Forbidden)
	})
}

// TestCheckReminderEightWeeksAhead: the volunteer and the organisation are
// reminded once, eight weeks before the check runs out.
func TestCheckReminderEightWeeksAhead(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		e.plan(t, e.Rolf, e.draft()) // Rolf plans for the organisation
		if _, err := e.Vol.Join(ctx, e.Mia.Identity(), e.OrgID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Vol.RecordCheck(ctx, e.Olga.Identity(), e.OrgID, volunteer.CheckInput{UserID: e.Mia.ID,
			IssuedOn: at(2021, 6, 1, 0, 0), SeenOn: at(2021, 6, 3, 0, 0)}); err != nil {
			t.Fatal(err)
		}
		reminders := func(p *apptest.Person) int {
			n := 0
			for _, m := range e.Outbox(t, p.Email) {
				if strings.Contains(m.Subject, "Führungszeugnis") {
					n++
				}
			}
			return n
		}
		run := func() {
			t.Helper()
			if err := e.P.App.Jobs.RunDue(ctx); err != nil {
				t.Fatal(err)
			}
		}
		// Valid until 1 June 2026: eight weeks before is 6 April.
		e.Clock.Set(at(2026, 4, 5, 12, 0))
		run()
		if n := reminders(e.Mia); n != 0 {
			t.Fatalf("reminded more than eight weeks ahead: %d", n)
		}
		e.Clock.Set(at(2026, 4, 6, 12, 0))
		run()
		e.Clock.Advance(7 * time.Hour)
		run()
		for _, p := range []*apptest.Person{e.Mia, e.Olga, e.Rolf} {
			if n := reminders(p); n != 1 {
				t.Errorf("%s: %d reminders, want 1", p.Email, n)
			}
		}
		if n := reminders(e.Wanda); n != 0 {
			t.Errorf("a stranger reminded: %d", n)
		}
		m := e.Outbox(t, e.Mia.Email)
		if last := m[len(m)-1]; !strings.Contains(last.Text, "01.06.2026") {
			t.Errorf("reminder text: %s", last.Text)
		}
	})
}

// TestCheckRecordForgottenThreeMonthsAfterTheLastActivity: once the
// volunteer's roster entry ended and three months passed, the record is
// deleted; an active volunteer's stays.
func TestCheckRecordForgottenThreeMonthsAfterTheLastActivity(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		for _, p := range []*apptest.Person{e.Mia, e.Wanda} {
			if _, err := e.Vol.Join(ctx, p.Identity(), e.OrgID); err != nil {
				t.Fatal(err)
			}
			if _, err := e.Vol.RecordCheck(ctx, e.Olga.Identity(), e.OrgID, volunteer.CheckInput{UserID: p.ID,
				IssuedOn: at(2026, 2, 1, 0, 0), SeenOn: at(2026, 2, 3, 0, 0)}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := e.Vol.SetStatus(ctx, e.Mia.Identity(), e.OrgID, e.Mia.ID, volunteer.Ended); err != nil {
			t.Fatal(err)
		}
		run := func() {
			t.Helper()
			if err := e.P.App.Jobs.RunDue(ctx); err != nil {
				t.Fatal(err)
			}
		}
		e.Clock.Set(at(2026, 5, 25, 12, 0))
		run()
		if n := e.countWhere(t, "volunteer_checks", "organization_id", e.OrgID); n != 2 {
			t.Fatalf("%d records before three months passed, want 2", n)
		}
		e.Clock.Set(at(2026, 6, 3, 12, 0))
		run()
		if n := e.countWhere(t, "volunteer_checks", "user_id", e.Mia.ID); n != 0 {
			t.Errorf("the ended volunteer's record is kept")
		}
		if n := e.countWhere(t, "volunteer_checks", "user_id", e.Wanda.ID); n != 1 {
			t.Errorf("the active volunteer's record is gone")
		}
	})
}
