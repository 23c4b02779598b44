package funding_test

import (
	"context"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/funding"
	"teilhabe.org/teilhabe/internal/organization"
)

var ctx = context.Background()

// The IBAN of the examples: a valid German IBAN.
const (
	testIBAN  = "DE89370400440532013000"
	otherIBAN = "DE02120300000000202051"
)

// env is the platform with an organisation: Olga owns it, Rolf edits it,
// Mia and Sami support, Tom acts for a foundation that matches, Cora
// coordinates.
type env struct {
	*apptest.Env
	Funding                          *funding.Module
	Orgs                             *organization.Module
	OrgID, FoundationID              string
	Olga, Rolf, Mia, Sami, Tom, Cora *apptest.Person
}

func forEach(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Helper()
	apptest.ForEach(t, func(t *testing.T, ae *apptest.Env) { fn(t, wrap(t, ae)) })
}

func wrap(t *testing.T, ae *apptest.Env) *env {
	t.Helper()
	e := &env{Env: ae, Funding: apptest.Module[*funding.Module](t, ae), Orgs: apptest.Module[*organization.Module](t, ae)}
	e.Olga = ae.NewPerson(t, "olga", auth.Member)
	e.Rolf = ae.NewPerson(t, "rolf", auth.Member)
	e.Mia = ae.NewPerson(t, "mia", auth.Member)
	e.Sami = ae.NewPersonLang(t, "sami", auth.Member, "ar")
	e.Tom = ae.NewPersonLang(t, "tom", auth.Member, "tr")
	e.Cora = ae.NewPerson(t, "cora", auth.Coordinator)
	o, err := e.Orgs.Create(ctx, e.Olga.ID, organization.Profile{Name: "Kooperative Brücke", Kind: "initiative"})
	if err != nil {
		t.Fatal(err)
	}
	e.OrgID = o.ID
	ae.Join(t, e.Olga, e.Rolf, o.ID)
	f, err := e.Orgs.Create(ctx, e.Tom.ID, organization.Profile{Name: "Stiftung Nordhessen", Kind: "initiative"})
	if err != nil {
		t.Fatal(err)
	}
	e.FoundationID = f.ID
	return e
}

// at is a moment in Kassel's local time.
func at(y int, mo time.Month, d, h, mi int) time.Time {
	return time.Date(y, mo, d, h, mi, 0, 0, clock.Zone)
}

// deadline is the end of 31 March 2026 in Kassel, four weeks after the
// test clock's start.
var deadline = clock.EndOfDay(clock.Date(2026, 3, 31))

// draft is a valid donation campaign of the organisation for 1,000 euros.
func (e *env) draft() funding.CampaignDraft {
	return funding.CampaignDraft{
		OrganizationID: e.OrgID, Title: "Ein Lastenrad für die Kooperative", Story: "Wir brauchen ein **Lastenrad**.",
		ContentLang: "de", Purpose: funding.Donation, Goal: 100000, Deadline: deadline,
		Holder: "Kooperative Brücke eG", IBAN: "DE89 3704 0044 0532 0130 00", LedgerPublic: true,
	}
}

// running creates and publishes a campaign from d.
func (e *env) running(t *testing.T, d funding.CampaignDraft) *funding.Campaign {
	t.Helper()
	c, err := e.Funding.Create(ctx, e.Rolf.Identity(), d)
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	if c, err = e.Funding.Publish(ctx, e.Olga.Identity(), c.ID); err != nil {
		t.Fatalf("publish: %v", err)
	}
	return c
}

func (e *env) reserve(t *testing.T, who *apptest.Person, c *funding.Campaign, cents int64) *funding.Reservation {
	t.Helper()
	r, err := e.Funding.Reserve(ctx, who.Identity(), c.ID, funding.Pledge{Amount: cents})
	if err != nil {
		t.Fatalf("reserve %d: %v", cents, err)
	}
	return r
}

func (e *env) get(t *testing.T, id string) *funding.Campaign {
	t.Helper()
	c, err := e.Funding.Get(ctx, e.Olga.Identity(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
