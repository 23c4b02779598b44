package event

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/binary"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/clock"
)

// Check-in at the door: organisers tick people off a list on a phone, or
// type the short code shown on a person's registration. The code is
// derived from the registration's id, so every registration has one, also
// those taken before codes existed; it only lets organisers check in.

// codeAlphabet leaves out letters and digits people mix up (0/O, 1/I/L,
// 2/Z, 5/S, 8/B).
const codeAlphabet = "ACDEFGHJKMNPQRTUVWXY34679"

// codeLen is the length of a check-in code: 25^6, about 240 million codes.
const codeLen = 6

// CheckinCode is the short code of a registration.
func CheckinCode(claimID string) string {
	sum := sha256.Sum256([]byte("event.checkin/" + strings.ToLower(claimID)))
	n := binary.BigEndian.Uint64(sum[:8])
	b := make([]byte, codeLen)
	for i := range b {
		b[i] = codeAlphabet[n%uint64(len(codeAlphabet))]
		n /= uint64(len(codeAlphabet))
	}
	return string(b)
}

// normalizeCode reads a typed code: case, spaces and dashes do not count.
func normalizeCode(s string) string {
	return strings.ToUpper(strings.NewReplacer(" ", "", "-", "", "\u00a0", "").Replace(strings.TrimSpace(s)))
}

// checkinOpen reports whether people can be checked in for the date at
// now: it is not cancelled and its day has come.
func (d *Event) checkinOpen(now time.Time) bool {
	return d.Status != Cancelled && !now.Before(clock.StartOfDay(d.Start))
}

// CheckIn marks a registration of the event's date as come, found by its
// id (claimID) or by the code the person shows (code), for the
// organisers. Only registered people are checked in; a second check-in
// changes nothing.
func (m *Module) CheckIn(ctx context.Context, actor *auth.Identity, eventID, day, claimID, code string) (*Event, Participant, error) {
	var p Participant
	if actor == nil {
		return nil, p, apperr.New(apperr.Unauthenticated, "")
	}
	e, err := m.Get(ctx, eventID)
	if err != nil {
		return nil, p, err
	}
	if !m.canManage(ctx, e, actor) {
		return nil, p, apperr.New(apperr.Forbidden, "event.not_yours")
	}
	var d *Event
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var c capacity.Claim
		if claimID != "" {
			if c, err = capacity.Get(ctx, tx, claimID); err != nil {
				return err
			}
			id, claimDay, ok := poolDate(c.Pool)
			if !ok || id != e.ID {
				return apperr.New(apperr.NotFound, "")
			}
			day = claimDay
		}
		if d, err = m.dateFor(ctx, tx, e.ID, day); err != nil {
			return err
		}
		if claimID == "" {
			if c, err = m.claimByCode(ctx, tx, d, code); err != nil {
				return err
			}
		}
		now := m.s.Clock.Now()
		if !d.checkinOpen(now) {
			return apperr.New(apperr.Conflict, "event.checkin.not_open")
		}
		if c.Status != capacity.Registered {
			return apperr.New(apperr.Conflict, "event.checkin.not_registered")
		}
		if err := markCheckedIn(ctx, tx, c.ID, d.ID, d.day(), actor.UserID, now); err != nil {
			return err
		}
		names, err := m.names(ctx, []string{c.Holder})
		if err != nil {
			return err
		}
		p = Participant{ID: c.ID, Name: names[c.Holder], Status: c.Status, Places: c.Places, Since: c.CreatedAt,
			CheckedIn: true}
		return nil
	})
	return d, p, err
}

// claimByCode finds the registration of the date d with the code; a code
// that names none (or, very rarely, two) is a field error.
func (m *Module) claimByCode(ctx context.Context, tx *sql.Tx, d *Event, code string) (capacity.Claim, error) {
	code = normalizeCode(code)
	if code == "" {
		return capacity.Claim{}, apperr.Field("code", "form.required")
	}
	claims, err := capacity.List(ctx, tx, poolOf(d))
	if err != nil {
		return capacity.Claim{}, err
	}
	var found []capacity.Claim
	for _, c := range claims {
		if CheckinCode(c.ID) == code {
			found = append(found, c)
		}
	}
	if len(found) != 1 {
		return capacity.Claim{}, apperr.Field("code", "event.checkin.code_unknown")
	}
	return found[0], nil
}
