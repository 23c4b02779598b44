package directory_test

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/directory"
)

// TestMunicipalityFilters: "open now" and "speaks my language" narrow the
// page, and services are grouped by need.
func TestMunicipalityFilters(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		coord := e.NewPerson(t, "koord", auth.Coordinator)
		owner := e.NewPerson(t, "owner", auth.Member)
		mu := e.Municipality(t, coord, "06611000", "Kassel")
		e.Municipality(t, coord, "05315000", "Köln")
		o := e.NewOrg(t, owner, "Beratung Kassel", "welfare_association", "34117", "Kassel", "de")
		morning := e.Location(t, owner, o.ID, mu.AGS, "Morgenweg 1") // weekdays 9–17
		evening, err := e.Dir.CreateLocation(ctx, owner.ID, o.ID, directory.LocationInput{Street: "Abendweg 2", Postcode: "34117",
			City: "Kassel", AGS: mu.AGS, Periods: []directory.Period{period(1, "18:00", "21:00")}})
		if err != nil {
			t.Fatal(err)
		}
		e.Service(t, owner, o.ID, "Asylverfahrensberatung", "legal_advice.asylum_counselling", []string{"de", "fa"}, morning.ID)
		e.Service(t, owner, o.ID, "Abendsprechstunde auf Farsi", "legal_advice", []string{"fa"}, evening.ID)
		e.Service(t, owner, o.ID, "Sprachcafé", "german_lessons.conversation", []string{"de", "ar"}, morning.ID, evening.ID)
		e.Service(t, owner, o.ID, "Ohne Ort", "health", []string{"de"})

		// Monday 2 March 2026, 9:00 in Kassel.
		visitor := e.Client(t)
		page := visitor.Get("/municipalities/06611000")
		for _, want := range []string{"Asylverfahrensberatung", "Abendsprechstunde auf Farsi", "Sprachcafé", `id="need-legal"`,
			`id="need-language"`, "Jetzt geöffnet, bis 17:00 Uhr", "Jetzt geschlossen, öffnet heute um 18:00 Uhr"} {
			if !strings.Contains(page.Body, want) {
				t.Errorf("the page lacks %q", want)
			}
		}
		if strings.Contains(page.Body, "Ohne Ort") {
			t.Errorf("a service without a place in Kassel is listed")
		}
		if legal, language := strings.Index(page.Body, `id="need-legal"`), strings.Index(page.Body, `id="need-language"`); language > legal {
			t.Errorf("needs out of order")
		}
		shown := func(q string) []string {
			t.Helper()
			res := visitor.Get("/municipalities/06611000?" + q)
			if res.Status != http.StatusOK {
				t.Fatalf("%s: %d", q, res.Status)
			}
			var out []string
			for _, m := range regexp.MustCompile(`<h3><a href="/services/[^"]+">([^<]+)</a></h3>`).FindAllStringSubmatch(res.Body, -1) {
				out = append(out, m[1])
			}
			return out
		}
		if got := shown("lang=fa"); !slices.Equal(got, []string{"Abendsprechstunde auf Farsi", "Asylverfahrensberatung"}) {
			t.Errorf("speaks Farsi: %v", got)
		}
		if got := shown("open=1"); !slices.Equal(got, []string{"Sprachcafé", "Asylverfahrensberatung"}) {
			t.Errorf("open now: %v", got)
		}
		if got := shown("open=1&lang=fa"); !slices.Equal(got, []string{"Asylverfahrensberatung"}) {
			t.Errorf("open now and Farsi: %v", got)
		}
		if got := shown("need=language"); !slices.Equal(got, []string{"Sprachcafé"}) {
			t.Errorf("need language: %v", got)
		}
		e.Clock.Advance(9*time.Hour + 30*time.Minute) // 18:30
		if got := shown("open=1&lang=fa"); !slices.Equal(got, []string{"Abendsprechstunde auf Farsi"}) {
			t.Errorf("open now and Farsi in the evening: %v", got)
		}
		if res := visitor.Get("/municipalities/06611000?need=nonsense"); res.Status != http.StatusUnprocessableEntity {
			t.Errorf("unknown need: %d", res.Status)
		}
		for _, path := range []string{"/municipalities/99999999", "/municipalities/abc"} {
			if res := visitor.Get(path); res.Status != http.StatusNotFound {
				t.Errorf("%s: %d", path, res.Status)
			}
		}
		if res := visitor.Get("/municipalities/05315000"); res.Status != http.StatusOK || strings.Contains(res.Body, "Sprachcafé") {
			t.Errorf("Köln shows Kassel's services")
		}

		// The print page: one need, in the page language.
		visitor.Lang = "ar"
		res := visitor.Get("/municipalities/06611000/print?need=legal")
		if res.Status != http.StatusOK || !strings.Contains(res.Body, `<html lang="ar" dir="rtl">`) ||
			!strings.Contains(res.Body, "/static/directory/directory.css?v=") || !strings.Contains(res.Body, "Asylverfahrensberatung") ||
			strings.Contains(res.Body, "Sprachcafé") || !strings.Contains(res.Body, e.URL+"/municipalities/06611000") {
			t.Errorf("print page: %d", res.Status)
		}
		link := regexp.MustCompile(`/static/directory/directory\.css\?v=[0-9a-f]+`).FindString(res.Body)
		if css := visitor.Get(link); link == "" || css.Status != http.StatusOK || !strings.Contains(css.Body, "@media print") {
			t.Errorf("print stylesheet %q: %d", link, css.Status)
		}
	})
}

// TestFindMunicipality: the entry page finds a municipality by key, name,
// postcode or place; postcodes suggest a location's municipality.
func TestFindMunicipality(t *testing.T) {
	e := newEnv(t, "sqlite")
	coord := e.NewPerson(t, "koord", auth.Coordinator)
	e.Municipality(t, coord, "06611000", "Kassel")
	e.Municipality(t, coord, "06633028", "Wolfhagen")
	e.Municipality(t, coord, "06633013", "Hofgeismar")
	e.Municipality(t, coord, "05315000", "Köln")
	visitor := e.Client(t)
	for q, want := range map[string]string{"06611000": "/municipalities/06611000", "köln": "/municipalities/05315000",
		"KOELN": "/municipalities/05315000", "Atlantis": ""} {
		res := visitor.Get("/directory?q=" + url.QueryEscape(q))
		if want == "" {
			if res.Status != http.StatusNotFound || !strings.Contains(res.Body, `id="f-q-error"`) {
				t.Errorf("%q without postcode data: %d", q, res.Status)
			}
			continue
		}
		if res.Status != http.StatusSeeOther || res.Location() != want {
			t.Errorf("%q: %d %s", q, res.Status, res.Location())
		}
	}

	e.importPostcodes(t, "34117", "34466", "34369", "50667", "37213")
	for q, want := range map[string]string{"34117": "/municipalities/06611000", "34466": "/municipalities/06633028",
		"34369": "/municipalities/06633013", "50667": "/municipalities/05315000", "Wolfhagen": "/municipalities/06633028"} {
		res := visitor.Get("/directory?q=" + url.QueryEscape(q))
		if res.Status != http.StatusSeeOther || res.Location() != want {
			t.Errorf("%q: %d %s", q, res.Status, res.Location())
		}
	}
	// Witzenhausen lies in another district that has no municipality here.
	if res := visitor.Get("/directory?q=37213"); res.Status != http.StatusNotFound {
		t.Errorf("37213: %d", res.Status)
	}
	// A location without municipality gets the one of its postcode, and
	// the coordinates of the postcode area.
	owner := e.NewPerson(t, "owner", auth.Member)
	o := e.NewOrg(t, owner, "Verein Wolfhagen", "initiative", "34466", "Wolfhagen", "de")
	l, err := e.Dir.CreateLocation(ctx, owner.ID, o.ID, directory.LocationInput{Street: "Burgstraße 1", Postcode: "34466", City: "Wolfhagen"})
	if err != nil || l.AGS != "06633028" || l.Municipality != "Wolfhagen" || !l.HasPoint() || *l.Lat < 51.2 || *l.Lat > 51.4 {
		t.Errorf("suggested municipality: %+v %v", l, err)
	}
	res := owner.Web.Post("/organizations/"+o.ID+"/locations/new", url.Values{"street": {"Weg 1"}, "postcode": {"37213"},
		"city": {"Witzenhausen"}})
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `id="f-ags-error"`) ||
		!strings.Contains(res.Body, `value="Witzenhausen"`) {
		t.Errorf("no municipality for the postcode: %d", res.Status)
	}
}

// TestServiceAndLocationForms: errors beside the fields, nothing typed
// lost, and the hours typed come back.
func TestServiceAndLocationForms(t *testing.T) {
	e := newEnv(t, "sqlite")
	coord := e.NewPerson(t, "koord", auth.Coordinator)
	owner := e.NewPerson(t, "owner", auth.Member)
	mu := e.Municipality(t, coord, "06611000", "Kassel")
	o := e.NewOrg(t, owner, "Beratung Kassel", "welfare_association", "34117", "Kassel", "de")

	res := owner.Web.Post("/organizations/"+o.ID+"/locations/new", url.Values{"name": {"Büro Nord"}, "street": {"Nordweg 1"},
		"postcode": {"3411"}, "city": {"Kassel"}, "ags": {mu.AGS}, "lat": {"51,3"}, "lon": {""},
		"h1_1_opens": {"09:00"}, "h1_1_closes": {"12:00"}, "h1_2_opens": {"11:00"}, "h1_2_closes": {"13:00"},
		"h2_1_opens": {"14:00"}, "h3_1_opens": {"25:00"}, "h3_1_closes": {"26:00"}})
	body := res.Body
	for _, want := range []string{`value="Büro Nord"`, `value="3411"`, `id="f-postcode-error"`, `id="f-lat-error"`,
		`id="f-hours-1-error"`, `id="f-hours-2-error"`, `id="f-hours-3-error"`, `name="h1_2_opens" type="text" inputmode="numeric" size="5" maxlength="5" autocomplete="off" value="11:00"`} {
		if !strings.Contains(body, want) {
			t.Errorf("location form lacks %s", want)
		}
	}
	if res.Status != http.StatusUnprocessableEntity {
		t.Errorf("status %d", res.Status)
	}
	res = owner.Web.Post("/organizations/"+o.ID+"/locations/new", url.Values{"street": {"Nordweg 1"}, "postcode": {"34117"},
		"city": {"Kassel"}, "ags": {mu.AGS}, "lat": {"51,3166"}, "lon": {"9.4912"}, "wheelchair": {"partly"},
		"h1_1_opens": {"09:00"}, "h1_1_closes": {"12:00"}, "h1_2_opens": {"13:00"}, "h1_2_closes": {"16:00"}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("valid location: %d %s", res.Status, res.Body)
	}
	locID := strings.TrimPrefix(res.Location(), "/locations/")
	edit := owner.Web.Get("/locations/" + locID + "/edit").Body
	if !strings.Contains(edit, `name="h1_2_closes" type="text" inputmode="numeric" size="5" maxlength="5" autocomplete="off" value="16:00"`) || !strings.Contains(edit, `value="51.3166"`) {
		t.Errorf("the edit form does not show the saved hours")
	}
	// Exceptions on the location page.
	res = owner.Web.Post("/locations/"+locID+"/closures", url.Values{"first": {"2026-12-24"}, "last": {"2026-12-20"},
		"kind": {"hours"}, "opens": {"12:00"}, "closes": {"10:00"}, "note": {"Weihnachten"}})
	if res.Status != http.StatusUnprocessableEntity || !strings.Contains(res.Body, `id="f-last-error"`) ||
		!strings.Contains(res.Body, `id="f-opens-error"`) || !strings.Contains(res.Body, `value="Weihnachten"`) {
		t.Errorf("invalid exception: %d", res.Status)
	}
	if res := owner.Web.Post("/locations/"+locID+"/closures", url.Values{"first": {"2026-03-02"}, "kind": {"closed"},
		"note": {"Betriebsausflug"}}); res.Status != http.StatusSeeOther {
		t.Errorf("exception: %d", res.Status)
	}
	if page := e.Client(t).Get("/locations/" + locID); !strings.Contains(page.Body, "Betriebsausflug") ||
		!strings.Contains(page.Body, "Jetzt geschlossen") {
		t.Errorf("the location page does not show today's exception")
	}

	res = owner.Web.Post("/organizations/"+o.ID+"/services/new", url.Values{"name": {"Kleiderkammer"}, "description": {"Kleidung"},
		"category": {"nonsense"}, "lang": {"de"}, "cost": {"fee"}, "fee_note": {"2 Euro"}, "targets": {"women"},
		"phone": {"abc"}, "locations": {locID}})
	for _, want := range []string{`value="Kleiderkammer"`, `id="f-category-error"`, `id="f-access-error"`, `id="f-languages-error"`,
		`id="f-phone-error"`, `value="2 Euro"`, `id="f-cost-fee" name="cost" value="fee" checked`, `value="women" checked`,
		`value="` + locID + `" checked`} {
		if !strings.Contains(res.Body, want) {
			t.Errorf("service form lacks %s", want)
		}
	}
	res = owner.Web.Post("/organizations/"+o.ID+"/services/new", url.Values{"name": {"Kleiderkammer"}, "category": {"goods.clothing"},
		"lang": {"de"}, "cost": {"free"}, "access": {"walk_in", "referral"}, "languages": {"de", "uk"}, "locations": {locID}})
	if res.Status != http.StatusSeeOther {
		t.Fatalf("valid service: %d", res.Status)
	}
	svcID := strings.TrimPrefix(res.Location(), "/services/")
	s, _ := e.Dir.Service(ctx, svcID)
	if !s.WalkIn || s.Appointment || !s.Referral || !slices.Equal(s.Languages, []string{"de", "uk"}) || len(s.Places) != 1 {
		t.Errorf("saved service: %+v", s)
	}
}

// TestConfirmationAndReminder: entries show when they were last checked;
// six months later the organisation's editors get one reminder mail, and
// after confirming no new one.
func TestConfirmationAndReminder(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		coord := e.NewPerson(t, "koord", auth.Coordinator)
		owner := e.NewPerson(t, "owner", auth.Member)
		editor := e.NewPersonLang(t, "editor", auth.Member, "ar")
		stranger := e.NewPerson(t, "stranger", auth.Member)
		mu := e.Municipality(t, coord, "06611000", "Kassel")
		o := e.NewOrg(t, owner, "Beratung Kassel", "welfare_association", "34117", "Kassel", "de")
		if err := e.Orgs.Invite(ctx, owner.ID, o.ID, editor.Email, "editor"); err != nil {
			t.Fatal(err)
		}
		secret, _ := e.LastInvitation(t, editor.Email)
		if _, err := e.Orgs.AcceptInvitation(ctx, editor.ID, secret); err != nil {
			t.Fatal(err)
		}
		l := e.Location(t, owner, o.ID, mu.AGS, "Hauptstraße 1")
		s := e.Service(t, owner, o.ID, "Asylverfahrensberatung", "legal_advice", []string{"de"}, l.ID)
		if page := e.Client(t).Get("/services/" + s.ID); !strings.Contains(page.Body, "Zuletzt geprüft am 02.03.2026") {
			t.Errorf("the service page does not say when it was checked")
		}
		run := func() {
			t.Helper()
			if err := e.P.App.Jobs.RunDue(ctx); err != nil {
				t.Fatal(err)
			}
		}
		run()
		if n := len(e.outboxTo(t, owner.Email)); n != 0 {
			t.Fatalf("reminder before six months: %d", n)
		}
		e.Clock.Advance(24 * time.Hour * 150)
		// The location is checked after five months; the service is not.
		if res := editor.Web.Post("/locations/"+l.ID+"/confirm", nil); res.Status != http.StatusSeeOther {
			t.Fatalf("confirm location: %d", res.Status)
		}
		e.Clock.Advance(24 * time.Hour * 40) // 190 days after the start
		run()
		mails := e.outboxTo(t, owner.Email)
		arabic := e.outboxTo(t, editor.Email)
		if len(mails) != 1 || len(arabic) != 2 || len(e.outboxTo(t, stranger.Email)) != 0 {
			t.Fatalf("reminders: owner %d, editor %d", len(mails), len(arabic))
		}
		if !strings.Contains(mails[0], "Asylverfahrensberatung") || strings.Contains(mails[0], "Hauptstraße 1") ||
			!strings.Contains(mails[0], "/services/"+s.ID) || !strings.Contains(mails[0], "Bitte prüfe die Einträge von Beratung Kassel") {
			t.Errorf("owner's reminder:\n%s", mails[0])
		}
		if !strings.Contains(arabic[1], "Asylverfahrensberatung") || strings.Contains(arabic[1], "Bitte prüfe") {
			t.Errorf("the editor's reminder is not in Arabic:\n%s", arabic[1])
		}
		if page := owner.Web.Get("/organizations/" + o.ID + "/services"); !strings.Contains(page.Body, "Bitte prüfen") {
			t.Errorf("the editor's page does not mark the due entry")
		}
		e.Clock.Advance(25 * time.Hour)
		run()
		if n := len(e.outboxTo(t, owner.Email)); n != 1 {
			t.Errorf("reminded twice: %d", n)
		}
		if res := owner.Web.Post("/services/"+s.ID+"/confirm", url.Values{"next": {"/organizations/" + o.ID + "/services"}}); res.Status != http.StatusSeeOther ||
			res.Location() != "/organizations/"+o.ID+"/services" {
			t.Errorf("confirm: %d %s", res.Status, res.Location())
		}
		e.Clock.Advance(24 * time.Hour * 100)
		run()
		if n := len(e.outboxTo(t, owner.Email)); n != 1 {
			t.Errorf("reminded after confirming: %d", n)
		}
		e.Clock.Advance(24 * time.Hour * 90) // six months after the confirmation
		run()
		if n := len(e.outboxTo(t, owner.Email)); n != 2 {
			t.Errorf("second reminder six months after confirming: %d", n)
		}
	})
}

// TestCSVHasNoFormulas: names people typed reach the volunteer CSV as
// text, never as a formula a spreadsheet would run.
func TestCSVHasNoFormulas(t *testing.T) {
	e := newEnv(t, "sqlite")
	owner := e.NewPerson(t, "owner", auth.Member)
	hyperlink := `=HYPERLINK("https://evil.example/?"&A1,"Details")`
	o := e.NewOrg(t, owner, hyperlink, "initiative", "34117", "Kassel")
	e.Service(t, owner, o.ID, "@SUM(1+1)*cmd|' /C calc'!A0", "volunteering.events", []string{"de"})
	res := e.Client(t).Get("/directory/export.csv")
	if !strings.HasPrefix(res.Body, "\uFEFForganization_id,") || !strings.Contains(res.Body, "\r\n") {
		t.Errorf("not UTF-8 with a byte order mark and CRLF: %q", res.Body)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(res.Body, "\uFEFF"))).ReadAll()
	if err != nil || len(rows) != 2 {
		t.Fatalf("%v %q", err, rows)
	}
	if rows[1][1] != "'"+hyperlink || rows[1][5] != "'@SUM(1+1)*cmd|' /C calc'!A0" {
		t.Errorf("organisation %q, service %q", rows[1][1], rows[1][5])
	}
}

// TestCSVAndJSONLD: the volunteer CSV lists volunteering services and
// what their organisations look for partners for (the network's demo
// content); the service and organisation pages carry schema.org data.
func TestCSVAndJSONLD(t *testing.T) {
	e := newEnv(t, "sqlite")
	if _, err := e.P.SeedDemoIfEmpty(ctx); err != nil {
		t.Fatal(err)
	}
	res := e.Client(t).Get("/directory/export.csv")
	if res.Status != http.StatusOK || res.Header.Get("Content-Type") != "text/csv; charset=utf-8" {
		t.Fatalf("csv: %d", res.Status)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(res.Body, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range rows[1:] {
		names = append(names, r[5])
	}
	slices.Sort(names)
	want := []string{"Beratung zum Engagement", "Ehrenamtliche Vormundschaften", "Mitmachen bei der Tafel-Ausgabe",
		"Patenschaften für Neuangekommene"}
	if rows[0][0] != "organization_id" || !slices.Equal(names, want) {
		t.Errorf("csv rows: %v", names)
	}
	res = e.Client(t).Get("/directory/export.csv?ags=06633028")
	if strings.Count(res.Body, "\n") != 3 || !strings.Contains(res.Body, "Eine Migrantenorganisation aus der Region") {
		t.Errorf("csv of Wolfhagen:\n%s", res.Body)
	}

	jsonld := regexp.MustCompile(`<script type="application/ld\+json">(.*?)</script>`)
	page := e.Client(t).Get("/municipalities/06611000?lang=fa&open=1")
	svc := regexp.MustCompile(`href="/services/([0-9a-f-]+)">Asylverfahrensberatung<`).FindStringSubmatch(page.Body)
	if svc == nil {
		t.Fatal("no Asylverfahrensberatung open in Farsi on Monday morning")
	}
	m := jsonld.FindStringSubmatch(e.Client(t).Get("/services/" + svc[1]).Body)
	var doc map[string]any
	if m == nil || json.Unmarshal([]byte(m[1]), &doc) != nil || doc["@type"] != "Service" || doc["name"] != "Asylverfahrensberatung" {
		t.Fatalf("service JSON-LD: %v", m)
	}
	channel := doc["availableChannel"].([]any)[0].(map[string]any)
	if langs, _ := channel["availableLanguage"].([]any); !slices.Contains(langs, any("fa")) {
		t.Errorf("availableLanguage of the channel: %v", channel)
	}
	// Properties of other types than Service and its parents are not used.
	for _, notOfService := range []string{"availableLanguage", "inLanguage", "isAccessibleForFree", "dateModified", "eligibleCustomerType"} {
		if _, ok := doc[notOfService]; ok {
			t.Errorf("Service with %s", notOfService)
		}
	}
	ch := channel["serviceLocation"].(map[string]any)
	if len(ch["openingHoursSpecification"].([]any)) < 5 {
		t.Errorf("opening hours in JSON-LD: %v", ch)
	}
	orgID := regexp.MustCompile(`href="/organizations/([0-9a-f-]+)">Diakonie Kassel`).FindStringSubmatch(page.Body)
	orgPage := e.Client(t).Get("/organizations/" + orgID[1])
	m = jsonld.FindStringSubmatch(orgPage.Body)
	if m == nil || json.Unmarshal([]byte(m[1]), &doc) != nil || doc["@type"] != "Organization" ||
		!strings.Contains(orgPage.Body, "Asylverfahrensberatung") {
		t.Errorf("organisation page: JSON-LD %v", m)
	}
	if cp, _ := doc["contactPoint"].(map[string]any); cp["@type"] != "ContactPoint" || (cp["email"] == nil && cp["telephone"] == nil) {
		t.Errorf("organisation without contactPoint: %v", doc)
	}
	// The organisation's places are described on their own pages under the
	// @id its data points to, and so is the municipality.
	places, _ := doc["location"].([]any)
	if len(places) == 0 {
		t.Fatalf("organisation without location: %v", doc)
	}
	placeID := places[0].(map[string]any)["@id"].(string)
	m = jsonld.FindStringSubmatch(e.Client(t).Get(strings.TrimPrefix(placeID, e.URL)).Body)
	var place, area map[string]any
	if m == nil || json.Unmarshal([]byte(m[1]), &place) != nil || place["@type"] != "Place" || place["@id"] != placeID ||
		place["containedInPlace"].(map[string]any)["@type"] != "AdministrativeArea" {
		t.Errorf("location page: JSON-LD %v", m)
	}
	m = jsonld.FindStringSubmatch(page.Body)
	if m == nil || json.Unmarshal([]byte(m[1]), &area) != nil || area["@type"] != "AdministrativeArea" ||
		area["identifier"].(map[string]any)["value"] != "06611000" || area["name"] != "Kassel" {
		t.Errorf("municipality page: JSON-LD %v", m)
	}
	// Text that would end the script is escaped.
	owner := e.NewPerson(t, "owner", auth.Member)
	o := e.NewOrg(t, owner, "</script><script>alert(1)</script>", "initiative", "34117", "Kassel", "de")
	body := e.Client(t).Get("/organizations/" + o.ID).Body
	if strings.Contains(body, "<script>alert(1)") {
		t.Errorf("a name ends the JSON-LD block")
	}
}

// TestPageWeight: the directory's fullest demo pages weigh at most 30 KB
// with their assets, as transferred (gzip).
func TestPageWeight(t *testing.T) {
	e := newEnv(t, "sqlite")
	demo := e.seedDemo(t)
	svcs, _ := e.Dir.ServicesOf(ctx, demo.Orgs["diakonie"])
	assets := regexp.MustCompile(`(?:href|src)="(/static/[^"]+|/directory/directory\.css)"`)
	c := e.Client(t)
	for _, path := range []string{"/directory", "/municipalities/06611000", "/municipalities/05315000",
		"/municipalities/06611000/print?need=arrived", "/network", "/network?ags=06611000", "/partnerships",
		"/services/" + svcs[0].ID, "/organizations/" + demo.Orgs["diakonie"], "/organizations/" + demo.Orgs["diakonie"] + "/services"} {
		size, body := c.Transferred(path)
		total := size
		for _, m := range assets.FindAllStringSubmatch(body, -1) {
			n, _ := c.Transferred(m[1])
			total += n
		}
		t.Logf("%s: page %d B, with assets %d B", path, size, total)
		if total > 30*1024 {
			t.Errorf("%s weighs %d bytes with its assets", path, total)
		}
	}
}
