package db

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// Migrations are one module's schema changes: an FS holding "sqlite/*.sql"
// and "postgres/*.sql", applied in name order, each file in one transaction.
// Modules are migrated in the order given, so a module may refer to the
// tables of modules before it.
type Migrations struct {
	Module string
	FS     fs.FS
}

// migrationLockKey is an arbitrary constant for pg_advisory_lock, so several
// app servers that start together migrate once.
const migrationLockKey = 7_354_217_001

const createMigrationsTable = `CREATE TABLE IF NOT EXISTS schema_migrations (
	module TEXT NOT NULL,
	name TEXT NOT NULL,
	applied_at TIMESTAMP NOT NULL,
	PRIMARY KEY (module, name))`

type migrationFile struct {
	module, name, sql string
}

func (d *DB) files(sets []Migrations) ([]migrationFile, error) {
	var out []migrationFile
	dir := string(d.dialect)
	for _, s := range sets {
		names, err := fs.Glob(s.FS, dir+"/*.sql")
		if err != nil {
			return nil, err
		}
		slices.Sort(names)
		for _, n := range names {
			b, err := fs.ReadFile(s.FS, n)
			if err != nil {
				return nil, err
			}
			out = append(out, migrationFile{module: s.Module, name: path.Base(n), sql: string(b)})
		}
	}
	return out, nil
}

// Migrate applies every migration not applied yet. It never drops data on its
// own: migrations only add, and a failing file rolls back whole.
func (d *DB) Migrate(ctx context.Context, sets []Migrations) (applied []string, err error) {
	files, err := d.files(sets)
	if err != nil {
		return nil, err
	}
	conn, err := d.write.Conn(ctx)
	if err != nil {
		return nil, Err(err)
	}
	defer conn.Close()
	if d.dialect == Postgres {
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrationLockKey); err != nil {
			return nil, fmt.Errorf("take migration lock: %w", err)
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrationLockKey)
	}
	if _, err := conn.ExecContext(ctx, createMigrationsTable); err != nil {
		return nil, fmt.Errorf("create schema_migrations: %w", err)
	}
	for _, f := range files {
		done, err := applyOne(ctx, conn, f)
		if err != nil {
			return applied, fmt.Errorf("migration %s/%s: %w", f.module, f.name, err)
		}
		if done {
			applied = append(applied, f.module+"/"+f.name)
		}
	}
	return applied, nil
}

func applyOne(ctx context.Context, conn *sql.Conn, f migrationFile) (bool, error) {
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM schema_migrations WHERE module = $1 AND name = $2", f.module, f.name).Scan(&n); err != nil {
		return false, err
	}
	if n > 0 {
		return false, nil
	}
	if strings.TrimSpace(f.sql) != "" {
		if _, err := tx.ExecContext(ctx, f.sql); err != nil {
			return false, err
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (module, name, applied_at) VALUES ($1, $2, $3)",
		f.module, f.name, time.Now().UTC()); err != nil {
		return false, err
	}
	return true, tx.Commit()
}

// Pending counts migrations not yet applied; readiness requires zero.
func (d *DB) Pending(ctx context.Context, sets []Migrations) (int, error) {
	files, err := d.files(sets)
	if err != nil {
		return 0, err
	}
	applied := map[string]bool{}
	rows, err := d.read.QueryContext(ctx, "SELECT module, name FROM schema_migrations")
	if err != nil {
		return len(files), nil // no table yet: nothing applied
	}
	err = Each(rows, nil, func(row Scanner) error {
		var m, n string
		if err := row.Scan(&m, &n); err != nil {
			return err
		}
		applied[m+"/"+n] = true
		return nil
	})
	if err != nil {
		return 0, err
	}
	pending := 0
	for _, f := range files {
		if !applied[f.module+"/"+f.name] {
			pending++
		}
	}
	return pending, nil
}
