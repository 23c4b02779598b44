package directory

import (
	"fmt"
	"slices"
	"strconv"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/web"
)

// The forms of services and locations: values from and into web.Form.

// serviceForm fills a form with a service's values.
func serviceForm(s ServiceInput) *web.Form {
	f := web.EmptyForm(map[string]string{
		"name": s.Name, "description": s.Description, "category": s.Category, "lang": s.Lang, "cost": s.Cost,
		"fee_note": s.FeeNote, "eligibility": s.Eligibility, "phone": s.Phone, "email": s.Email, "website": s.Website,
	})
	f.Values["access"] = s.Access()
	f.Values["targets"] = slices.Clone(s.Targets)
	f.Values["languages"] = slices.Clone(s.Languages)
	f.Values["locations"] = slices.Clone(s.LocationIDs)
	return f
}

// serviceFrom reads a service from a posted form.
func serviceFrom(f *web.Form) ServiceInput {
	return ServiceInput{
		Name: f.Get("name"), Description: f.Get("description"), Category: f.Get("category"), Lang: f.Get("lang"),
		Cost: f.Get("cost"), FeeNote: f.Get("fee_note"), Eligibility: f.Get("eligibility"),
		WalkIn: f.Has("access", "walk_in"), Appointment: f.Has("access", "appointment"), Referral: f.Has("access", "referral"),
		Targets: f.Values["targets"], Languages: f.Values["languages"], LocationIDs: f.Values["locations"],
		Phone: f.Get("phone"), Email: f.Get("email"), Website: f.Get("website"),
	}
}

// hourSlots is how many periods per day the location form offers at least.
const hourSlots = 2

// hourField names the form field of a period: "h<day>_<slot>_opens".
func hourField(day, slot int, what string) string { return fmt.Sprintf("h%d_%d_%s", day, slot, what) }

// locationForm fills a form with a location's values.
func locationForm(l LocationInput) *web.Form {
	f := web.EmptyForm(map[string]string{
		"name": l.Name, "street": l.Street, "postcode": l.Postcode, "city": l.City, "ags": l.AGS,
		"lat": formatCoordinate(l.Lat), "lon": formatCoordinate(l.Lon), "wheelchair": l.Wheelchair,
		"accessibility": l.Accessibility,
	})
	slot := map[int]int{}
	for _, p := range l.Periods {
		slot[p.Weekday]++
		f.Values.Set(hourField(p.Weekday, slot[p.Weekday], "opens"), p.Opens.String())
		f.Values.Set(hourField(p.Weekday, slot[p.Weekday], "closes"), p.Closes.String())
	}
	return f
}

// locationFrom reads a location from a posted form; a time that is not one
// is reported beside its day.
func locationFrom(f *web.Form) (LocationInput, error) {
	in := LocationInput{
		Name: f.Get("name"), Street: f.Get("street"), Postcode: f.Get("postcode"), City: f.Get("city"), AGS: f.Get("ags"),
		Wheelchair: f.Get("wheelchair"), Accessibility: f.Get("accessibility"),
	}
	errs := apperr.Fields{}
	var ok bool
	if in.Lat, ok = parseCoordinate(f.Get("lat")); !ok {
		errs.Add("lat", "directory.location.invalid_lat")
	}
	if in.Lon, ok = parseCoordinate(f.Get("lon")); !ok {
		errs.Add("lon", "directory.location.invalid_lon")
	}
	for day := 1; day <= 7; day++ {
		for slot := 1; slot <= maxPeriodsPerDay; slot++ {
			o, c := f.Get(hourField(day, slot, "opens")), f.Get(hourField(day, slot, "closes"))
			if o == "" && c == "" {
				continue
			}
			field := "hours_" + strconv.Itoa(day)
			if o == "" || c == "" {
				errs.Add(field, "directory.hours.incomplete")
				continue
			}
			opens, ok1 := ParseMinute(o)
			closes, ok2 := ParseMinute(c)
			if !ok1 || !ok2 {
				errs.Add(field, "directory.hours.invalid_time")
				continue
			}
			in.Periods = append(in.Periods, Period{Weekday: day, Span: Span{opens, closes}})
		}
	}
	return in, errs.Err()
}

// mergeErrors joins two errors of which either may be nil: field errors
// of both are kept, the first of other errors wins.
func mergeErrors(a, b error) error {
	if a == nil {
		return b
	}
	if b == nil {
		return a
	}
	ea, eb := apperr.As(a), apperr.As(b)
	if ea.Code != apperr.Invalid || eb.Code != apperr.Invalid {
		if ea.Code != apperr.Invalid {
			return a
		}
		return b
	}
	f := apperr.Fields{}
	for k, v := range ea.Fields {
		f.Add(k, v)
	}
	for k, v := range eb.Fields {
		f.Add(k, v)
	}
	return f.Err()
}

// HourRow is one weekday of the location form.
type HourRow struct {
	Day   int
	Slots []int
}

// hourRows gives each day as many slots as the form has values for, and at
// least hourSlots.
func hourRows(f *web.Form) []HourRow {
	rows := make([]HourRow, 7)
	for day := 1; day <= 7; day++ {
		n := hourSlots
		for slot := maxPeriodsPerDay; slot > hourSlots; slot-- {
			if f.Get(hourField(day, slot, "opens")) != "" || f.Get(hourField(day, slot, "closes")) != "" {
				n = slot
				break
			}
		}
		rows[day-1] = HourRow{Day: day}
		for s := 1; s <= n; s++ {
			rows[day-1].Slots = append(rows[day-1].Slots, s)
		}
	}
	return rows
}
