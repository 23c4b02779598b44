package feedtest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// readICS is run by node: it parses a calendar with ical.js, resolves
// times with the calendar's own VTIMEZONE and expands recurrences.
const readICS = `
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const ICAL = (await import(pathToFileURL(process.env.TEILHABE_ICALJS).href)).default;
// NAME (RFC 7986) and X-WR-CALNAME are TEXT, which ical.js does not know.
ICAL.design.icalendar.property["name"] = { defaultType: "text" };
ICAL.design.icalendar.property["x-wr-calname"] = { defaultType: "text" };
const root = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], "utf8")));
for (const tz of root.getAllSubcomponents("vtimezone")) {
	ICAL.TimezoneService.register(new ICAL.Timezone(tz));
}
const time = (v) => v ? { text: v.toString(), date: v.isDate, zone: v.zone ? v.zone.tzid : null, unix: v.isDate ? null : v.toUnixTime() } : null;
const out = { name: root.getFirstPropertyValue("name"), calname: root.getFirstPropertyValue("x-wr-calname"), version: root.getFirstPropertyValue("version"), events: [] };
for (const v of root.getAllSubcomponents("vevent")) {
	const ev = new ICAL.Event(v);
	const e = {
		uid: ev.uid, summary: ev.summary, description: ev.description, location: ev.location,
		url: v.getFirstPropertyValue("url"), status: v.getFirstPropertyValue("status"), sequence: ev.sequence,
		lang: v.getFirstProperty("summary").getParameter("language") || "",
		categories: v.getFirstProperty("categories") ? v.getFirstProperty("categories").getValues() : [],
		stamp: v.getFirstPropertyValue("dtstamp").toUnixTime(),
		start: time(ev.startDate), end: time(ev.endDate),
		rrule: v.getFirstPropertyValue("rrule") ? v.getFirstPropertyValue("rrule").toString() : "",
		recurrenceId: time(v.getFirstPropertyValue("recurrence-id")),
		occurrences: [],
	};
	if (ev.isRecurring()) {
		const it = ev.iterator();
		for (let next, i = 0; i < 20 && (next = it.next()); i++) {
			e.occurrences.push(next.isDate ? next.toString() : String(next.toUnixTime()));
		}
	}
	out.events.push(e);
}
console.log(JSON.stringify(out));
`

// ICalTime is a time as ical.js reads it: its text, whether it is a date,
// its zone and its moment (nil for a date).
type ICalTime struct {
	Text string
	Date bool
	Zone string
	Unix *int64
}

// ICalEvent is a VEVENT as ical.js reads it.
type ICalEvent struct {
	UID, Summary, Description, Location, URL, Status, Lang, Rrule string
	Sequence                                                      int
	Categories                                                    []string
	Stamp                                                         int64
	Start, End, RecurrenceID                                      *ICalTime
	Occurrences                                                   []string
}

// ParseICS reads ics with ical.js, a parser nobody in the project wrote,
// which scripts/test fetches into .cache and names in TEILHABE_ICALJS; it
// skips the test without node or ical.js, except under CI=true. Times are
// resolved with the calendar's own VTIMEZONE and recurrences expanded.
func ParseICS(t testing.TB, ics string) (name, version string, events []ICalEvent) {
	t.Helper()
	lib := os.Getenv("TEILHABE_ICALJS")
	node, err := exec.LookPath("node")
	if lib == "" || err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("ical.js and node are required under CI=true (scripts/test fetches ical.js)")
		}
		t.Skip("TEILHABE_ICALJS or node missing; scripts/test provides them")
	}
	dir := t.TempDir()
	script, file := filepath.Join(dir, "read.mjs"), filepath.Join(dir, "calendar.ics")
	if err := os.WriteFile(script, []byte(readICS), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(ics), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, script, file)
	cmd.Env = append(os.Environ(), "TEILHABE_ICALJS="+lib)
	out, err := cmd.Output()
	if err != nil {
		stderr := ""
		if ee, ok := err.(*exec.ExitError); ok {
			stderr = string(ee.Stderr)
		}
		t.Fatalf("ical.js: %v\n%s\n%s", err, stderr, ics)
	}
	var got struct {
		Name, Calname, Version string
		Events                 []ICalEvent
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if got.Calname != got.Name {
		t.Errorf("NAME %q, X-WR-CALNAME %q", got.Name, got.Calname)
	}
	return got.Name, got.Version, got.Events
}
