package event

import (
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/clock"
)

// normalize drops what the frequency makes meaningless.
func (r *Repeat) normalize() {
	switch r.Freq {
	case Once:
		*r = Repeat{}
	case Weekly:
		r.By = ""
	case Monthly:
		if r.By == "" {
			r.By = ByWeekday
		}
	}
	if r.Until != nil {
		day := clock.DayOf(*r.Until)
		r.Until = &day
	}
}

// validate checks a series' rule against its first date, start to end:
// it ends on a day or after a count (not both), within two years and 200
// dates, and one date ends before the next begins.
func (r *Repeat) validate(f apperr.Fields, start, end time.Time) {
	switch r.Freq {
	case Weekly, Monthly:
	default:
		f.Add("repeat", "form.invalid_choice")
		return
	}
	if r.Freq == Monthly && r.By != ByWeekday && r.By != ByMonthDay {
		f.Add("repeat_by", "form.invalid_choice")
	}
	switch {
	case r.Count != 0 && r.Until != nil:
		f.Add("repeat_count", "event.field.repeat_until_or_count")
	case r.Count == 0 && r.Until == nil:
		f.Add("repeat_until", "event.field.repeat_end_required")
	case r.Count < 0 || r.Count > maxDates:
		f.Add("repeat_count", "event.field.repeat_count_range")
	case r.Until != nil && r.Until.Before(clock.DayOf(start)):
		f.Add("repeat_until", "event.field.repeat_until_before_start")
	case r.Until != nil && r.Until.Sub(clock.DayOf(start)) > maxSeriesIn:
		f.Add("repeat_until", "event.field.repeat_too_long")
	}
	period := 7 * 24 * time.Hour
	if r.Freq == Monthly {
		period = 28 * 24 * time.Hour
	}
	if end.Sub(start) >= period {
		f.Add("end", "event.field.repeat_span")
	}
}
