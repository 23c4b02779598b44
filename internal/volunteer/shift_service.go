package volunteer

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/ids"
)

// Plan creates the draft's shift, or one shift a week up to RepeatUntil,
// for an owner or editor of the organisation or a coordinator. It returns
// the shifts created, the first first.
func (m *Module) Plan(ctx context.Context, actor *auth.Identity, d Draft) ([]*Shift, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	d.normalize()
	now := m.s.Clock.Now()
	err := d.Validate()
	f := apperr.Fields{}
	if err != nil {
		f = apperr.As(err).Fields
	}
	checkStart(f, &d, now)
	if d.OrganizationID != "" && !m.mayPlan(ctx, d.OrganizationID, actor) {
		f.Add("organization_id", "volunteer.field.organization_not_yours")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	series := ids.New()
	length := d.End.Sub(d.Start)
	var shifts []*Shift
	for _, start := range d.starts() {
		sh := &Shift{ID: ids.New(), OrganizationID: d.OrganizationID, SeriesID: series, CreatedBy: actor.UserID,
			Title: d.Title, Place: d.Place, Start: start, End: start.Add(length), Public: d.Public,
			CreatedAt: now, UpdatedAt: now}
		for i, s := range d.Slots {
			sh.Slots = append(sh.Slots, &Slot{ID: ids.New(), ShiftID: sh.ID, Position: i, Task: s.Task,
				Needed: s.Needed, Languages: s.Languages, CheckRequired: s.CheckRequired})
		}
		shifts = append(shifts, sh)
	}
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		for _, sh := range shifts {
			if err := insertShift(ctx, tx, sh); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return shifts, nil
}

// Shift returns a shift the person may see, with helpers' names as they
// may see them; NotFound otherwise.
func (m *Module) Shift(ctx context.Context, viewer *auth.Identity, id string) (*Shift, error) {
	sh, err := getShift(ctx, m.s.DB, id)
	if err != nil {
		return nil, err
	}
	if !m.maySee(ctx, m.s.DB, sh, viewer) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return sh, m.nameHelpers(ctx, viewer, []*Shift{sh})
}

// nameHelpers fills the helpers' names the viewer may see: planners see
// every name, a helper their own, everybody the names helpers chose to
// show.
func (m *Module) nameHelpers(ctx context.Context, viewer *auth.Identity, shifts []*Shift) error {
	var shown []string
	planner := map[string]bool{}
	for _, sh := range shifts {
		if _, ok := planner[sh.OrganizationID]; !ok {
			planner[sh.OrganizationID] = m.mayPlan(ctx, sh.OrganizationID, viewer)
		}
		for _, sl := range sh.Slots {
			for _, h := range sl.Helpers {
				if planner[sh.OrganizationID] || h.ShowName || (viewer != nil && h.UserID == viewer.UserID) {
					shown = append(shown, h.UserID)
				}
			}
		}
	}
	if len(shown) == 0 {
		return nil
	}
	names, err := m.names(ctx, shown)
	if err != nil {
		return err
	}
	for _, sh := range shifts {
		for _, sl := range sh.Slots {
			for i, h := range sl.Helpers {
				if planner[sh.OrganizationID] || h.ShowName || (viewer != nil && h.UserID == viewer.UserID) {
					sl.Helpers[i].Name = names[h.UserID]
				}
			}
		}
	}
	return nil
}

// OrgShifts lists the organisation's shifts that start in [from, to): all
// of them for its planners and its active roster, the public ones for
// everybody else.
func (m *Module) OrgShifts(ctx context.Context, viewer *auth.Identity, orgID string, from, to time.Time) ([]*Shift, error) {
	if _, err := m.orgs.Get(ctx, orgID); err != nil {
		return nil, err
	}
	all := m.mayPlan(ctx, orgID, viewer) || (viewer != nil && onActiveRoster(ctx, m.s.DB, orgID, viewer.UserID))
	shifts, err := shiftsBetween(ctx, m.s.DB, orgID, from, to, all, 0)
	if err != nil {
		return nil, err
	}
	return shifts, m.nameHelpers(ctx, viewer, shifts)
}

// Upcoming lists public shifts that start in [from, to), soonest first,
// at most limit.
func (m *Module) Upcoming(ctx context.Context, from, to time.Time, limit int) ([]*Shift, error) {
	return shiftsBetween(ctx, m.s.DB, "", from, to, false, limit)
}

// Patch is a change of a shift's title, place or visibility; nil fields
// keep their value.
type Patch struct {
	Title, Place *string
	Public       *bool
}

// Update changes a shift for its planners.
func (m *Module) Update(ctx context.Context, actor *auth.Identity, id string, p Patch) (*Shift, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	var sh *Shift
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if sh, err = getShift(ctx, tx, id); err != nil {
			return err
		}
		if !m.mayPlan(ctx, sh.OrganizationID, actor) {
			if m.maySee(ctx, tx, sh, actor) {
				return apperr.New(apperr.Forbidden, "volunteer.shift.not_yours")
			}
			return apperr.New(apperr.NotFound, "")
		}
		d := Draft{OrganizationID: sh.OrganizationID, Title: sh.Title, Place: sh.Place, Start: sh.Start, End: sh.End,
			Public: sh.Public, Slots: []SlotDraft{{Task: "-", Needed: 1}}}
		if p.Title != nil {
			d.Title = *p.Title
		}
		if p.Place != nil {
			d.Place = *p.Place
		}
		if p.Public != nil {
			d.Public = *p.Public
		}
		d.normalize()
		if err := d.Validate(); err != nil {
			return err
		}
		sh.Title, sh.Place, sh.Public, sh.UpdatedAt = d.Title, d.Place, d.Public, m.s.Clock.Now()
		return updateShift(ctx, tx, sh)
	})
	if err != nil {
		return nil, err
	}
	return sh, nil
}
