package board

import (
	"context"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/db"
)

// BoardPagePlan is SQLite's plan for the first page of /board in its default
// order, one line per step.
func BoardPagePlan(ctx context.Context, q db.Querier, now time.Time) (string, error) {
	query, args := listingsQuery(boardQuery{sort: SortNewest, visibility: []Visibility{Public}, now: now, limit: 20})
	rows, err := q.QueryContext(ctx, "EXPLAIN QUERY PLAN "+query, args...)
	steps, err := db.Collect(rows, err, func(row db.Scanner) (string, error) {
		var id, parent, unused int
		var detail string
		err := row.Scan(&id, &parent, &unused, &detail)
		return detail, err
	})
	return strings.Join(steps, "\n"), err
}
