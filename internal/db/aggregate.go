package db

import "time"

// TimeOf reads a time that an aggregate or a subquery returns (min, max of
// a time column): PostgreSQL gives a time, SQLite the stored integer
// microseconds, since such a column loses the declared type that turns
// integers into times. nil for NULL.
func TimeOf(v any) *time.Time {
	var t time.Time
	switch x := v.(type) {
	case time.Time:
		t = x.UTC()
	case int64:
		t = time.UnixMicro(x).UTC()
	default:
		return nil
	}
	return &t
}
