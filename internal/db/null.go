package db

import (
	"database/sql"
	"time"
)

// NullString is s as an argument for a nullable column: "" is written as
// NULL, so an optional reference or text is absent rather than empty.
func NullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// NullPtr is *p as an argument for a nullable column, NULL when p is nil.
func NullPtr[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// TimePtr is a nullable time column as read: nil for NULL, else the time
// in UTC.
func TimePtr(n sql.NullTime) *time.Time {
	if !n.Valid {
		return nil
	}
	t := n.Time.UTC()
	return &t
}
