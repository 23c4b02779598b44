package platform_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/db"
)

// TestSchemasMatch migrates every module on SQLite and on PostgreSQL and
// compares the tables and their columns: the same SQL text runs on both, so a
// column added in one dialect's migration and forgotten in the other would
// only fail where that query runs. SQLite-only helper tables (full-text and
// R*Tree shadow tables, sqlite_ internals) are left out.
func TestSchemasMatch(t *testing.T) {
	lite := schemaOf(t, apptest.New(t, db.SQLite).P.DB)
	pg := schemaOf(t, apptest.New(t, db.Postgres).P.DB)
	if len(lite) < 20 {
		t.Fatalf("only %d tables on SQLite: the schema was not read", len(lite))
	}
	for _, table := range union(lite, pg) {
		l, inLite := lite[table]
		p, inPG := pg[table]
		switch {
		case !inLite:
			t.Errorf("table %s exists on PostgreSQL only", table)
		case !inPG:
			t.Errorf("table %s exists on SQLite only", table)
		case !slices.Equal(l, p):
			t.Errorf("table %s has other columns:\n  SQLite:     %s\n  PostgreSQL: %s", table,
				strings.Join(l, ", "), strings.Join(p, ", "))
		}
	}
}

// schemaOf returns table → sorted column names.
func schemaOf(t *testing.T, d *db.DB) map[string][]string {
	t.Helper()
	ctx := context.Background()
	var query string
	if d.Dialect() == db.SQLite {
		// pragma_table_info as a table-valued function lists every table's
		// columns in one query. Virtual tables and their shadow tables are
		// SQLite's own machinery for full-text search and have no twin.
		query = `SELECT m.name, c.name FROM sqlite_master m, pragma_table_info(m.name) c
			WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\_%' ESCAPE '\'
			AND m.sql NOT LIKE 'CREATE VIRTUAL TABLE%'
			AND NOT EXISTS (SELECT 1 FROM sqlite_master v WHERE v.type = 'table'
				AND v.sql LIKE 'CREATE VIRTUAL TABLE%' AND m.name LIKE v.name || '\_%' ESCAPE '\')`
	} else {
		query = `SELECT table_name, column_name FROM information_schema.columns
			WHERE table_schema = current_schema()`
	}
	rows, err := d.QueryContext(ctx, query)
	if err != nil {
		t.Fatalf("read the %s schema: %v", d.Dialect(), err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var table, column string
		if err := rows.Scan(&table, &column); err != nil {
			t.Fatal(err)
		}
		out[table] = append(out[table], strings.ToLower(column))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for table := range out {
		slices.Sort(out[table])
	}
	return out
}

func union(a, b map[string][]string) []string {
	var names []string
	for n := range a {
		names = append(names, n)
	}
	for n := range b {
		if _, ok := a[n]; !ok {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}
