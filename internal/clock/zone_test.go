package clock

import (
	"testing"
	"time"
)

func TestDayOf(t *testing.T) {
	for _, c := range []struct {
		in   time.Time
		want time.Time
	}{
		// A date value keeps its day.
		{Date(2026, 12, 17), Date(2026, 12, 17)},
		// 23:30 UTC is already the next day in Berlin, in winter and in summer.
		{time.Date(2026, 12, 17, 23, 30, 0, 0, time.UTC), Date(2026, 12, 18)},
		{time.Date(2026, 7, 1, 22, 30, 0, 0, time.UTC), Date(2026, 7, 2)},
		{time.Date(2026, 7, 1, 21, 59, 0, 0, time.UTC), Date(2026, 7, 1)},
		// Local midnight is the start of its own day.
		{time.Date(2027, 3, 28, 0, 0, 0, 0, Zone), Date(2027, 3, 28)},
	} {
		if got := DayOf(c.in); !got.Equal(c.want) {
			t.Errorf("DayOf(%s) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestIsDate(t *testing.T) {
	if !IsDate(Date(2026, 12, 17)) || !IsDate(time.Date(2026, 12, 17, 1, 0, 0, 0, Zone)) {
		t.Error("midnight UTC is a date value, in whatever location it is held")
	}
	if IsDate(time.Time{}) || IsDate(time.Date(2026, 12, 17, 0, 0, 0, 1000, time.UTC)) ||
		IsDate(time.Date(2026, 12, 17, 0, 0, 0, 0, Zone)) {
		t.Error("the zero time, a microsecond after midnight and local midnight are moments")
	}
}

// TestDaysAcrossDaylightSaving: the days on which the clocks change have
// 23 and 25 hours; their ends and starts are still local midnight.
func TestDaysAcrossDaylightSaving(t *testing.T) {
	for _, c := range []struct {
		day        time.Time
		start, end string
	}{
		{Date(2027, 3, 27), "2027-03-26T23:00:00Z", "2027-03-27T22:59:59Z"},  // winter time
		{Date(2027, 3, 28), "2027-03-27T23:00:00Z", "2027-03-28T21:59:59Z"},  // to summer time: 23 hours
		{Date(2027, 3, 29), "2027-03-28T22:00:00Z", "2027-03-29T21:59:59Z"},  // summer time
		{Date(2026, 10, 25), "2026-10-24T22:00:00Z", "2026-10-25T22:59:59Z"}, // to winter time: 25 hours
	} {
		if got := StartOfDay(c.day).Format(time.RFC3339); got != c.start {
			t.Errorf("StartOfDay(%s) = %s, want %s", c.day.Format(time.DateOnly), got, c.start)
		}
		if got := EndOfDay(c.day).Format(time.RFC3339); got != c.end {
			t.Errorf("EndOfDay(%s) = %s, want %s", c.day.Format(time.DateOnly), got, c.end)
		}
	}
	if Zone.String() != ZoneName {
		t.Errorf("zone %s", Zone)
	}
}
