package directory

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/text"
)

// Minute is a time of day, minutes after local midnight; 1440 is the end
// of the day ("24:00").
type Minute int

// EndOfDay is 24:00.
const EndOfDay Minute = 24 * 60

// ParseMinute reads "9:00", "09:00" or "24:00".
func ParseMinute(s string) (Minute, bool) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(h) == 0 || len(h) > 2 || len(m) != 2 {
		return 0, false
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || mm < 0 || mm > 59 || hh > 24 || hh == 24 && mm != 0 {
		return 0, false
	}
	return Minute(hh*60 + mm), true
}

// String is "HH:MM".
func (m Minute) String() string { return fmt.Sprintf("%02d:%02d", int(m)/60, int(m)%60) }

// Day is a calendar day, "YYYY-MM-DD". As text, days sort and compare in
// calendar order.
type Day string

const dayLayout = "2006-01-02"

// DayOf returns the German calendar day of an instant.
func DayOf(t time.Time) Day { return Day(t.In(clock.Zone).Format(dayLayout)) }

// ParseDay reads "YYYY-MM-DD".
func ParseDay(s string) (Day, bool) {
	t, err := time.Parse(dayLayout, strings.TrimSpace(s))
	if err != nil {
		return "", false
	}
	return Day(t.Format(dayLayout)), true
}

// Time is local midnight at the start of the day.
func (d Day) Time() time.Time {
	t, _ := time.ParseInLocation(dayLayout, string(d), clock.Zone)
	return t
}

// Add returns the day n days later.
func (d Day) Add(n int) Day {
	t, _ := time.Parse(dayLayout, string(d))
	return Day(t.AddDate(0, 0, n).Format(dayLayout))
}

// Weekday is 1 for Monday … 7 for Sunday, as in ISO 8601.
func (d Day) Weekday() int {
	t, _ := time.Parse(dayLayout, string(d))
	return isoWeekday(t.Weekday())
}

func isoWeekday(w time.Weekday) int {
	if w == time.Sunday {
		return 7
	}
	return int(w)
}

// At is the instant of a local time of day. A time that does not exist on
// the day (the hour skipped when clocks go forward) is the instant the
// clocks jump to; a time that exists twice (the hour repeated in autumn) is
// its first occurrence.
func (d Day) At(m Minute) time.Time {
	t, _ := time.Parse(dayLayout, string(d))
	return time.Date(t.Year(), t.Month(), t.Day(), int(m)/60, int(m)%60, 0, 0, clock.Zone)
}

// Span is one period of a day.
type Span struct {
	Opens, Closes Minute
}

// Period is a weekly opening period: Weekday 1 (Monday) … 7 (Sunday).
type Period struct {
	Weekday int
	Span
}

// Closure is an exception to the weekly hours for the days First to Last:
// closed (a holiday, the summer break), or open only Opens to Closes.
type Closure struct {
	ID          string
	First, Last Day
	Closed      bool
	Span        // when not Closed
	Note        string
}

// Covers reports whether the closure applies on d.
func (c Closure) Covers(d Day) bool { return c.First <= d && d <= c.Last }

// Hours are a location's opening hours: weekly periods with exceptions.
type Hours struct {
	Periods  []Period
	Closures []Closure
}

// Limits of opening hours.
const (
	maxPeriodsPerDay = 4
	maxClosureDays   = 366
	maxNoteLen       = 200
)

// normalize sorts the periods by day and time and the closures by date.
func (h *Hours) normalize() {
	slices.SortFunc(h.Periods, func(a, b Period) int {
		if a.Weekday != b.Weekday {
			return a.Weekday - b.Weekday
		}
		return int(a.Opens - b.Opens)
	})
	slices.SortFunc(h.Closures, func(a, b Closure) int {
		if c := strings.Compare(string(a.First), string(b.First)); c != 0 {
			return c
		}
		return strings.Compare(string(a.Last), string(b.Last))
	})
}

// validatePeriods checks the weekly periods; field names are
// "hours_<weekday>" so forms can show the error beside the day.
func validatePeriods(periods []Period, f apperr.Fields) {
	perDay := map[int][]Span{}
	for _, p := range periods {
		field := fmt.Sprintf("hours_%d", p.Weekday)
		switch {
		case p.Weekday < 1 || p.Weekday > 7:
			f.Add("hours", "form.invalid_choice")
			continue
		case p.Opens < 0 || p.Closes > EndOfDay || p.Opens >= p.Closes:
			f.Add(field, "directory.hours.closes_before_opens")
			continue
		}
		for _, s := range perDay[p.Weekday] {
			if p.Opens < s.Closes && s.Opens < p.Closes {
				f.Add(field, "directory.hours.overlap")
			}
		}
		perDay[p.Weekday] = append(perDay[p.Weekday], p.Span)
		if len(perDay[p.Weekday]) > maxPeriodsPerDay {
			f.Add(field, "directory.hours.too_many")
		}
	}
}

// Validate checks a closure.
func (c *Closure) Validate() error {
	f := apperr.Fields{}
	c.Note = text.OneLine(c.Note)
	if _, ok := ParseDay(string(c.First)); !ok {
		f.Add("first", "directory.form.invalid_date")
	}
	if c.Last == "" {
		c.Last = c.First
	}
	if _, ok := ParseDay(string(c.Last)); !ok {
		f.Add("last", "directory.form.invalid_date")
	}
	if len(f) == 0 {
		switch {
		case c.Last < c.First:
			f.Add("last", "directory.closure.last_before_first")
		case c.First.Add(maxClosureDays) < c.Last:
			f.Add("last", "directory.closure.too_long")
		}
	}
	if !c.Closed && (c.Opens < 0 || c.Closes > EndOfDay || c.Opens >= c.Closes) {
		f.Add("opens", "directory.hours.closes_before_opens")
	}
	if c.Closed {
		c.Span = Span{}
	}
	check.Text(f, "note", c.Note, maxNoteLen, false)
	return f.Err()
}

// On returns the spans a location is open on the local day d and the
// closure that replaces the weekly hours that day, if any. When several
// closures cover the day, a closed one wins; otherwise their hours apply
// together.
func (h Hours) On(d Day) ([]Span, *Closure) {
	var special []Span
	var found *Closure
	for i := range h.Closures {
		c := &h.Closures[i]
		if !c.Covers(d) {
			continue
		}
		if c.Closed {
			return nil, c
		}
		if found == nil {
			found = c
		}
		special = append(special, c.Span)
	}
	if found != nil {
		slices.SortFunc(special, func(a, b Span) int { return int(a.Opens - b.Opens) })
		return special, found
	}
	wd := d.Weekday()
	var spans []Span
	for _, p := range h.Periods {
		if p.Weekday == wd {
			spans = append(spans, p.Span)
		}
	}
	slices.SortFunc(spans, func(a, b Span) int { return int(a.Opens - b.Opens) })
	return spans, nil
}

// minuteOf is the local time of day of t. In the hour that repeats when
// clocks go back, both passes give the same minutes, so a location open
// then is open in both.
func minuteOf(t time.Time) Minute {
	l := t.In(clock.Zone)
	return Minute(l.Hour()*60 + l.Minute())
}

// OpenAt reports whether the location is open at the instant t.
func (h Hours) OpenAt(t time.Time) bool {
	spans, _ := h.On(DayOf(t))
	m := minuteOf(t)
	for _, s := range spans {
		if s.Opens <= m && m < s.Closes {
			return true
		}
	}
	return false
}

// Status is what a page says about the hours at an instant.
type Status struct {
	Known   bool     // the location publishes hours at all
	Open    bool     // open at the instant
	Until   Minute   // when Open: closes at (local time)
	Today   *Closure // an exception that applies today
	HasNext bool     // when not Open: an opening within the next two weeks is known
	NextDay Day      // … on this day
	Next    Minute   // … at this time
	NextIn  int      // … that many days from today
}

// lookAhead is how far Status looks for the next opening.
const lookAhead = 14

// StatusAt tells whether the location is open at t, until when, or when it
// opens next.
func (h Hours) StatusAt(t time.Time) Status {
	st := Status{Known: len(h.Periods) > 0 || len(h.Closures) > 0}
	today := DayOf(t)
	m := minuteOf(t)
	spans, closure := h.On(today)
	st.Today = closure
	for _, s := range spans {
		if s.Opens <= m && m < s.Closes {
			st.Open, st.Until = true, s.Closes
			// A period ending at midnight that the next day continues
			// from midnight stays open.
			return st
		}
		if s.Opens > m && !st.HasNext {
			st.HasNext, st.NextDay, st.Next, st.NextIn = true, today, s.Opens, 0
		}
	}
	for i := 1; i <= lookAhead && !st.HasNext; i++ {
		d := today.Add(i)
		if spans, _ := h.On(d); len(spans) > 0 {
			st.HasNext, st.NextDay, st.Next, st.NextIn = true, d, spans[0].Opens, i
		}
	}
	return st
}

// Weekly groups the periods by weekday, Monday first, for display.
func (h Hours) Weekly() [7][]Span {
	var out [7][]Span
	for _, p := range h.Periods {
		if p.Weekday >= 1 && p.Weekday <= 7 {
			out[p.Weekday-1] = append(out[p.Weekday-1], p.Span)
		}
	}
	return out
}

// Upcoming returns the closures that end today or later, for display.
func (h Hours) Upcoming(today Day) []Closure {
	var out []Closure
	for _, c := range h.Closures {
		if c.Last >= today {
			out = append(out, c)
		}
	}
	return out
}

// icalDays are the iCalendar names of the weekdays, Monday first (HSDS
// schedules use them in byday).
var icalDays = []string{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}

// WeekdayOfICal returns 1…7 for "MO"…"SU", 0 for anything else.
func WeekdayOfICal(s string) int {
	return slices.Index(icalDays, strings.ToUpper(strings.TrimSpace(s))) + 1
}

// ICalDay returns "MO"…"SU" for 1…7.
func ICalDay(weekday int) string { return icalDays[weekday-1] }
