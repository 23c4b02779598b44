package event

import (
	"context"
	"fmt"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
)

// demoProject is a project of the demo volunteer day: its organisation,
// its hours in local time, and the demo people who signed up.
type demoProject struct {
	org       string
	from, to  int
	draft     ProjectDraft
	signups   []string
	undecided bool // waits for the organisers' decision
}

var demoProjects = []demoProject{
	{org: "agency", from: 10, to: 13, signups: []string{"volunteer", "newcomer_uk"}, draft: ProjectDraft{
		Title:       "Gemeinschaftsgarten am Wasserturm anlegen",
		Description: "Wir bauen Hochbeete, säen und pflanzen gemeinsam. Werkzeug und Handschuhe sind da.",
		Street:      "Am Wasserturm 3", Postcode: "34127", Place: "Kassel", Capacity: 12,
		Languages: []string{"de", "en"}, ForFamilies: true, WithoutGerman: true}},
	{org: "agency", from: 14, to: 16, draft: ProjectDraft{
		Title:       "Fahrradwerkstatt: Räder für Neuangekommene",
		Description: "Gespendete Fahrräder durchsehen und verkehrssicher machen.",
		Street:      "Lindenhofstraße 14", Postcode: "34117", Place: "Kassel", Capacity: 6,
		Languages: []string{"de", "fa"}, WithoutGerman: true}},
	{org: "mso_tr", from: 10, to: 12, signups: []string{"newcomer_fa"}, draft: ProjectDraft{
		Title:       "Hausaufgabenhilfe-Raum streichen",
		Description: "Der Raum für unsere Hausaufgabenhilfe bekommt neue Farbe. Bitte alte Kleidung mitbringen.",
		Street:      "Mühlengasse 8", Postcode: "34125", Place: "Kassel", Capacity: 5,
		Languages: []string{"de", "tr"}, WithoutGerman: true}},
	{org: "mso_tr", from: 13, to: 16, draft: ProjectDraft{
		Title:       "Nachbarschaftsfest vorbereiten",
		Description: "Zelte aufbauen, Tische stellen, Plakate aufhängen.",
		Street:      "Mühlengasse 8", Postcode: "34125", Place: "Kassel", Capacity: 10,
		Languages: []string{"de", "tr", "ku"}, ForFamilies: true}},
	{org: "mso_ar", from: 11, to: 14, signups: []string{"newcomer_ar"}, draft: ProjectDraft{
		Title:       "Kochen für das offene Café",
		Description: "Wir kochen syrische Gerichte für das Café am Abend und teilen Rezepte.",
		Street:      "Am Wasserturm 3", Postcode: "34127", Place: "Kassel", Capacity: 8,
		Languages: []string{"ar", "de"}, ForFamilies: true, WithoutGerman: true}},
	{org: "mso_ar", from: 14, to: 16, draft: ProjectDraft{
		Title:       "Lesepatenschaft: Vorlesen auf Arabisch und Deutsch",
		Description: "Kinderbücher in zwei Sprachen vorlesen, in der Stadtteilbibliothek.",
		Street:      "Wolfhager Straße 20", Postcode: "34117", Place: "Kassel", Capacity: 4,
		Languages: []string{"ar", "de"}}},
	{org: "municipality", from: 9, to: 12, draft: ProjectDraft{
		Title:       "Aufräumaktion am Fuldaufer",
		Description: "Müll sammeln am Ufer der Fulda; Greifzangen und Säcke stellt die Stadt.",
		Street:      "Auedamm", Postcode: "34121", Place: "Kassel", Capacity: 25,
		Languages: []string{"de", "en", "ar", "fa", "uk", "tr"}, ForFamilies: true, WithoutGerman: true}},
	{org: "company", from: 13, to: 15, undecided: true, draft: ProjectDraft{
		Title:       "Bewerbungsfotos und Lebenslauf-Check",
		Description: "Kolleginnen und Kollegen aus der Personalabteilung sehen Lebensläufe durch; ein Fotograf macht Bewerbungsfotos.",
		Street:      "Industriestraße 40", Postcode: "34123", Place: "Kassel", Capacity: 6,
		Languages: []string{"de", "en"}}},
}

// seedVolunteerDay announces the Kassel volunteer day on the fourth
// Saturday after the seeding, held by the volunteer centre, with eight
// projects of the demo organisations; seven are approved and some demo
// people signed up.
func (m *Module) seedVolunteerDay(ctx context.Context, demo *app.Demo) error {
	saturday := clock.DayOf(m.s.Clock.Now()).AddDate(0, 0, 22)
	for saturday.Weekday() != time.Saturday {
		saturday = saturday.AddDate(0, 0, 1)
	}
	at := func(h int) time.Time {
		return time.Date(saturday.Year(), saturday.Month(), saturday.Day(), h, 0, 0, 0, clock.Zone)
	}
	organiser, err := m.demoEditor(ctx, demo, "agency")
	if err != nil {
		return err
	}
	day, err := m.Create(ctx, organiser, Draft{OrganizationID: demo.Orgs["agency"], Title: "Freiwilligentag Kassel",
		Description: "Ein Tag, viele Hände: Vereine, Migrantenorganisationen, Stadt und Unternehmen laden zu kleinen " +
			"Aktionen in der ganzen Stadt ein. Suchen Sie sich ein oder mehrere Zeitfenster aus – jede Stunde hilft.",
		Kind: VolunteerDay, Start: at(9), End: at(16), PlaceKind: AtAddress, Street: "Lindenhofstraße 14",
		Postcode: "34117", Place: "Kassel", ContentLang: "de", Languages: []string{"de", "en", "ar", "fa", "uk", "tr"}})
	if err != nil {
		return fmt.Errorf("demo volunteer day: %w", err)
	}
	for _, dp := range demoProjects {
		editor, err := m.demoEditor(ctx, demo, dp.org)
		if err != nil {
			return err
		}
		d := dp.draft
		d.OrganizationID, d.Start, d.End = demo.Orgs[dp.org], at(dp.from), at(dp.to)
		d.Languages = append([]string{}, d.Languages...)
		p, err := m.CreateProject(ctx, editor, day.ID, d)
		if err != nil {
			return fmt.Errorf("demo project %s: %w", d.Title, err)
		}
		if dp.undecided {
			continue
		}
		if _, _, err := m.DecideProject(ctx, organiser, day.ID, p.ID, Approved); err != nil {
			return err
		}
		for _, h := range dp.signups {
			if _, err := m.SignUp(ctx, &auth.Identity{UserID: demo.Users[h], Role: auth.Member}, day.ID, p.ID); err != nil {
				return fmt.Errorf("demo sign-up of %s: %w", h, err)
			}
		}
	}
	return nil
}
