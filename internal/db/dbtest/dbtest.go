// Package dbtest gives tests real databases: a fresh SQLite file, and a fresh
// PostgreSQL database on the throwaway cluster that the test command starts
// (its admin URL in TEILHABE_TEST_POSTGRES). Store suites run on both with
// ForEach. Without PostgreSQL the PostgreSQL half is skipped with a clear
// line, except under CI=true, where it fails.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"teilhabe.org/teilhabe/internal/db"
)

// PostgresEnv names the variable holding the admin URL of the test cluster.
const PostgresEnv = "TEILHABE_TEST_POSTGRES"

// Dialects lists the engines every store suite runs on.
var Dialects = []db.Dialect{db.SQLite, db.Postgres}

// throwaway opens test databases without syncing every commit: they are
// deleted after the test, so durability would only cost time (the test
// PostgreSQL runs with fsync off for the same reason).
var throwaway = db.WithSynchronous(db.SyncNormal)

// ForEach runs fn as a subtest on a fresh, migrated database of each dialect.
func ForEach(t *testing.T, sets []db.Migrations, fn func(t *testing.T, d *db.DB)) {
	t.Helper()
	Each(t, func(t *testing.T, dialect db.Dialect) *db.DB { return Open(t, dialect, sets) }, fn)
}

// Each runs fn as a subtest on each dialect with the environment newEnv
// builds there: a module's tests wrap the database, or the platform
// (apptest.New, apptest.NewWith), with what they use, and run every test
// on both databases with it.
func Each[E any](t *testing.T, newEnv func(t *testing.T, dialect db.Dialect) E, fn func(t *testing.T, e E)) {
	t.Helper()
	for _, dialect := range Dialects {
		t.Run(string(dialect), func(t *testing.T) { fn(t, newEnv(t, dialect)) })
	}
}

// Open returns a fresh database of the dialect with sets migrated; it is
// closed (and on PostgreSQL dropped) when the test ends.
func Open(t testing.TB, dialect db.Dialect, sets []db.Migrations) *db.DB {
	t.Helper()
	ctx := context.Background()
	var dbURL, dir string
	if dialect == db.Postgres {
		dbURL = NewPostgresDatabase(t)
	} else {
		dir = t.TempDir()
	}
	d, err := db.Open(ctx, dbURL, dir, throwaway)
	if err != nil {
		t.Fatalf("open %s: %v", dialect, err)
	}
	t.Cleanup(func() { d.Close() })
	if _, err := d.Migrate(ctx, sets); err != nil {
		t.Fatalf("migrate %s: %v", dialect, err)
	}
	return d
}

// PostgresAdminURL returns the test cluster's URL, or skips (fails under
// CI=true) when there is none.
func PostgresAdminURL(t testing.TB) string {
	t.Helper()
	admin := os.Getenv(PostgresEnv)
	if admin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL is required under CI=true but %s is not set; run the test command from the README", PostgresEnv)
		}
		t.Skipf("PostgreSQL tests skipped: %s is not set (the README's test command starts a PostgreSQL)", PostgresEnv)
	}
	return admin
}

// NewPostgresDatabase creates an empty database on the test cluster, dropped
// when the test ends, and returns its URL.
func NewPostgresDatabase(t testing.TB) string {
	t.Helper()
	admin := PostgresAdminURL(t)
	conn, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatalf("connect to test PostgreSQL: %v", err)
	}
	defer conn.Close()
	b := make([]byte, 6)
	rand.Read(b)
	name := "t_" + hex.EncodeToString(b)
	if _, err := conn.Exec("CREATE DATABASE " + name + " TEMPLATE template0"); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		c, err := sql.Open("pgx", admin)
		if err != nil {
			return
		}
		defer c.Close()
		c.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("parse %s: %v", PostgresEnv, err)
	}
	u.Path = "/" + name
	return u.String()
}

// OpenTwice returns two handles on one fresh database with sets migrated,
// as two app servers have.
func OpenTwice(t testing.TB, dialect db.Dialect, sets []db.Migrations) (*db.DB, *db.DB) {
	t.Helper()
	ctx := context.Background()
	var dbURL, dir string
	if dialect == db.Postgres {
		dbURL = NewPostgresDatabase(t)
	} else {
		dir = t.TempDir()
	}
	open := func() *db.DB {
		d, err := db.Open(ctx, dbURL, dir, throwaway)
		if err != nil {
			t.Fatalf("open %s: %v", dialect, err)
		}
		t.Cleanup(func() { d.Close() })
		return d
	}
	first := open()
	if _, err := first.Migrate(ctx, sets); err != nil {
		t.Fatalf("migrate %s: %v", dialect, err)
	}
	return first, open()
}
