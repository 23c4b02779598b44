package hsds_test

import (
	"context"
	"testing"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/directory/directorytest"
	"teilhabe.org/teilhabe/internal/hsds"
)

// env is the whole platform with the HSDS exchange, the directory and the
// organisation module at hand.
type env struct {
	*directorytest.Env
	X *hsds.Module
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
	return &env{Env: directorytest.Wrap(t, e), X: apptest.Module[*hsds.Module](t, e)}
}

// seedDemo fills env with the accounts', organisations' and directory's
// demo content.
func (e *env) seedDemo(t *testing.T) *app.Demo {
	t.Helper()
	demo := app.NewDemo()
	for _, s := range []app.Seeder{e.P.Accounts, e.Orgs, e.Dir} {
		if err := s.SeedDemo(ctx, demo); err != nil {
			t.Fatal(err)
		}
	}
	return demo
}
