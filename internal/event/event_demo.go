package event

import (
	"context"
	"fmt"
	"slices"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
)

// demoEvent is a demo event: its organisation, how many days from the
// next Tuesday it starts, and its hours in local time.
type demoEvent struct {
	org           string
	days          int
	from, to      int // hours
	draft         Draft
	cancelOnSeeds bool
	registered    []string // demo people who registered
	cancelDate    int      // a date of a series called off: its number from 1; 0 none
}

var cafe = Draft{
	Title: "Sprachcafé Deutsch–Arabisch / مقهى اللغة عربي–ألماني",
	Description: "Jeden Dienstag üben wir gemeinsam Deutsch und Arabisch – bei Tee und Gebäck, ohne Anmeldung.\n\n" +
		"كل يوم ثلاثاء نتدرّب معًا على الألمانية والعربية مع الشاي والحلويات، دون تسجيل.",
	Kind: LanguageCafe, Category: "german_lessons.conversation", PlaceKind: AtAddress, Street: "Am Wasserturm 3", Postcode: "34127", Place: "Kassel",
	ContentLang: "de", Languages: []string{"ar", "de"},
	Accessibility: "Ebenerdiger Eingang. Kinder sind willkommen, eine Spielecke ist da.",
}

// demoEvents: the weekly language café on eight Tuesdays, the third
// called off, an info evening, a network meeting and one online.
var demoEvents = []demoEvent{
	{org: "mso_ar", days: 0, from: 17, to: 19, draft: weekly(cafe, 8), cancelDate: 3},
	{org: "agency", days: 2, from: 18, to: 20, registered: []string{"newcomer_uk", "newcomer_fa", "company"}, draft: Draft{
		Title:       "Infoabend: Ehrenamt in der Begleitung Geflüchteter",
		Description: "Wir stellen Patenschaften, Hausaufgabenhilfe und Sprachbegleitung vor und beantworten deine Fragen.",
		Category:    "everyday.mentoring",
		Kind:        InfoEvent, PlaceKind: AtAddress, Street: "Lindenhofstraße 14", Postcode: "34117", Place: "Kassel",
		ContentLang: "de", Languages: []string{"de", "en"}, Capacity: 40, Registration: true,
		Accessibility: "Rollstuhlgerecht, Aufzug vorhanden.",
	}},
	{org: "municipality", days: 9, from: 10, to: 13, draft: Draft{
		Title:       "Netzwerktreffen Integration Kassel",
		Description: "Das Treffen der Migrantenorganisationen, Wohlfahrtsverbände und der Stadt: Neuigkeiten, Bedarfe, gemeinsame Vorhaben.",
		Kind:        Meeting, PlaceKind: AtAddress, Street: "Rathausgasse 4", Postcode: "34117", Place: "Kassel",
		ContentLang: "de", Languages: []string{"de", "tr", "ar"}, Cost: "", Registration: true,
	}},
	{org: "mso_tr", days: 16, from: 19, to: 20, draft: Draft{
		Title:       "Online-Sprechstunde: Anerkennung ausländischer Abschlüsse",
		Description: "Fragen zur Anerkennung von Berufs- und Schulabschlüssen, auf Deutsch und Türkisch.",
		Category:    "work.recognition",
		Kind:        InfoEvent, PlaceKind: Online, OnlineURL: "https://meet.example.org/anerkennung",
		ContentLang: "de", Languages: []string{"de", "tr"},
	}},
	{org: "agency", days: 23, from: 18, to: 21, cancelOnSeeds: true, draft: Draft{
		Title:       "Kochabend der Kulturen",
		Description: "Wir kochen gemeinsam Gerichte aus Syrien, Afghanistan und der Ukraine.",
		Category:    "leisure.culture",
		Kind:        Other, PlaceKind: AtAddress, Street: "Lindenhofstraße 14", Postcode: "34117", Place: "Kassel",
		ContentLang: "de", Languages: []string{"de", "fa", "uk"}, Cost: "5 € für Zutaten", Capacity: 16, Registration: true,
	}},
}

// SeedDemo announces the demo events in the weeks ahead of the seeding,
// by editors of the demo organisations; three newcomers register for the
// info evening; the cooking evening is cancelled.
func (m *Module) SeedDemo(ctx context.Context, demo *app.Demo) error {
	tuesday := clock.DayOf(m.s.Clock.Now()).AddDate(0, 0, 1)
	for tuesday.Weekday() != time.Tuesday {
		tuesday = tuesday.AddDate(0, 0, 1)
	}
	for _, de := range demoEvents {
		editor, err := m.demoEditor(ctx, demo, de.org)
		if err != nil {
			return err
		}
		day := tuesday.AddDate(0, 0, de.days)
		d := de.draft
		d.Languages = slices.Clone(d.Languages)
		d.OrganizationID = demo.Orgs[de.org]
		d.Start = time.Date(day.Year(), day.Month(), day.Day(), de.from, 0, 0, 0, clock.Zone)
		d.End = time.Date(day.Year(), day.Month(), day.Day(), de.to, 0, 0, 0, clock.Zone)
		e, err := m.Create(ctx, editor, d)
		if err != nil {
			return fmt.Errorf("demo event %s: %w", d.Title, err)
		}
		for _, h := range de.registered {
			if _, err := m.Register(ctx, &auth.Identity{UserID: demo.Users[h], Role: auth.Member}, e.ID); err != nil {
				return fmt.Errorf("demo registration of %s: %w", h, err)
			}
		}
		if de.cancelDate > 0 {
			d := e.Dates(nil)[de.cancelDate-1]
			if _, err := m.UpdateDate(ctx, editor, e.ID, d.Date, DateUpdate{Status: Cancelled}); err != nil {
				return err
			}
		}
		if de.cancelOnSeeds {
			if _, err := m.Cancel(ctx, editor, e.ID); err != nil {
				return err
			}
		}
	}
	if err := m.seedVolunteerDay(ctx, demo); err != nil {
		return err
	}
	return m.seedBarcamp(ctx, demo)
}

// demoEditor is a demo person who edits the demo organisation, trying
// the people in the order of their handles.
func (m *Module) demoEditor(ctx context.Context, demo *app.Demo, org string) (*auth.Identity, error) {
	orgID, ok := demo.Orgs[org]
	if !ok {
		return nil, fmt.Errorf("no demo organisation %q", org)
	}
	handles := make([]string, 0, len(demo.Users))
	for h := range demo.Users {
		handles = append(handles, h)
	}
	slices.Sort(handles)
	for _, h := range handles {
		if id := (&auth.Identity{UserID: demo.Users[h], Role: auth.Member}); m.mayActFor(ctx, orgID, id) {
			return id, nil
		}
	}
	return nil, fmt.Errorf("nobody edits the demo organisation %q", org)
}

// weekly is d repeated every week for count dates.
func weekly(d Draft, count int) Draft {
	d.Repeat = Repeat{Freq: Weekly, Count: count}
	return d
}
