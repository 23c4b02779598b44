package event_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/event"
	"teilhabe.org/teilhabe/internal/feed/feedtest"
)

// days are the names of the dates.
func days(dates []*event.Event) []string {
	out := make([]string, len(dates))
	for i, d := range dates {
		out[i] = d.Date
	}
	return out
}

func TestWeeklyDatesKeepTheirLocalTimeAcrossTheSwitchToSummerTime(t *testing.T) {
	e := &event.Event{Start: at(2026, 3, 17, 18, 0), End: at(2026, 3, 17, 20, 0),
		Repeat: event.Repeat{Freq: event.Weekly, Count: 4}}
	dates := e.Dates(nil)
	if got := strings.Join(days(dates), " "); got != "2026-03-17 2026-03-24 2026-03-31 2026-04-07" {
		t.Fatalf("days %s", got)
	}
	for _, d := range dates {
		if s, en := clock.Local(d.Start), clock.Local(d.End); s.Hour() != 18 || en.Hour() != 20 || s.Minute() != 0 {
			t.Errorf("%s: %v – %v", d.Date, s, en)
		}
	}
	// 18:00 is 17:00 UTC before the switch on 29 March, 16:00 UTC after.
	if dates[1].Start.UTC().Hour() != 17 || dates[2].Start.UTC().Hour() != 16 {
		t.Errorf("UTC hours %v %v", dates[1].Start.UTC(), dates[2].Start.UTC())
	}
}

func TestMonthlyDates(t *testing.T) {
	until := clock.Date(2026, 5, 31)
	for _, c := range []struct {
		name  string
		first time.Time
		rule  event.Repeat
		want  string
	}{
		{"2nd Tuesday", at(2026, 1, 13, 18, 0), event.Repeat{Freq: event.Monthly, By: event.ByWeekday, Count: 4},
			"2026-01-13 2026-02-10 2026-03-10 2026-04-14"},
		{"last Friday", at(2026, 1, 30, 18, 0), event.Repeat{Freq: event.Monthly, By: event.ByWeekday, Count: 3},
			"2026-01-30 2026-02-27 2026-03-27"},
		{"the 31st, skipping shorter months", at(2026, 1, 31, 10, 0), event.Repeat{Freq: event.Monthly, By: event.ByMonthDay, Until: &until},
			"2026-01-31 2026-03-31 2026-05-31"},
	} {
		e := &event.Event{Start: c.first, End: c.first.Add(2 * time.Hour), Repeat: c.rule}
		if got := strings.Join(days(e.Dates(nil)), " "); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

// series is a weekly language café with registration, one place a date,
// on four Tuesdays from 17 March 2026 (across the switch to summer time).
func (e *env) series(t *testing.T) *event.Event {
	t.Helper()
	d := e.draft()
	d.Start, d.End = at(2026, 3, 17, 18, 0), at(2026, 3, 17, 20, 0)
	d.Registration, d.Capacity = true, 1
	d.Repeat = event.Repeat{Freq: event.Weekly, Count: 4}
	return e.create(t, e.Olga, d)
}

func TestSeriesHasPlacesPerDate(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		ev := e.series(t)
		ana := e.NewPerson(t, "ana", auth.Member)
		if c, err := e.Events.RegisterFor(ctx, e.Mia.Identity(), ev.ID, "2026-03-17"); err != nil || c.Status != capacity.Registered {
			t.Fatalf("mia on the first date: %+v %v", c, err)
		}
		if c, err := e.Events.RegisterFor(ctx, ana.Identity(), ev.ID, "2026-03-17"); err != nil || c.Status != capacity.Waiting {
			t.Fatalf("ana on the full first date: %+v %v", c, err)
		}
		if c, err := e.Events.RegisterFor(ctx, ana.Identity(), ev.ID, "2026-03-24"); err != nil || c.Status != capacity.Registered {
			t.Fatalf("ana on the second date: %+v %v", c, err)
		}
		if _, err := e.Events.Register(ctx, ana.Identity(), ev.ID); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("a series without a date: %v", err)
		}
		if _, err := e.Events.RegisterFor(ctx, ana.Identity(), ev.ID, "2026-03-18"); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("a day that is no date: %v", err)
		}

		// The list, the month view and the API show each date.
		list := e.Client(t).Get("/events").Body
		if n := strings.Count(list, "/events/"+ev.ID+"?date="); n != 4 {
			t.Errorf("%d dates in the list", n)
		}
		apptest.Contains(t, "month", e.Client(t).Get("/events/month?month=2026-03").Body,
			"/events/"+ev.ID+"?date=2026-03-17", "/events/"+ev.ID+"?date=2026-03-24", "/events/"+ev.ID+"?date=2026-03-31")
		status, out := e.API(t, "", http.MethodGet, "/api/v1/events", nil)
		if status != http.StatusOK || strings.Count(fmtJSON(t, out), `"date":"2026-`) != 4 {
			t.Errorf("API list: %d %s", status, fmtJSON(t, out))
		}

		// The page lets a person pick a date and register for it.
		page := ana.Web.Get("/events/" + ev.ID + "?date=2026-03-31").Body
		apptest.Contains(t, "page", page, "Termine", `name="date" value="2026-03-31"`, `aria-current="true"`)
		res := ana.Web.Post("/events/"+ev.ID+"/register", url.Values{"date": {"2026-03-31"}})
		apptest.WantStatus(t, "register from the page", res.Status, http.StatusSeeOther, res.Body)
		if c, ok := e.Events.ClaimOf(ctx, ana.ID, dateOf(t, e, ev.ID, "2026-03-31")); !ok || c.Status != capacity.Registered {
			t.Errorf("ana on the third date: %+v", c)
		}
		if res := ana.Web.Post("/events/"+ev.ID+"/register", nil); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("register from the page without a date: %d", res.Status)
		}

		// Through the API: the dates, and registering for one.
		status, dates := e.API(t, "", http.MethodGet, "/api/v1/events/"+ev.ID+"/dates", nil)
		apptest.Contains(t, "dates", fmtJSON(t, dates), `"date":"2026-03-17"`, `"taken":1`, `"waiting":1`, `"date":"2026-04-07"`)
		if status != http.StatusOK {
			t.Errorf("dates: %d", status)
		}
		status, reg := e.Rolf.API(t, http.MethodPost, "/api/v1/events/"+ev.ID+"/dates/2026-04-07/registrations", nil)
		if status != http.StatusCreated || reg["status"] != "registered" || reg["date"] != "2026-04-07" {
			t.Errorf("register for a date: %d %v", status, reg)
		}
		status, list2 := e.Olga.API(t, http.MethodGet, "/api/v1/events/"+ev.ID+"/dates/2026-03-17/registrations", nil)
		apptest.Contains(t, "participants of a date", fmtJSON(t, list2), `"name":"Mia"`, `"name":"Ana"`, `"status":"waiting"`)
		if status != http.StatusOK {
			t.Errorf("participants of a date: %d", status)
		}

		// Cancelling on the first date moves ana up there only.
		if err := e.Events.CancelRegistrationFor(ctx, e.Mia.Identity(), ev.ID, "2026-03-17"); err != nil {
			t.Fatal(err)
		}
		if c, _ := e.Events.ClaimOf(ctx, ana.ID, dateOf(t, e, ev.ID, "2026-03-17")); c.Status != capacity.Registered {
			t.Errorf("ana after mia cancelled: %+v", c)
		}
	})
}

func dateOf(t *testing.T, e *env, eventID, day string) *event.Event {
	t.Helper()
	d, err := e.Events.GetDate(ctx, eventID, day)
	if err != nil {
		t.Fatalf("date %s: %v", day, err)
	}
	return d
}

func TestCancelAndMoveSingleDates(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		ev := e.series(t)
		ana := e.NewPersonLang(t, "ana", auth.Member, "ar")
		for _, day := range []string{"2026-03-24", "2026-03-31"} {
			if _, err := e.Events.RegisterFor(ctx, ana.Identity(), ev.ID, day); err != nil {
				t.Fatal(err)
			}
		}
		base := "/api/v1/events/" + ev.ID + "/dates/"

		// Cancelled through the API: ana is told in Arabic.
		status, out := e.Rolf.API(t, http.MethodPatch, base+"2026-03-24", map[string]any{"status": "cancelled"})
		if status != http.StatusOK || out["status"] != "cancelled" {
			t.Fatalf("cancel a date: %d %v", status, out)
		}
		mails := e.Outbox(t, ana.Email)
		if len(mails) != 1 || mails[0].Lang != "ar" || !strings.Contains(mails[0].Subject, "إلغاء موعد") {
			t.Errorf("mails after the cancellation: %+v", mails)
		}
		if _, err := e.Events.RegisterFor(ctx, e.Mia.Identity(), ev.ID, "2026-03-24"); !apperr.Is(err, apperr.Conflict) {
			t.Errorf("registering for a cancelled date: %v", err)
		}

		// A move with a mistake keeps what was typed; then it is moved to
		// Wednesday 1 April, 19:00 (summer time).
		page := "/events/" + ev.ID + "/dates/2026-03-31"
		apptest.Contains(t, "date page", e.Olga.Web.Get(page).Body, `value="18:00"`)
		res := e.Olga.Web.Post(page, url.Values{"status": {"moved"}, "start_date": {"2026-04-01"}, "start_time": {"19 Uhr"},
			"end_date": {"2026-04-01"}, "end_time": {"21:00"}})
		apptest.WantStatus(t, "a bad time", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "a bad time", res.Body, `value="19 Uhr"`, `value="2026-04-01"`)
		res = e.Olga.Web.Post(page, url.Values{"status": {"moved"}, "start_date": {"2026-04-01"}, "start_time": {"19:00"},
			"end_date": {"2026-04-01"}, "end_time": {"21:00"}})
		apptest.WantStatus(t, "move", res.Status, http.StatusSeeOther, res.Body)
		if n := e.MailCount(t, ana.Email); n != 2 {
			t.Errorf("%d mails to ana after the move", n)
		}
		moved := dateOf(t, e, ev.ID, "2026-03-31")
		if moved.Status != event.Moved || !moved.Start.Equal(at(2026, 4, 1, 19, 0)) {
			t.Errorf("moved date: %v %v", moved.Status, moved.Start)
		}
		if c, ok := e.Events.ClaimOf(ctx, ana.ID, moved); !ok || c.Status != capacity.Registered {
			t.Errorf("ana's place on the moved date: %+v", c)
		}
		apptest.Contains(t, "list", e.Client(t).Get("/events").Body, "Abgesagt", "Verschoben")

		// The calendar file: the rule, the cancelled date excluded, the
		// moved one as its own VEVENT, times right across the switch.
		ics := e.Client(t).Get("/events/" + ev.ID + ".ics").Body
		apptest.Contains(t, "ics", ics, "RRULE:FREQ=WEEKLY;COUNT=4", "EXDATE;TZID=Europe/Berlin:20260324T180000",
			"RECURRENCE-ID;TZID=Europe/Berlin:20260331T180000")
		_, _, events := feedtest.ParseICS(t, ics)
		if len(events) != 2 {
			t.Fatalf("%d VEVENTs", len(events))
		}
		series, override := events[0], events[1]
		if series.RecurrenceID != nil {
			series, override = override, series
		}
		wantOccurrences := []int64{at(2026, 3, 17, 18, 0).Unix(), at(2026, 3, 31, 18, 0).Unix(), at(2026, 4, 7, 18, 0).Unix()}
		if len(series.Occurrences) != len(wantOccurrences) {
			t.Fatalf("occurrences %v", series.Occurrences)
		}
		for i, want := range wantOccurrences {
			if series.Occurrences[i] != itoa(want) {
				t.Errorf("occurrence %d: %s, want %d", i, series.Occurrences[i], want)
			}
		}
		if override.UID != series.UID || override.RecurrenceID == nil || *override.RecurrenceID.Unix != at(2026, 3, 31, 18, 0).Unix() ||
			*override.Start.Unix != at(2026, 4, 1, 19, 0).Unix() || override.Start.Text != "2026-04-01T19:00:00" {
			t.Errorf("moved date: %+v %+v %+v", override, override.RecurrenceID, override.Start)
		}

		// The personal feed holds the dates ana holds a place at: the moved one.
		feedEntries, err := e.Events.CalendarEntries(ctx, ana.ID, at(2026, 3, 1, 0, 0), at(2026, 5, 1, 0, 0))
		if err != nil || len(feedEntries) != 2 {
			t.Fatalf("personal entries: %+v %v", feedEntries, err)
		}

		// Back to the rule: it takes place again.
		status, out = e.Olga.API(t, http.MethodPatch, base+"2026-03-24", map[string]any{"status": "scheduled"})
		if status != http.StatusOK || out["status"] != "scheduled" {
			t.Errorf("restore a date: %d %v", status, out)
		}
		if status, _ := e.Olga.API(t, http.MethodPatch, base+"2026-03-25", map[string]any{"status": "cancelled"}); status != http.StatusNotFound {
			t.Errorf("a day that is no date: %d", status)
		}
		status, out = e.Olga.API(t, http.MethodPatch, base+"2026-04-07", map[string]any{"status": "moved"})
		if status != http.StatusUnprocessableEntity || !strings.Contains(fmtJSON(t, out), "body.start") {
			t.Errorf("a move without a time: %d %v", status, out)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestDatesRefusedToOthers(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		ev := e.series(t)
		ana := e.NewPerson(t, "ana", auth.Member)
		if _, err := e.Events.RegisterFor(ctx, ana.Identity(), ev.ID, "2026-03-17"); err != nil {
			t.Fatal(err)
		}
		if res := e.Olga.Web.Post("/organizations/"+e.OrgID+"/members/"+e.Rolf.ID+"/remove", nil); res.Status != http.StatusSeeOther {
			t.Fatalf("remove rolf: %d", res.Status)
		}
		page := "/events/" + ev.ID + "/dates/2026-03-17"
		api := "/api/v1/events/" + ev.ID + "/dates/2026-03-17"
		for _, p := range []*apptest.Person{e.Mia, e.Rolf, ana} {
			if res := p.Web.Get(page); res.Status != http.StatusForbidden {
				t.Errorf("%s sees the date page: %d", p.Email, res.Status)
			}
			if res := p.Web.Post(page, url.Values{"status": {"cancelled"}}); res.Status != http.StatusForbidden {
				t.Errorf("%s cancels on the page: %d", p.Email, res.Status)
			}
			if status, _ := p.API(t, http.MethodPatch, api, map[string]any{"status": "cancelled"}); status != http.StatusForbidden {
				t.Errorf("%s cancels through the API: %d", p.Email, status)
			}
			if status, _ := p.API(t, http.MethodGet, api+"/registrations", nil); status != http.StatusForbidden {
				t.Errorf("%s lists participants: %d", p.Email, status)
			}
			if res := p.Web.Get("/events/" + ev.ID + "/participants?date=2026-03-17"); res.Status != http.StatusForbidden {
				t.Errorf("%s sees the participants page: %d", p.Email, res.Status)
			}
		}
		visitor := e.Client(t)
		if res := visitor.Get(page); res.Status == http.StatusOK {
			t.Error("a visitor sees the date page")
		}
		if res := visitor.Post(page, url.Values{"status": {"cancelled"}}); res.Status == http.StatusSeeOther {
			t.Error("a visitor cancels a date")
		}
		if status, _ := e.API(t, "", http.MethodPatch, api, map[string]any{"status": "cancelled"}); status != http.StatusUnauthorized {
			t.Errorf("a visitor through the API: %d", status)
		}
		if status, _ := e.API(t, "", http.MethodGet, api+"/registrations", nil); status != http.StatusUnauthorized {
			t.Errorf("a visitor lists participants: %d", status)
		}
		if status, _ := e.API(t, "", http.MethodPost, api+"/registrations", nil); status != http.StatusUnauthorized {
			t.Errorf("a visitor registers: %d", status)
		}
		if d := dateOf(t, e, ev.ID, "2026-03-17"); d.Status != event.Scheduled {
			t.Errorf("the date after the refusals: %s", d.Status)
		}
		if n := e.MailCount(t, ana.Email); n != 0 {
			t.Errorf("%d mails to ana", n)
		}
	})
}

func TestSeriesFormKeepsWhatWasTyped(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		form := url.Values{"organization_id": {e.OrgID}, "title": {"Sprachcafé"}, "description": {"Jeden Dienstag"},
			"kind": {"language_cafe"}, "start_date": {"2026-03-17"}, "start_time": {"18:00"}, "end_time": {"20:00"},
			"place_kind": {"online"}, "online_url": {"https://meet.example.org/cafe"}, "content_lang": {"de"},
			"repeat": {"monthly"}, "repeat_by": {"monthday"}, "repeat_count": {"viele"}}
		res := e.Olga.Web.Post("/events/new", form)
		apptest.WantStatus(t, "a bad count", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "a bad count", res.Body, `value="viele"`, `id="f-repeat-monthly" name="repeat" value="monthly" checked`,
			`value="monthday" checked`)
		form.Set("repeat_count", "")
		res = e.Olga.Web.Post("/events/new", form)
		apptest.WantStatus(t, "no end", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "no end", res.Body, "Eine Reihe endet an einem Tag oder nach einer Anzahl von Terminen: Bitte gib eins davon an.")
		form.Set("repeat_until", "2026-06-30")
		res = e.Olga.Web.Post("/events/new", form)
		apptest.WantStatus(t, "create", res.Status, http.StatusSeeOther, res.Body)
		id := strings.TrimPrefix(res.Header.Get("Location"), "/events/")
		ev, err := e.Events.Get(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(days(ev.Dates(nil)), " "); got != "2026-03-17 2026-04-17 2026-05-17 2026-06-17" {
			t.Errorf("dates %s", got)
		}
		apptest.Contains(t, "edit", e.Olga.Web.Get("/events/"+id+"/edit").Body, `value="2026-06-30"`)
	})
}

func TestChangingASeriesKeepsRegistrations(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		ev := e.series(t)
		if _, err := e.Events.RegisterFor(ctx, e.Mia.Identity(), ev.ID, "2026-03-31"); err != nil {
			t.Fatal(err)
		}
		// Wednesdays instead of Tuesdays would drop Mia's date.
		_, err := e.Events.Update(ctx, e.Olga.Identity(), ev.ID, func(d event.Draft) event.Draft {
			d.Start, d.End = at(2026, 3, 18, 18, 0), at(2026, 3, 18, 20, 0)
			return d
		})
		if ae := apperr.As(err); ae == nil || ae.Fields["start"] != "event.field.dates_have_registrations" {
			t.Fatalf("moving the series over a registration: %v", err)
		}
		// A later hour keeps every date and tells Mia.
		if _, err := e.Events.Update(ctx, e.Olga.Identity(), ev.ID, func(d event.Draft) event.Draft {
			d.Start, d.End = at(2026, 3, 17, 19, 0), at(2026, 3, 17, 21, 0)
			return d
		}); err != nil {
			t.Fatal(err)
		}
		if c, ok := e.Events.ClaimOf(ctx, e.Mia.ID, dateOf(t, e, ev.ID, "2026-03-31")); !ok || c.Status != capacity.Registered {
			t.Errorf("mia after the change: %+v", c)
		}
		if n := e.MailCount(t, e.Mia.Email); n != 1 {
			t.Errorf("%d mails to mia", n)
		}

		// A one-off event moved to another day keeps its registrations.
		d := e.draft()
		d.Registration = true
		one := e.create(t, e.Olga, d)
		if _, err := e.Events.Register(ctx, e.Mia.Identity(), one.ID); err != nil {
			t.Fatal(err)
		}
		moved, err := e.Events.Update(ctx, e.Olga.Identity(), one.ID, func(d event.Draft) event.Draft {
			d.Start, d.End = at(2026, 3, 12, 18, 0), at(2026, 3, 12, 20, 0)
			return d
		})
		if err != nil {
			t.Fatal(err)
		}
		if c, ok := e.Events.ClaimOf(ctx, e.Mia.ID, moved); !ok || c.Status != capacity.Registered {
			t.Errorf("mia after the one-off moved: %+v", c)
		}
	})
}

func TestRemindersPerDateOfASeries(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		ev := e.series(t) // Tuesdays from 17 March, 18:00
		for _, day := range []string{"2026-03-17", "2026-03-24"} {
			if _, err := e.Events.RegisterFor(ctx, e.Mia.Identity(), ev.ID, day); err != nil {
				t.Fatal(err)
			}
		}
		run := func(now time.Time) {
			t.Helper()
			e.Clock.Set(now)
			if err := e.P.App.Jobs.RunDue(ctx); err != nil {
				t.Fatal(err)
			}
		}
		run(at(2026, 3, 16, 19, 0)) // the first date is less than a day ahead
		run(at(2026, 3, 16, 20, 0))
		if n := e.MailCount(t, e.Mia.Email); n != 1 {
			t.Fatalf("%d mails before the first date", n)
		}
		run(at(2026, 3, 23, 19, 0)) // and the second
		mails := e.Outbox(t, e.Mia.Email)
		if len(mails) != 2 || !strings.Contains(mails[1].Text, "/events/"+ev.ID+"?date=2026-03-24") {
			t.Errorf("mails: %+v", mails)
		}
		run(at(2026, 3, 30, 19, 0)) // not registered for the third
		if n := e.MailCount(t, e.Mia.Email); n != 2 {
			t.Errorf("%d mails after the third date's eve", n)
		}
	})
}
