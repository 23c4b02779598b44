package db_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"teilhabe.org/teilhabe/internal/db"
)

// perDialect is the text of one migration file for each engine.
type perDialect struct{ sqlite, postgres string }

// same is a migration whose SQL both engines accept as it is.
func same(sql string) perDialect { return perDialect{sqlite: sql, postgres: sql} }

// migrations lays out files ("001_x.sql" → SQL) the way a module embeds them.
func migrations(module string, files map[string]perDialect) db.Migrations {
	fsys := fstest.MapFS{}
	for name, f := range files {
		fsys["sqlite/"+name] = &fstest.MapFile{Data: []byte(f.sqlite)}
		fsys["postgres/"+name] = &fstest.MapFile{Data: []byte(f.postgres)}
	}
	return db.Migrations{Module: module, FS: fsys}
}

// fixture is the schema most tests share: ids and times typed the way the
// project's modules type them on each engine.
var fixture = []db.Migrations{migrations("fixture", map[string]perDialect{
	"001_tables.sql": {
		sqlite: `
CREATE TABLE parents (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE children (
	id TEXT PRIMARY KEY,
	parent_id TEXT NOT NULL REFERENCES parents (id),
	name TEXT NOT NULL,
	age INTEGER CHECK (age >= 0));
CREATE TABLE moments (
	id INTEGER PRIMARY KEY,
	at TIMESTAMP NOT NULL,
	until TIMESTAMP,
	done BOOLEAN NOT NULL DEFAULT FALSE);`,
		postgres: `
CREATE TABLE parents (id UUID PRIMARY KEY, name TEXT NOT NULL UNIQUE);
CREATE TABLE children (
	id UUID PRIMARY KEY,
	parent_id UUID NOT NULL REFERENCES parents (id),
	name TEXT NOT NULL,
	age INTEGER CHECK (age >= 0));
CREATE TABLE moments (
	id INTEGER PRIMARY KEY,
	at TIMESTAMPTZ NOT NULL,
	until TIMESTAMPTZ,
	done BOOLEAN NOT NULL DEFAULT FALSE);`,
	},
})}

// count returns the result of a count(*) query, failing the test on error.
func count(t *testing.T, q db.Querier, query string, args ...any) int {
	t.Helper()
	var n int
	if err := q.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

// errorList gathers errors from goroutines, which must not call t.Fatal.
type errorList struct {
	mu   sync.Mutex
	errs []error
}

func (l *errorList) add(err error) {
	if err == nil {
		return
	}
	l.mu.Lock()
	l.errs = append(l.errs, err)
	l.mu.Unlock()
}

// check fails the test with the first few errors gathered.
func (l *errorList) check(t *testing.T) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.errs) == 0 {
		return
	}
	var b strings.Builder
	for _, err := range l.errs[:min(5, len(l.errs))] {
		b.WriteString("\n\t" + err.Error())
	}
	t.Fatalf("%d errors; the first:%s", len(l.errs), b.String())
}
