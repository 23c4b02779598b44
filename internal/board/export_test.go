package board

import (
	"context"
	"fmt"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/db"
)

// BoardPagePlan is SQLite's plan for the first page of /board in its default
// order, one line per step.
func BoardPagePlan(ctx context.Context, q db.Querier, now time.Time) (string, error) {
	query, args := listingsQuery(boardQuery{sort: SortNewest, visibility: []Visibility{Public}, now: now, limit: 20})
	return plan(ctx, q, query, args)
}

// SuggestionPlan is SQLite's plan for the candidates of the suggestions
// beside l, one line per step.
func SuggestionPlan(ctx context.Context, q db.Querier, l *Listing, now time.Time) (string, error) {
	query, args, ok := candidatesQuery(l, "someone else", now)
	if !ok {
		return "", fmt.Errorf("no place to search around: %+v", l)
	}
	return plan(ctx, q, query, args)
}

func plan(ctx context.Context, q db.Querier, query string, args []any) (string, error) {
	rows, err := q.QueryContext(ctx, "EXPLAIN QUERY PLAN "+query, args...)
	steps, err := db.Collect(rows, err, func(row db.Scanner) (string, error) {
		var id, parent, unused int
		var detail string
		err := row.Scan(&id, &parent, &unused, &detail)
		return detail, err
	})
	return strings.Join(steps, "\n"), err
}
