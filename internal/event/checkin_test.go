package event_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/event"
	"teilhabe.org/teilhabe/internal/organization"
)

func TestCheckInAtTheDoorByListAndByCode(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		d := e.draft()
		d.Registration, d.Capacity = true, 3
		ev := e.create(t, e.Olga, d)
		ana, ben, cem := e.NewPerson(t, "ana", auth.Member), e.NewPerson(t, "ben", auth.Member), e.NewPerson(t, "cem", auth.Member)
		page := "/events/" + ev.ID
		for _, p := range []*apptest.Person{ana, ben, e.Mia, cem} {
			res := p.Web.Post(page+"/register", nil)
			apptest.WantStatus(t, p.Email+" registers", res.Status, http.StatusSeeOther, res.Body)
		}
		anaClaim, _ := e.Events.ClaimOf(ctx, ana.ID, ev)
		benClaim, _ := e.Events.ClaimOf(ctx, ben.ID, ev)
		code := event.CheckinCode(benClaim.ID)
		if len(code) != 6 || code == event.CheckinCode(anaClaim.ID) {
			t.Fatalf("codes %q %q", code, event.CheckinCode(anaClaim.ID))
		}
		apptest.Contains(t, "confirmation", ben.Web.Get(page).Body, "Dein Code für den Einlass:", code)
		apptest.Lacks(t, "waiting", cem.Web.Get(page).Body, "Dein Code für den Einlass:")

		// Before the day, nobody is checked in.
		if _, _, err := e.Events.CheckIn(ctx, e.Olga.Identity(), ev.ID, "", anaClaim.ID, ""); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("check-in before the day: %v", err)
		}
		e.Clock.Set(at(2026, 3, 10, 17, 45))
		list := e.Rolf.Web.Get(page + "/checkin").Body
		apptest.Contains(t, "list at the door", list, "Ana", "Ben", "Einchecken: Ana")
		apptest.Lacks(t, "list at the door", list, "Cem") // waiting
		res := e.Rolf.Web.Post(page+"/checkin", url.Values{"registration": {anaClaim.ID}})
		apptest.WantStatus(t, "check in ana", res.Status, http.StatusOK, res.Body)
		apptest.Contains(t, "after ana", res.Body, "Ana ist eingecheckt.")
		res = e.Rolf.Web.Post(page+"/checkin", url.Values{"code": {"ZZZZZZ"}})
		apptest.WantStatus(t, "a wrong code", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "a wrong code", res.Body, "Zu diesem Code gibt es keine Anmeldung für diesen Termin.", `value="ZZZZZZ"`)
		res = e.Rolf.Web.Post(page+"/checkin", url.Values{"code": {strings.ToLower(code[:3]) + " " + code[3:]}})
		apptest.WantStatus(t, "check in ben by code", res.Status, http.StatusOK, res.Body)
		apptest.Contains(t, "after ben", res.Body, "Ben ist eingecheckt.")
		cemClaim, _ := e.Events.ClaimOf(ctx, cem.ID, ev)
		status, out := e.Olga.API(t, http.MethodPost, "/api/v1/events/"+ev.ID+"/registrations/"+cemClaim.ID+"/checkin", nil)
		if status != http.StatusConflict {
			t.Errorf("checking in somebody waiting: %d %v", status, out)
		}
		status, out = e.Olga.API(t, http.MethodPost, "/api/v1/events/"+ev.ID+"/registrations/"+benClaim.ID+"/checkin", nil)
		if status != http.StatusOK || out["status"] != "checked_in" {
			t.Errorf("checking in twice through the API: %d %v", status, out)
		}

		// After the event, who did not come is a no-show.
		e.Clock.Set(at(2026, 3, 11, 9, 0))
		status, list2 := e.Olga.API(t, http.MethodGet, "/api/v1/events/"+ev.ID+"/registrations", nil)
		if status != http.StatusOK {
			t.Fatalf("participants: %d", status)
		}
		apptest.Contains(t, "statuses", fmtJSON(t, list2), `"name":"Ana"`, `"status":"checked_in"`, `"name":"Mia"`, `"status":"no_show"`)
	})
}

func TestCheckInRefusedToOthers(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		d := e.draft()
		d.Registration = true
		ev := e.create(t, e.Olga, d)
		ana := e.NewPerson(t, "ana", auth.Member)
		c, err := e.Events.Register(ctx, ana.Identity(), ev.ID)
		if err != nil {
			t.Fatal(err)
		}
		e.Clock.Set(at(2026, 3, 10, 17, 45))
		if res := e.Olga.Web.Post("/organizations/"+e.OrgID+"/members/"+e.Rolf.ID+"/remove", nil); res.Status != http.StatusSeeOther {
			t.Fatalf("remove rolf: %d", res.Status)
		}
		page := "/events/" + ev.ID
		apiPath := "/api/v1/events/" + ev.ID + "/registrations/" + c.ID + "/checkin"
		for _, p := range []*apptest.Person{e.Mia, e.Rolf, ana} {
			for _, path := range []string{page + "/checkin", page + "/participants.csv"} {
				if res := p.Web.Get(path); res.Status != http.StatusForbidden {
					t.Errorf("%s GET %s: %d", p.Email, path, res.Status)
				}
			}
			if res := p.Web.Post(page+"/checkin", url.Values{"registration": {c.ID}}); res.Status != http.StatusForbidden {
				t.Errorf("%s checks in on the page: %d", p.Email, res.Status)
			}
			if status, _ := p.API(t, http.MethodPost, apiPath, nil); status != http.StatusForbidden {
				t.Errorf("%s checks in through the API: %d", p.Email, status)
			}
		}
		visitor := e.Client(t)
		for _, path := range []string{page + "/checkin", page + "/participants.csv"} {
			if res := visitor.Get(path); res.Status == http.StatusOK {
				t.Errorf("a visitor GET %s", path)
			}
		}
		if res := visitor.Post(page+"/checkin", url.Values{"registration": {c.ID}}); res.Status == http.StatusOK {
			t.Error("a visitor checks in")
		}
		if status, _ := e.API(t, "", http.MethodPost, apiPath, nil); status != http.StatusUnauthorized {
			t.Errorf("a visitor through the API: %d", status)
		}
		status, list := e.Olga.API(t, http.MethodGet, "/api/v1/events/"+ev.ID+"/registrations", nil)
		if status != http.StatusOK || strings.Contains(fmtJSON(t, list), "checked_in") {
			t.Errorf("after the refusals: %d %v", status, list)
		}
	})
}

func TestParticipantsCSVSharesOnlyAgreedAddresses(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		d := e.draft()
		d.Registration, d.Capacity = true, 5
		ev := e.create(t, e.Olga, d)
		ana, ben := e.NewPerson(t, "ana", auth.Member), e.NewPerson(t, "ben", auth.Member)
		page := "/events/" + ev.ID
		apptest.Contains(t, "form", ana.Web.Get(page).Body, "Die Veranstaltenden dürfen meine E-Mail-Adresse sehen.")
		res := ana.Web.Post(page+"/register", url.Values{"share_contact": {"1"}})
		apptest.WantStatus(t, "ana", res.Status, http.StatusSeeOther, res.Body)
		res = ben.Web.Post(page+"/register", nil)
		apptest.WantStatus(t, "ben", res.Status, http.StatusSeeOther, res.Body)
		res = e.Rolf.Web.Get(page + "/participants.csv")
		apptest.WantStatus(t, "csv", res.Status, http.StatusOK, res.Body)
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/csv") {
			t.Errorf("Content-Type %q", ct)
		}
		apptest.Contains(t, "csv", res.Body, "Name", "Ana", ana.Email, "Ben")
		apptest.Lacks(t, "csv", res.Body, ben.Email)
		apptest.Contains(t, "page", e.Rolf.Web.Get(page+"/participants").Body, ana.Email)
		apptest.Lacks(t, "page", e.Rolf.Web.Get(page+"/participants").Body, ben.Email)
	})
}

func TestRegisterForAnOrganisationWaitsWhole(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		d := e.draft()
		d.Registration, d.Capacity = true, 4
		ev := e.create(t, e.Olga, d)
		ana := e.NewPerson(t, "ana", auth.Member)
		if _, err := e.Events.Register(ctx, ana.Identity(), ev.ID); err != nil {
			t.Fatal(err)
		}
		other, err := e.Orgs.Create(ctx, e.Mia.ID, organization.Profile{Name: "Nachbarschaftshilfe", Kind: "initiative"})
		if err != nil {
			t.Fatal(err)
		}
		page := "/events/" + ev.ID
		apptest.Contains(t, "form", e.Mia.Web.Get(page).Body, "Nachbarschaftshilfe", `name="places"`)
		// Four places for Mia's organisation do not fit: the whole registration waits.
		res := e.Mia.Web.Post(page+"/register", url.Values{"organization_id": {other.ID}, "places": {"4"}})
		apptest.WantStatus(t, "four places", res.Status, http.StatusSeeOther, res.Body)
		c, _ := e.Events.ClaimOf(ctx, e.Mia.ID, ev)
		if c.Status != capacity.Waiting || c.Places != 4 {
			t.Errorf("mia's organisation: %+v", c)
		}
		// Places without an organisation, or for one the person is not in,
		// are refused with what was typed kept.
		res = e.Rolf.Web.Post(page+"/register", url.Values{"places": {"3"}})
		apptest.WantStatus(t, "places without organisation", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "places without organisation", res.Body, `value="3"`)
		if _, err := e.Events.RegisterWith(ctx, e.Rolf.Identity(), ev.ID, event.Registration{OrganizationID: other.ID, Places: 2}); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("an organisation rolf is not in: %v", err)
		}
		// When ana cancels, all four places are free and it moves up whole.
		if err := e.Events.CancelRegistration(ctx, ana.Identity(), ev.ID); err != nil {
			t.Fatal(err)
		}
		if c, _ := e.Events.ClaimOf(ctx, e.Mia.ID, ev); c.Status != capacity.Registered {
			t.Errorf("mia's organisation after ana cancelled: %+v", c)
		}
		status, list := e.Olga.API(t, http.MethodGet, "/api/v1/events/"+ev.ID+"/registrations", nil)
		apptest.Contains(t, "participants", fmtJSON(t, list), `"organization":"Nachbarschaftshilfe"`, `"places":4`)
		if status != http.StatusOK {
			t.Errorf("participants: %d", status)
		}
	})
}

func TestSelfDeclarationOnlyAsARoundedShareAfterRegistrationClosed(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		d := e.draft()
		d.Registration = true
		ev := e.create(t, e.Olga, d)
		page := "/events/" + ev.ID
		answers := []string{"yes", "yes", "yes", "no", "no", "no", "no", "unsaid", "no", ""}
		for i, a := range answers {
			p := e.NewPerson(t, fmt.Sprintf("p%d", i), auth.Member)
			res := p.Web.Post(page+"/register", url.Values{"declaration": {a}})
			apptest.WantStatus(t, "register", res.Status, http.StatusSeeOther, res.Body)
		}
		const figure = "der 10 Antwortenden"
		e.Clock.Set(at(2026, 3, 10, 19, 0))
		// Nine answered: not shown.
		apptest.Lacks(t, "nine answers", e.Client(t).Get(page).Body, "Antwortenden")
		e.Clock.Set(at(2026, 3, 9, 12, 0))
		p := e.NewPerson(t, "last", auth.Member)
		if _, err := e.Events.RegisterWith(ctx, p.Identity(), ev.ID, event.Registration{Declaration: "yes"}); err != nil {
			t.Fatal(err)
		}
		apptest.Lacks(t, "while open", e.Client(t).Get(page).Body, figure)
		e.Clock.Set(at(2026, 3, 10, 19, 0))
		// 4 of 10: 40 %.
		apptest.Contains(t, "after the start", e.Client(t).Get(page).Body, "40 % der 10 Antwortenden")
		if _, err := e.Events.RegisterWith(ctx, p.Identity(), ev.ID, event.Registration{Declaration: "maybe"}); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("an unknown answer: %v", err)
		}
	})
}

func TestMessageAllParticipantsInTheirLanguage(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		d := e.draft()
		d.Registration, d.Capacity = true, 1
		ev := e.create(t, e.Olga, d)
		ana := e.NewPersonLang(t, "ana", auth.Member, "uk")
		if _, err := e.Events.Register(ctx, ana.Identity(), ev.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.Events.Register(ctx, e.Mia.Identity(), ev.ID); err != nil { // waits
			t.Fatal(err)
		}
		page := "/events/" + ev.ID + "/message"
		apptest.Contains(t, "page", e.Rolf.Web.Get(page).Body, "An alle Teilnehmenden schreiben")
		res := e.Rolf.Web.Post(page, url.Values{"text": {"  "}})
		apptest.WantStatus(t, "empty", res.Status, http.StatusUnprocessableEntity, res.Body)
		res = e.Rolf.Web.Post(page, url.Values{"text": {"Bitte bringt Hausschuhe mit.\n\nDer Raum ist im 2. Stock."}})
		apptest.WantStatus(t, "send", res.Status, http.StatusSeeOther, res.Body)
		mails := e.Outbox(t, ana.Email)
		if len(mails) != 1 || mails[0].Lang != "uk" || !strings.Contains(mails[0].Subject, "Повідомлення щодо") ||
			!strings.Contains(mails[0].Text, "Bitte bringt Hausschuhe mit.") || !strings.Contains(mails[0].Text, "im 2. Stock") {
			t.Errorf("mails to ana: %+v", mails)
		}
		if n := e.MailCount(t, e.Mia.Email); n != 1 {
			t.Errorf("%d mails to mia, who waits", n)
		}
		status, out := e.Olga.API(t, http.MethodPost, "/api/v1/events/"+ev.ID+"/messages", map[string]any{"text": "Bis morgen!"})
		if status != http.StatusOK || out["recipients"] != float64(2) {
			t.Errorf("through the API: %d %v", status, out)
		}

		// Nobody else writes to them.
		if res := e.Olga.Web.Post("/organizations/"+e.OrgID+"/members/"+e.Rolf.ID+"/remove", nil); res.Status != http.StatusSeeOther {
			t.Fatalf("remove rolf: %d", res.Status)
		}
		for _, p := range []*apptest.Person{e.Mia, e.Rolf, ana} {
			if res := p.Web.Get(page); res.Status != http.StatusForbidden {
				t.Errorf("%s sees the page: %d", p.Email, res.Status)
			}
			if res := p.Web.Post(page, url.Values{"text": {"Spam"}}); res.Status != http.StatusForbidden {
				t.Errorf("%s writes: %d", p.Email, res.Status)
			}
			if status, _ := p.API(t, http.MethodPost, "/api/v1/events/"+ev.ID+"/messages", map[string]any{"text": "Spam"}); status != http.StatusForbidden {
				t.Errorf("%s writes through the API: %d", p.Email, status)
			}
		}
		if res := e.Client(t).Post(page, url.Values{"text": {"Spam"}}); res.Status == http.StatusSeeOther {
			t.Error("a visitor writes")
		}
		if status, _ := e.API(t, "", http.MethodPost, "/api/v1/events/"+ev.ID+"/messages", map[string]any{"text": "Spam"}); status != http.StatusUnauthorized {
			t.Errorf("a visitor through the API: %d", status)
		}
		if n := e.MailCount(t, ana.Email); n != 2 {
			t.Errorf("%d mails to ana", n)
		}
	})
}
