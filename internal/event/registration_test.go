package event_test

import (
	"net/http"
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/event"
)

// smallEvent is an online event with registration and two places.
func (e *env) smallEvent(t *testing.T) *event.Event {
	d := e.draft()
	d.PlaceKind, d.OnlineURL = event.Online, "https://meet.example.org/geheim"
	d.Registration, d.Capacity = true, 2
	return e.create(t, e.Olga, d)
}

func TestRegisterWaitAndMoveUpWithAMail(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		ev := e.smallEvent(t)
		ana, ben, cem := e.NewPerson(t, "ana", auth.Member), e.NewPerson(t, "ben", auth.Member), e.NewPerson(t, "cem", auth.Member)
		page := "/events/" + ev.ID
		for _, p := range []*apptest.Person{ana, ben, cem} {
			res := p.Web.Post(page+"/register", nil)
			apptest.WantStatus(t, p.Email+" registers", res.Status, http.StatusSeeOther, res.Body)
		}
		if res := ana.Web.Post(page+"/register", nil); res.Status != http.StatusConflict {
			t.Errorf("registering twice: %d", res.Status)
		}
		apptest.Contains(t, "registered", ana.Web.Get(page).Body, "Du bist angemeldet.", "https://meet.example.org/geheim",
			"2 von 2 Plätzen vergeben.", "1 auf der Warteliste.")
		waiting := cem.Web.Get(page).Body
		apptest.Contains(t, "waiting", waiting, "Warteliste (Platz 1)")
		apptest.Lacks(t, "waiting", waiting, "meet.example.org")

		// The cancel link opens a page; only its button cancels.
		apptest.WantStatus(t, "cancel page", ben.Web.Get(page+"/registration/cancel").Status, http.StatusOK, "")
		if c, ok := e.Events.ClaimOf(ctx, ben.ID, ev); !ok || c.Status != capacity.Registered {
			t.Fatalf("the page cancelled: %+v", c)
		}
		res := ben.Web.Post(page+"/registration/cancel", nil)
		apptest.WantStatus(t, "cancel", res.Status, http.StatusSeeOther, res.Body)
		if c, ok := e.Events.ClaimOf(ctx, cem.ID, ev); !ok || c.Status != capacity.Registered {
			t.Errorf("cem did not move up: %+v", c)
		}
		mails := e.Outbox(t, cem.Email)
		if len(mails) != 1 || mails[0].Subject != "Ein Platz ist frei: Du bist für „Sprachcafé Deutsch–Arabisch“ angemeldet" {
			t.Errorf("mails to cem: %+v", mails)
		}
		if n := e.MailCount(t, ana.Email); n != 0 {
			t.Errorf("%d mails to ana", n)
		}
		if res := ben.Web.Get(page + "/registration/cancel"); res.Status != http.StatusNotFound {
			t.Errorf("cancel page without a registration: %d", res.Status)
		}

		// Organisers see who comes; nobody else does.
		apptest.Contains(t, "participants", e.Rolf.Web.Get(page+"/participants").Body, "Ana", "Cem")
		for _, c := range []*apptest.Client{ana.Web, e.Mia.Web} {
			if res := c.Get(page + "/participants"); res.Status != http.StatusForbidden {
				t.Errorf("participants for a non-organiser: %d", res.Status)
			}
		}
		if res := e.Client(t).Get(page + "/participants"); res.Status == http.StatusOK {
			t.Error("participants for a visitor")
		}

		// More places move the waiting list up too.
		dan := e.NewPerson(t, "dan", auth.Member)
		dan.Web.Post(page+"/register", nil)
		if _, err := e.Events.Update(ctx, e.Olga.Identity(), ev.ID, func(d event.Draft) event.Draft { d.Capacity = 3; return d }); err != nil {
			t.Fatal(err)
		}
		if c, _ := e.Events.ClaimOf(ctx, dan.ID, ev); c.Status != capacity.Registered {
			t.Errorf("dan after more places: %+v", c)
		}
		if n := e.MailCount(t, dan.Email); n != 1 {
			t.Errorf("%d mails to dan", n)
		}
	})
}

func TestRegistrationOnlyWhileOpen(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		free := e.create(t, e.Olga, e.draft()) // no registration
		if _, err := e.Events.Register(ctx, e.Mia.Identity(), free.ID); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("event without registration: %v", err)
		}
		d := e.draft()
		d.Registration, d.RegOpens = true, ptr(at(2026, 3, 5, 0, 0))
		later := e.create(t, e.Olga, d)
		if _, err := e.Events.Register(ctx, e.Mia.Identity(), later.ID); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("before the window: %v", err)
		}
		apptest.Contains(t, "before the window", e.Mia.Web.Get("/events/"+later.ID).Body, "Die Anmeldung ist gerade nicht möglich.")
		e.Clock.Set(at(2026, 3, 6, 9, 0))
		if _, err := e.Events.Register(ctx, e.Mia.Identity(), later.ID); err != nil {
			t.Errorf("in the window: %v", err)
		}
		if _, err := e.Events.Cancel(ctx, e.Olga.Identity(), later.ID); err != nil {
			t.Fatal(err)
		}
		if mails := e.Outbox(t, e.Mia.Email); len(mails) != 1 || mails[0].Subject != "Abgesagt: „Sprachcafé Deutsch–Arabisch“" {
			t.Errorf("the cancellation mails to mia: %+v", mails)
		}
		if _, err := e.Events.Register(ctx, e.Rolf.Identity(), later.ID); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("cancelled event: %v", err)
		}
		if _, err := e.Events.Register(ctx, nil, later.ID); !apperr.Is(err, apperr.Unauthenticated) {
			t.Errorf("visitor: %v", err)
		}
	})
}

func TestErasureGivesThePlaceBack(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		d := e.draft()
		d.Registration, d.Capacity = true, 1
		ev := e.create(t, e.Olga, d)
		if _, err := e.Events.Register(ctx, e.Mia.Identity(), ev.ID); err != nil {
			t.Fatal(err)
		}
		ana := e.NewPerson(t, "ana", auth.Member)
		if c, err := e.Events.Register(ctx, ana.Identity(), ev.ID); err != nil || c.Status != capacity.Waiting {
			t.Fatalf("ana: %+v %v", c, err)
		}
		export, err := e.Events.UserData().Export(ctx, e.Mia.ID)
		if err != nil {
			t.Fatal(err)
		}
		apptest.Contains(t, "export", fmtJSON(t, export), `"registrations":[{"event_id":"`+ev.ID+`","date":"2026-03-10","status":"registered"`)
		if err := e.P.Accounts.Delete(ctx, e.Mia.ID, apptest.Password); err != nil {
			t.Fatal(err)
		}
		if c, ok := e.Events.ClaimOf(ctx, ana.ID, ev); !ok || c.Status != capacity.Registered {
			t.Errorf("ana after mia left: %+v", c)
		}
		if n := e.MailCount(t, ana.Email); n != 1 {
			t.Errorf("%d mails to ana", n)
		}
		var left int
		e.P.DB.QueryRowContext(ctx, "SELECT count(*) FROM capacity_claims WHERE holder = $1", e.Mia.ID).Scan(&left)
		if left != 0 {
			t.Errorf("%d claims of mia left", left)
		}
	})
}

func TestRegistrationsThroughTheAPI(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		d := e.draft()
		d.Registration, d.Capacity = true, 1
		ev := e.create(t, e.Olga, d)
		base := "/api/v1/events/" + ev.ID + "/registrations"
		status, mia := e.Mia.API(t, http.MethodPost, base, nil)
		if status != http.StatusCreated || mia["status"] != "registered" {
			t.Fatalf("mia registers: %d %v", status, mia)
		}
		ana := e.NewPerson(t, "ana", auth.Member)
		status, waiting := ana.API(t, http.MethodPost, base, nil)
		if status != http.StatusCreated || waiting["status"] != "waiting" || waiting["position"] != float64(1) {
			t.Fatalf("ana waits: %d %v", status, waiting)
		}
		if status, _ := ana.API(t, http.MethodPost, base, nil); status != http.StatusConflict {
			t.Errorf("registering twice: %d", status)
		}
		status, list := e.Rolf.API(t, http.MethodGet, base, nil)
		if status != http.StatusOK || fmtJSON(t, list["participants"]) == "[]" {
			t.Errorf("organisers' list: %d %v", status, list)
		}
		apptest.Contains(t, "participants", fmtJSON(t, list), `"name":"Mia"`, `"name":"Ana"`, `"position":1`, `"status":"waiting"`)
		if status, _ := ana.API(t, http.MethodGet, base, nil); status != http.StatusForbidden {
			t.Errorf("a participant lists the others: %d", status)
		}
		// Somebody else's registration is not there for ana.
		if status, _ := ana.API(t, http.MethodPost, base+"/"+mia["id"].(string)+"/cancel", nil); status != http.StatusNotFound {
			t.Errorf("ana cancels mia: %d", status)
		}
		status, out := e.Mia.API(t, http.MethodPost, base+"/"+mia["id"].(string)+"/cancel", nil)
		if status != http.StatusOK || out["status"] != "cancelled" {
			t.Errorf("mia cancels: %d %v", status, out)
		}
		if c, _ := e.Events.ClaimOf(ctx, ana.ID, ev); c.Status != capacity.Registered {
			t.Errorf("ana after mia cancelled: %+v", c)
		}
		// The organisers may cancel anybody's.
		if status, _ := e.Olga.API(t, http.MethodPost, base+"/"+waiting["id"].(string)+"/cancel", nil); status != http.StatusOK {
			t.Errorf("organiser cancels ana: %d", status)
		}
	})
}
