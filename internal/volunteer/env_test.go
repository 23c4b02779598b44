package volunteer_test

import (
	"context"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/volunteer"
)

var ctx = context.Background()

// env is the platform with a shelter: Olga owns it, Rolf edits it, Mia and
// Wanda are volunteers of no organisation, Otto owns another organisation,
// Cora coordinates.
type env struct {
	*apptest.Env
	Vol                          *volunteer.Module
	Orgs                         *organization.Module
	OrgID                        string
	Olga, Rolf, Mia, Wanda, Otto *apptest.Person
	Cora                         *apptest.Person
}

func forEach(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Helper()
	apptest.ForEach(t, func(t *testing.T, ae *apptest.Env) { fn(t, wrap(t, ae)) })
}

func wrap(t *testing.T, ae *apptest.Env) *env {
	t.Helper()
	e := &env{Env: ae, Vol: apptest.Module[*volunteer.Module](t, ae), Orgs: apptest.Module[*organization.Module](t, ae)}
	e.Olga = ae.NewPerson(t, "olga", auth.Member)
	e.Rolf = ae.NewPerson(t, "rolf", auth.Member)
	e.Mia = ae.NewPerson(t, "mia", auth.Member)
	e.Wanda = ae.NewPerson(t, "wanda", auth.Member)
	e.Otto = ae.NewPerson(t, "otto", auth.Member)
	e.Cora = ae.NewPerson(t, "cora", auth.Coordinator)
	o, err := e.Orgs.Create(ctx, e.Olga.ID, organization.Profile{Name: "Unterkunft Lindenstraße", Kind: "initiative"})
	if err != nil {
		t.Fatal(err)
	}
	e.OrgID = o.ID
	ae.Join(t, e.Olga, e.Rolf, o.ID)
	if _, err := e.Orgs.Create(ctx, e.Otto.ID, organization.Profile{Name: "Kleiderkammer Süd", Kind: "initiative"}); err != nil {
		t.Fatal(err)
	}
	return e
}

// at is a moment in Kassel's local time.
func at(y int, mo time.Month, d, h, mi int) time.Time {
	return time.Date(y, mo, d, h, mi, 0, 0, clock.Zone)
}

// draft is the shelter's kitchen and childcare shift on Wednesday evening
// of the clock's week (apptest.Start is Monday 2 March 2026).
func (e *env) draft() volunteer.Draft {
	return volunteer.Draft{
		OrganizationID: e.OrgID, Title: "Abenddienst", Place: "Lindenstraße 12", Public: true,
		Start: at(2026, 3, 4, 17, 0), End: at(2026, 3, 4, 20, 0),
		Slots: []volunteer.SlotDraft{
			{Task: "Küche", Needed: 2, Languages: []string{"de", "ar"}},
			{Task: "Kinderbetreuung", Needed: 1, CheckRequired: true},
		},
	}
}

func (e *env) plan(t *testing.T, who *apptest.Person, d volunteer.Draft) []*volunteer.Shift {
	t.Helper()
	shifts, err := e.Vol.Plan(ctx, who.Identity(), d)
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	return shifts
}
