package feed

import (
	"bufio"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/clock"
)

// CalendarType is the Content-Type of an iCalendar file.
const CalendarType = "text/calendar; charset=utf-8"

// prodID names the program that wrote a calendar (RFC 5545, 3.7.3).
const prodID = "-//teilhabe.org//teilhabe//DE"

// Calendar is an iCalendar object: a calendar people subscribe to or a
// single event they download.
type Calendar struct {
	Name   string // the calendar's name in calendar programs
	Events []Event
}

// Status is whether an event takes place.
type Status string

const (
	Tentative Status = "TENTATIVE"
	Confirmed Status = "CONFIRMED"
	Cancelled Status = "CANCELLED"
)

// Event is a VEVENT. UID, Stamp and Start are required.
//
// Times are written in the platform's time zone (clock.Zone) with its
// VTIMEZONE, so a weekly 18:00 stays at 18:00 across the switch to summer
// time. An all-day event takes its days from Start and End (End is the
// last day, included; zero for one day).
type Event struct {
	UID      string    // permanent and unique, e.g. "<id>@<host>"
	Stamp    time.Time // when the event was last changed (DTSTAMP)
	Sequence int       // raise it on each change people should notice
	Start    time.Time
	End      time.Time // zero: no end given (one day for an all-day event)
	AllDay   bool

	Summary     string
	Description string
	Location    string
	Lang        string // the language of Summary, Description and Location
	URL         string
	Status      Status
	Categories  []string

	Repeat *Rule // how it recurs, if it does
	// Except are occurrences that do not take place: their starts, or
	// their days as date values (clock.Date).
	Except []time.Time
	// RecurrenceID makes this event the changed form of one occurrence of
	// the recurring event with the same UID: that occurrence's start, or
	// its day as a date value.
	RecurrenceID time.Time
}

// Frequency is how often a rule repeats.
type Frequency string

const (
	Daily   Frequency = "DAILY"
	Weekly  Frequency = "WEEKLY"
	Monthly Frequency = "MONTHLY"
	Yearly  Frequency = "YEARLY"
)

// Rule is a recurrence rule (RRULE) in the subset the platform needs.
type Rule struct {
	Freq     Frequency
	Interval int // every Interval-th period; 0 means 1
	Count    int // the number of occurrences; 0: no limit by count
	// Until is the last day (a date value) or moment an occurrence may
	// start; zero: no end.
	Until      time.Time
	ByDay      []Weekday
	ByMonthDay []int
}

// Weekday is a day of the week in a rule: every such day (Nth 0), or the
// Nth of the month (1 first, -1 last) for a monthly rule.
type Weekday struct {
	Nth int
	Day time.Weekday
}

var weekdayCodes = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// ErrInvalidEvent is returned for an event that lacks a required field or
// ends before it starts.
var ErrInvalidEvent = errors.New("feed: an event lacks its UID, stamp or start, or ends before it starts")

// ErrInvalidRule is returned for a rule without a frequency or with both
// a count and an end, which RFC 5545 forbids.
var ErrInvalidRule = errors.New("feed: a recurrence rule lacks its frequency or has both a count and an end")

// The value layouts of RFC 5545, 3.3.4 and 3.3.5.
const (
	icsDate      = "20060102"
	icsLocalTime = "20060102T150405"
	icsUTCTime   = "20060102T150405Z"
)

// WriteICS writes the calendar in iCalendar format.
func (c *Calendar) WriteICS(w io.Writer) error {
	for i := range c.Events {
		if err := c.Events[i].check(); err != nil {
			return err
		}
	}
	out := &contentWriter{w: bufio.NewWriter(w)}
	out.line("BEGIN:VCALENDAR")
	out.line("VERSION:2.0")
	out.line("PRODID:" + prodID)
	out.line("CALSCALE:GREGORIAN")
	out.line("METHOD:PUBLISH")
	if c.Name != "" {
		out.line("NAME:" + escapeText(c.Name))
		out.line("X-WR-CALNAME:" + escapeText(c.Name))
	}
	out.line("X-WR-TIMEZONE:" + clock.ZoneName)
	for _, e := range c.Events {
		if !e.AllDay {
			out.raw(vtimezone)
			break
		}
	}
	for _, e := range c.Events {
		e.write(out)
	}
	out.line("END:VCALENDAR")
	if out.err != nil {
		return out.err
	}
	return out.w.Flush()
}

func (e *Event) check() error {
	if e.UID == "" || e.Stamp.IsZero() || e.Start.IsZero() || (!e.End.IsZero() && e.End.Before(e.Start)) {
		return ErrInvalidEvent
	}
	if r := e.Repeat; r != nil && (r.Freq == "" || (r.Count > 0 && !r.Until.IsZero())) {
		return ErrInvalidRule
	}
	return nil
}

func (e *Event) write(out *contentWriter) {
	out.line("BEGIN:VEVENT")
	out.line("UID:" + escapeText(e.UID))
	out.line("DTSTAMP:" + e.Stamp.UTC().Format(icsUTCTime))
	if e.Sequence > 0 {
		out.line("SEQUENCE:" + strconv.Itoa(e.Sequence))
	}
	if e.AllDay {
		out.line("DTSTART;VALUE=DATE:" + clock.DayOf(e.Start).Format(icsDate))
		last := e.Start
		if !e.End.IsZero() {
			last = e.End
		}
		// DTEND of a day is exclusive: the day after the last one.
		out.line("DTEND;VALUE=DATE:" + clock.DayOf(last).AddDate(0, 0, 1).Format(icsDate))
	} else {
		out.line("DTSTART" + e.timeValue(e.Start))
		if !e.End.IsZero() {
			out.line("DTEND" + e.timeValue(e.End))
		}
	}
	if !e.RecurrenceID.IsZero() {
		out.line("RECURRENCE-ID" + e.timeValue(e.occurrence(e.RecurrenceID)))
	}
	lang := ""
	if e.Lang != "" {
		lang = ";LANGUAGE=" + e.Lang
	}
	out.line("SUMMARY" + lang + ":" + escapeText(e.Summary))
	if e.Description != "" {
		out.line("DESCRIPTION" + lang + ":" + escapeText(e.Description))
	}
	if e.Location != "" {
		out.line("LOCATION" + lang + ":" + escapeText(e.Location))
	}
	if e.URL != "" {
		out.line("URL:" + stripControls(e.URL))
	}
	if e.Status != "" {
		out.line("STATUS:" + string(e.Status))
	}
	if len(e.Categories) > 0 {
		escaped := make([]string, len(e.Categories))
		for i, c := range e.Categories {
			escaped[i] = escapeText(c)
		}
		out.line("CATEGORIES:" + strings.Join(escaped, ","))
	}
	if e.Repeat != nil {
		out.line("RRULE:" + e.rule())
	}
	if len(e.Except) > 0 {
		values := make([]string, len(e.Except))
		for i, x := range e.Except {
			values[i] = e.plainValue(e.occurrence(x))
		}
		param := ";TZID=" + clock.ZoneName
		if e.AllDay {
			param = ";VALUE=DATE"
		}
		out.line("EXDATE" + param + ":" + strings.Join(values, ","))
	}
	out.line("END:VEVENT")
}

// occurrence is the start of the occurrence t names: t itself, or for a
// timed event given only a day, that day at the event's time of day.
func (e *Event) occurrence(t time.Time) time.Time {
	if e.AllDay || !clock.IsDate(t) {
		return t
	}
	start := clock.Local(e.Start)
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, start.Hour(), start.Minute(), start.Second(), 0, clock.Zone)
}

// timeValue is ";<parameters>:<value>" of a DTSTART-like property.
func (e *Event) timeValue(t time.Time) string {
	if e.AllDay {
		return ";VALUE=DATE:" + e.plainValue(t)
	}
	return ";TZID=" + clock.ZoneName + ":" + e.plainValue(t)
}

// plainValue is a day (all-day events) or a local date and time.
func (e *Event) plainValue(t time.Time) string {
	if e.AllDay {
		return clock.DayOf(t).Format(icsDate)
	}
	return clock.Local(t).Format(icsLocalTime)
}

func (e *Event) rule() string {
	r := e.Repeat
	parts := []string{"FREQ=" + string(r.Freq)}
	if r.Interval > 1 {
		parts = append(parts, "INTERVAL="+strconv.Itoa(r.Interval))
	}
	if r.Count > 0 {
		parts = append(parts, "COUNT="+strconv.Itoa(r.Count))
	}
	if !r.Until.IsZero() {
		// UNTIL has the type of DTSTART, and is UTC when DTSTART has a zone.
		if e.AllDay {
			parts = append(parts, "UNTIL="+clock.DayOf(r.Until).Format(icsDate))
		} else {
			until := r.Until
			if clock.IsDate(until) {
				until = clock.EndOfDay(until)
			}
			parts = append(parts, "UNTIL="+until.UTC().Format(icsUTCTime))
		}
	}
	if len(r.ByDay) > 0 {
		days := make([]string, len(r.ByDay))
		for i, d := range r.ByDay {
			days[i] = weekdayCodes[d.Day]
			if d.Nth != 0 {
				days[i] = strconv.Itoa(d.Nth) + days[i]
			}
		}
		parts = append(parts, "BYDAY="+strings.Join(days, ","))
	}
	if len(r.ByMonthDay) > 0 {
		days := make([]string, len(r.ByMonthDay))
		for i, d := range r.ByMonthDay {
			days[i] = strconv.Itoa(d)
		}
		parts = append(parts, "BYMONTHDAY="+strings.Join(days, ","))
	}
	return strings.Join(parts, ";")
}

// escapeText escapes a TEXT value (RFC 5545, 3.3.11): backslash,
// semicolon and comma get a backslash, a line break becomes \n, and other
// control characters, which a TEXT value may not hold, are dropped.
func escapeText(s string) string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// stripControls drops the control characters no value may hold.
func stripControls(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

// maxLine is the longest a content line may be, in octets, before the
// line break (RFC 5545, 3.1).
const maxLine = 75

// contentWriter writes content lines, folded and ended with CRLF; it
// keeps the first error.
type contentWriter struct {
	w   *bufio.Writer
	err error
}

func (c *contentWriter) raw(s string) {
	if c.err == nil {
		_, c.err = c.w.WriteString(s)
	}
}

// line writes one content line, folding it into pieces of at most 75
// octets (continuations begin with a space), never inside a UTF-8
// sequence.
func (c *contentWriter) line(s string) {
	limit := maxLine
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		c.raw(s[:cut] + "\r\n ")
		s = s[cut:]
		limit = maxLine - 1 // the leading space counts
	}
	c.raw(s + "\r\n")
}

// vtimezone describes Europe/Berlin (clock.Zone) as it has been since
// 1996: summer time from the last Sunday of March at 02:00 to the last
// Sunday of October at 03:00.
const vtimezone = "BEGIN:VTIMEZONE\r\n" +
	"TZID:" + clock.ZoneName + "\r\n" +
	"X-LIC-LOCATION:" + clock.ZoneName + "\r\n" +
	"BEGIN:DAYLIGHT\r\n" +
	"TZOFFSETFROM:+0100\r\n" +
	"TZOFFSETTO:+0200\r\n" +
	"TZNAME:CEST\r\n" +
	"DTSTART:19700329T020000\r\n" +
	"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n" +
	"END:DAYLIGHT\r\n" +
	"BEGIN:STANDARD\r\n" +
	"TZOFFSETFROM:+0200\r\n" +
	"TZOFFSETTO:+0100\r\n" +
	"TZNAME:CET\r\n" +
	"DTSTART:19701025T030000\r\n" +
	"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n" +
	"END:STANDARD\r\n" +
	"END:VTIMEZONE\r\n"
