package event

import (
	"sort"
	"time"

	"teilhabe.org/teilhabe/internal/clock"
)

// Dates: an event takes place once, or repeats weekly or monthly until a
// day or for a count of dates. Each date is named by its day by the rule
// (YYYY-MM-DD in Europe/Berlin), which stays its name when it is moved;
// each has its own places, registrations and waiting list. Single dates
// may be cancelled or moved (event_dates).

// Freq is how often an event repeats.
type Freq string

const (
	Once    Freq = ""
	Weekly  Freq = "weekly"
	Monthly Freq = "monthly"
)

// MonthlyBy says which day of the month a monthly series takes: the nth
// weekday ("the 2nd Tuesday"; the 5th is the last) or the same day.
type MonthlyBy string

const (
	ByWeekday  MonthlyBy = "weekday"
	ByMonthDay MonthlyBy = "monthday"
)

// Repeat is an event's rule of repetition; the zero value is a one-off.
type Repeat struct {
	Freq  Freq
	By    MonthlyBy  // monthly only
	Until *time.Time // the last day a date may fall on (a date value)
	Count int        // the number of dates; 0 with Until
}

// Repeats reports whether the rule makes a series.
func (r Repeat) Repeats() bool { return r.Freq != Once }

// Limits of a series.
const (
	maxDates    = 200                      // dates of one series
	maxSeriesIn = 2 * 366 * 24 * time.Hour // from the first date to the last
)

// dayLayout names a date in paths and pools.
const dayLayout = time.DateOnly

// dayKey is the day of t in Europe/Berlin as a date's name.
func dayKey(t time.Time) string { return clock.Local(t).Format(dayLayout) }

// parseDayKey reads a date's name; ok is false for anything else.
func parseDayKey(s string) (time.Time, bool) {
	t, err := time.Parse(dayLayout, s)
	return t, err == nil && t.Format(dayLayout) == s
}

// DateChange is a single date that does not take place as the rule says.
type DateChange struct {
	Day        string
	Status     Status // Cancelled or Moved
	Start, End time.Time
	UpdatedAt  time.Time
}

// ruleStarts are the starts of the dates of e's rule in order, in
// Europe/Berlin, the first being e.Start; at most maxDates.
func (e *Event) ruleStarts() []time.Time {
	first := clock.Local(e.Start)
	r := e.Repeat
	if !r.Repeats() {
		return []time.Time{first}
	}
	var until time.Time
	if r.Until != nil {
		u := clock.DayOf(*r.Until)
		until = time.Date(u.Year(), u.Month(), u.Day(), 23, 59, 59, 0, clock.Zone)
	}
	limit := maxDates
	if r.Count > 0 && r.Count < limit {
		limit = r.Count
	}
	h, mi, s := first.Clock()
	nth := (first.Day()-1)/7 + 1
	if nth == 5 {
		nth = -1
	}
	var out []time.Time
	for k := 0; len(out) < limit && k < 40*maxDates; k++ {
		var day time.Time
		switch {
		case r.Freq == Weekly:
			day = time.Date(first.Year(), first.Month(), first.Day()+7*k, h, mi, s, 0, clock.Zone)
		case r.By == ByMonthDay:
			day = time.Date(first.Year(), first.Month()+time.Month(k), first.Day(), h, mi, s, 0, clock.Zone)
			if day.Day() != first.Day() { // the month has no such day
				continue
			}
		default:
			day = nthWeekday(first.Year(), first.Month()+time.Month(k), nth, first.Weekday(), h, mi, s)
		}
		if !until.IsZero() && day.After(until) {
			break
		}
		out = append(out, day)
	}
	return out
}

// nthWeekday is the nth (-1: last) weekday wd of the month, at the time.
func nthWeekday(year int, month time.Month, nth int, wd time.Weekday, h, mi, s int) time.Time {
	if nth < 0 {
		last := time.Date(year, month+1, 0, h, mi, s, 0, clock.Zone)
		return last.AddDate(0, 0, -((int(last.Weekday()) - int(wd) + 7) % 7))
	}
	firstOf := time.Date(year, month, 1, h, mi, s, 0, clock.Zone)
	return firstOf.AddDate(0, 0, (int(wd)-int(firstOf.Weekday())+7)%7+7*(nth-1))
}

// at is the date starting at start (local): a copy of the event with the
// date's start and end, the end as many days and the same clock time
// after the start as the first date's.
func (e *Event) at(start time.Time) *Event {
	d := *e
	d.Date = dayKey(start)
	d.Start, d.End = shiftedSpan(e.Start, e.End, start)
	return &d
}

// shiftedSpan moves the span from-to to begin on start's day at the same
// local clock times, so a date after the switch to summer time starts at
// 18:00 like the one before it.
func shiftedSpan(from, to, start time.Time) (time.Time, time.Time) {
	f, t, s := clock.Local(from), clock.Local(to), clock.Local(start)
	days := clock.DayOf(to).Sub(clock.DayOf(from)) / (24 * time.Hour)
	if f.Hour() != s.Hour() || f.Minute() != s.Minute() {
		s = time.Date(s.Year(), s.Month(), s.Day(), f.Hour(), f.Minute(), f.Second(), 0, clock.Zone)
	}
	end := time.Date(s.Year(), s.Month(), s.Day()+int(days), t.Hour(), t.Minute(), t.Second(), 0, clock.Zone)
	return s.UTC(), end.UTC()
}

// Dates are the event's dates in order of their start, the cancelled and
// moved ones with their status (and a moved one with its new time); each
// is a copy of the event with Date, Start, End and Status of its own. A
// cancelled event has only cancelled dates.
func (e *Event) Dates(changes []DateChange) []*Event {
	byDay := map[string]DateChange{}
	for _, c := range changes {
		byDay[c.Day] = c
	}
	starts := e.ruleStarts()
	out := make([]*Event, 0, len(starts))
	for _, s := range starts {
		d := e.at(s)
		if c, ok := byDay[d.Date]; ok {
			d.Status = c.Status
			if c.Status == Moved {
				d.Start, d.End = c.Start, c.End
			}
		}
		if e.Status == Cancelled {
			d.Status = Cancelled
		}
		out = append(out, d)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out
}

// span is the earliest start and latest end of the dates.
func span(dates []*Event) (time.Time, time.Time) {
	from, to := dates[0].Start, dates[0].End
	for _, d := range dates[1:] {
		if d.Start.Before(from) {
			from = d.Start
		}
		if d.End.After(to) {
			to = d.End
		}
	}
	return from, to
}

// DateOf returns the date named day, ok false if the event has none.
func (e *Event) DateOf(changes []DateChange, day string) (*Event, bool) {
	for _, d := range e.Dates(changes) {
		if d.Date == day {
			return d, true
		}
	}
	return nil, false
}

// Path is the address of the event's page, for a date of a series with
// the date chosen.
func (e *Event) Path() string {
	if e.Repeat.Repeats() && e.Date != "" {
		return "/events/" + e.ID + "?date=" + e.Date
	}
	return "/events/" + e.ID
}

// RuleName names the rule for pages: weekly, monthly_weekday or
// monthly_monthday ("" for a one-off event).
func (e *Event) RuleName() string {
	switch {
	case e.Repeat.Freq == Weekly:
		return "weekly"
	case e.Repeat.Freq == Monthly && e.Repeat.By == ByMonthDay:
		return "monthly_monthday"
	case e.Repeat.Freq == Monthly:
		return "monthly_weekday"
	}
	return ""
}
