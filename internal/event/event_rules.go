package event

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
)

// The event's rules in one place: how a draft is cleaned and checked, and
// who may manage an event. The operations (event_service.go), the pages
// and the API call these and nothing else decides them.

// normalize trims what organisers typed and drops what the choices made
// meaningless: the address of an online event, the link of one at an
// address, the window of an event without registration.
func (d *Draft) normalize() {
	d.OrganizationID = strings.ToLower(strings.TrimSpace(d.OrganizationID))
	d.Title = text.OneLine(d.Title)
	d.Description = text.MultiLine(d.Description)
	d.Street = text.OneLine(d.Street)
	d.Postcode = strings.TrimSpace(d.Postcode)
	d.Place = text.OneLine(d.Place)
	d.OnlineURL = strings.TrimSpace(d.OnlineURL)
	d.ContentLang = text.CanonicalLanguage(d.ContentLang)
	d.Languages = text.SortLanguages(d.Languages)
	d.Accessibility = text.MultiLine(d.Accessibility)
	d.Cost = text.OneLine(d.Cost)
	d.Category = strings.TrimSpace(d.Category)
	if d.PlaceKind == "" {
		d.PlaceKind = AtAddress
	}
	switch d.PlaceKind {
	case Online:
		d.Street, d.Postcode, d.Place = "", "", ""
	case AtAddress:
		d.OnlineURL = ""
	}
	if !d.Registration {
		d.RegOpens, d.RegCloses = nil, nil
	}
	d.Repeat.normalize()
	if d.AllDay && !d.Start.IsZero() && !d.End.IsZero() {
		d.Start, d.End = clock.StartOfDay(d.Start), clock.EndOfDay(d.End)
	}
	d.Start, d.End = d.Start.UTC(), d.End.UTC()
}

// Validate returns field errors with message ids.
func (d *Draft) Validate() error {
	f := apperr.Fields{}
	if d.OrganizationID == "" {
		f.Add("organization_id", "form.required")
	}
	check.Text(f, "title", d.Title, maxTitleLen, true)
	check.Text(f, "description", d.Description, maxDescriptionLen, true)
	if !validKind(d.Kind) {
		f.Add("kind", "form.invalid_choice")
	}
	if d.Category != "" && !taxonomy.Default().Valid(d.Category) {
		f.Add("category", "form.invalid_choice")
	}
	switch {
	case d.Start.IsZero():
		f.Add("start", "form.required")
	case d.End.IsZero():
		f.Add("end", "form.required")
	case d.End.Before(d.Start):
		f.Add("end", "event.field.end_before_start")
	case d.End.Sub(d.Start) > maxSpan:
		f.Add("end", "event.field.too_long")
	}
	switch d.PlaceKind {
	case AtAddress:
		check.Text(f, "street", d.Street, maxStreetLen, false)
		if d.Postcode == "" && d.Place == "" {
			f.Add("postcode", "event.field.address_required")
		}
		check.Postcode(f, "postcode", d.Postcode, false)
		check.Text(f, "place", d.Place, maxPlaceLen, false)
	case Online:
		if utf8.RuneCountInString(d.OnlineURL) > maxURLLen {
			f.Add("online_url", "form.too_long")
		} else {
			check.URL(f, "online_url", d.OnlineURL, true)
		}
	default:
		f.Add("place_kind", "form.invalid_choice")
	}
	if !text.ValidLanguage(d.ContentLang) {
		f.Add("content_lang", "form.invalid_choice")
	}
	if len(d.Languages) > maxLanguages {
		f.Add("languages", "form.too_long")
	}
	for _, l := range d.Languages {
		if !text.ValidLanguage(l) {
			f.Add("languages", "form.invalid_choice")
		}
	}
	check.Text(f, "accessibility", d.Accessibility, maxAccessibilityLen, false)
	check.Text(f, "cost", d.Cost, maxCostLen, false)
	if d.Capacity < 0 || d.Capacity > maxCapacity {
		f.Add("capacity", "event.field.capacity_range")
	}
	if d.RegOpens != nil && d.RegCloses != nil && d.RegCloses.Before(*d.RegOpens) {
		f.Add("registration_closes", "event.field.closes_before_opens")
	}
	lastEnd := d.End
	if d.Repeat.Repeats() && f["end"] == "" && f["start"] == "" {
		d.Repeat.validate(f, d.Start, d.End)
		if f["repeat_until"] == "" && f["repeat_count"] == "" {
			dates := (&Event{Start: d.Start, End: d.End, Repeat: d.Repeat}).Dates(nil)
			lastEnd = dates[len(dates)-1].End
		}
	}
	if d.RegCloses != nil && !lastEnd.IsZero() && clock.DayOf(*d.RegCloses).After(clock.DayOf(lastEnd)) {
		f.Add("registration_closes", "event.field.closes_after_end")
	}
	return f.Err()
}

func validKind(k Kind) bool {
	for _, x := range Kinds {
		if k == x {
			return true
		}
	}
	return false
}

// checkStart refuses a start in the past, unless the start is the one
// the event had before (an event that began may still be corrected).
func checkStart(f apperr.Fields, d *Draft, before *Event, now time.Time) {
	if d.Start.IsZero() || (before != nil && before.Start.Equal(d.Start)) {
		return
	}
	if d.Start.Before(now) && !(d.AllDay && clock.DayOf(d.Start).Equal(clock.DayOf(now))) {
		f.Add("start", "event.field.start_past")
	}
}

// canManage reports whether the person may edit and cancel the event:
// whoever is an owner or editor of its organisation now, and coordinators.
// Who created it keeps no authority after leaving the organisation.
func (m *Module) canManage(ctx context.Context, e *Event, id *auth.Identity) bool {
	return m.mayActFor(ctx, e.OrganizationID, id)
}

// mayActFor reports whether the person may hold events for the
// organisation: its owners and editors, and coordinators.
func (m *Module) mayActFor(ctx context.Context, orgID string, id *auth.Identity) bool {
	if id == nil {
		return false
	}
	if id.Staff() {
		return true
	}
	s, err := m.orgs.StandingOf(ctx, orgID, id.UserID)
	return err == nil && s.CanEdit()
}

// showsLink reports whether the person may see the event's online link:
// its organisers and the people registered (not those waiting).
func (m *Module) showsLink(ctx context.Context, e *Event, id *auth.Identity) bool {
	if m.canManage(ctx, e, id) {
		return true
	}
	if id == nil {
		return false
	}
	c, ok := m.ClaimOf(ctx, id.UserID, e)
	return ok && c.Status == capacity.Registered
}
