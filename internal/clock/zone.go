package clock

import (
	"time"
	_ "time/tzdata" // the zone must load on servers without a zoneinfo database
)

// ZoneName is the IANA name of the platform's time zone.
const ZoneName = "Europe/Berlin"

// Zone is the platform's time zone: every time people read or type (an
// opening hour, a deadline's day, an event's start) is German local time,
// whatever zone the server runs in. Times are stored in UTC.
var Zone = func() *time.Location {
	loc, err := time.LoadLocation(ZoneName)
	if err != nil {
		panic(err) // embedded by time/tzdata
	}
	return loc
}()

// Local is t in the platform's time zone.
func Local(t time.Time) time.Time { return t.In(Zone) }

// Date is the date value of a calendar day: midnight UTC, as the platform
// stores days that have no time of day (a listing's dates, a municipality
// fact's "as of").
func Date(year int, month time.Month, day int) time.Time {
	return time.Date(year, month, day, 0, 0, 0, 0, time.UTC)
}

// IsDate reports whether t is a date value (see Date) rather than a
// moment: such a value names a day, and shifting it into local time would
// invent an hour nobody typed.
func IsDate(t time.Time) bool {
	u := t.UTC()
	return !t.IsZero() && u.Hour() == 0 && u.Minute() == 0 && u.Second() == 0 && u.Nanosecond() == 0
}

// DayOf is the calendar day t falls on, as a date value: a date value is
// its own day; a moment falls on its day in local time.
func DayOf(t time.Time) time.Time {
	if IsDate(t) {
		return t.UTC()
	}
	y, m, d := t.In(Zone).Date()
	return Date(y, m, d)
}

// StartOfDay is the first moment of day in local time (a date value or
// any moment of that day).
func StartOfDay(day time.Time) time.Time {
	y, m, d := DayOf(day).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, Zone).UTC()
}

// EndOfDay is the last second of day in local time, as a deadline typed
// as a date means.
func EndOfDay(day time.Time) time.Time {
	y, m, d := DayOf(day).Date()
	return time.Date(y, m, d, 23, 59, 59, 0, Zone).UTC()
}
