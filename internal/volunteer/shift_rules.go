package volunteer

import (
	"context"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/text"
)

// The shift plan's rules in one place: how a draft is cleaned and checked,
// who may plan shifts for an organisation and who may see them.

// normalize trims what managers typed and drops empty slot rows.
func (d *Draft) normalize() {
	d.OrganizationID = strings.ToLower(strings.TrimSpace(d.OrganizationID))
	d.Title = text.OneLine(d.Title)
	d.Place = text.OneLine(d.Place)
	d.Start, d.End = d.Start.UTC(), d.End.UTC()
	var slots []SlotDraft
	for _, s := range d.Slots {
		s.Task = text.OneLine(s.Task)
		s.Languages = text.SortLanguages(s.Languages)
		if s.Task == "" && s.Needed == 0 && len(s.Languages) == 0 && !s.CheckRequired {
			continue
		}
		slots = append(slots, s)
	}
	d.Slots = slots
}

// Validate returns field errors with message ids; the fields of the n-th
// slot (from 0, or its form row) are named slot<n>_task, slot<n>_needed,
// slot<n>_languages.
func (d *Draft) Validate() error {
	f := apperr.Fields{}
	if d.OrganizationID == "" {
		f.Add("organization_id", "form.required")
	}
	check.Text(f, "title", d.Title, maxTitleLen, true)
	check.Text(f, "place", d.Place, maxPlaceLen, false)
	switch {
	case d.Start.IsZero():
		f.Add("start", "form.required")
	case d.End.IsZero():
		f.Add("end", "form.required")
	case !d.End.After(d.Start):
		f.Add("end", "volunteer.field.end_before_start")
	case d.End.Sub(d.Start) > maxSpan:
		f.Add("end", "volunteer.field.too_long")
	}
	if d.RepeatUntil != nil && !d.Start.IsZero() {
		switch until := clock.DayOf(*d.RepeatUntil); {
		case until.Before(clock.DayOf(d.Start)):
			f.Add("repeat_until", "volunteer.field.until_before_start")
		case len(d.starts()) > maxWeeks:
			f.Add("repeat_until", "volunteer.field.until_too_far")
		}
	}
	if len(d.Slots) == 0 {
		f.Add("slot0_task", "volunteer.field.slot_required")
	}
	if len(d.Slots) > maxSlots {
		f.Add("slots", "form.too_long")
	}
	for i, s := range d.Slots {
		if s.row > 0 {
			i = s.row - 1
		}
		p := "slot" + strconv.Itoa(i) + "_"
		check.Text(f, p+"task", s.Task, maxTaskLen, true)
		if s.Needed < 1 || s.Needed > maxNeeded {
			f.Add(p+"needed", "volunteer.field.needed_range")
		}
		if len(s.Languages) > maxLanguages {
			f.Add(p+"languages", "form.too_long")
		}
		for _, l := range s.Languages {
			if !text.ValidLanguage(l) {
				f.Add(p+"languages", "form.invalid_choice")
			}
		}
	}
	return f.Err()
}

// starts are the starts of the draft's shifts: one, or one a week in
// Europe/Berlin (the same local time across a change of summer time) up to
// and including the day RepeatUntil.
func (d *Draft) starts() []time.Time {
	if d.RepeatUntil == nil {
		return []time.Time{d.Start}
	}
	last := clock.DayOf(*d.RepeatUntil)
	first := d.Start.In(clock.Zone)
	var out []time.Time
	for week := 0; week <= maxWeeks; week++ {
		s := first.AddDate(0, 0, 7*week)
		if clock.DayOf(s).After(last) {
			break
		}
		out = append(out, s.UTC())
	}
	return out
}

// checkStart refuses a shift that starts in the past.
func checkStart(f apperr.Fields, d *Draft, now time.Time) {
	if !d.Start.IsZero() && d.Start.Before(now) {
		f.Add("start", "volunteer.field.start_past")
	}
}

// mayPlan reports whether the person may plan shifts for the organisation:
// its owners and editors now, and coordinators.
func (m *Module) mayPlan(ctx context.Context, orgID string, id *auth.Identity) bool {
	if id == nil {
		return false
	}
	if id.Staff() {
		return true
	}
	s, err := m.orgs.StandingOf(ctx, orgID, id.UserID)
	return err == nil && s.CanEdit()
}

// maySee reports whether the person may see the shift: everybody a public
// one; a roster-only one its planners and the organisation's active roster.
func (m *Module) maySee(ctx context.Context, q db.Querier, sh *Shift, id *auth.Identity) bool {
	if sh.Public || m.mayPlan(ctx, sh.OrganizationID, id) {
		return true
	}
	return id != nil && onActiveRoster(ctx, q, sh.OrganizationID, id.UserID)
}
