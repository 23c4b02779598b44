package directory_test

import (
	"bufio"
	"context"
	"os"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/directory"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/geo/geotest"
	"teilhabe.org/teilhabe/internal/organization"
)

// env is the whole platform with the directory and organisation modules at
// hand.
type env struct {
	*apptest.Env
	Dir  *directory.Module
	Orgs *organization.Module
}

var ctx = context.Background()

// forEach runs fn on a fresh platform on each database.
func forEach(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Helper()
	apptest.ForEach(t, func(t *testing.T, e *apptest.Env) { fn(t, wrap(t, e)) })
}

// newEnv boots the platform on a fresh database of the dialect.
func newEnv(t testing.TB, dialect db.Dialect) *env {
	t.Helper()
	return wrap(t, apptest.New(t, dialect))
}

func wrap(t testing.TB, e *apptest.Env) *env {
	t.Helper()
	return &env{Env: e, Dir: apptest.Module[*directory.Module](t, e), Orgs: apptest.Module[*organization.Module](t, e)}
}

// newOrg creates an organisation owned by p.
func (e *env) newOrg(t *testing.T, p *apptest.Person, name, kind, postcode, city string, langs ...string) *organization.Organization {
	t.Helper()
	o, err := e.Orgs.Create(ctx, p.ID, organization.Profile{Name: name, Kind: kind, Street: "Beispielweg 1",
		Postcode: postcode, City: city, Languages: langs})
	if err != nil {
		t.Fatalf("create %s: %v", name, err)
	}
	return o
}

// municipality adds a municipality as a coordinator.
func (e *env) municipality(t *testing.T, coordinator *apptest.Person, ags, name string) *directory.Municipality {
	t.Helper()
	mu, err := e.Dir.CreateMunicipality(ctx, coordinator.Identity(), directory.Municipality{AGS: ags, Name: name, State: ags[:2]})
	if err != nil {
		t.Fatalf("municipality %s: %v", name, err)
	}
	return mu
}

func minute(s string) directory.Minute {
	m, ok := directory.ParseMinute(s)
	if !ok {
		panic(s)
	}
	return m
}

func period(day int, opens, closes string) directory.Period {
	return directory.Period{Weekday: day, Span: directory.Span{Opens: minute(opens), Closes: minute(closes)}}
}

func ptr(f float64) *float64 { return &f }

// location adds a location in Kassel open on weekdays 9–17.
func (e *env) location(t *testing.T, p *apptest.Person, orgID, ags, street string) *directory.Location {
	t.Helper()
	in := directory.LocationInput{Street: street, Postcode: "34117", City: "Kassel", AGS: ags, Lat: ptr(51.3166), Lon: ptr(9.4912)}
	for d := 1; d <= 5; d++ {
		in.Periods = append(in.Periods, period(d, "09:00", "17:00"))
	}
	l, err := e.Dir.CreateLocation(ctx, p.ID, orgID, in)
	if err != nil {
		t.Fatalf("location %s: %v", street, err)
	}
	return l
}

// service adds a service at locations.
func (e *env) service(t *testing.T, p *apptest.Person, orgID, name, category string, langs []string, locIDs ...string) *directory.Service {
	t.Helper()
	s, err := e.Dir.CreateService(ctx, p.ID, orgID, directory.ServiceInput{Name: name, Category: category, Lang: "de",
		Cost: directory.Free, WalkIn: true, Languages: langs, LocationIDs: locIDs})
	if err != nil {
		t.Fatalf("service %s: %v", name, err)
	}
	return s
}

// outboxTo returns each mail to addr, oldest first, as its subject and
// text in one string.
func (e *env) outboxTo(t *testing.T, addr string) []string {
	t.Helper()
	var out []string
	for _, m := range e.Outbox(t, addr) {
		out = append(out, m.Subject+"\n"+m.Text)
	}
	return out
}

// importPostcodes imports the rows of the shared postcode file for the
// given postcodes (skips without the file, fails under CI=true).
func (e *env) importPostcodes(t *testing.T, postcodes ...string) {
	t.Helper()
	f, err := os.Open(geotest.DataFile(t))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	first := true
	for sc.Scan() {
		line := sc.Text()
		keep := first
		for _, p := range postcodes {
			keep = keep || strings.HasPrefix(line, "DE,"+p+",")
		}
		if keep {
			b.WriteString(line + "\n")
		}
		first = false
	}
	if _, err := apptest.Module[*geo.Gazetteer](t, e.Env).Import(ctx, strings.NewReader(b.String())); err != nil {
		t.Fatalf("import postcodes: %v", err)
	}
}
