package web

import (
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/i18n"
)

func localizers(t *testing.T) func(lang string) *i18n.Localizer {
	t.Helper()
	cat := i18n.NewCatalog()
	if err := cat.Load("web", Messages()); err != nil {
		t.Fatal(err)
	}
	return cat.Localizer
}

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestDateRange: days stored as date values show as days and ranges as
// ranges, never as the hour midnight UTC is in Berlin.
func TestDateRange(t *testing.T) {
	l := localizers(t)
	from, to := clock.Date(2026, 12, 17), clock.Date(2027, 3, 7)
	for _, c := range []struct {
		lang     string
		from, to time.Time
		want     string
	}{
		{"de", from, to, "17.12.2026 bis 07.03.2027"},
		{"en", from, to, "17 Dec 2026 to 7 Mar 2027"},
		{"ar", from, to, "من 2026-12-17 إلى 2027-03-07"},
		{"fa", from, to, "از 2026-12-17 تا 2027-03-07"},
		{"uk", from, to, "з 17.12.2026 до 07.03.2027"},
		{"tr", from, to, "17.12.2026 – 07.03.2027"},
		{"de", from, time.Time{}, "17.12.2026"},
		{"de", from, from, "17.12.2026"},
		// Moments on one local day: the day once, then the hours, across
		// the switch to summer time (02:00 CET is 03:00 CEST) ...
		{"de", utc("2027-03-27T23:30:00Z"), utc("2027-03-28T02:00:00Z"), "28.03.2027, 00:30–04:00 Uhr"},
		// ... and back to winter time, when 02:30 comes twice.
		{"en", utc("2026-10-25T00:30:00Z"), utc("2026-10-25T01:30:00Z"), "25 Oct 2026, 02:30–02:30"},
		// Moments on two local days, though the same day in UTC.
		{"de", utc("2026-07-01T20:00:00Z"), utc("2026-07-01T22:30:00Z"), "01.07.2026 22:00 bis 02.07.2026 00:30"},
	} {
		if got := FormatDateRange(l(c.lang), c.from, c.to); got != c.want {
			t.Errorf("%s %s–%s = %q, want %q", c.lang, c.from, c.to, got, c.want)
		}
	}
}

func TestDateAndTime(t *testing.T) {
	de := localizers(t)("de")
	for _, c := range []struct {
		in       time.Time
		date, dt string
	}{
		{clock.Date(2026, 12, 17), "17.12.2026", "17.12.2026"}, // a date value has no hour
		{utc("2026-12-31T23:30:00Z"), "01.01.2027", "01.01.2027 00:30"},
		{utc("2027-03-28T00:59:00Z"), "28.03.2027", "28.03.2027 01:59"},
		{utc("2027-03-28T01:00:00Z"), "28.03.2027", "28.03.2027 03:00"},
		{utc("2026-10-25T00:30:00Z"), "25.10.2026", "25.10.2026 02:30"},
		{utc("2026-10-25T01:30:00Z"), "25.10.2026", "25.10.2026 02:30"},
		{time.Time{}, "", ""},
	} {
		if got := FormatDate(de, c.in); got != c.date {
			t.Errorf("FormatDate(%s) = %q, want %q", c.in, got, c.date)
		}
		if got := FormatDateTime(de, c.in); got != c.dt {
			t.Errorf("FormatDateTime(%s) = %q, want %q", c.in, got, c.dt)
		}
	}
	v := &View{L: de}
	at := clock.Date(2026, 12, 17)
	if v.Date(&at) != "17.12.2026" || v.Date((*time.Time)(nil)) != "" || !v.SameDay(at, nil) ||
		!v.SameDay(utc("2026-12-17T08:00:00Z"), utc("2026-12-17T22:59:00Z")) ||
		v.SameDay(utc("2026-12-17T08:00:00Z"), utc("2026-12-17T23:00:00Z")) {
		t.Error("View's date methods")
	}
}

func TestMoney(t *testing.T) {
	l := localizers(t)
	for _, c := range []struct {
		lang  string
		cents int64
		want  string
	}{
		{"de", 123450, "1.234,50\u00a0€"},
		{"en", 123450, "€1,234.50"},
		{"tr", 123450, "€1.234,50"},
		{"uk", 123450, "1\u00a0234,50\u00a0€"},
		{"ar", 123450, "1,234.50\u00a0€"},
		{"fa", 123450, "1,234.50\u00a0€"},
		{"de", 5, "0,05\u00a0€"},
		{"de", -100000000, "-1.000.000,00\u00a0€"},
		{"en", -99, "-€0.99"},
	} {
		if got := FormatMoney(l(c.lang), c.cents); got != c.want {
			t.Errorf("%s %d = %q, want %q", c.lang, c.cents, got, c.want)
		}
	}
}

// TestCount: the plural form follows the number, which is grouped as the
// language groups thousands.
func TestCount(t *testing.T) {
	l := localizers(t)
	for _, c := range []struct {
		lang string
		n    int64
		want string
	}{
		{"de", 1, "1 ungelesen"},
		{"de", 1234, "1.234 ungelesen"},
		{"en", 1234567, "1,234,567 unread"},
		{"uk", 1, "1 нова"},
		{"uk", 1001, "1\u00a0001 нова"},
		{"uk", 1234, "1\u00a0234 нові"},
		{"uk", 1005, "1\u00a0005 нових"},
		{"ar", 2, "جديدتان"},
		{"ar", 1003, "1,003 جديدة"},
	} {
		if got := FormatCount(l(c.lang), "layout.nav.messages.unread", c.n); got != c.want {
			t.Errorf("%s %d = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
	v := &View{L: l("de")}
	if got := v.Count("layout.nav.messages.unread", 3); got != "3 ungelesen" {
		t.Errorf("View.Count = %q", got)
	}
	if got := v.Number(-1234); got != "-1.234" {
		t.Errorf("View.Number = %q", got)
	}
}

func TestIsolate(t *testing.T) {
	if got := Isolate(`<script>"محمد"</script>`); got != `<bdi>&lt;script&gt;&#34;محمد&#34;&lt;/script&gt;</bdi>` {
		t.Errorf("Isolate = %s", got)
	}
}
