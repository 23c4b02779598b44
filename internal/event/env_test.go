package event_test

import (
	"context"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/event"
	"teilhabe.org/teilhabe/internal/organization"
)

var ctx = context.Background()

// env is the platform with an organisation: Olga owns it, Rolf edits it,
// Mia is a member of nothing, Cora coordinates.
type env struct {
	*apptest.Env
	Events                *event.Module
	Orgs                  *organization.Module
	OrgID                 string
	Olga, Rolf, Mia, Cora *apptest.Person
}

func forEach(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Helper()
	apptest.ForEach(t, func(t *testing.T, ae *apptest.Env) { fn(t, wrap(t, ae)) })
}

func wrap(t *testing.T, ae *apptest.Env) *env {
	t.Helper()
	e := &env{Env: ae, Events: apptest.Module[*event.Module](t, ae), Orgs: apptest.Module[*organization.Module](t, ae)}
	e.Olga = ae.NewPerson(t, "olga", auth.Member)
	e.Rolf = ae.NewPerson(t, "rolf", auth.Member)
	e.Mia = ae.NewPerson(t, "mia", auth.Member)
	e.Cora = ae.NewPerson(t, "cora", auth.Coordinator)
	o, err := e.Orgs.Create(ctx, e.Olga.ID, organization.Profile{Name: "Sprachbrücke Kassel", Kind: "initiative"})
	if err != nil {
		t.Fatal(err)
	}
	e.OrgID = o.ID
	ae.Join(t, e.Olga, e.Rolf, o.ID)
	return e
}

// at is a moment in Kassel's local time.
func at(y int, mo time.Month, d, h, mi int) time.Time {
	return time.Date(y, mo, d, h, mi, 0, 0, clock.Zone)
}

// draft is a valid language café of the organisation next week.
func (e *env) draft() event.Draft {
	return event.Draft{
		OrganizationID: e.OrgID, Title: "Sprachcafé Deutsch–Arabisch", Description: "Wir sprechen Deutsch und Arabisch.",
		Kind: event.LanguageCafe, Start: at(2026, 3, 10, 18, 0), End: at(2026, 3, 10, 20, 0),
		PlaceKind: event.AtAddress, Street: "Wilhelmshöher Allee 1", Postcode: "34117", Place: "Kassel",
		ContentLang: "de", Languages: []string{"de", "ar"},
	}
}

func (e *env) create(t *testing.T, who *apptest.Person, d event.Draft) *event.Event {
	t.Helper()
	ev, err := e.Events.Create(ctx, who.Identity(), d)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	return ev
}
