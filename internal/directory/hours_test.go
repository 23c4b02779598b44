package directory

import (
	"testing"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/clock"
)

func utc(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func span(opens, closes string) Span {
	o, ok1 := ParseMinute(opens)
	c, ok2 := ParseMinute(closes)
	if !ok1 || !ok2 {
		panic(opens + "-" + closes)
	}
	return Span{o, c}
}

// counselling is open Monday 9–12 and 14–16, Wednesday 9–12 and Sunday
// 1:00–4:00 (a night café, so the hour clocks skip or repeat falls inside).
func counselling() Hours {
	return Hours{
		Periods: []Period{
			{1, span("09:00", "12:00")}, {1, span("14:00", "16:00")}, {3, span("09:00", "12:00")},
			{7, span("01:00", "04:00")},
		},
	}
}

func TestParseMinute(t *testing.T) {
	for in, want := range map[string]Minute{"9:00": 540, "09:30": 570, "00:00": 0, "24:00": 1440, " 23:59 ": 1439} {
		if got, ok := ParseMinute(in); !ok || got != want {
			t.Errorf("ParseMinute(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "9", "9:0", "24:01", "25:00", "-1:00", "12:60", "ab:cd", "123:00"} {
		if _, ok := ParseMinute(in); ok {
			t.Errorf("ParseMinute(%q) accepted", in)
		}
	}
	if s := Minute(545).String(); s != "09:05" {
		t.Errorf("String: %s", s)
	}
}

// TestOpenAtAcrossDaylightSaving checks instants in UTC against hours in
// German local time in the weeks around both changes of 2026 (29 March,
// 25 October): 9:00 in Kassel is 8:00 UTC in winter and 7:00 UTC in summer.
func TestOpenAtAcrossDaylightSaving(t *testing.T) {
	h := counselling()
	cases := []struct {
		at   string
		open bool
	}{
		// Winter time (CET, UTC+1): Monday 23 March 2026.
		{"2026-03-23T07:59:00Z", false}, // 8:59 local
		{"2026-03-23T08:00:00Z", true},  // 9:00
		{"2026-03-23T10:59:00Z", true},  // 11:59
		{"2026-03-23T11:00:00Z", false}, // 12:00: closes is exclusive
		{"2026-03-23T13:30:00Z", true},  // 14:30
		{"2026-03-24T08:30:00Z", false}, // Tuesday
		// Sunday 29 March: at 2:00 CET clocks jump to 3:00 CEST.
		{"2026-03-28T23:59:00Z", false}, // 0:59 CET
		{"2026-03-29T00:00:00Z", true},  // 1:00 CET
		{"2026-03-29T00:59:00Z", true},  // 1:59 CET
		{"2026-03-29T01:00:00Z", true},  // 3:00 CEST (2:00 never happens)
		{"2026-03-29T01:59:00Z", true},  // 3:59 CEST
		{"2026-03-29T02:00:00Z", false}, // 4:00 CEST
		// Summer time (CEST, UTC+2): Monday 30 March 2026.
		{"2026-03-30T06:59:00Z", false}, // 8:59 local
		{"2026-03-30T07:00:00Z", true},  // 9:00
		{"2026-03-30T08:00:00Z", true},  // 10:00, in winter this instant was 9:00
		{"2026-03-30T09:59:00Z", true},  // 11:59
		{"2026-03-30T10:00:00Z", false}, // 12:00
		{"2026-03-30T13:59:00Z", true},  // 15:59
		{"2026-03-30T14:00:00Z", false}, // 16:00
		// Sunday 25 October: at 3:00 CEST clocks go back to 2:00 CET.
		{"2026-10-24T22:59:00Z", false}, // 0:59 CEST
		{"2026-10-24T23:00:00Z", true},  // 1:00 CEST
		{"2026-10-25T00:30:00Z", true},  // 2:30 CEST, first pass
		{"2026-10-25T01:30:00Z", true},  // 2:30 CET, second pass
		{"2026-10-25T02:59:00Z", true},  // 3:59 CET
		{"2026-10-25T03:00:00Z", false}, // 4:00 CET
		// Winter time again: Monday 26 October.
		{"2026-10-26T07:30:00Z", false}, // 8:30 local
		{"2026-10-26T08:00:00Z", true},  // 9:00
		{"2026-10-28T10:59:00Z", true},  // Wednesday 11:59
		{"2026-10-28T11:00:00Z", false}, // Wednesday 12:00
	}
	for _, c := range cases {
		if got := h.OpenAt(utc(c.at)); got != c.open {
			t.Errorf("OpenAt(%s = %s local) = %v, want %v", c.at, utc(c.at).In(clock.Zone).Format("Mon 15:04 MST"), got, c.open)
		}
	}
}

// TestClosuresReplaceWeeklyHours: a holiday closes a regular day, special
// hours replace the regular ones, and a closed exception beats a special one.
func TestClosuresReplaceWeeklyHours(t *testing.T) {
	h := counselling()
	h.Closures = []Closure{
		{First: "2026-04-06", Last: "2026-04-06", Closed: true, Note: "Ostermontag"},
		{First: "2026-12-21", Last: "2026-12-23", Span: span("10:00", "11:00"), Note: "Kurz vor Weihnachten"},
		{First: "2026-12-23", Last: "2027-01-01", Closed: true, Note: "Weihnachtspause"},
		{First: "2026-04-08", Last: "2026-04-08", Span: span("08:00", "09:00")}, // a Wednesday: only 8–9
		{First: "2026-04-11", Last: "2026-04-11", Span: span("10:00", "12:00")}, // a Saturday, normally closed
	}
	cases := []struct {
		at   string
		open bool
	}{
		{"2026-04-06T07:30:00Z", false}, // Easter Monday 9:30 CEST
		{"2026-04-13T07:30:00Z", true},  // the Monday after
		{"2026-12-21T08:30:00Z", false}, // Monday 9:30 CET: special hours only
		{"2026-12-21T09:30:00Z", true},  // 10:30
		{"2026-12-22T09:30:00Z", true},  // Tuesday 10:30, normally closed
		{"2026-12-23T09:30:00Z", false}, // both cover the 23rd: closed wins
		{"2026-12-28T08:30:00Z", false}, // Monday in the break
		{"2027-01-04T08:30:00Z", true},  // Monday after the break
		{"2026-04-08T06:30:00Z", true},  // Wednesday 8:30 CEST
		{"2026-04-08T07:30:00Z", false}, // Wednesday 9:30: the regular hours do not apply
		{"2026-04-11T08:30:00Z", true},  // Saturday 10:30
	}
	for _, c := range cases {
		if got := h.OpenAt(utc(c.at)); got != c.open {
			t.Errorf("OpenAt(%s) = %v, want %v", c.at, got, c.open)
		}
	}
	spans, closure := h.On("2026-04-06")
	if len(spans) != 0 || closure == nil || closure.Note != "Ostermontag" {
		t.Errorf("On(Easter Monday) = %v, %v", spans, closure)
	}
}

func TestStatusAt(t *testing.T) {
	h := counselling()
	h.Closures = []Closure{{First: "2026-03-25", Last: "2026-03-25", Closed: true, Note: "Betriebsausflug"}}

	st := h.StatusAt(utc("2026-03-23T09:00:00Z")) // Monday 10:00 CET
	if !st.Known || !st.Open || st.Until != 720 {
		t.Errorf("Monday 10:00: %+v", st)
	}
	st = h.StatusAt(utc("2026-03-23T11:30:00Z")) // Monday 12:30: opens again at 14:00
	if st.Open || !st.HasNext || st.NextDay != "2026-03-23" || st.Next != 840 {
		t.Errorf("Monday 12:30: %+v", st)
	}
	// Monday 17:00: Wednesday is closed for an outing, so next is Sunday 1:00.
	st = h.StatusAt(utc("2026-03-23T16:00:00Z"))
	if st.Open || !st.HasNext || st.NextDay != "2026-03-29" || st.Next != 60 {
		t.Errorf("Monday 17:00: %+v", st)
	}
	st = h.StatusAt(utc("2026-03-25T09:00:00Z"))
	if st.Open || st.Today == nil || st.Today.Note != "Betriebsausflug" {
		t.Errorf("Wednesday of the outing: %+v", st)
	}
	if st := (Hours{}).StatusAt(utc("2026-03-23T09:00:00Z")); st.Known || st.Open || st.HasNext {
		t.Errorf("no hours: %+v", st)
	}
}

func TestDays(t *testing.T) {
	if d := DayOf(utc("2026-03-28T23:30:00Z")); d != "2026-03-29" {
		t.Errorf("DayOf just after local midnight: %s", d)
	}
	if w := Day("2026-03-29").Weekday(); w != 7 {
		t.Errorf("29 March 2026 is a Sunday, got %d", w)
	}
	if d := Day("2026-12-31").Add(1); d != "2027-01-01" {
		t.Errorf("Add: %s", d)
	}
	// 2:30 does not exist on 29 March; it is the instant of 3:30 CEST.
	if at := Day("2026-03-29").At(150); !at.Equal(utc("2026-03-29T01:30:00Z")) {
		t.Errorf("At in the gap: %s", at)
	}
	if at := Day("2026-03-30").At(540); !at.Equal(utc("2026-03-30T07:00:00Z")) {
		t.Errorf("At in summer: %s", at)
	}
}

func TestValidateHours(t *testing.T) {
	f := apperr.Fields{}
	validatePeriods([]Period{
		{1, span("09:00", "12:00")}, {1, span("11:00", "13:00")}, // overlap
		{2, span("12:00", "09:00")}, // closes before it opens
		{3, span("09:00", "24:00")}, // fine
	}, f)
	if f["hours_1"] != "directory.hours.overlap" || f["hours_2"] != "directory.hours.closes_before_opens" || f["hours_3"] != "" {
		t.Errorf("fields: %v", f)
	}
	c := Closure{First: "2026-12-24", Last: "2026-12-20", Closed: true}
	if err := c.Validate(); apperr.As(err).Fields["last"] != "directory.closure.last_before_first" {
		t.Errorf("last before first: %v", err)
	}
	c = Closure{First: "2026-12-24", Span: span("10:00", "09:00")}
	if err := c.Validate(); apperr.As(err).Fields["opens"] == "" {
		t.Errorf("special hours backwards: %v", err)
	}
	c = Closure{First: "2026-12-24", Closed: true, Note: "  Heilig   Abend "}
	if err := c.Validate(); err != nil || c.Last != "2026-12-24" || c.Note != "Heilig Abend" {
		t.Errorf("one day: %v %+v", err, c)
	}
	c = Closure{First: "24.12.2026", Closed: true}
	if err := c.Validate(); apperr.As(err).Fields["first"] == "" {
		t.Errorf("German date format accepted: %v", err)
	}
}
