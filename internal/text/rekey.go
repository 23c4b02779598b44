package text

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/jobs"
)

// Keys names the columns of a table that hold keys folded from other
// columns (title_key from title), for Rekey. Sources and keys are text
// columns that are never NULL.
type Keys struct {
	Table   string
	ID      string   // the primary key
	Sources []string // the columns the keys are computed from
	Keys    []string // the key columns
	Where   string   // rows to leave alone are not selected; "" for all
	// Compute returns the keys of one row from its sources, in order.
	Compute func(sources []string) []string
}

// Store is what Rekey needs of a database: *db.DB and *sql.DB are one.
type Store interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// RekeyJob is the job that runs Rekey on each of keys: named after the
// rules' version, it runs at the first start with new rules, then now and
// again as a check.
func RekeyJob(name string, d Store, log *slog.Logger, keys ...Keys) jobs.Job {
	return jobs.Job{Name: fmt.Sprintf("%s.v%d", name, RulesVersion), Every: 30 * 24 * time.Hour,
		Run: func(ctx context.Context, _ time.Time) error {
			for _, k := range keys {
				n, err := Rekey(ctx, d, k)
				if n > 0 {
					log.Info("keys computed again under new folding rules", "table", k.Table, "rows", n)
				}
				if err != nil {
					return err
				}
			}
			return nil
		}}
}

// Rekey computes the keys of every row again and stores those that differ,
// so keys stored under older folding rules (see RulesVersion) match what
// people type today. A row whose sources changed meanwhile is left to the
// change that wrote it. It returns how many rows it changed.
func Rekey(ctx context.Context, d Store, k Keys) (int, error) {
	if len(k.Sources) == 0 || len(k.Keys) == 0 || k.Compute == nil {
		return 0, fmt.Errorf("text: rekey %s: no sources, keys or Compute", k.Table)
	}
	stale, err := staleKeys(ctx, d, k)
	if err != nil {
		return 0, err
	}
	var set, same []string
	for i, c := range k.Keys {
		set = append(set, fmt.Sprintf("%s = $%d", c, i+1))
	}
	n := len(k.Keys) + 1
	for i, c := range k.Sources {
		same = append(same, fmt.Sprintf("%s = $%d", c, n+1+i))
	}
	update := fmt.Sprintf("UPDATE %s SET %s WHERE %s = $%d AND %s", k.Table, strings.Join(set, ", "), k.ID, n,
		strings.Join(same, " AND "))
	changed := 0
	for _, r := range stale {
		args := append(append(append([]any{}, r.keys...), r.id), r.sources...)
		res, err := d.ExecContext(ctx, update, args...)
		if err != nil {
			return changed, fmt.Errorf("text: rekey %s %v: %w", k.Table, r.id, err)
		}
		if m, err := res.RowsAffected(); err == nil {
			changed += int(m)
		}
	}
	return changed, nil
}

type staleRow struct {
	id            any
	sources, keys []any
}

// staleKeys reads the rows whose stored keys differ from the computed.
func staleKeys(ctx context.Context, d Store, k Keys) ([]staleRow, error) {
	query := "SELECT " + strings.Join(slices.Concat([]string{k.ID}, k.Sources, k.Keys), ", ") + " FROM " + k.Table
	if k.Where != "" {
		query += " WHERE " + k.Where
	}
	rows, err := d.QueryContext(ctx, query)
	if err != nil {
		return nil, fmt.Errorf("text: rekey %s: %w", k.Table, err)
	}
	defer rows.Close()
	var out []staleRow
	for rows.Next() {
		var id any
		vals := make([]string, len(k.Sources)+len(k.Keys))
		dest := []any{&id}
		for i := range vals {
			dest = append(dest, &vals[i])
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("text: rekey %s: %w", k.Table, err)
		}
		sources, stored := vals[:len(k.Sources)], vals[len(k.Sources):]
		keys := k.Compute(sources)
		if len(keys) != len(k.Keys) {
			return nil, fmt.Errorf("text: rekey %s: %d keys computed for %d columns", k.Table, len(keys), len(k.Keys))
		}
		if slices.Equal(keys, stored) {
			continue
		}
		out = append(out, staleRow{id: id, sources: anys(sources), keys: anys(keys)})
	}
	return out, rows.Err()
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
