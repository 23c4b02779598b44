package network_test

import (
	"context"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/directory/directorytest"
	"teilhabe.org/teilhabe/internal/network"
)

// env is the whole platform with the network, directory and organisation
// modules at hand.
type env struct {
	*directorytest.Env
	Net *network.Module
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
	return &env{Env: directorytest.Wrap(t, e), Net: apptest.Module[*network.Module](t, e)}
}
