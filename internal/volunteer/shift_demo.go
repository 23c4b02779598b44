package volunteer

import (
	"context"
	"fmt"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
)

// demoShelter is the demo organisation whose shelter plans its week.
const demoShelter = "municipality"

// SeedDemo plans the shelter's evening shifts every Wednesday for six
// weeks (kitchen, childcare with a required background check, language
// café) and a roster-only Saturday clean-up; two demo volunteers join the
// roster and take slots of the first Wednesday, one showing the name.
func (m *Module) SeedDemo(ctx context.Context, demo *app.Demo) error {
	planner := &auth.Identity{UserID: demo.Users[demoShelter], Role: auth.Member}
	orgID := demo.Orgs[demoShelter]
	if orgID == "" || !m.mayPlan(ctx, orgID, planner) {
		return fmt.Errorf("demo: %q does not plan for the demo organisation %q", demoShelter, demoShelter)
	}
	wednesday := nextWeekday(clock.DayOf(m.s.Clock.Now()), time.Wednesday)
	until := wednesday.AddDate(0, 0, 35)
	weekly, err := m.Plan(ctx, planner, Draft{
		OrganizationID: orgID, Title: "Gemeinschaftsunterkunft Lindenstraße: Abenddienst",
		Place: "Lindenstraße 12, 34117 Kassel", Public: true, RepeatUntil: &until,
		Start: at(wednesday, 17), End: at(wednesday, 20),
		Slots: []SlotDraft{
			{Task: "Küche: Abendessen vorbereiten und ausgeben", Needed: 3},
			{Task: "Kinderbetreuung im Spielzimmer", Needed: 2, Languages: []string{"ar", "de"}, CheckRequired: true},
			{Task: "Sprachcafé", Needed: 2, Languages: []string{"de", "fa", "uk"}},
		},
	})
	if err != nil {
		return fmt.Errorf("demo shift plan: %w", err)
	}
	saturday := nextWeekday(wednesday, time.Saturday)
	if _, err := m.Plan(ctx, planner, Draft{
		OrganizationID: orgID, Title: "Frühjahrsputz im Hof", Place: "Lindenstraße 12, 34117 Kassel",
		Start: at(saturday, 10), End: at(saturday, 14),
		Slots: []SlotDraft{{Task: "Hof fegen und Beete anlegen", Needed: 6}},
	}); err != nil {
		return fmt.Errorf("demo roster-only shift: %w", err)
	}
	jonas := &auth.Identity{UserID: demo.Users["volunteer"], Role: auth.Member}
	var av Availability
	av[2][2], av[5][0], av[5][1] = true, true, true // Wednesday evening, Saturday
	if _, err := m.SaveProfile(ctx, jonas, Profile{Skills: []string{"children", "leisure"}, Postcode: "34119",
		Place: "Kassel", RadiusKm: 10, MaxHoursMonth: 12, Availability: av,
		Languages: []LanguageLevel{{"de", "native"}, {"en", "fluent"}, {"ar", "basic"}}}); err != nil {
		return fmt.Errorf("demo profile: %w", err)
	}
	first := weekly[0]
	for _, take := range []struct {
		handle string
		slot   int
		show   bool
	}{{"volunteer", 0, true}, {"newcomer_fa", 2, false}} {
		id := &auth.Identity{UserID: demo.Users[take.handle], Role: auth.Member}
		if err := m.addToRoster(ctx, orgID, id.UserID, "invitation"); err != nil {
			return err
		}
		if _, err := m.Take(ctx, id, first.ID, first.Slots[take.slot].ID, take.show); err != nil {
			return fmt.Errorf("demo: %s takes a slot: %w", take.handle, err)
		}
	}
	// Jonas sorted donations last week: two hours, confirmed; one and a
	// half yesterday, still to confirm.
	today := clock.DayOf(m.s.Clock.Now())
	for i, add := range []HoursDraft{
		{OrganizationID: orgID, Day: today.AddDate(0, 0, -7), Minutes: 120, Activity: "Kleiderspenden sortiert"},
		{OrganizationID: orgID, Day: today.AddDate(0, 0, -1), Minutes: 90, Activity: "Hausaufgabenhilfe"},
	} {
		h, err := m.AddHours(ctx, jonas, add)
		if err != nil {
			return fmt.Errorf("demo hours: %w", err)
		}
		if i == 0 {
			if _, err := m.DecideHours(ctx, planner, orgID, h.ID, true); err != nil {
				return err
			}
		}
	}
	// Jonas's certificate for last week is confirmed; Reza asked for one.
	c, err := m.RequestCertificate(ctx, jonas, orgID, today.AddDate(0, 0, -14), today.AddDate(0, 0, -1))
	if err != nil {
		return fmt.Errorf("demo certificate: %w", err)
	}
	if _, err := m.ConfirmCertificate(ctx, planner, c.ID, Confirmation{Role: "Leitung der Unterkunft",
		Note: "Jonas ist zuverlässig und bei den Kindern sehr beliebt."}); err != nil {
		return fmt.Errorf("demo certificate: %w", err)
	}
	if _, err := m.RecordCheck(ctx, planner, orgID, CheckInput{UserID: jonas.UserID, IssuedOn: today.AddDate(-1, 0, 0),
		SeenOn: today.AddDate(-1, 0, 7)}); err != nil {
		return fmt.Errorf("demo check: %w", err)
	}
	reza := &auth.Identity{UserID: demo.Users["newcomer_fa"], Role: auth.Member}
	if _, err := m.RequestCertificate(ctx, reza, orgID, today.AddDate(0, -1, 0), today); err != nil {
		return fmt.Errorf("demo certificate request: %w", err)
	}
	return nil
}

// nextWeekday is the first day after day that is a wd.
func nextWeekday(day time.Time, wd time.Weekday) time.Time {
	day = day.AddDate(0, 0, 1)
	for day.Weekday() != wd {
		day = day.AddDate(0, 0, 1)
	}
	return day
}

// at is the hour of the day in Europe/Berlin.
func at(day time.Time, hour int) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), hour, 0, 0, 0, clock.Zone)
}
