package event_test

import (
	"io/fs"
	"path"
	"slices"
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
	"teilhabe.org/teilhabe/internal/event"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/platform"
)

// beforeDates hides the events' migrations from 003 on: the schema of a
// database made when each event had one date and one pool ("event", id).
type beforeDates struct{ fs.FS }

func (b beforeDates) Open(name string) (fs.File, error) {
	if base := path.Base(name); path.Ext(base) == ".sql" && base >= "003" {
		return nil, fs.ErrNotExist
	}
	return b.FS.Open(name)
}

func (b beforeDates) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(b.FS, name)
	return slices.DeleteFunc(entries, func(e fs.DirEntry) bool {
		return path.Ext(e.Name()) == ".sql" && e.Name() >= "003"
	}), err
}

// TestUpgradeKeepsRegistrations: registrations taken when each event had
// one pool survive the move to one pool per date, for an event in winter
// and one in summer time (whose day in Kassel differs from UTC's only by
// the offset), with the reminders already sent.
func TestUpgradeKeepsRegistrations(t *testing.T) {
	for _, dialect := range dbtest.Dialects {
		t.Run(string(dialect), func(t *testing.T) { testUpgradeKeepsRegistrations(t, dialect) })
	}
}

func testUpgradeKeepsRegistrations(t *testing.T, dialect db.Dialect) {
	d := dbtest.Open(t, dialect, nil)
	p, err := platform.New(platform.Config{Addr: "127.0.0.1:0"}, d, clock.NewFake(apptest.Start), apptest.Logger(t))
	if err != nil {
		t.Fatalf("assemble platform: %v", err)
	}
	var sets []db.Migrations
	for _, set := range app.Migrations(p.App.Modules) {
		if set.Module == "event" {
			set.FS = beforeDates{set.FS}
		}
		sets = append(sets, set)
	}
	if _, err := d.Migrate(ctx, sets); err != nil {
		t.Fatalf("migrate to the layout before dates: %v", err)
	}
	anna, err := p.Accounts.CreateVerified(ctx, "anna@example.org", "Anna", apptest.Password, "de", auth.Member)
	if err != nil {
		t.Fatal(err)
	}
	ben, err := p.Accounts.CreateVerified(ctx, "ben@example.org", "Ben", apptest.Password, "de", auth.Member)
	if err != nil {
		t.Fatal(err)
	}
	var orgs *organization.Module
	var events *event.Module
	for _, m := range p.App.Modules {
		switch x := m.(type) {
		case *organization.Module:
			orgs = x
		case *event.Module:
			events = x
		}
	}
	o, err := orgs.Create(ctx, anna.ID, organization.Profile{Name: "Sprachbrücke", Kind: "initiative"})
	if err != nil {
		t.Fatal(err)
	}
	const winter, summer = "01a251ba-0000-7000-8000-0000000000e1", "01a251ba-0000-7000-8000-0000000000e2"
	// 00:30 in Kassel is still the day before in UTC.
	winterStart, summerStart := at(2026, 3, 20, 0, 30), at(2026, 7, 4, 1, 30)
	for _, stmt := range []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO events (id, organization_id, created_by, title, description, kind, status, starts_at, ends_at, all_day,
			place_kind, content_lang, capacity, registration, created_at, updated_at) VALUES
			($1, $2, $3, 'Nachtcafé', 'Spät', 'meeting', 'scheduled', $4, $5, FALSE, 'online', 'de', 1, TRUE, $8, $8),
			($6, $2, $3, 'Sommerfest', 'Draußen', 'meeting', 'scheduled', $7, $9, FALSE, 'online', 'de', 1, TRUE, $8, $8)`,
			[]any{winter, o.ID, anna.ID, winterStart, winterStart.Add(2 * time.Hour), summer, summerStart, apptest.Start,
				summerStart.Add(2 * time.Hour)}},
		{`INSERT INTO capacity_pools (kind, pool_id, places_limit, taken, waiting, waiting_claims, last_seq) VALUES
			('event', $1, 1, 1, 1, 1, 2), ('event', $2, 1, 1, 0, 0, 1)`, []any{winter, summer}},
		{`INSERT INTO capacity_claims (id, pool_kind, pool_id, holder, places, status, seq, created_at) VALUES
			('01a251ba-0000-7000-8000-0000000000c1', 'event', $1, $3, 1, 'registered', 1, $5),
			('01a251ba-0000-7000-8000-0000000000c2', 'event', $1, $4, 1, 'waiting', 2, $5),
			('01a251ba-0000-7000-8000-0000000000c3', 'event', $2, $4, 1, 'registered', 1, $5)`,
			[]any{winter, summer, anna.ID, ben.ID, apptest.Start}},
		{`INSERT INTO event_reminders (event_id, user_id, sent_at) VALUES ($1, $2, $3)`, []any{summer, ben.ID, apptest.Start}},
	} {
		if _, err := d.ExecContext(ctx, stmt.sql, stmt.args...); err != nil {
			t.Fatalf("%s: %v", stmt.sql, err)
		}
	}

	applied, err := p.Migrate(ctx)
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}
	if !slices.Contains(applied, "event/003_event_dates.sql") {
		t.Errorf("applied %v", applied)
	}
	w, err := events.Get(ctx, winter)
	if err != nil {
		t.Fatal(err)
	}
	if got := w.Dates(nil)[0].Date; got != "2026-03-20" {
		t.Errorf("the winter event's date: %s", got)
	}
	if c, ok := events.ClaimOf(ctx, anna.ID, w); !ok || c.Status != capacity.Registered {
		t.Errorf("anna after the upgrade: %+v", c)
	}
	if c, ok := events.ClaimOf(ctx, ben.ID, w); !ok || c.Status != capacity.Waiting || c.Position != 1 {
		t.Errorf("ben after the upgrade: %+v", c)
	}
	s, err := events.Get(ctx, summer)
	if err != nil {
		t.Fatal(err)
	}
	if c, ok := events.ClaimOf(ctx, ben.ID, s); !ok || c.Status != capacity.Registered || c.Pool.ID != summer+"/2026-07-04" {
		t.Errorf("ben at the summer event: %+v", c)
	}
	// The pool keeps its counts: a cancellation moves ben up.
	if err := events.CancelRegistration(ctx, anna.Identity("session"), winter); err != nil {
		t.Fatal(err)
	}
	if c, _ := events.ClaimOf(ctx, ben.ID, w); c.Status != capacity.Registered {
		t.Errorf("ben after anna cancelled: %+v", c)
	}
	var reminded int
	if err := d.QueryRowContext(ctx, `SELECT count(*) FROM event_date_reminders WHERE event_id = $1 AND day = '2026-07-04'`,
		summer).Scan(&reminded); err != nil || reminded != 1 {
		t.Errorf("reminders after the upgrade: %d %v", reminded, err)
	}
	if list, err := events.List(ctx, event.Filter{}); err != nil || len(list) != 2 {
		t.Errorf("the list after the upgrade: %d %v", len(list), err)
	}
}
