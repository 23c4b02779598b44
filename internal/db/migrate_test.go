package db_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/db/dbtest"
)

func TestMigrateAppliesEachFileOnce(t *testing.T) {
	t.Parallel()
	dbtest.ForEach(t, nil, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		// beta refers to alpha's table, so the modules must go in the given order.
		alpha := map[string]perDialect{
			"001_things.sql": same(`CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL)`),
			"002_more.sql": same(`ALTER TABLE things ADD COLUMN note TEXT;
				INSERT INTO things (id, name, note) VALUES (1, 'first', 'added once')`),
		}
		beta := map[string]perDialect{
			"001_refs.sql": same(`CREATE TABLE refs (thing_id INTEGER NOT NULL REFERENCES things (id))`),
		}
		sets := []db.Migrations{migrations("alpha", alpha), migrations("beta", beta)}

		if n, err := d.Pending(ctx, sets); err != nil || n != 3 {
			t.Fatalf("Pending before Migrate = %d, %v; want 3", n, err)
		}
		applied, err := d.Migrate(ctx, sets)
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"alpha/001_things.sql", "alpha/002_more.sql", "beta/001_refs.sql"}
		if !slices.Equal(applied, want) {
			t.Fatalf("first Migrate applied %v, want %v", applied, want)
		}

		again, err := d.Migrate(ctx, sets)
		if err != nil || len(again) != 0 {
			t.Fatalf("second Migrate applied %v, %v; want nothing", again, err)
		}
		if n, err := d.Pending(ctx, sets); err != nil || n != 0 {
			t.Fatalf("Pending after Migrate = %d, %v; want 0", n, err)
		}
		if n := count(t, d, "SELECT count(*) FROM things"); n != 1 {
			t.Fatalf("the data migration ran %d times", n)
		}

		// A release that adds a file applies just that file.
		alpha["003_index.sql"] = same(`CREATE INDEX things_name ON things (name)`)
		sets[0] = migrations("alpha", alpha)
		if n, err := d.Pending(ctx, sets); err != nil || n != 1 {
			t.Fatalf("Pending with a new file = %d, %v; want 1", n, err)
		}
		applied, err = d.Migrate(ctx, sets)
		if err != nil || !slices.Equal(applied, []string{"alpha/003_index.sql"}) {
			t.Fatalf("Migrate with a new file applied %v, %v", applied, err)
		}
	})
}

func TestPendingBeforeAnyMigrate(t *testing.T) {
	t.Parallel()
	for _, dialect := range dbtest.Dialects {
		t.Run(string(dialect), func(t *testing.T) {
			d := openUnmigrated(t, dialect)
			sets := []db.Migrations{migrations("alpha", map[string]perDialect{
				"001_a.sql": same(`CREATE TABLE a (id INTEGER PRIMARY KEY)`),
			})}
			if n, err := d.Pending(context.Background(), sets); err != nil || n != 1 {
				t.Fatalf("Pending on an empty database = %d, %v; want 1", n, err)
			}
		})
	}
}

func TestFailingMigrationRollsBackAndIsNotRecorded(t *testing.T) {
	t.Parallel()
	dbtest.ForEach(t, nil, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		files := map[string]perDialect{
			"001_a.sql": same(`CREATE TABLE a (id INTEGER PRIMARY KEY)`),
			// Its first two statements succeed; the third fails, so all three must be undone.
			"002_b.sql": same(`CREATE TABLE b (id INTEGER PRIMARY KEY);
				INSERT INTO a (id) VALUES (1);
				INSERT INTO no_such_table (id) VALUES (1)`),
		}
		applied, err := d.Migrate(ctx, []db.Migrations{migrations("m", files)})
		if err == nil {
			t.Fatal("Migrate succeeded with a broken file")
		}
		if !strings.Contains(err.Error(), "m/002_b.sql") {
			t.Errorf("the error does not name the file: %v", err)
		}
		if !slices.Equal(applied, []string{"m/001_a.sql"}) {
			t.Errorf("applied %v, want only m/001_a.sql", applied)
		}
		if n := count(t, d, "SELECT count(*) FROM a"); n != 0 {
			t.Errorf("the failed file's insert stayed: %d rows", n)
		}
		if _, err := d.QueryContext(ctx, "SELECT count(*) FROM b"); err == nil {
			t.Error("table b exists although its migration failed")
		}
		if n := count(t, d, "SELECT count(*) FROM schema_migrations WHERE module = 'm' AND name = '002_b.sql'"); n != 0 {
			t.Error("the failed file is recorded as applied")
		}

		files["002_b.sql"] = same(`CREATE TABLE b (id INTEGER PRIMARY KEY); INSERT INTO a (id) VALUES (1)`)
		sets := []db.Migrations{migrations("m", files)}
		if n, err := d.Pending(ctx, sets); err != nil || n != 1 {
			t.Fatalf("Pending after the failure = %d, %v; want 1", n, err)
		}
		applied, err = d.Migrate(ctx, sets)
		if err != nil || !slices.Equal(applied, []string{"m/002_b.sql"}) {
			t.Fatalf("the repaired file: applied %v, %v", applied, err)
		}
	})
}

// Several app servers starting together must not apply a file twice.
func TestConcurrentMigrateOnPostgresAppliesEachFileOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := dbtest.NewPostgresDatabase(t)
	// Each file logs its run; the sleep keeps the first server busy while the
	// second arrives. Without the lock the second would fail to create runs.
	sets := []db.Migrations{migrations("m", map[string]perDialect{
		"001_runs.sql": same(`CREATE TABLE runs (file TEXT NOT NULL);
			SELECT pg_sleep(0.3);
			INSERT INTO runs (file) VALUES ('001')`),
		"002_more.sql": same(`CREATE TABLE more (id INTEGER PRIMARY KEY);
			INSERT INTO runs (file) VALUES ('002')`),
	})}

	handles := make([]*db.DB, 2)
	for i := range handles {
		d, err := db.Open(ctx, url, "")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		handles[i] = d
	}

	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		applied []string
		errs    errorList
		start   = make(chan struct{})
	)
	for _, d := range handles {
		wg.Go(func() {
			<-start
			got, err := d.Migrate(ctx, sets)
			errs.add(err)
			mu.Lock()
			applied = append(applied, got...)
			mu.Unlock()
		})
	}
	close(start)
	wg.Wait()
	errs.check(t)

	slices.Sort(applied)
	if want := []string{"m/001_runs.sql", "m/002_more.sql"}; !slices.Equal(applied, want) {
		t.Fatalf("the two servers applied %v together, want each file once: %v", applied, want)
	}
	for _, file := range []string{"001", "002"} {
		if n := count(t, handles[0], "SELECT count(*) FROM runs WHERE file = $1", file); n != 1 {
			t.Errorf("file %s ran %d times", file, n)
		}
	}
}

// openUnmigrated opens a fresh database on which Migrate never ran.
func openUnmigrated(t *testing.T, dialect db.Dialect) *db.DB {
	t.Helper()
	var url, dir string
	if dialect == db.Postgres {
		url = dbtest.NewPostgresDatabase(t)
	} else {
		dir = t.TempDir()
	}
	d, err := db.Open(context.Background(), url, dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}
