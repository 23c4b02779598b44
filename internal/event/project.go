package event

import (
	"context"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/text"
)

// A volunteer day holds projects ("Aktionen"): organisations of the city
// each offer one for a time slot within the day, until the closing date
// the day's organisers set; the day's organisers (or coordinators) approve
// or decline them, and only approved projects are public. Volunteers sign
// up for slots that do not overlap; each project's helpers are a pool of
// the capacity core with its waiting list.

// ProjectStatus is where a project stands in its approval.
type ProjectStatus string

const (
	Proposed ProjectStatus = "proposed"
	Approved ProjectStatus = "approved"
	Declined ProjectStatus = "declined"
)

// Limits on what organisations type for a project.
const (
	maxProjectCapacity = 1000
	maxProjectTitleLen = 120
)

// Project is one organisation's project on a volunteer day. Start and End
// are UTC and lie within the day.
type Project struct {
	ID             string
	EventID        string
	OrganizationID string
	CreatedBy      string // "" once the person who added it is erased
	Title          string
	Description    string
	Street         string
	Postcode       string
	Place          string
	Lat, Lon       *float64
	Start, End     time.Time
	Capacity       int // helpers needed, at least 1
	Languages      []string
	ForFamilies    bool // suitable for families with children
	WithoutGerman  bool // suitable for people who speak no German yet
	Status         ProjectStatus
	DecidedAt      *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Overlaps reports whether the two projects' slots share a moment; a slot
// ending when the other begins does not overlap it.
func (p *Project) Overlaps(o *Project) bool { return p.Start.Before(o.End) && o.Start.Before(p.End) }

// Address is the street, postcode and place of the project.
func (p *Project) Address() string {
	return joinNonEmpty(", ", p.Street, joinNonEmpty(" ", p.Postcode, p.Place))
}

// Slot is the project's time as "10:00–12:30" in Europe/Berlin.
func (p *Project) Slot() string {
	return clock.Local(p.Start).Format("15:04") + "–" + clock.Local(p.End).Format("15:04")
}

// ProjectDraft is what an organisation fills in for a project.
type ProjectDraft struct {
	OrganizationID string
	Title          string
	Description    string
	Street         string
	Postcode       string
	Place          string
	Start, End     time.Time
	Capacity       int
	Languages      []string
	ForFamilies    bool
	WithoutGerman  bool
}

func (d *ProjectDraft) normalize() {
	d.OrganizationID = strings.ToLower(strings.TrimSpace(d.OrganizationID))
	d.Title = text.OneLine(d.Title)
	d.Description = text.MultiLine(d.Description)
	d.Street = text.OneLine(d.Street)
	d.Postcode = strings.TrimSpace(d.Postcode)
	d.Place = text.OneLine(d.Place)
	d.Languages = text.SortLanguages(d.Languages)
	d.Start, d.End = d.Start.UTC(), d.End.UTC()
}

// validate returns field errors with message ids; the slot must lie within
// the day.
func (d *ProjectDraft) validate(day *Event) apperr.Fields {
	f := apperr.Fields{}
	if d.OrganizationID == "" {
		f.Add("organization_id", "form.required")
	}
	check.Text(f, "title", d.Title, maxProjectTitleLen, true)
	check.Text(f, "description", d.Description, maxDescriptionLen, true)
	check.Text(f, "street", d.Street, maxStreetLen, false)
	if d.Postcode == "" && d.Place == "" {
		f.Add("postcode", "event.field.address_required")
	}
	check.Postcode(f, "postcode", d.Postcode, false)
	check.Text(f, "place", d.Place, maxPlaceLen, false)
	from, to := daySpan(day)
	switch {
	case d.Start.IsZero():
		f.Add("start", "form.required")
	case d.End.IsZero():
		f.Add("end", "form.required")
	case !d.End.After(d.Start):
		f.Add("end", "project.field.end_before_start")
	case d.Start.Before(from) || d.End.After(to):
		f.Add("start", "project.field.outside_day")
	}
	if d.Capacity < 1 || d.Capacity > maxProjectCapacity {
		f.Add("capacity", "project.field.capacity_range")
	}
	if len(d.Languages) > maxLanguages {
		f.Add("languages", "form.too_long")
	}
	for _, l := range d.Languages {
		if !text.ValidLanguage(l) {
			f.Add("languages", "form.invalid_choice")
		}
	}
	return f
}

// daySpan is when a volunteer day's projects may take place: from the
// first moment of its first day to the last of its last day, so a day
// announced 10–16 o'clock may still hold a project from 9 o'clock.
func daySpan(day *Event) (from, to time.Time) {
	return clock.StartOfDay(clock.DayOf(day.Start)), clock.EndOfDay(clock.DayOf(day.End))
}

// projectsClose is until when organisations may add projects: the
// organisers' closing date, or the day's start.
func projectsClose(day *Event, closes *time.Time) time.Time {
	if closes != nil {
		return *closes
	}
	return day.Start
}

// mayOffer reports whether the person may add and manage the
// organisation's projects: its owners and editors, and coordinators.
func (m *Module) mayOffer(ctx context.Context, p *Project, id *auth.Identity) bool {
	return m.mayActFor(ctx, p.OrganizationID, id)
}

// seesProject reports whether the person may see the project: everybody
// once approved, before that its organisation and the day's organisers.
func (m *Module) seesProject(ctx context.Context, day *Event, p *Project, id *auth.Identity) bool {
	return p.Status == Approved || m.mayOffer(ctx, p, id) || m.canManage(ctx, day, id)
}

// seesVolunteers reports whether the person may see who comes to the
// project: its organisation and the day's organisers.
func (m *Module) seesVolunteers(ctx context.Context, day *Event, p *Project, id *auth.Identity) bool {
	return m.mayOffer(ctx, p, id) || m.canManage(ctx, day, id)
}
