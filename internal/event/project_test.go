package event_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/event"
	"teilhabe.org/teilhabe/internal/organization"
)

// dayEnv is env with a volunteer day of Olga's organisation on Saturday
// 14 March 2026 from 10 to 16 o'clock, and a second organisation owned by
// Petra that offers projects too.
type dayEnv struct {
	*env
	Day    *event.Event
	OrgB   string
	Petra  *apptest.Person
	Xenia  *apptest.Person // a volunteer
	Walter *apptest.Person // another volunteer
}

func forEachDay(t *testing.T, fn func(t *testing.T, e *dayEnv)) {
	t.Helper()
	forEach(t, func(t *testing.T, e *env) { fn(t, newDay(t, e)) })
}

func newDay(t *testing.T, e *env) *dayEnv {
	t.Helper()
	d := &dayEnv{env: e, Petra: e.NewPerson(t, "petra", auth.Member), Xenia: e.NewPerson(t, "xenia", auth.Member),
		Walter: e.NewPerson(t, "walter", auth.Member)}
	o, err := e.Orgs.Create(ctx, d.Petra.ID, organization.Profile{Name: "Tafel Kassel-Nord", Kind: "initiative"})
	if err != nil {
		t.Fatal(err)
	}
	d.OrgB = o.ID
	draft := e.draft()
	draft.Title, draft.Kind = "Freiwilligentag Kassel", event.VolunteerDay
	draft.Description = "Viele kleine Aktionen in der ganzen Stadt."
	draft.Start, draft.End = at(2026, 3, 14, 10, 0), at(2026, 3, 14, 16, 0)
	d.Day = e.create(t, e.Olga, draft)
	return d
}

// project is a valid project of org from hour from to hour to on the day.
func (d *dayEnv) project(org, title string, from, to, helpers int) event.ProjectDraft {
	return event.ProjectDraft{OrganizationID: org, Title: title, Description: "Wir brauchen Hilfe.",
		Street: "Holländische Straße 5", Postcode: "34127", Place: "Kassel",
		Start: at(2026, 3, 14, from, 0), End: at(2026, 3, 14, to, 0), Capacity: helpers, Languages: []string{"de", "ar"}}
}

func (d *dayEnv) add(t *testing.T, who *apptest.Person, draft event.ProjectDraft) *event.Project {
	t.Helper()
	p, err := d.Events.CreateProject(ctx, who.Identity(), d.Day.ID, draft)
	if err != nil {
		t.Fatalf("add %s: %v", draft.Title, err)
	}
	return p
}

func (d *dayEnv) approve(t *testing.T, ps ...*event.Project) {
	t.Helper()
	for _, p := range ps {
		if _, _, err := d.Events.DecideProject(ctx, d.Olga.Identity(), d.Day.ID, p.ID, event.Approved); err != nil {
			t.Fatalf("approve %s: %v", p.Title, err)
		}
	}
}

func TestProjectsAreProposedApprovedAndOnlyThenPublic(t *testing.T) {
	forEachDay(t, func(t *testing.T, d *dayEnv) {
		garden := d.add(t, d.Petra, d.project(d.OrgB, "Gemeinschaftsgarten anlegen", 10, 12, 4))
		if garden.Status != event.Proposed {
			t.Fatalf("a new project is %s", garden.Status)
		}
		// Not public yet: visitors and other people are told it does not exist.
		if _, _, err := d.Events.Project(ctx, nil, d.Day.ID, garden.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("a visitor sees a proposed project: %v", err)
		}
		if _, ps, _ := d.Events.Projects(ctx, d.Mia.Identity(), d.Day.ID); len(ps) != 0 {
			t.Errorf("Mia sees %d projects", len(ps))
		}
		if _, _, err := d.Events.Project(ctx, d.Petra.Identity(), d.Day.ID, garden.ID); err != nil {
			t.Errorf("the offering organisation: %v", err)
		}
		// Only the day's organisers decide.
		_, _, err := d.Events.DecideProject(ctx, d.Petra.Identity(), d.Day.ID, garden.ID, event.Approved)
		apptest.WantCode(t, "approved by the offering organisation", err, apperr.Forbidden)
		if res := d.Client(t).Get("/events/" + d.Day.ID + "/projects/" + garden.ID); res.Status != http.StatusNotFound {
			t.Errorf("a visitor opens a proposed project: %d", res.Status)
		}

		res := d.Rolf.Web.Get("/events/" + d.Day.ID + "/projects")
		apptest.Contains(t, "the organisers' list", res.Body, "Warten auf Entscheidung", "Gemeinschaftsgarten anlegen", "/approve")
		res = d.Rolf.Web.Post("/events/"+d.Day.ID+"/projects/"+garden.ID+"/approve", url.Values{"next": {"/events/" + d.Day.ID + "/projects"}})
		apptest.WantStatus(t, "approve", res.Status, http.StatusSeeOther, res.Body)
		_, _, err = d.Events.DecideProject(ctx, d.Olga.Identity(), d.Day.ID, garden.ID, event.Declined)
		apptest.WantCode(t, "declining an approved project", err, apperr.Conflict)

		body := d.Client(t).Get("/events/" + d.Day.ID + "/projects").Body
		apptest.Contains(t, "the public list", body, "Gemeinschaftsgarten anlegen", "0 von 4 Helfenden angemeldet.")
		apptest.Lacks(t, "the public list", body, "/approve")
		apptest.Contains(t, "the day's page", d.Client(t).Get("/events/"+d.Day.ID).Body, "/events/"+d.Day.ID+"/projects")
		apptest.Contains(t, "search", d.Client(t).Get("/search?type=event&q=Gemeinschaftsgarten").Body,
			"/events/"+d.Day.ID+"/projects/"+garden.ID)

		cleanup := d.add(t, d.Rolf, d.project(d.OrgID, "Müll sammeln", 13, 15, 8))
		if _, _, err := d.Events.DecideProject(ctx, d.Cora.Identity(), d.Day.ID, cleanup.ID, event.Declined); err != nil {
			t.Fatalf("a coordinator declines: %v", err)
		}
		for _, m := range []struct {
			who     *apptest.Person
			subject string
		}{{d.Petra, "Deine Aktion „Gemeinschaftsgarten anlegen“ ist freigegeben"}, {d.Rolf, "Deine Aktion „Müll sammeln“ wurde nicht angenommen"}} {
			mails := d.Outbox(t, m.who.Email)
			if !slices.ContainsFunc(mails, func(x apptest.Mail) bool { return x.Subject == m.subject }) {
				t.Errorf("no mail %q to %s: %+v", m.subject, m.who.Email, mails)
			}
		}
		if _, _, err := d.Events.Project(ctx, d.Xenia.Identity(), d.Day.ID, cleanup.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("a declined project is public: %v", err)
		}
		if _, err := d.Events.SignUp(ctx, d.Xenia.Identity(), d.Day.ID, cleanup.ID); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("sign-up for a declined project: %v", err)
		}
	})
}

func TestProjectRulesAndClosingDate(t *testing.T) {
	forEachDay(t, func(t *testing.T, d *dayEnv) {
		outside := d.project(d.OrgB, "Frühschicht", 6, 8, 2)
		outside.Start = at(2026, 3, 13, 22, 0)
		_, err := d.Events.CreateProject(ctx, d.Petra.Identity(), d.Day.ID, outside)
		if e := apperr.As(err); e.Code != apperr.Invalid || e.Fields["start"] != "project.field.outside_day" {
			t.Errorf("a slot outside the day: %v", err)
		}
		bad := d.project(d.OrgB, "", 12, 11, 0)
		_, err = d.Events.CreateProject(ctx, d.Petra.Identity(), d.Day.ID, bad)
		if e := apperr.As(err); e.Fields["title"] == "" || e.Fields["end"] == "" || e.Fields["capacity"] == "" {
			t.Errorf("a bad project: %v", err)
		}
		_, err = d.Events.CreateProject(ctx, d.Petra.Identity(), d.Day.ID, d.project(d.OrgID, "Fremde Organisation", 10, 11, 2))
		if e := apperr.As(err); e.Fields["organization_id"] != "event.field.not_your_org" {
			t.Errorf("for another organisation: %v", err)
		}
		cafe := d.create(t, d.Olga, d.draft())
		_, err = d.Events.CreateProject(ctx, d.Petra.Identity(), cafe.ID, d.project(d.OrgB, "Im Café", 10, 11, 2))
		apptest.WantCode(t, "a project of a language café", err, apperr.NotFound)

		err = d.Events.SetProjectsClose(ctx, d.Petra.Identity(), d.Day.ID, time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC))
		apptest.WantCode(t, "closing date set by another organisation", err, apperr.Forbidden)
		res := d.Olga.Web.Post("/events/"+d.Day.ID+"/projects/closing", url.Values{"closes": {"2026-03-20"}})
		apptest.WantStatus(t, "a closing date after the day", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "a closing date after the day", res.Body, "nicht nach dem Freiwilligentag", `value="2026-03-20"`)
		res = d.Olga.Web.Post("/events/"+d.Day.ID+"/projects/closing", url.Values{"closes": {"2026-03-05"}})
		apptest.WantStatus(t, "closing date", res.Status, http.StatusSeeOther, res.Body)
		d.add(t, d.Petra, d.project(d.OrgB, "Vor dem Schluss", 10, 11, 2))
		d.Clock.Set(at(2026, 3, 6, 9, 0))
		_, err = d.Events.CreateProject(ctx, d.Petra.Identity(), d.Day.ID, d.project(d.OrgB, "Zu spät", 10, 11, 2))
		apptest.WantCode(t, "after the closing date", err, apperr.Conflict)
		apptest.Lacks(t, "after the closing date", d.Petra.Web.Get("/events/"+d.Day.ID+"/projects").Body, "/projects/new")
	})
}

func TestSignUpForSlotsThatDoNotOverlapWithAWaitingList(t *testing.T) {
	forEachDay(t, func(t *testing.T, d *dayEnv) {
		garden := d.add(t, d.Petra, d.project(d.OrgB, "Gemeinschaftsgarten", 10, 12, 4))
		reading := d.add(t, d.Rolf, d.project(d.OrgID, "Vorlesen in der Bücherei", 11, 13, 2))
		bikes := d.add(t, d.Rolf, d.project(d.OrgID, "Fahrradwerkstatt", 12, 14, 1))
		d.approve(t, garden, reading, bikes)

		page := func(p *event.Project) string { return "/events/" + d.Day.ID + "/projects/" + p.ID }
		for _, p := range []*event.Project{garden, bikes} { // 10–12 and 12–14 touch but do not overlap
			res := d.Xenia.Web.Post(page(p)+"/signup", nil)
			apptest.WantStatus(t, "xenia signs up for "+p.Title, res.Status, http.StatusSeeOther, res.Body)
		}
		res := d.Xenia.Web.Post(page(reading)+"/signup", nil)
		apptest.WantStatus(t, "an overlapping slot", res.Status, http.StatusConflict, res.Body)
		apptest.Contains(t, "an overlapping slot", res.Body, "überschneidet sich mit „Gemeinschaftsgarten“ (10:00–12:00)")
		status, out := d.Xenia.API(t, http.MethodPost, "/api/v1/events/"+d.Day.ID+"/projects/"+reading.ID+"/signups", nil)
		if status != http.StatusConflict || !strings.Contains(fmtJSON(t, out), "Gemeinschaftsgarten") {
			t.Errorf("an overlapping slot through the API: %d %v", status, out)
		}
		if res := d.Xenia.Web.Post(page(garden)+"/signup", nil); res.Status != http.StatusConflict {
			t.Errorf("signing up twice: %d", res.Status)
		}

		// The bike workshop is full: Walter waits and moves up when Xenia cancels.
		c, err := d.Events.SignUp(ctx, d.Walter.Identity(), d.Day.ID, bikes.ID)
		if err != nil || c.Status != capacity.Waiting || c.Position != 1 {
			t.Fatalf("walter: %+v %v", c, err)
		}
		apptest.Contains(t, "walter waits", d.Walter.Web.Get(page(bikes)).Body, "Warteliste (Platz 1)")
		apptest.WantStatus(t, "cancel page", d.Xenia.Web.Get(page(bikes)+"/signup/cancel").Status, http.StatusOK, "")
		if c, ok := d.Events.SignupOf(ctx, d.Xenia.ID, bikes); !ok || c.Status != capacity.Registered {
			t.Fatalf("the cancel page cancelled: %+v", c)
		}
		res = d.Xenia.Web.Post(page(bikes)+"/signup/cancel", nil)
		apptest.WantStatus(t, "cancel", res.Status, http.StatusSeeOther, res.Body)
		if c, ok := d.Events.SignupOf(ctx, d.Walter.ID, bikes); !ok || c.Status != capacity.Registered {
			t.Errorf("walter did not move up: %+v", c)
		}
		mails := d.Outbox(t, d.Walter.Email)
		if len(mails) != 1 || mails[0].Subject != "Ein Platz ist frei: Du bist für „Fahrradwerkstatt“ angemeldet" {
			t.Errorf("mails to walter: %+v", mails)
		}
		// Now the reading slot is free of overlaps for Walter, not for Xenia.
		if _, err := d.Events.SignUp(ctx, d.Walter.Identity(), d.Day.ID, reading.ID); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("walter's 11–13 beside 12–14: %v", err)
		}

		// The offering organisation and the day's organisers see who comes.
		apptest.Contains(t, "petra's volunteers", d.Petra.Web.Get(page(garden)+"/volunteers").Body, "Xenia")
		apptest.Contains(t, "organiser's volunteers", d.Olga.Web.Get(page(garden)+"/volunteers").Body, "Xenia")
		status, out = d.Petra.API(t, http.MethodGet, "/api/v1/events/"+d.Day.ID+"/projects/"+garden.ID+"/signups", nil)
		if js := fmtJSON(t, out); status != http.StatusOK || !strings.Contains(js, `"name":"Xenia"`) || !strings.Contains(js, `"status":"registered"`) {
			t.Errorf("volunteers through the API: %d %v", status, out)
		}

		d.Clock.Set(at(2026, 3, 14, 10, 30))
		_, err = d.Events.SignUp(ctx, d.Walter.Identity(), d.Day.ID, garden.ID)
		apptest.WantCode(t, "after the start", err, apperr.Conflict)
	})
}

func TestOthersAreRefusedTheProjectsOwnedPages(t *testing.T) {
	forEachDay(t, func(t *testing.T, d *dayEnv) {
		garden := d.add(t, d.Petra, d.project(d.OrgB, "Gemeinschaftsgarten", 10, 12, 4))
		proposed := d.add(t, d.Petra, d.project(d.OrgB, "Noch geheim", 13, 14, 4))
		d.approve(t, garden)
		if _, err := d.Events.SignUp(ctx, d.Xenia.Identity(), d.Day.ID, garden.ID); err != nil {
			t.Fatal(err)
		}
		// Rolf edited Olga's organisation and is removed from it.
		if err := d.Orgs.RemoveMember(ctx, d.Olga.ID, d.OrgID, d.Rolf.ID); err != nil {
			t.Fatal(err)
		}
		base := "/events/" + d.Day.ID + "/projects"
		gp, pp := base+"/"+garden.ID, base+"/"+proposed.ID
		for _, who := range []*apptest.Person{d.Mia, d.Rolf, nil} {
			name, web, token := "visitor", d.Client(t), ""
			if who != nil {
				name, web, token = who.Email, who.Web, who.Token(t)
			}
			refused := func(what string, status int) {
				t.Helper()
				if status != http.StatusForbidden && status != http.StatusNotFound && status != http.StatusSeeOther &&
					status != http.StatusUnauthorized && status != http.StatusUnprocessableEntity {
					t.Errorf("%s: %s answered %d", name, what, status)
				}
			}
			for _, p := range []string{gp + "/volunteers", pp, base + "/totals", base + "/totals.csv"} {
				res := web.Get(p)
				refused("GET "+p, res.Status)
				apptest.Lacks(t, name+" "+p, res.Body, "Xenia", "Noch geheim")
			}
			for _, p := range []string{pp + "/approve", pp + "/decline", base + "/closing"} {
				refused("POST "+p, web.Post(p, url.Values{"closes": {"2026-03-10"}}).Status)
			}
			for _, call := range [][2]string{{"GET", gp + "/signups"}, {"POST", pp + "/approve"}, {"POST", pp + "/decline"}, {"GET", pp}} {
				status, body := d.APIRaw(t, token, call[0], "/api/v1"+call[1], nil)
				refused(call[0]+" API "+call[1], status)
				apptest.Lacks(t, name+" API "+call[1], string(body), "Xenia", "Noch geheim")
			}
			status, body := d.APIRaw(t, token, "POST", "/api/v1"+base, json.RawMessage(`{"organization_id":"`+d.OrgB+
				`","title":"Gekapert","description":"x","place":"Kassel","start":"2026-03-14T10:00:00Z","end":"2026-03-14T11:00:00Z","capacity":2}`))
			refused("API create", status)
			_ = body
		}
		var n int
		d.P.DB.QueryRowContext(ctx, "SELECT count(*) FROM event_projects WHERE status = 'proposed'").Scan(&n)
		if n != 1 {
			t.Errorf("%d proposed projects after the refusals", n)
		}
	})
}

func TestTotalsCSVAndProgramme(t *testing.T) {
	forEachDay(t, func(t *testing.T, d *dayEnv) {
		garden := d.add(t, d.Petra, d.project(d.OrgB, "Gemeinschaftsgarten", 10, 12, 4))
		kitchen := d.add(t, d.Petra, d.project(d.OrgB, "=Suppenküche", 13, 15, 1))
		bikes := d.add(t, d.Olga, d.project(d.OrgID, "Fahrradwerkstatt", 12, 14, 2))
		d.add(t, d.Olga, d.project(d.OrgID, "Noch offen", 15, 16, 2))
		d.approve(t, garden, kitchen, bikes)
		for _, s := range []struct {
			who *apptest.Person
			p   *event.Project
		}{{d.Xenia, garden}, {d.Xenia, kitchen}, {d.Walter, kitchen}, {d.Walter, garden}, {d.Mia, bikes}} {
			if _, err := d.Events.SignUp(ctx, s.who.Identity(), d.Day.ID, s.p.ID); err != nil {
				t.Fatal(err)
			}
		}
		tot, err := d.Events.Totals(ctx, d.Rolf.Identity(), d.Day.ID)
		if err != nil {
			t.Fatal(err)
		}
		if tot.All.Projects != 3 || tot.All.Capacity != 7 || tot.All.Registered != 4 || tot.All.Waiting != 1 ||
			tot.Volunteers != 3 || tot.Proposed != 1 || len(tot.Orgs) != 2 {
			t.Errorf("totals: %+v", tot)
		}
		for _, o := range tot.Orgs {
			if o.OrganizationID == d.OrgB && (o.Projects != 2 || o.Registered != 3 || o.Waiting != 1) {
				t.Errorf("Petra's organisation: %+v", o)
			}
		}
		_, err = d.Events.Totals(ctx, d.Petra.Identity(), d.Day.ID)
		apptest.WantCode(t, "totals for an offering organisation", err, apperr.Forbidden)

		res := d.Olga.Web.Get("/events/" + d.Day.ID + "/projects/totals.csv")
		apptest.WantStatus(t, "csv", res.Status, http.StatusOK, res.Body)
		apptest.Contains(t, "csv", res.Body, "Aktion,Gemeinschaftsgarten,Tafel Kassel-Nord,2026-03-14 10:00,2026-03-14 12:00,",
			"'=Suppenküche", "Organisation,,Tafel Kassel-Nord,,,,5,3,1,2", "Tag,Freiwilligentag Kassel,,,,,7,4,1,3")
		apptest.Contains(t, "totals page", d.Olga.Web.Get("/events/"+d.Day.ID+"/projects/totals").Body,
			"3 Aktionen, 4 von 7 Plätzen vergeben an 3 Freiwillige.")
		prog := d.Client(t).Get("/events/" + d.Day.ID + "/projects/programme")
		apptest.WantStatus(t, "programme", prog.Status, http.StatusOK, prog.Body)
		apptest.Contains(t, "programme", prog.Body, "Gemeinschaftsgarten", "Fahrradwerkstatt", "10:00–12:00")
		apptest.Lacks(t, "programme", prog.Body, "Noch offen", "Xenia")

		// Filters: by time, language, suitability.
		list := d.Client(t).Get("/events/" + d.Day.ID + "/projects?from=12:00&until=14:00").Body
		apptest.Contains(t, "filtered by time", list, "Fahrradwerkstatt")
		apptest.Lacks(t, "filtered by time", list, "Gemeinschaftsgarten", "Suppenküche")
		apptest.Lacks(t, "without German", d.Client(t).Get("/events/"+d.Day.ID+"/projects?without_german=1").Body, "Fahrradwerkstatt")
		if res := d.Client(t).Get("/events/" + d.Day.ID + "/projects?from=25:99"); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("a wrong time: %d", res.Status)
		}
	})
}

func TestProjectsInTheCalendarExportAndErasure(t *testing.T) {
	forEachDay(t, func(t *testing.T, d *dayEnv) {
		garden := d.add(t, d.Petra, d.project(d.OrgB, "Gemeinschaftsgarten", 10, 12, 1))
		d.approve(t, garden)
		if _, err := d.Events.SignUp(ctx, d.Xenia.Identity(), d.Day.ID, garden.ID); err != nil {
			t.Fatal(err)
		}
		if c, err := d.Events.SignUp(ctx, d.Walter.Identity(), d.Day.ID, garden.ID); err != nil || c.Status != capacity.Waiting {
			t.Fatalf("walter: %+v %v", c, err)
		}
		_, events := feedEvents(t, d.env, calendarPath(t, d.env, d.Xenia))
		ev, ok := events[garden.ID]
		if !ok || ev.Summary != "Gemeinschaftsgarten" || ev.Start == nil || ev.Start.Text != "2026-03-14T10:00:00" ||
			ev.End == nil || *ev.End.Unix != at(2026, 3, 14, 12, 0).Unix() {
			t.Errorf("xenia's feed: %+v", events)
		}
		if _, events := feedEvents(t, d.env, calendarPath(t, d.env, d.Walter)); len(events) != 0 {
			t.Errorf("walter waits and has %+v", events)
		}
		ics := d.Client(t).Get("/events/" + d.Day.ID + "/projects/" + garden.ID + ".ics")
		apptest.WantStatus(t, "project ics", ics.Status, http.StatusOK, ics.Body)
		apptest.Contains(t, "project ics", ics.Body, "BEGIN:VEVENT", "Gemeinschaftsgarten", "Holländische Straße 5")

		export, err := d.Events.UserData().Export(ctx, d.Xenia.ID)
		if err != nil {
			t.Fatal(err)
		}
		apptest.Contains(t, "xenia's export", fmtJSON(t, export), `"project_signups":[{"project_id":"`+garden.ID+`"`, `"status":"registered"`)
		export, _ = d.Events.UserData().Export(ctx, d.Petra.ID)
		apptest.Contains(t, "petra's export", fmtJSON(t, export), `"projects":[{"project_id":"`+garden.ID+`"`)

		if err := d.P.Accounts.Delete(ctx, d.Xenia.ID, apptest.Password); err != nil {
			t.Fatal(err)
		}
		if c, ok := d.Events.SignupOf(ctx, d.Walter.ID, garden); !ok || c.Status != capacity.Registered {
			t.Errorf("walter after xenia left: %+v", c)
		}
		if n := d.MailCount(t, d.Walter.Email); n != 1 {
			t.Errorf("%d mails to walter", n)
		}
		var left int
		d.P.DB.QueryRowContext(ctx, "SELECT count(*) FROM event_project_volunteers WHERE user_id = $1", d.Xenia.ID).Scan(&left)
		if left != 0 {
			t.Errorf("%d sign-up rows of xenia left", left)
		}
	})
}

func TestProjectsThroughTheAPI(t *testing.T) {
	forEachDay(t, func(t *testing.T, d *dayEnv) {
		base := "/api/v1/events/" + d.Day.ID + "/projects"
		body := `{"organization_id":"` + d.OrgB + `","title":"Bänke streichen","description":"Im Park.","place":"Kassel",` +
			`"start":"2026-03-14T09:00:00Z","end":"2026-03-14T11:00:00Z","capacity":3,"languages":["de","uk"],"without_german":true}`
		status, out := d.Petra.API(t, http.MethodPost, base, json.RawMessage(body))
		if status != http.StatusCreated || out["status"] != "proposed" || out["decide"] != false {
			t.Fatalf("create: %d %v", status, out)
		}
		pid := out["id"].(string)
		status, out = d.Petra.API(t, http.MethodPost, base, json.RawMessage(strings.Replace(body, `"capacity":3`, `"capacity":0`, 1)))
		if status != http.StatusUnprocessableEntity {
			t.Errorf("no helpers: %d %v", status, out)
		}
		status, out = d.Olga.API(t, http.MethodPost, base+"/"+pid+"/approve", nil)
		if status != http.StatusOK || out["status"] != "approved" {
			t.Fatalf("approve: %d %v", status, out)
		}
		status, out = d.Xenia.API(t, http.MethodPost, base+"/"+pid+"/signups", nil)
		if status != http.StatusCreated || out["status"] != "registered" {
			t.Fatalf("sign up: %d %v", status, out)
		}
		sid := out["id"].(string)
		status, raw := d.APIRaw(t, "", http.MethodGet, base, nil)
		if status != http.StatusOK || !strings.Contains(string(raw), `"registered":1`) || !strings.Contains(string(raw), "Bänke streichen") {
			t.Errorf("list: %d %s", status, raw)
		}
		status, out = d.Walter.API(t, http.MethodPost, base+"/"+pid+"/signups/"+sid+"/cancel", nil)
		if status != http.StatusNotFound {
			t.Errorf("walter cancels xenia: %d %v", status, out)
		}
		status, out = d.Xenia.API(t, http.MethodPost, base+"/"+pid+"/signups/"+sid+"/cancel", nil)
		if status != http.StatusOK || out["status"] != "cancelled" {
			t.Errorf("cancel: %d %v", status, out)
		}
	})
}

// TestOverlappingSignUpsAtOnce signs one person up for four overlapping
// slots of different projects at the same moment, round after round: the
// lock on the person's sign-ups lets exactly one of each round through,
// also on PostgreSQL, where the projects' own pool locks would not.
func TestOverlappingSignUpsAtOnce(t *testing.T) {
	forEachDay(t, func(t *testing.T, d *dayEnv) {
		const perRound, rounds = 4, 6
		for i := range rounds {
			hour := 10 + i
			var ps []*event.Project
			for j := range perRound {
				org, who := d.OrgID, d.Olga
				if j%2 == 1 {
					org, who = d.OrgB, d.Petra
				}
				ps = append(ps, d.add(t, who, d.project(org, fmt.Sprintf("Aktion %d-%d", i, j), hour, hour+1, 5)))
			}
			d.approve(t, ps...)
			var wg sync.WaitGroup
			errs := make([]error, len(ps))
			start := make(chan struct{})
			for j, p := range ps {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					_, errs[j] = d.Events.SignUp(ctx, d.Xenia.Identity(), d.Day.ID, p.ID)
				}()
			}
			close(start)
			wg.Wait()
			ok := 0
			for _, err := range errs {
				if err == nil {
					ok++
				} else if apperr.As(err).Msg != "project.signup.overlap" {
					t.Errorf("round %d: %v", i, err)
				}
			}
			if ok != 1 {
				t.Errorf("round %d: %d of %d overlapping sign-ups passed: %v", i, ok, len(ps), errs)
			}
		}
	})
}

// TestCancellingTheDayTellsTheVolunteers: when the organisers call the
// volunteer day off, everybody signed up or waiting is told once, the
// projects leave the search and take no more sign-ups.
func TestCancellingTheDayTellsTheVolunteers(t *testing.T) {
	forEachDay(t, func(t *testing.T, d *dayEnv) {
		garden := d.add(t, d.Petra, d.project(d.OrgB, "Gemeinschaftsgarten", 10, 12, 1))
		bikes := d.add(t, d.Petra, d.project(d.OrgB, "Fahrradwerkstatt", 13, 14, 1))
		d.approve(t, garden, bikes)
		for _, s := range []struct {
			who *apptest.Person
			p   *event.Project
		}{{d.Xenia, garden}, {d.Xenia, bikes}, {d.Walter, garden}} {
			if _, err := d.Events.SignUp(ctx, s.who.Identity(), d.Day.ID, s.p.ID); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := d.Events.Cancel(ctx, d.Olga.Identity(), d.Day.ID); err != nil {
			t.Fatal(err)
		}
		for _, p := range []*apptest.Person{d.Xenia, d.Walter} {
			mails := d.Outbox(t, p.Email)
			if len(mails) != 1 || mails[0].Subject != "Abgesagt: „Freiwilligentag Kassel“" {
				t.Errorf("mails to %s: %+v", p.Email, mails)
			}
		}
		_, err := d.Events.SignUp(ctx, d.Mia.Identity(), d.Day.ID, bikes.ID)
		apptest.WantCode(t, "sign-up on a cancelled day", err, apperr.Conflict)
		apptest.Lacks(t, "search", d.Client(t).Get("/search?type=event&q=Gemeinschaftsgarten").Body, garden.ID)
	})
}
