package event_test

import (
	"encoding/json"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/event"
)

// eventForm is a valid posted form of the organisation's info evening.
func (e *env) eventForm() url.Values {
	return apptest.Form("organization_id", e.OrgID, "title", "Infoabend Ausbildung", "description", "Wege in die Ausbildung.",
		"kind", "info_event", "start_date", "10.03.2026", "start_time", "18:00", "end_time", "20:00",
		"place_kind", "address", "street", "Lindenhofstraße 14", "postcode", "34117", "place", "Kassel",
		"content_lang", "de", "languages", "de", "languages", "uk", "accessibility", "Stufenlos", "cost", "")
}

func TestCreatePageKeepsEveryValueAndNamesEachError(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		form := e.eventForm()
		form.Set("title", "")
		form.Set("end_time", "25:00")
		form.Set("cost", "5 € <b>")
		form.Set("capacity", "viele")
		res := e.Rolf.Web.Post("/events/new", form)
		apptest.WantStatus(t, "create with errors", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "form again", res.Body, `id="f-title-error"`, `id="f-end_time-error"`, `id="f-capacity-error"`,
			"Bitte eine Uhrzeit wie 18:30 eingeben.", "Bitte eine ganze Zahl eingeben.",
			`value="Lindenhofstraße 14"`, `value="5 € &lt;b&gt;"`, `value="viele"`, `value="25:00"`, `>Wege in die Ausbildung.</textarea>`)
		if !regexp.MustCompile(`id="f-lang-uk"[^>]*checked`).MatchString(res.Body) {
			t.Error("the spoken languages were not kept")
		}
		ar := e.Client(t)
		ar.Lang = "ar"
		res = ar.Get("/events?from=morgen")
		apptest.Contains(t, "arabic errors", res.Body, "يُرجى إدخال تاريخ مثل 24.12.2026.", `dir="rtl"`)
	})
}

func TestCreateShowEditCancelThroughThePages(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		res := e.Rolf.Web.Post("/events/new", e.eventForm())
		apptest.WantStatus(t, "create", res.Status, http.StatusSeeOther, res.Body)
		page := res.Location()
		show := e.Client(t).Get(page)
		apptest.Contains(t, "event page", show.Body, "Infoabend Ausbildung", "10.03.2026", "18:00", "20:00",
			"Lindenhofstraße 14", "Sprachbrücke Kassel", "Kostenlos")
		apptest.Lacks(t, "visitor's event page", show.Body, "/edit", "/cancel")

		form := e.eventForm()
		form.Set("start_time", "19:00")
		form.Set("end_time", "21:00")
		res = e.Olga.Web.Post(page+"/edit", form)
		apptest.WantStatus(t, "edit", res.Status, http.StatusSeeOther, res.Body)
		apptest.Contains(t, "moved", e.Client(t).Get(page).Body, "Verschoben", "19:00")

		if res := e.Mia.Web.Post(page+"/cancel", nil); res.Status != http.StatusForbidden {
			t.Errorf("a stranger cancelled: %d", res.Status)
		}
		apptest.WantStatus(t, "cancel page", e.Olga.Web.Get(page+"/cancel").Status, http.StatusOK, "")
		res = e.Olga.Web.Post(page+"/cancel", nil)
		apptest.WantStatus(t, "cancel", res.Status, http.StatusSeeOther, res.Body)
		apptest.Contains(t, "cancelled", e.Client(t).Get(page).Body, "Diese Veranstaltung wurde abgesagt.")
		if res := e.Olga.Web.Get(page + "/edit"); res.Status != http.StatusConflict {
			t.Errorf("edit page of a cancelled event: %d", res.Status)
		}
	})
}

func TestOnlineLinkOnlyForOrganisers(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		d := e.draft()
		d.PlaceKind, d.OnlineURL = event.Online, "https://meet.example.org/geheim"
		ev := e.create(t, e.Rolf, d)
		for who, c := range map[string]*apptest.Client{"visitor": e.Client(t), "mia": e.Mia.Web} {
			body := c.Get("/events/" + ev.ID).Body
			apptest.Lacks(t, who, body, "meet.example.org")
			apptest.Contains(t, who, body, "Den Zugangslink sehen")
			apptest.Lacks(t, who+" calendar", c.Get("/events/"+ev.ID+".ics").Body, "meet.example.org")
		}
		for _, p := range []*apptest.Person{e.Olga, e.Rolf, e.Cora} {
			apptest.Contains(t, p.Email, p.Web.Get("/events/"+ev.ID).Body, "https://meet.example.org/geheim")
		}
	})
}

// jsonLD reads the page's schema.org block.
func jsonLD(t *testing.T, body string) map[string]any {
	t.Helper()
	m := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no JSON-LD in\n%.2000s", body)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(m[1]), &v); err != nil {
		t.Fatalf("JSON-LD: %v\n%s", err, m[1])
	}
	return v
}

func TestEventJSONLD(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		d := e.draft()
		d.Cost = "3 €"
		ev := e.create(t, e.Rolf, d)
		v := jsonLD(t, e.Client(t).Get("/events/"+ev.ID).Body)
		loc, _ := v["location"].(map[string]any)
		addr, _ := loc["address"].(map[string]any)
		offers, _ := v["offers"].(map[string]any)
		org, _ := v["organizer"].(map[string]any)
		if v["@type"] != "Event" || v["startDate"] != "2026-03-10T18:00:00+01:00" || v["endDate"] != "2026-03-10T20:00:00+01:00" ||
			v["eventStatus"] != "https://schema.org/EventScheduled" || v["inLanguage"] != "de" ||
			v["eventAttendanceMode"] != "https://schema.org/OfflineEventAttendanceMode" || loc["@type"] != "Place" ||
			addr["postalCode"] != "34117" || addr["streetAddress"] != "Wilhelmshöher Allee 1" || offers["description"] != "3 €" ||
			org["name"] != "Sprachbrücke Kassel" {
			t.Errorf("JSON-LD %v", v)
		}

		d = e.draft()
		d.PlaceKind, d.OnlineURL = event.Online, "https://meet.example.org/geheim"
		online := e.create(t, e.Rolf, d)
		e.Events.Cancel(ctx, e.Olga.Identity(), online.ID)
		body := e.Client(t).Get("/events/" + online.ID).Body
		v = jsonLD(t, body)
		loc, _ = v["location"].(map[string]any)
		if loc["@type"] != "VirtualLocation" || v["eventStatus"] != "https://schema.org/EventCancelled" ||
			v["eventAttendanceMode"] != "https://schema.org/OnlineEventAttendanceMode" || v["offers"] != nil {
			t.Errorf("online JSON-LD %v", v)
		}
		apptest.Lacks(t, "JSON-LD of an online event", body, "meet.example.org")
	})
}

func TestListAndMonthView(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		e.create(t, e.Olga, e.draft())
		info := e.draft()
		info.Title, info.Kind, info.Languages = "Infoabend Pflege", event.InfoEvent, []string{"uk"}
		info.Start, info.End = at(2026, 4, 2, 18, 0), at(2026, 4, 2, 20, 0)
		e.create(t, e.Olga, info)

		c := e.Client(t)
		body := c.Get("/events").Body
		apptest.Contains(t, "list", body, "Sprachcafé Deutsch–Arabisch", "Infoabend Pflege", "Kommende Veranstaltungen")
		body = c.Get("/events?kind=info_event").Body
		apptest.Contains(t, "by kind", body, "Infoabend Pflege")
		apptest.Lacks(t, "by kind", body, "Sprachcafé Deutsch–Arabisch")
		body = c.Get("/events?lang=ar&from=2026-03-01&to=2026-03-31").Body
		apptest.Contains(t, "by language and days", body, "Sprachcafé Deutsch–Arabisch")
		apptest.Lacks(t, "by language and days", body, "Infoabend Pflege")

		res := c.Get("/events?kind=party&from=morgen")
		apptest.WantStatus(t, "bad filter", res.Status, http.StatusUnprocessableEntity, res.Body)
		apptest.Contains(t, "bad filter", res.Body, `id="f-kind-error"`, `id="f-from-error"`, `value="morgen"`)

		body = c.Get("/events/month").Body
		apptest.Contains(t, "this month", body, "Veranstaltungen im März 2026", `datetime="2026-03-10"`, "Sprachcafé Deutsch–Arabisch",
			"month=2026-04")
		apptest.Lacks(t, "this month", body, "Infoabend Pflege")
		body = c.Get("/events/month?month=2026-04&kind=info_event").Body
		apptest.Contains(t, "next month", body, "Infoabend Pflege", html.EscapeString("kind=info_event&month=2026-05"))
		if res := c.Get("/events/month?month=2026-13"); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("month 13: %d", res.Status)
		}
		uk := e.Client(t)
		uk.Lang = "fa"
		apptest.Contains(t, "farsi month", uk.Get("/events/month").Body, `dir="rtl"`, "رویدادهای مارس 2026")
	})
}

// An all-day event shown on each of its days in the month view.
func TestMonthViewShowsEachDay(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		d := e.draft()
		d.AllDay, d.Start, d.End = true, at(2026, 3, 20, 0, 0), at(2026, 3, 22, 0, 0)
		e.create(t, e.Olga, d)
		body := e.Client(t).Get("/events/month?month=2026-03").Body
		for _, day := range []string{"2026-03-20", "2026-03-21", "2026-03-22"} {
			apptest.Contains(t, day, body, `datetime="`+day+`"`)
		}
		apptest.Lacks(t, "the day after", body, `datetime="2026-03-23"`)
	})
}
