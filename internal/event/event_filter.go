package event

import (
	"net/url"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/text"
)

// dayLayouts are the ways a day may be typed: ISO as date inputs send it,
// and the German way where the browser has no date picker.
var dayLayouts = []string{time.DateOnly, "02.01.2006", "2.1.2006"}

// parseDay reads a day as a date value (clock.Date); ok is false for text
// that is no day.
func parseDay(s string) (day *time.Time, ok bool) {
	if s == "" {
		return nil, true
	}
	for _, layout := range dayLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return &t, true
		}
	}
	return nil, false
}

// ParseFilter reads the filter of the list, the month view, the calendar
// feed and the API from query parameters: kind, from, to (days), lang.
// Values that are no kind, day or language are field errors.
func ParseFilter(q url.Values) (Filter, error) {
	f := Filter{Kind: Kind(q.Get("kind")), Lang: text.CanonicalLanguage(q.Get("lang"))}
	bad := apperr.Fields{}
	if f.Kind != "" && !validKind(f.Kind) {
		bad.Add("kind", "form.invalid_choice")
	}
	if q.Get("lang") != "" && !text.ValidLanguage(f.Lang) {
		bad.Add("lang", "form.invalid_choice")
	}
	var ok bool
	if f.From, ok = parseDay(q.Get("from")); !ok {
		bad.Add("from", "event.field.date_invalid")
	}
	if f.To, ok = parseDay(q.Get("to")); !ok {
		bad.Add("to", "event.field.date_invalid")
	}
	if f.From != nil && f.To != nil && f.To.Before(*f.From) {
		bad.Add("to", "event.field.end_before_start")
	}
	return f, bad.Err()
}

// Values encodes the filter as query parameters.
func (f Filter) Values() url.Values {
	v := url.Values{}
	if f.Kind != "" {
		v.Set("kind", string(f.Kind))
	}
	if f.Lang != "" {
		v.Set("lang", f.Lang)
	}
	if f.From != nil {
		v.Set("from", f.From.Format(time.DateOnly))
	}
	if f.To != nil {
		v.Set("to", f.To.Format(time.DateOnly))
	}
	return v
}

// query is "?" and the filter's parameters, or "" without any.
func (f Filter) query() string {
	if s := f.Values().Encode(); s != "" {
		return "?" + s
	}
	return ""
}
