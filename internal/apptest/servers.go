package apptest

import (
	"context"
	"net/http/httptest"
	"testing"

	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/platform"
)

// TwoServers boots two platforms on one fresh database, each with its own
// connections and HTTP server, as two app servers behind a load balancer
// have, sharing one fake clock at Start. Tests of what must hold across
// servers (nobody booked beyond capacity, each ballot counted once) run
// their operations on both.
func TwoServers(t testing.TB, dialect db.Dialect) [2]*platform.Platform {
	t.Helper()
	a, b := dbtest.OpenTwice(t, dialect, nil)
	clk := clock.NewFake(Start)
	var out [2]*platform.Platform
	for i, d := range []*db.DB{a, b} {
		srv := httptest.NewUnstartedServer(nil)
		base := "http://" + srv.Listener.Addr().String()
		p, err := platform.New(platform.Config{Addr: srv.Listener.Addr().String(), BaseURL: base}, d, clk, Logger(t))
		if err != nil {
			t.Fatalf("assemble platform %d: %v", i+1, err)
		}
		if i == 0 {
			if _, err := p.Migrate(context.Background()); err != nil {
				t.Fatalf("migrate: %v", err)
			}
		}
		srv.Config.Handler = p.App.Handler
		srv.Start()
		t.Cleanup(srv.Close)
		out[i] = p
	}
	return out
}
