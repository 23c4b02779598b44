package db

import "database/sql"

// Scanner is a row to read into variables: *sql.Row and *sql.Rows are both,
// so one scan function serves a single row and a list.
type Scanner interface {
	Scan(dest ...any) error
}

// Collect reads every row with scan and closes rows. It takes the query's
// error too, so the query result passes straight in:
//
//	rows, err := q.QueryContext(ctx, "SELECT "+flagColumns+" FROM flags WHERE ...", args...)
//	return db.Collect(rows, err, scanFlag)
//
// Errors come back classified (see Err).
func Collect[T any](rows *sql.Rows, err error, scan func(Scanner) (T, error)) ([]T, error) {
	var out []T
	err = Each(rows, err, func(s Scanner) error {
		v, err := scan(s)
		if err != nil {
			return err
		}
		out = append(out, v)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Each calls fn for every row and closes rows, for results that fill
// something other than a slice (a map, fields of loaded objects). Like
// Collect it takes the query's error and classifies errors.
func Each(rows *sql.Rows, err error, fn func(Scanner) error) error {
	if err != nil {
		return Err(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return Err(err)
		}
	}
	return Err(rows.Err())
}

// Value scans a row of one column, for Collect:
//
//	names, err := db.Collect(rows, err, db.Value[string])
func Value[T any](s Scanner) (T, error) {
	var v T
	err := s.Scan(&v)
	return v, err
}

// WithExtra returns row as a Scanner that reads the leading columns into
// the destinations Scan is given and the trailing ones into extra, so a
// scan function written for a table's columns serves a query that selects
// more (a count, a flag) after them.
func WithExtra(row Scanner, extra ...any) Scanner { return withExtra{row, extra} }

type withExtra struct {
	row   Scanner
	extra []any
}

func (w withExtra) Scan(dest ...any) error { return w.row.Scan(append(dest, w.extra...)...) }
