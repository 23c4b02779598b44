package event

import (
	"strconv"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/web"
)

// clockLayouts are the ways a time of day may be typed.
var clockLayouts = []string{"15:04", "15.04", "15"}

// parseClock reads a time of day as hours and minutes.
func parseClock(s string) (h, m int, ok bool) {
	for _, layout := range clockLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Hour(), t.Minute(), true
		}
	}
	return 0, 0, false
}

// momentFrom reads a day and a time of day from the form's fields
// <prefix>_date and <prefix>_time as a moment in Europe/Berlin; for an
// all-day event the time is not asked. An empty day is the zero time
// (Validate names it); fallback is the day when none was typed.
func momentFrom(f *web.Form, bad apperr.Fields, prefix string, allDay bool, fallback *time.Time) time.Time {
	day, ok := parseDay(f.Get(prefix + "_date"))
	if !ok {
		bad.Add(prefix+"_date", "event.field.date_invalid")
		return time.Time{}
	}
	if day == nil {
		day = fallback
	}
	if day == nil {
		return time.Time{}
	}
	if allDay {
		return *day
	}
	s := f.Get(prefix + "_time")
	if s == "" {
		bad.Add(prefix+"_time", "event.field.time_required")
		return time.Time{}
	}
	h, m, ok := parseClock(s)
	if !ok {
		bad.Add(prefix+"_time", "event.field.time_invalid")
		return time.Time{}
	}
	return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, clock.Zone)
}

// draftFrom reads a draft from a posted form; what is not even a day, a
// time or a number is a field error.
func draftFrom(f *web.Form) (Draft, apperr.Fields) {
	bad := apperr.Fields{}
	d := Draft{
		OrganizationID: f.Get("organization_id"), Title: f.Get("title"), Description: f.Raw("description"),
		Kind: Kind(f.Get("kind")), Category: f.Get("category"), AllDay: f.Checked("all_day"), PlaceKind: PlaceKind(f.Get("place_kind")),
		Street: f.Get("street"), Postcode: f.Get("postcode"), Place: f.Get("place"), OnlineURL: f.Get("online_url"),
		LocationID:  f.Get("location_id"),
		ContentLang: f.Get("content_lang"), Languages: f.Values["languages"], Accessibility: f.Raw("accessibility"),
		Cost: f.Get("cost"), Registration: f.Checked("registration"),
		ImageAlt: f.Get("image_alt"), RemoveImage: f.Checked("image_remove"),
	}
	startDay, _ := parseDay(f.Get("start_date"))
	d.Start = momentFrom(f, bad, "start", d.AllDay, nil)
	d.End = momentFrom(f, bad, "end", d.AllDay, startDay)
	if s := f.Get("capacity"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			bad.Add("capacity", "event.field.number_invalid")
		}
		d.Capacity = n
	}
	d.Repeat = repeatFrom(f, bad)
	var ok bool
	if d.RegOpens, ok = parseDay(f.Get("registration_opens")); !ok {
		bad.Add("registration_opens", "event.field.date_invalid")
	} else if d.RegOpens != nil {
		d.RegOpens = ptr(clock.StartOfDay(*d.RegOpens))
	}
	if d.RegCloses, ok = parseDay(f.Get("registration_closes")); !ok {
		bad.Add("registration_closes", "event.field.date_invalid")
	} else if d.RegCloses != nil {
		d.RegCloses = ptr(clock.EndOfDay(*d.RegCloses))
	}
	return d, bad
}

func ptr[T any](v T) *T { return &v }

// repeatFrom reads the rule of repetition: repeat (weekly, monthly or
// empty), repeat_by, repeat_until (a day) and repeat_count.
func repeatFrom(f *web.Form, bad apperr.Fields) Repeat {
	r := Repeat{Freq: Freq(f.Get("repeat")), By: MonthlyBy(f.Get("repeat_by"))}
	if !r.Repeats() {
		return r
	}
	var ok bool
	if r.Until, ok = parseDay(f.Get("repeat_until")); !ok {
		bad.Add("repeat_until", "event.field.date_invalid")
	}
	if s := f.Get("repeat_count"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			bad.Add("repeat_count", "event.field.number_invalid")
		}
		r.Count = n
	}
	return r
}

// formErr adds the draft's own errors to those of reading the form, so
// the page names every mistake at once.
func formErr(d Draft, bad apperr.Fields) error {
	d.normalize()
	if err := d.Validate(); err != nil {
		for k, v := range apperr.As(err).Fields {
			if bad[k] == "" && !(k == "start" && (bad["start_date"] != "" || bad["start_time"] != "")) &&
				!(k == "end" && (bad["end_date"] != "" || bad["end_time"] != "")) {
				bad.Add(k, v)
			}
		}
	}
	return bad.Err()
}

// draftForm fills a form with a draft's values, times in Europe/Berlin.
func draftForm(d Draft) *web.Form {
	f := web.EmptyForm(map[string]string{
		"organization_id": d.OrganizationID, "title": d.Title, "description": d.Description, "kind": string(d.Kind),
		"category": d.Category, "place_kind": string(d.PlaceKind), "street": d.Street, "postcode": d.Postcode, "place": d.Place,
		"online_url": d.OnlineURL, "content_lang": d.ContentLang, "accessibility": d.Accessibility, "cost": d.Cost,
		"image_alt": d.ImageAlt,
	})
	f.Values["languages"] = append([]string{}, d.Languages...)
	if d.AllDay {
		f.Values.Set("all_day", "1")
	}
	if d.Registration {
		f.Values.Set("registration", "1")
	}
	if d.Capacity > 0 {
		f.Values.Set("capacity", strconv.Itoa(d.Capacity))
	}
	if !d.Start.IsZero() {
		f.Values.Set("start_date", clock.DayOf(d.Start).Format(time.DateOnly))
		if !d.AllDay {
			f.Values.Set("start_time", clock.Local(d.Start).Format("15:04"))
		}
	}
	if !d.End.IsZero() {
		f.Values.Set("end_date", clock.DayOf(d.End).Format(time.DateOnly))
		if !d.AllDay {
			f.Values.Set("end_time", clock.Local(d.End).Format("15:04"))
		}
	}
	if d.Repeat.Repeats() {
		f.Values.Set("repeat", string(d.Repeat.Freq))
		f.Values.Set("repeat_by", string(d.Repeat.By))
		if d.Repeat.Until != nil {
			f.Values.Set("repeat_until", d.Repeat.Until.Format(time.DateOnly))
		}
		if d.Repeat.Count > 0 {
			f.Values.Set("repeat_count", strconv.Itoa(d.Repeat.Count))
		}
	}
	if d.RegOpens != nil {
		f.Values.Set("registration_opens", clock.DayOf(*d.RegOpens).Format(time.DateOnly))
	}
	if d.RegCloses != nil {
		f.Values.Set("registration_closes", clock.DayOf(*d.RegCloses).Format(time.DateOnly))
	}
	return f
}
