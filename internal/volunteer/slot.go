package volunteer

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/notify"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/text"
)

// Taking a slot: the person holds one place of the slot's pool in the
// capacity core. A full slot has no waiting list: the take is refused, so
// a shift plan never promises a place it does not have.

// poolKind names the slots' pools in the capacity core.
const poolKind = "volunteer.slot"

func poolOf(slotID string) capacity.Pool { return capacity.Pool{Kind: poolKind, ID: slotID} }

// leftLate tells the organisation that a helper left a slot shortly
// before its start, with the reason given.
var leftLate = notify.Kind{Name: "volunteer/left_late", Subject: "volunteer.mail.left_late.subject",
	Greeting: "volunteer.mail.greeting", Body: []string{"volunteer.mail.left_late.body"}, Action: "volunteer.mail.open",
	Footer: "volunteer.mail.footer"}

// slotIn returns the slot of the shift, NotFound if it has none of that id.
func slotIn(sh *Shift, slotID string) (*Slot, error) {
	slotID = strings.ToLower(slotID)
	for _, sl := range sh.Slots {
		if sl.ID == slotID {
			return sl, nil
		}
	}
	return nil, apperr.New(apperr.NotFound, "")
}

// OverlapError refuses a slot whose shift overlaps one the person holds a
// slot in; Other is that shift, for the message.
type OverlapError struct{ Other *Shift }

func (e *OverlapError) Error() string { return "volunteer: overlaps shift " + e.Other.ID }

// Unwrap classifies it as a Conflict with its message.
func (e *OverlapError) Unwrap() error { return apperr.New(apperr.Conflict, "volunteer.slot.overlap") }

// Take gives the person a place in the slot: refused when the shift has
// begun, the slot is full or needs a background check the person lacks,
// or the person holds a slot of a shift at the same time.
func (m *Module) Take(ctx context.Context, actor *auth.Identity, shiftID, slotID string, showName bool) (Helper, error) {
	var h Helper
	if actor == nil {
		return h, apperr.New(apperr.Unauthenticated, "")
	}
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		sh, err := getShift(ctx, tx, shiftID)
		if err != nil {
			return err
		}
		if !m.maySee(ctx, tx, sh, actor) {
			return apperr.New(apperr.NotFound, "")
		}
		sl, err := slotIn(sh, slotID)
		if err != nil {
			return err
		}
		now := m.s.Clock.Now()
		if !now.Before(sh.Start) {
			return apperr.New(apperr.Conflict, "volunteer.slot.started")
		}
		if sl.CheckRequired {
			ok, err := m.checkValidAt(ctx, tx, sh.OrganizationID, actor.UserID, sh.End)
			if err != nil {
				return err
			}
			if !ok {
				return apperr.New(apperr.Forbidden, "volunteer.slot.check_required")
			}
		}
		if err := lockTaker(ctx, tx, actor.UserID, now); err != nil {
			return err
		}
		if _, err := liveHelper(ctx, tx, sl.ID, actor.UserID); err == nil {
			return apperr.New(apperr.Conflict, "volunteer.slot.already")
		}
		other, err := overlapping(ctx, tx, actor.UserID, sh.Start, sh.End)
		if err != nil {
			return err
		}
		if other != nil {
			return &OverlapError{Other: other}
		}
		c, err := capacity.Take(ctx, tx, poolOf(sl.ID), actor.UserID, 1, now)
		if apperr.Is(err, apperr.Conflict) {
			return apperr.New(apperr.Conflict, "volunteer.slot.already")
		}
		if err != nil {
			return err
		}
		if c.Status != capacity.Registered {
			return apperr.New(apperr.Conflict, "volunteer.slot.full") // rolls the waiting claim back
		}
		h = Helper{ID: ids.New(), SlotID: sl.ID, UserID: actor.UserID, ShowName: showName, TakenAt: c.CreatedAt}
		_, err = tx.ExecContext(ctx, `INSERT INTO volunteer_helpers (id, slot_id, user_id, claim_id, show_name, taken_at)
VALUES ($1, $2, $3, $4, $5, $6)`, h.ID, h.SlotID, h.UserID, c.ID, showName, h.TakenAt)
		return db.Err(err)
	})
	return h, err
}

// LeaveNeedsReason reports whether leaving the shift now asks for a
// reason: within lateLeave of its start.
func (m *Module) LeaveNeedsReason(sh *Shift) bool {
	return !m.s.Clock.Now().Add(lateLeave).Before(sh.Start)
}

// Leave gives the person's place in the slot back. Within lateLeave of the
// start a reason is required, and the organisation's owners and editors
// are told, with the reason. A shift that has begun cannot be left.
func (m *Module) Leave(ctx context.Context, actor *auth.Identity, shiftID, slotID, reason string) error {
	if actor == nil {
		return apperr.New(apperr.Unauthenticated, "")
	}
	reason = text.MultiLine(reason)
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		sh, err := getShift(ctx, tx, shiftID)
		if err != nil {
			return err
		}
		sl, err := slotIn(sh, slotID)
		if err != nil {
			return err
		}
		h, err := liveHelper(ctx, tx, sl.ID, actor.UserID)
		if err != nil {
			return apperr.New(apperr.NotFound, "volunteer.slot.not_taken")
		}
		now := m.s.Clock.Now()
		if !now.Before(sh.Start) {
			return apperr.New(apperr.Conflict, "volunteer.slot.started")
		}
		late := m.LeaveNeedsReason(sh)
		f := apperr.Fields{}
		if late && reason == "" {
			f.Add("reason", "volunteer.leave.reason_required")
		}
		if len([]rune(reason)) > maxReasonLen {
			f.Add("reason", "form.too_long")
		}
		if err := f.Err(); err != nil {
			return err
		}
		c, err := capacity.Of(ctx, tx, poolOf(sl.ID), actor.UserID)
		if err == nil {
			if _, err := capacity.Cancel(ctx, tx, c.ID, now); err != nil {
				return err
			}
		} else if !apperr.Is(err, apperr.NotFound) {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE volunteer_helpers SET left_at = $2, left_reason = $3 WHERE id = $1`,
			h.ID, now, reason); err != nil {
			return db.Err(err)
		}
		if !late {
			return nil
		}
		return m.tellPlanners(ctx, tx, sh, notify.Notice{Kind: leftLate, Item: notify.Item{Type: "shift", ID: sh.ID},
			Link: "/shifts/" + sh.ID, Params: []any{"Title", sh.Title, "Task", sl.Task, "Start", sh.Start},
			Mail: notify.Mail{Text: []string{reason}}}, now)
	})
}

// tellPlanners sends the notice to the organisation's owners and editors,
// found through the shift's author while they still plan for it.
func (m *Module) tellPlanners(ctx context.Context, tx *sql.Tx, sh *Shift, n notify.Notice, now time.Time) error {
	to, err := m.planners(ctx, sh)
	if err != nil || len(to) == 0 {
		return err
	}
	n.To = to
	return m.s.Notify.Send(ctx, tx, n, now)
}

// planners are the user ids of the organisation's owners and editors,
// asked as the shift's author (the organisation module lists members to
// members only); none once the author no longer plans for it.
func (m *Module) planners(ctx context.Context, sh *Shift) ([]string, error) {
	if sh.CreatedBy == "" || !m.orgs.CanEdit(ctx, sh.OrganizationID, sh.CreatedBy) {
		return nil, nil
	}
	members, err := m.orgs.Members(ctx, sh.CreatedBy, sh.OrganizationID)
	if err != nil {
		return nil, err
	}
	var to []string
	for _, mb := range members {
		if mb.Role == organization.Owner || mb.Role == organization.Editor {
			to = append(to, mb.UserID)
		}
	}
	return to, nil
}
