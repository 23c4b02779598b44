package web

import (
	"html/template"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/i18n"
)

// Dates, times, numbers and amounts of money as a reader reads them: in
// the platform's time zone and the reader's language. Pages call them as
// methods of View ({{$.Date .CreatedAt}}); mails and feeds call the
// Format functions with the recipient's Localizer.
//
// A date value (midnight UTC, see clock.IsDate) names a day and is shown
// as that day, never as a local time; anything else is a moment and is
// shown in local time.
//
// Digits are the Latin ones in every language: postcodes, phone numbers
// and the times people type are written with them here, and a page that
// mixed two digit systems would be harder to read.

// FormatDate is the day of t in the language's usual numeric form.
func FormatDate(l *i18n.Localizer, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	day := clock.DayOf(t)
	switch l.Lang() {
	case "en":
		return day.Format("2 Jan 2006")
	case "de", "uk", "tr":
		return day.Format("02.01.2006")
	default:
		return day.Format("2006-01-02")
	}
}

// FormatDateTime is the day and local time of day of t; a date value has
// no time of day and is shown as a date.
func FormatDateTime(l *i18n.Localizer, t time.Time) string {
	if t.IsZero() || clock.IsDate(t) {
		return FormatDate(l, t)
	}
	return FormatDate(l, t) + " " + formatClock(t)
}

func formatClock(t time.Time) string { return clock.Local(t).Format("15:04") }

// FormatDateRange is the span from from to to (both included): one day
// when to is zero or on the same day, a range of days otherwise; with
// times of day for moments.
func FormatDateRange(l *i18n.Localizer, from, to time.Time) string {
	switch {
	case from.IsZero():
		return ""
	case to.IsZero() || to.Equal(from):
		return FormatDateTime(l, from)
	case clock.IsDate(from) && clock.IsDate(to):
		return l.T("web.date.range", "From", FormatDate(l, from), "To", FormatDate(l, to))
	case !clock.IsDate(from) && !clock.IsDate(to) && clock.DayOf(from).Equal(clock.DayOf(to)):
		return l.T("web.date.hours", "Date", FormatDate(l, from), "From", formatClock(from), "To", formatClock(to))
	}
	return l.T("web.date.range", "From", FormatDateTime(l, from), "To", FormatDateTime(l, to))
}

// separators are the decimal and grouping marks of a language's numbers.
func separators(lang string) (decimal, group string) {
	switch lang {
	case "de", "tr":
		return ",", "."
	case "uk":
		return ",", "\u00a0"
	default:
		return ".", ","
	}
}

// FormatNumber is a whole number with the language's grouping of
// thousands: 1.234 in German, 1,234 in English.
func FormatNumber(l *i18n.Localizer, n int64) string {
	_, group := separators(l.Lang())
	return groupDigits(n, group)
}

func groupDigits(n int64, group string) string {
	digits := strconv.FormatInt(n, 10)
	sign := ""
	if n < 0 {
		sign, digits = "-", digits[1:]
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(group)
		}
		b.WriteRune(d)
	}
	return b.String()
}

// FormatMoney is an amount of euros given in cents, written as the
// language writes amounts: "1.234,50 €" in German, "€1,234.50" in
// English.
func FormatMoney(l *i18n.Localizer, cents int64) string {
	decimal, group := separators(l.Lang())
	sign, abs := "", cents
	if cents < 0 {
		sign, abs = "-", -cents
	}
	frac := strconv.FormatInt(abs%100, 10)
	if len(frac) < 2 {
		frac = "0" + frac
	}
	amount := groupDigits(abs/100, group) + decimal + frac
	switch l.Lang() {
	case "en", "tr":
		return sign + "€" + amount
	default:
		// A no-break space keeps the sign with its number at a line's end.
		return sign + amount + "\u00a0€"
	}
}

// FormatCount translates a message chosen by a count (its "Count"
// argument picks the plural form) and shows the count as FormatNumber
// does.
func FormatCount(l *i18n.Localizer, id string, n int64, args ...any) string {
	return l.T(id, append(args, "Count", i18n.Count{N: n, Shown: FormatNumber(l, n)})...)
}

// Isolate wraps a name people chose in <bdi>, so an Arabic name on a
// German page (or the reverse) does not reorder the text around it.
func Isolate(name string) template.HTML {
	return template.HTML("<bdi>" + template.HTMLEscapeString(name) + "</bdi>")
}

// timeOf accepts time.Time or *time.Time, as templates hold both.
func timeOf(x any) time.Time {
	switch t := x.(type) {
	case time.Time:
		return t
	case *time.Time:
		if t != nil {
			return *t
		}
	}
	return time.Time{}
}

// intOf accepts the integer types templates hold.
func intOf(x any) int64 {
	switch n := x.(type) {
	case int:
		return int64(n)
	case int32:
		return int64(n)
	case int64:
		return n
	case uint:
		return int64(n)
	case uint32:
		return int64(n)
	}
	return 0
}

// Date is the day of a time (time.Time or *time.Time).
func (v *View) Date(x any) string { return FormatDate(v.L, timeOf(x)) }

// DateTime is the day and local time of a moment; a date value shows as a date.
func (v *View) DateTime(x any) string { return FormatDateTime(v.L, timeOf(x)) }

// DateRange is the span from one time to another (both included; a nil
// or zero end means a single day or moment).
func (v *View) DateRange(from, to any) string { return FormatDateRange(v.L, timeOf(from), timeOf(to)) }

// SameDay reports whether b is missing or falls on the day of a, so a
// template can say "on …" for one day and a range otherwise.
func (v *View) SameDay(a, b any) bool {
	tb := timeOf(b)
	return tb.IsZero() || clock.DayOf(timeOf(a)).Equal(clock.DayOf(tb))
}

// Number is a whole number grouped as the page's language groups it.
func (v *View) Number(n any) string { return FormatNumber(v.L, intOf(n)) }

// Money is an amount of euros given in cents, in the page's language.
func (v *View) Money(cents any) string { return FormatMoney(v.L, intOf(cents)) }

// Count translates a message whose plural form follows n; further args
// are name/value pairs as for T.
func (v *View) Count(id string, n any, args ...any) string {
	return FormatCount(v.L, id, intOf(n), args...)
}
