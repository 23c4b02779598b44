package volunteer_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
)

func TestTakeUntilFullAndLeave(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		sh := e.plan(t, e.Olga, e.draft())[0]
		kitchen := sh.Slots[0]
		page := "/shifts/" + sh.ID
		take := page + "/slots/" + kitchen.ID + "/take"
		res := e.Mia.Web.Post(take, apptest.Form("show_name", "1"))
		apptest.WantStatus(t, "mia takes", res.Status, http.StatusSeeOther, res.Body)
		res = e.Wanda.Web.Post(take, nil)
		apptest.WantStatus(t, "wanda takes", res.Status, http.StatusSeeOther, res.Body)
		otto := e.NewPerson(t, "ottilie", auth.Member)
		res = otto.Web.Post(take, nil)
		apptest.WantStatus(t, "a third takes a full slot", res.Status, http.StatusConflict, res.Body)
		apptest.Contains(t, "full", res.Body, "Diese Aufgabe ist schon voll besetzt.")
		res = e.Mia.Web.Post(take, nil)
		apptest.WantStatus(t, "mia again", res.Status, http.StatusConflict, res.Body)

		// Wanda hid her name: other helpers and visitors see Mia's only;
		// the planners see both.
		for _, viewer := range []*apptest.Client{e.Mia.Web, otto.Web, e.Client(t)} {
			body := viewer.Get(page).Body
			apptest.Contains(t, "public page", body, "Mia", "eine helfende Person", "2 von 2 Plätzen besetzt")
			apptest.Lacks(t, "public page", body, "Wanda")
		}
		apptest.Contains(t, "wanda's own view", e.Wanda.Web.Get(page).Body, "Wanda", "Du bist hier eingetragen.")
		apptest.Contains(t, "planner", e.Rolf.Web.Get(page).Body, "Mia", "Wanda")
		_, raw := e.APIRaw(t, "", "GET", "/api/v1/shifts/"+sh.ID, nil)
		if b := string(raw); strings.Contains(b, "Wanda") || !strings.Contains(b, "Mia") {
			t.Errorf("public API shows %s", b)
		}

		// Leaving early needs no reason and tells nobody.
		leave := page + "/slots/" + kitchen.ID + "/leave"
		apptest.WantStatus(t, "leave page", e.Wanda.Web.Get(leave).Status, http.StatusOK, "")
		res = e.Wanda.Web.Post(leave, nil)
		apptest.WantStatus(t, "wanda leaves", res.Status, http.StatusSeeOther, res.Body)
		res = otto.Web.Post(take, nil)
		apptest.WantStatus(t, "the place is free again", res.Status, http.StatusSeeOther, res.Body)
		if n := e.MailCount(t, e.Olga.Email); n != 0 {
			t.Errorf("%d mails to the owner for an early leave", n)
		}
		if res := e.Wanda.Web.Get(leave); res.Status != http.StatusNotFound {
			t.Errorf("leave page without a place: %d", res.Status)
		}
	})
}

func TestLeaveLateAsksForAReasonAndTellsTheOrganisation(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		sh := e.plan(t, e.Rolf, e.draft())[0]
		kitchen := sh.Slots[0]
		if _, err := e.Vol.Take(ctx, e.Mia.Identity(), sh.ID, kitchen.ID, false); err != nil {
			t.Fatal(err)
		}
		e.Clock.Set(sh.Start.Add(-23 * time.Hour))
		leave := "/shifts/" + sh.ID + "/slots/" + kitchen.ID + "/leave"
		apptest.Contains(t, "leave page", e.Mia.Web.Get(leave).Body, "Grund", "Die Schicht beginnt bald.")
		res := e.Mia.Web.Post(leave, apptest.Form("reason", "  "))
		apptest.WantStatus(t, "no reason", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "no reason", res.Body, "Bitte sag der Organisation kurz, warum")
		res = e.Mia.Web.Post(leave, apptest.Form("reason", "Mein Kind ist krank."))
		apptest.WantStatus(t, "with a reason", res.Status, http.StatusSeeOther, res.Body)
		for _, p := range []*apptest.Person{e.Olga, e.Rolf} {
			var told []apptest.Mail
			for _, m := range e.Outbox(t, p.Email) {
				if strings.HasPrefix(m.Subject, "Kurzfristig abgesagt") {
					told = append(told, m)
				}
			}
			if len(told) != 1 || told[0].Subject != "Kurzfristig abgesagt: „Küche“ in „Abenddienst“" ||
				!strings.Contains(told[0].Text, "Mein Kind ist krank.") {
				t.Errorf("mails to %s: %+v", p.Email, told)
			}
		}
		// Once the shift has begun, nobody takes or leaves.
		e.Clock.Set(sh.Start.Add(time.Minute))
		_, err := e.Vol.Take(ctx, e.Wanda.Identity(), sh.ID, kitchen.ID, false)
		apptest.WantCode(t, "take after the start", err, apperr.Conflict)
	})
}

func TestOverlappingSlotsRefused(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		evening := e.plan(t, e.Olga, e.draft())[0]
		d := e.draft()
		d.Title, d.Start, d.End = "Spätdienst", at(2026, 3, 4, 19, 30), at(2026, 3, 4, 23, 0)
		late := e.plan(t, e.Olga, d)[0]
		d.Title, d.Start, d.End = "Frühdienst", at(2026, 3, 4, 14, 0), at(2026, 3, 4, 17, 0)
		early := e.plan(t, e.Olga, d)[0]
		if _, err := e.Vol.Take(ctx, e.Mia.Identity(), evening.ID, evening.Slots[0].ID, false); err != nil {
			t.Fatal(err)
		}
		res := e.Mia.Web.Post("/shifts/"+late.ID+"/slots/"+late.Slots[0].ID+"/take", nil)
		apptest.WantStatus(t, "overlapping", res.Status, http.StatusConflict, res.Body)
		apptest.Contains(t, "overlapping", res.Body, "Du hast zu dieser Zeit schon einen Platz in einer anderen Schicht.",
			`href="/shifts/`+evening.ID+`"`, "Abenddienst")
		// Another slot of the same shift overlaps too.
		_, err := e.Vol.Take(ctx, e.Mia.Identity(), evening.ID, evening.Slots[1].ID, false)
		apptest.WantCode(t, "second slot of the shift", err, apperr.Forbidden) // needs a check first
		// A shift that ends when the other starts does not overlap.
		if _, err := e.Vol.Take(ctx, e.Mia.Identity(), early.ID, early.Slots[0].ID, false); err != nil {
			t.Errorf("adjacent shift: %v", err)
		}
		status, out := e.Mia.API(t, "POST", "/api/v1/shifts/"+late.ID+"/slots/"+late.Slots[0].ID+"/take", map[string]any{})
		if status != http.StatusConflict || !strings.Contains(out["detail"].(string), "anderen Schicht") {
			t.Errorf("API overlap: %d %v", status, out)
		}
	})
}

func TestCheckRequiredSlotClosedWithoutCheck(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		sh := e.plan(t, e.Olga, e.draft())[0]
		res := e.Mia.Web.Post("/shifts/"+sh.ID+"/slots/"+sh.Slots[1].ID+"/take", nil)
		apptest.WantStatus(t, "check required", res.Status, http.StatusForbidden, res.Body)
		apptest.Contains(t, "check required", res.Body, "erweitertes Führungszeugnis")
	})
}

func TestCalendarFeedHasTakenSlots(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		sh := e.plan(t, e.Olga, e.draft())[0]
		if _, err := e.Vol.Take(ctx, e.Mia.Identity(), sh.ID, sh.Slots[0].ID, false); err != nil {
			t.Fatal(err)
		}
		entries, err := e.Vol.CalendarEntries(ctx, e.Mia.ID, at(2026, 3, 1, 0, 0), at(2026, 4, 1, 0, 0))
		if err != nil || len(entries) != 1 || entries[0].Summary != "Küche – Abenddienst" ||
			!entries[0].Start.Equal(sh.Start) || entries[0].Location != "Lindenstraße 12" {
			t.Fatalf("entries %+v, %v", entries, err)
		}
		if err := e.Vol.Leave(ctx, e.Mia.Identity(), sh.ID, sh.Slots[0].ID, ""); err != nil {
			t.Fatal(err)
		}
		if entries, _ := e.Vol.CalendarEntries(ctx, e.Mia.ID, at(2026, 3, 1, 0, 0), at(2026, 4, 1, 0, 0)); len(entries) != 0 {
			t.Errorf("left slot still in the calendar: %+v", entries)
		}
	})
}

func TestOrganisationWritesToAllHelpers(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		sh := e.plan(t, e.Olga, e.draft())[0]
		page := "/shifts/" + sh.ID
		res := e.Rolf.Web.Post(page+"/message", apptest.Form("message", "Bitte Hausschuhe mitbringen."))
		apptest.WantStatus(t, "nobody to tell", res.Status, http.StatusConflict, res.Body)
		for _, p := range []*apptest.Person{e.Mia, e.Wanda} {
			if _, err := e.Vol.Take(ctx, p.Identity(), sh.ID, sh.Slots[0].ID, false); err != nil {
				t.Fatal(err)
			}
		}
		apptest.Contains(t, "planner's page", e.Rolf.Web.Get(page).Body, "Allen Helfenden schreiben")
		apptest.Lacks(t, "helper's page", e.Mia.Web.Get(page).Body, "Allen Helfenden schreiben")
		for _, c := range []*apptest.Client{e.Mia.Web, e.Otto.Web, e.Client(t)} {
			if res := c.Post(page+"/message", apptest.Form("message", "Gekapert")); !refused(res) {
				t.Errorf("a non-planner writes to the helpers: %d", res.Status)
			}
		}
		res = e.Rolf.Web.Post(page+"/message", apptest.Form("message", "Bitte Hausschuhe mitbringen."))
		apptest.WantStatus(t, "message", res.Status, http.StatusSeeOther, res.Body)
		for _, p := range []*apptest.Person{e.Mia, e.Wanda} {
			m := e.Outbox(t, p.Email)
			if len(m) != 1 || m[0].Subject != "Nachricht zur Schicht „Abenddienst“" || !strings.Contains(m[0].Text, "Bitte Hausschuhe mitbringen.") {
				t.Errorf("mails to %s: %+v", p.Email, m)
			}
		}
		if n := e.MailCount(t, e.Otto.Email); n != 0 {
			t.Errorf("a stranger got %d mails", n)
		}
	})
}
