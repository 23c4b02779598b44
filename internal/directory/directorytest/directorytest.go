// Package directorytest makes directory entries for the tests of the
// directory and of the modules built on it (network, hsds): the whole
// platform (apptest) with organisations, municipalities, locations and
// services made through the modules' own operations.
package directorytest

import (
	"context"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/directory"
	"teilhabe.org/teilhabe/internal/organization"
)

// Env is the whole platform with the directory and organisation modules
// at hand.
type Env struct {
	*apptest.Env
	Dir  *directory.Module
	Orgs *organization.Module
}

var ctx = context.Background()

// Wrap puts the directory and organisation modules of e at hand.
func Wrap(t testing.TB, e *apptest.Env) *Env {
	t.Helper()
	return &Env{Env: e, Dir: apptest.Module[*directory.Module](t, e), Orgs: apptest.Module[*organization.Module](t, e)}
}

// NewOrg creates an organisation owned by p.
func (e *Env) NewOrg(t testing.TB, p *apptest.Person, name, kind, postcode, city string, langs ...string) *organization.Organization {
	t.Helper()
	o, err := e.Orgs.Create(ctx, p.ID, organization.Profile{Name: name, Kind: kind, Street: "Beispielweg 1",
		Postcode: postcode, City: city, Languages: langs})
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	return o
}

// Municipality adds a municipality as a coordinator.
func (e *Env) Municipality(t testing.TB, coordinator *apptest.Person, ags, name string) *directory.Municipality {
	t.Helper()
	mu, err := e.Dir.CreateMunicipality(ctx, coordinator.Identity(), directory.Municipality{AGS: ags, Name: name, State: ags[:2]})
	if err != nil {
		t.Fatalf("municipality %s: %v", name, err)
	}
	return mu
}

// Period is a weekly period; opens and closes are "HH:MM".
func Period(day int, opens, closes string) directory.Period {
	return directory.Period{Weekday: day, Span: directory.Span{Opens: Minute(opens), Closes: Minute(closes)}}
}

// Minute is the time of day "HH:MM".
func Minute(s string) directory.Minute {
	m, ok := directory.ParseMinute(s)
	if !ok {
		panic(s)
	}
	return m
}

// Location adds a location in Kassel open on weekdays 9–17.
func (e *Env) Location(t testing.TB, p *apptest.Person, orgID, ags, street string) *directory.Location {
	t.Helper()
	lat, lon := 51.3166, 9.4912
	in := directory.LocationInput{Street: street, Postcode: "34117", City: "Kassel", AGS: ags, Lat: &lat, Lon: &lon}
	for d := 1; d <= 5; d++ {
		in.Periods = append(in.Periods, Period(d, "09:00", "17:00"))
	}
	l, err := e.Dir.CreateLocation(ctx, p.ID, orgID, in)
	if err != nil {
		t.Fatalf("location %s: %v", street, err)
	}
	return l
}

// Service adds a free walk-in service at locations.
func (e *Env) Service(t testing.TB, p *apptest.Person, orgID, name, category string, langs []string, locIDs ...string) *directory.Service {
	t.Helper()
	s, err := e.Dir.CreateService(ctx, p.ID, orgID, directory.ServiceInput{Name: name, Category: category, Lang: "de",
		Cost: directory.Free, WalkIn: true, Languages: langs, LocationIDs: locIDs})
	if err != nil {
		t.Fatalf("service %s: %v", name, err)
	}
	return s
}
