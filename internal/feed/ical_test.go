package feed_test

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/feed"
	"teilhabe.org/teilhabe/internal/feed/feedtest"
)

var stamp = time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)

func local(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, clock.Zone).UTC()
}

// longText is longer than a content line, with letters of two and three
// octets where a fold would fall, and every character TEXT escapes.
var longText = "Sprachcafé; Kaffee, Kuchen \\ und\nGespräche: " + strings.Repeat("äöü €", 12) +
	" مقهى اللغة، كل يوم خميس " + strings.Repeat("😀", 5)

func sampleCalendar() *feed.Calendar {
	return &feed.Calendar{Name: "teilhabe, Termine", Events: []feed.Event{
		{ // Days, as the board stores them: a range over the new year.
			UID: "listing-1@teilhabe.example", Stamp: stamp, AllDay: true,
			Start: clock.Date(2026, 12, 17), End: clock.Date(2027, 3, 7),
			Summary: "Winterhilfe", Lang: "de", Status: feed.Confirmed,
		},
		{ // Weekly at 18:00 local across the switch to summer time, with
			// one evening off and one moved.
			UID: "cafe@teilhabe.example", Stamp: stamp, Sequence: 2,
			Start: local(2027, 3, 18, 18, 0), End: local(2027, 3, 18, 20, 0),
			Summary: longText, Description: longText, Location: "Kassel, Wilhelmshöher Allee 1", Lang: "de",
			URL: "https://teilhabe.example/events/cafe", Status: feed.Confirmed, Categories: []string{"Sprache, Kultur", "Café"},
			Repeat: &feed.Rule{Freq: feed.Weekly, Count: 5, ByDay: []feed.Weekday{{Day: time.Thursday}}},
			Except: []time.Time{clock.Date(2027, 3, 25)}, // a day: that evening at 18:00
		},
		{ // The moved evening: 1 April at 19:00 instead of 18:00.
			UID: "cafe@teilhabe.example", Stamp: stamp, Sequence: 2,
			Start: local(2027, 4, 1, 19, 0), End: local(2027, 4, 1, 21, 0),
			RecurrenceID: local(2027, 4, 1, 18, 0), Summary: "Sprachcafé (später)", Status: feed.Tentative,
		},
		{ // Monthly on the last Friday until a day, all day.
			UID: "market@teilhabe.example", Stamp: stamp, AllDay: true, Start: clock.Date(2026, 10, 30),
			Summary: "Tauschmarkt", Status: feed.Cancelled,
			Repeat: &feed.Rule{Freq: feed.Monthly, Interval: 2, Until: clock.Date(2027, 6, 30),
				ByDay: []feed.Weekday{{Nth: -1, Day: time.Friday}}},
			Except: []time.Time{clock.Date(2026, 12, 25)},
		},
	}}
}

func writeICS(t *testing.T, c *feed.Calendar) string {
	t.Helper()
	var b strings.Builder
	if err := c.WriteICS(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestICSLines: lines end with CRLF and are at most 75 octets, folded
// between whole characters; unfolding gives back the line.
func TestICSLines(t *testing.T) {
	ics := writeICS(t, sampleCalendar())
	if !strings.HasSuffix(ics, "END:VCALENDAR\r\n") {
		t.Errorf("ends with %q", ics[len(ics)-20:])
	}
	lines := strings.Split(strings.TrimSuffix(ics, "\r\n"), "\r\n")
	folds := 0
	for _, l := range lines {
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("bare line break in %q", l)
		}
		if len(l) > 75 {
			t.Errorf("%d octets: %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("a fold split a character: %q", l)
		}
		if strings.HasPrefix(l, " ") {
			folds++
		}
	}
	if folds < 4 {
		t.Errorf("only %d folded lines:\n%s", folds, ics)
	}
	unfolded := strings.ReplaceAll(ics, "\r\n ", "")
	escaped := `SUMMARY;LANGUAGE=de:Sprachcafé\; Kaffee\, Kuchen \\ und\nGespräche: äöü €`
	if !strings.Contains(unfolded, escaped) || !strings.Contains(unfolded, `CATEGORIES:Sprache\, Kultur,Café`) {
		t.Errorf("escaping:\n%s", unfolded)
	}
}

// TestICSTimes: times carry the platform's zone, days are dates, and the
// rule's end has the type the RFC asks for.
func TestICSTimes(t *testing.T) {
	unfolded := strings.ReplaceAll(writeICS(t, sampleCalendar()), "\r\n ", "")
	for _, want := range []string{
		"DTSTART;VALUE=DATE:20261217\r\nDTEND;VALUE=DATE:20270308\r\n",
		"DTSTART;TZID=Europe/Berlin:20270318T180000\r\nDTEND;TZID=Europe/Berlin:20270318T200000\r\n",
		"EXDATE;TZID=Europe/Berlin:20270325T180000\r\n",
		"RECURRENCE-ID;TZID=Europe/Berlin:20270401T180000\r\n",
		"RRULE:FREQ=WEEKLY;COUNT=5;BYDAY=TH\r\n",
		"RRULE:FREQ=MONTHLY;INTERVAL=2;UNTIL=20270630;BYDAY=-1FR\r\n",
		"EXDATE;VALUE=DATE:20261225\r\n",
		"DTSTAMP:20261207T100000Z\r\n",
		"BEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\n",
	} {
		if !strings.Contains(unfolded, want) {
			t.Errorf("lacks %q", want)
		}
	}
	// A timed rule's end is UTC: the end of the local day.
	c := &feed.Calendar{Events: []feed.Event{{UID: "u", Stamp: stamp, Start: local(2026, 7, 2, 18, 0),
		Repeat: &feed.Rule{Freq: feed.Daily, Until: clock.Date(2026, 7, 9)}}}}
	if ics := writeICS(t, c); !strings.Contains(ics, "RRULE:FREQ=DAILY;UNTIL=20260709T215959Z\r\n") {
		t.Errorf("timed UNTIL:\n%s", ics)
	}
	// Without timed events there is no zone to describe.
	c = &feed.Calendar{Events: sampleCalendar().Events[:1]}
	if ics := writeICS(t, c); strings.Contains(ics, "VTIMEZONE") {
		t.Errorf("VTIMEZONE without a time:\n%s", ics)
	}
}

// TestVTimezoneMatchesZone: the written VTIMEZONE (summer time from the
// last Sunday of March, 02:00, to the last Sunday of October, 03:00) is
// what the zone database says for every year a calendar may reach.
func TestVTimezoneMatchesZone(t *testing.T) {
	lastSunday := func(y int, m time.Month) time.Time {
		d := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC)
		return d.AddDate(0, 0, -int(d.Weekday()))
	}
	for y := 2000; y <= 2040; y++ {
		march, october := lastSunday(y, time.March), lastSunday(y, time.October)
		// 02:00 CET is 01:00 UTC; 03:00 CEST is 01:00 UTC.
		toSummer, toWinter := march.Add(time.Hour), october.Add(time.Hour)
		for _, c := range []struct {
			at     time.Time
			offset int
		}{
			{toSummer.Add(-time.Second), 3600}, {toSummer, 7200},
			{toWinter.Add(-time.Second), 7200}, {toWinter, 3600},
		} {
			if _, off := c.at.In(clock.Zone).Zone(); off != c.offset {
				t.Errorf("%s: offset %d, the VTIMEZONE says %d", c.at, off, c.offset)
			}
		}
	}
}

func TestICSRejects(t *testing.T) {
	for name, e := range map[string]feed.Event{
		"no UID":           {Stamp: stamp, Start: stamp},
		"no stamp":         {UID: "u", Start: stamp},
		"no start":         {UID: "u", Stamp: stamp},
		"end before start": {UID: "u", Stamp: stamp, Start: stamp, End: stamp.Add(-time.Hour)},
	} {
		if err := (&feed.Calendar{Events: []feed.Event{e}}).WriteICS(&strings.Builder{}); !errors.Is(err, feed.ErrInvalidEvent) {
			t.Errorf("%s: %v", name, err)
		}
	}
	for name, r := range map[string]feed.Rule{
		"no frequency":    {Count: 2},
		"count and until": {Freq: feed.Daily, Count: 2, Until: stamp},
	} {
		e := feed.Event{UID: "u", Stamp: stamp, Start: stamp, Repeat: &r}
		if err := (&feed.Calendar{Events: []feed.Event{e}}).WriteICS(&strings.Builder{}); !errors.Is(err, feed.ErrInvalidRule) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

type icalEvent = feedtest.ICalEvent

func parseWithICALJS(t *testing.T, ics string) (name, version string, events []icalEvent) {
	return feedtest.ParseICS(t, ics)
}

func jsonNumber(n int64) string { return strconv.FormatInt(n, 10) }

// TestICSReadByICALJS: an independent parser reads every field back, and
// computes the same moments from the VTIMEZONE as Go from its zone
// database, across the switch to summer time.
func TestICSReadByICALJS(t *testing.T) {
	cal := sampleCalendar()
	name, version, events := parseWithICALJS(t, writeICS(t, cal))
	if name != "teilhabe, Termine" || version != "2.0" || len(events) != 4 {
		t.Fatalf("calendar %q %q with %d events", name, version, len(events))
	}

	days := events[0]
	if days.UID != "listing-1@teilhabe.example" || days.Summary != "Winterhilfe" || days.Lang != "de" || days.Status != "CONFIRMED" ||
		!days.Start.Date || days.Start.Text != "2026-12-17" || !days.End.Date || days.End.Text != "2027-03-08" ||
		days.Stamp != stamp.Unix() {
		t.Errorf("all-day range: %+v %+v %+v", days, days.Start, days.End)
	}

	cafe, want := events[1], cal.Events[1]
	if cafe.Summary != longText || cafe.Description != longText || cafe.Location != want.Location || cafe.URL != want.URL ||
		cafe.Sequence != 2 || !slices.Equal(cafe.Categories, want.Categories) || cafe.Rrule != "FREQ=WEEKLY;COUNT=5;BYDAY=TH" {
		t.Errorf("weekly event: %+v", cafe)
	}
	if cafe.Start.Zone != "Europe/Berlin" || cafe.Start.Unix == nil || *cafe.Start.Unix != want.Start.Unix() ||
		cafe.End.Unix == nil || *cafe.End.Unix != want.End.Unix() {
		t.Errorf("weekly event's times: %+v %+v", cafe.Start, cafe.End)
	}
	// 18:00 local is 17:00 UTC in March and 16:00 UTC from April; the
	// evening of 25 March does not take place.
	var wantOcc []string
	for _, d := range []int{18, 32, 39, 46} { // days after 1 March; 32 is 1 April
		wantOcc = append(wantOcc, jsonNumber(local(2027, 3, d, 18, 0).Unix()))
	}
	if !slices.Equal(cafe.Occurrences, wantOcc) {
		t.Errorf("weekly occurrences %v, want %v", cafe.Occurrences, wantOcc)
	}

	moved := events[2]
	if moved.UID != "cafe@teilhabe.example" || moved.Status != "TENTATIVE" || moved.RecurrenceID == nil ||
		moved.RecurrenceID.Unix == nil || *moved.RecurrenceID.Unix != local(2027, 4, 1, 18, 0).Unix() ||
		*moved.Start.Unix != local(2027, 4, 1, 19, 0).Unix() || moved.Start.Unix == nil {
		t.Errorf("moved evening: %+v %+v", moved, moved.RecurrenceID)
	}

	market := events[3]
	wantDays := []string{"2026-10-30", "2027-02-26", "2027-04-30", "2027-06-25"} // 2026-12-25 is off
	if market.Status != "CANCELLED" || !slices.Equal(market.Occurrences, wantDays) {
		t.Errorf("monthly market: %s %v, want %v", market.Status, market.Occurrences, wantDays)
	}
}
