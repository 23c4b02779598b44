package volunteer

import (
	"strconv"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/web"
)

// dayLayout is how days travel in links and date fields.
const dayLayout = "2006-01-02"

// dayLayouts are the ways a day may be typed: as date fields send it, and
// as Germans write it.
var dayLayouts = []string{dayLayout, "2.1.2006", "02.01.2006"}

// parseDay reads a day in Europe/Berlin; nil for "", ok false for text
// that is no day.
func parseDay(s string) (*time.Time, bool) {
	if s == "" {
		return nil, true
	}
	for _, layout := range dayLayouts {
		if t, err := time.Parse(layout, s); err == nil && t.Year() >= 2000 && t.Year() <= 2100 {
			d := clock.Date(t.Year(), t.Month(), t.Day())
			return &d, true
		}
	}
	return nil, false
}

// parseClock reads a time of day as hours and minutes.
func parseClock(s string) (h, m int, ok bool) {
	for _, layout := range []string{"15:04", "15.04", "15"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Hour(), t.Minute(), true
		}
	}
	return 0, 0, false
}

// draftFrom reads a draft from the posted form. The shift is on the day
// start_date from start_time to end_time; an end not after the start is
// on the next day (a night shift). What is not a day, a time or a number
// is a field error; the draft then lacks it, and Validate names it too.
func draftFrom(f *web.Form) (Draft, apperr.Fields) {
	bad := apperr.Fields{}
	d := Draft{Title: f.Get("title"), Place: f.Get("place"), Public: f.Checked("public")}
	day, ok := parseDay(f.Get("start_date"))
	if !ok {
		bad.Add("start_date", "volunteer.field.date_invalid")
	}
	sh, sm, okStart := parseClock(f.Get("start_time"))
	if !okStart {
		bad.Add("start_time", "volunteer.field.time_invalid")
	}
	eh, em, okEnd := parseClock(f.Get("end_time"))
	if !okEnd {
		bad.Add("end_time", "volunteer.field.time_invalid")
	}
	if day != nil && okStart && okEnd {
		d.Start = time.Date(day.Year(), day.Month(), day.Day(), sh, sm, 0, 0, clock.Zone)
		d.End = time.Date(day.Year(), day.Month(), day.Day(), eh, em, 0, 0, clock.Zone)
		if !d.End.After(d.Start) {
			d.End = d.End.AddDate(0, 0, 1)
		}
	}
	if until, ok := parseDay(f.Get("repeat_until")); !ok {
		bad.Add("repeat_until", "volunteer.field.date_invalid")
	} else if f.Checked("weekly") {
		if until == nil {
			bad.Add("repeat_until", "form.required")
		}
		d.RepeatUntil = until
	}
	for i := range slotRows {
		p := "slot" + strconv.Itoa(i) + "_"
		s := SlotDraft{Task: f.Get(p + "task"), Languages: f.Values[p+"languages"], CheckRequired: f.Checked(p + "check"),
			row: i + 1}
		if n := f.Get(p + "needed"); n != "" {
			v, err := strconv.Atoi(n)
			if err != nil {
				bad.Add(p+"needed", "volunteer.field.needed_range")
				v = -1
			}
			s.Needed = v
		}
		d.Slots = append(d.Slots, s)
	}
	return d, bad
}
