package organization_test

import (
	"context"
	"testing"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/organization"
)

// env is the whole platform with the organisation module at hand.
type env struct {
	*apptest.Env
	Orgs *organization.Module
}

var ctx = context.Background()

// forEach runs fn on a fresh platform on each database.
func forEach(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Helper()
	dbtest.Each(t, newEnv, fn)
}

// newEnv boots the platform on a fresh database of the dialect.
func newEnv(t *testing.T, dialect db.Dialect) *env {
	t.Helper()
	e := apptest.New(t, dialect)
	return &env{Env: e, Orgs: apptest.Module[*organization.Module](t, e)}
}

// kassel is a valid profile to start from.
func kassel(name string) organization.Profile {
	return organization.Profile{
		Name: name, Kind: "initiative", Description: "Wir helfen.\n\nJeden Dienstag.",
		Website: "https://example.org", Email: "info@example.org", Phone: "0561 999 0000",
		Street: "Beispielweg 1", Postcode: "34117", City: "Kassel", Languages: []string{"ar", "de"},
	}
}

// mustCreate creates an organisation owned by p.
func (e *env) mustCreate(t *testing.T, p *apptest.Person, name string) *organization.Organization {
	t.Helper()
	o, err := e.Orgs.Create(ctx, p.ID, kassel(name))
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	return o
}

// demoScene is the demo's accounts and organisations with two fresh
// accounts, as the demo accounts' password is not apptest's: owner, who
// owns the demo's volunteer centre, and staff, a coordinator. invitation
// is the secret of an open invitation to the centre.
type demoScene struct {
	*env
	owner, staff *apptest.Person
	agency       string // the volunteer centre's id
	invitation   string
}

func newDemoScene(t *testing.T) *demoScene {
	t.Helper()
	e := newEnv(t, "sqlite")
	demo := app.NewDemo()
	if err := e.P.Accounts.SeedDemo(ctx, demo); err != nil {
		t.Fatal(err)
	}
	if err := e.Orgs.SeedDemo(ctx, demo); err != nil {
		t.Fatal(err)
	}
	s := &demoScene{env: e, owner: e.NewPerson(t, "owner", auth.Member), staff: e.NewPerson(t, "staff", auth.Coordinator),
		agency: demo.Orgs["agency"]}
	if err := e.Orgs.Invite(ctx, demo.Users["agency"], s.agency, s.owner.Email, organization.Owner); err != nil {
		t.Fatal(err)
	}
	secret, _ := e.LastInvitation(t, s.owner.Email)
	if _, err := e.Orgs.AcceptInvitation(ctx, s.owner.ID, secret); err != nil {
		t.Fatal(err)
	}
	if err := e.Orgs.Invite(ctx, s.owner.ID, s.agency, "neu@example.org", organization.Editor); err != nil {
		t.Fatal(err)
	}
	s.invitation, _ = e.LastInvitation(t, "neu@example.org")
	return s
}
