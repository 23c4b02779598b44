package directory_test

import (
	"bufio"
	"context"
	"os"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/directory/directorytest"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/geo/geotest"
)

// env is the whole platform with the directory and organisation modules at
// hand (directorytest.Env).
type env struct{ *directorytest.Env }

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

func wrap(t testing.TB, e *apptest.Env) *env { return &env{directorytest.Wrap(t, e)} }

var minute, period = directorytest.Minute, directorytest.Period

func ptr(f float64) *float64 { return &f }

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
	if _, err := apptest.Module[*geo.Gazetteer](t, e.Env.Env).Import(ctx, strings.NewReader(b.String())); err != nil {
		t.Fatalf("import postcodes: %v", err)
	}
}
