package volunteer

import (
	"context"
	"database/sql"
	"slices"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/text"
)

// Hours: a place in a shift counts once the shift is over, unless the
// organisation marked the helper as a no-show; hours a volunteer adds by
// hand count once the organisation approves them.

// HoursStatus is where an entry of hours stands.
type HoursStatus string

const (
	Pending  HoursStatus = "pending"
	Approved HoursStatus = "approved"
	Rejected HoursStatus = "rejected"
)

// HoursEntry is time a volunteer gave an organisation: a shift (ShiftID
// set) or hours added by hand.
type HoursEntry struct {
	ID             string // the hand-added entry's id, or the helper row's for a shift
	OrganizationID string
	UserID         string
	Name           string // filled for the organisation's planners
	ShiftID        string
	Day            time.Time // the start (a shift) or the day (by hand)
	Minutes        int
	Activity       string // the slot's task and shift's title, or what the person wrote
	Status         HoursStatus
}

// Counts tells whether the entry counts towards the totals.
func (h HoursEntry) Counts() bool { return h.Status == Approved }

// HoursDraft is what a volunteer adds by hand.
type HoursDraft struct {
	OrganizationID string
	Day            time.Time
	Minutes        int
	Activity       string
}

// Limits of hand-added hours.
const (
	maxActivityLen = 300
	maxDayMinutes  = 24 * 60
)

// AddHours records hours the person gave an organisation on a day, pending
// the organisation's approval. Only volunteers on its roster (any status)
// and people who took a place in one of its shifts add hours for it.
func (m *Module) AddHours(ctx context.Context, actor *auth.Identity, d HoursDraft) (HoursEntry, error) {
	if actor == nil {
		return HoursEntry{}, apperr.New(apperr.Unauthenticated, "")
	}
	d.OrganizationID = strings.ToLower(strings.TrimSpace(d.OrganizationID))
	d.Activity = text.OneLine(d.Activity)
	f := apperr.Fields{}
	now := m.s.Clock.Now()
	if d.OrganizationID == "" {
		f.Add("organization_id", "form.required")
	} else if !m.knows(ctx, d.OrganizationID, actor.UserID) {
		f.Add("organization_id", "volunteer.hours.not_volunteer")
	}
	switch {
	case d.Day.IsZero():
		f.Add("day", "form.required")
	case clock.DayOf(d.Day).After(clock.DayOf(now)):
		f.Add("day", "volunteer.hours.future")
	}
	if d.Minutes < 1 || d.Minutes > maxDayMinutes {
		f.Add("hours", "volunteer.hours.range")
	}
	check.Text(f, "activity", d.Activity, maxActivityLen, true)
	if err := f.Err(); err != nil {
		return HoursEntry{}, err
	}
	h := HoursEntry{ID: ids.New(), OrganizationID: d.OrganizationID, UserID: actor.UserID, Day: clock.DayOf(d.Day).UTC(),
		Minutes: d.Minutes, Activity: d.Activity, Status: Pending}
	_, err := m.s.DB.ExecContext(ctx, `INSERT INTO volunteer_hours
(id, organization_id, user_id, day, minutes, activity, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7)`,
		h.ID, h.OrganizationID, h.UserID, h.Day, h.Minutes, h.Activity, now)
	return h, db.Err(err)
}

// knows reports whether the person is on the organisation's roster or
// took a place in one of its shifts.
func (m *Module) knows(ctx context.Context, orgID, userID string) bool {
	if !ids.Valid(orgID) {
		return false
	}
	var n int
	err := m.s.DB.QueryRowContext(ctx, `SELECT
(SELECT COUNT(*) FROM volunteer_roster WHERE organization_id = $1 AND user_id = $2) +
(SELECT COUNT(*) FROM volunteer_helpers h JOIN volunteer_slots sl ON sl.id = h.slot_id
 JOIN volunteer_shifts sh ON sh.id = sl.shift_id WHERE sh.organization_id = $1 AND h.user_id = $2)`,
		orgID, userID).Scan(&n)
	return err == nil && n > 0
}

// DecideHours approves or rejects hand-added hours, for the
// organisation's planners; NotFound for anybody else, and when orgID is
// not "" and not the hours' organisation.
func (m *Module) DecideHours(ctx context.Context, actor *auth.Identity, orgID, hoursID string, approve bool) (HoursEntry, error) {
	if actor == nil {
		return HoursEntry{}, apperr.New(apperr.Unauthenticated, "")
	}
	var h HoursEntry
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if h, err = handHours(ctx, tx, hoursID); err != nil {
			return err
		}
		if !m.mayPlan(ctx, h.OrganizationID, actor) || (orgID != "" && !strings.EqualFold(orgID, h.OrganizationID)) {
			return apperr.New(apperr.NotFound, "")
		}
		if h.Status != Pending {
			return apperr.New(apperr.Conflict, "volunteer.hours.decided")
		}
		h.Status = Rejected
		if approve {
			h.Status = Approved
		}
		_, err = tx.ExecContext(ctx, `UPDATE volunteer_hours SET status = $2, decided_by = $3, decided_at = $4
WHERE id = $1`, h.ID, string(h.Status), actor.UserID, m.s.Clock.Now())
		return db.Err(err)
	})
	return h, err
}

const handColumns = `id, organization_id, user_id, day, minutes, activity, status`

func scanHand(s db.Scanner) (HoursEntry, error) {
	var h HoursEntry
	var status string
	err := s.Scan(&h.ID, &h.OrganizationID, &h.UserID, &h.Day, &h.Minutes, &h.Activity, &status)
	h.Status, h.Day = HoursStatus(status), h.Day.UTC()
	return h, err
}

func handHours(ctx context.Context, q db.Querier, id string) (HoursEntry, error) {
	if !ids.Valid(id) {
		return HoursEntry{}, apperr.New(apperr.NotFound, "")
	}
	h, err := scanHand(q.QueryRowContext(ctx, `SELECT `+handColumns+` FROM volunteer_hours WHERE id = $1`,
		strings.ToLower(id)))
	return h, db.Err(err)
}

// HoursFilter narrows hours to a person or an organisation and a period
// [From, To) of days; zero times leave it open.
type HoursFilter struct {
	UserID, OrganizationID string
	From, To               time.Time
}

// hours lists the entries the filter selects, shifts and hand-added,
// soonest first: shift places count once the shift is over (no-shows do
// not), at now.
func (m *Module) hours(ctx context.Context, f HoursFilter) ([]HoursEntry, error) {
	now := m.s.Clock.Now()
	from, to := f.From, f.To
	if from.IsZero() {
		from = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	if to.IsZero() || to.After(now) {
		to = now
	}
	where, args := ` AND sh.ends_at <= $1 AND sh.starts_at >= $2 AND sh.starts_at < $3`, []any{now, from, to}
	if f.UserID != "" {
		args = append(args, f.UserID)
		where += ` AND h.user_id = $4`
	}
	if f.OrganizationID != "" {
		args = append(args, f.OrganizationID)
		where += ` AND sh.organization_id = $` + strconv.Itoa(len(args))
	}
	rows, err := m.s.DB.QueryContext(ctx, `SELECT h.id, sh.organization_id, h.user_id, sh.id, sh.starts_at, sh.ends_at,
sl.task, sh.title, h.no_show FROM volunteer_helpers h JOIN volunteer_slots sl ON sl.id = h.slot_id
JOIN volunteer_shifts sh ON sh.id = sl.shift_id WHERE h.left_at IS NULL`+where, args...)
	entries, err := db.Collect(rows, err, func(s db.Scanner) (HoursEntry, error) {
		var h HoursEntry
		var start, end time.Time
		var task, title string
		var noShow bool
		err := s.Scan(&h.ID, &h.OrganizationID, &h.UserID, &h.ShiftID, &start, &end, &task, &title, &noShow)
		h.Day, h.Minutes, h.Activity, h.Status = start.UTC(), int(end.Sub(start).Minutes()), task+" – "+title, Approved
		if noShow {
			h.Status = Rejected
		}
		return h, err
	})
	if err != nil {
		return nil, err
	}
	where, args = ` WHERE day >= $1 AND day < $2`, []any{clock.DayOf(from).UTC(), to}
	if f.UserID != "" {
		args = append(args, f.UserID)
		where += ` AND user_id = $3`
	}
	if f.OrganizationID != "" {
		args = append(args, f.OrganizationID)
		where += ` AND organization_id = $` + strconv.Itoa(len(args))
	}
	rows, err = m.s.DB.QueryContext(ctx, `SELECT `+handColumns+` FROM volunteer_hours`+where, args...)
	hand, err := db.Collect(rows, err, scanHand)
	if err != nil {
		return nil, err
	}
	entries = append(entries, hand...)
	slices.SortFunc(entries, func(a, b HoursEntry) int { return a.Day.Compare(b.Day) })
	return entries, nil
}

// MyHours lists the person's hours in the period, soonest first.
func (m *Module) MyHours(ctx context.Context, actor *auth.Identity, from, to time.Time) ([]HoursEntry, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	return m.hours(ctx, HoursFilter{UserID: actor.UserID, From: from, To: to})
}

// OrgHours lists the organisation's hours in the period with the
// volunteers' names, for its planners.
func (m *Module) OrgHours(ctx context.Context, actor *auth.Identity, orgID string, from, to time.Time) ([]HoursEntry, error) {
	if err := m.planRoster(ctx, actor, orgID); err != nil {
		return nil, err
	}
	entries, err := m.hours(ctx, HoursFilter{OrganizationID: orgID, From: from, To: to})
	if err != nil || len(entries) == 0 {
		return entries, err
	}
	var userIDs []string
	for _, h := range entries {
		userIDs = append(userIDs, h.UserID)
	}
	names, err := m.names(ctx, userIDs)
	if err != nil {
		return nil, err
	}
	for i := range entries {
		entries[i].Name = names[entries[i].UserID]
	}
	return entries, nil
}

// Total is the minutes that count, of one person or organisation.
type Total struct {
	Key     string // the user id or organisation id
	Name    string
	Minutes int
}

// Totals sums the entries that count by key, largest first.
func Totals(entries []HoursEntry, key func(HoursEntry) (string, string)) []Total {
	by := map[string]*Total{}
	var out []*Total
	for _, h := range entries {
		if !h.Counts() {
			continue
		}
		k, name := key(h)
		t, ok := by[k]
		if !ok {
			t = &Total{Key: k, Name: name}
			by[k] = t
			out = append(out, t)
		}
		t.Minutes += h.Minutes
	}
	res := make([]Total, len(out))
	for i, t := range out {
		res[i] = *t
	}
	slices.SortStableFunc(res, func(a, b Total) int { return b.Minutes - a.Minutes })
	return res
}

// MarkNoShow records whether the helper came, for the organisation's
// planners, once the shift has begun: a no-show's place gives no hours.
func (m *Module) MarkNoShow(ctx context.Context, actor *auth.Identity, shiftID, helperID string, noShow bool) error {
	if actor == nil {
		return apperr.New(apperr.Unauthenticated, "")
	}
	if !ids.Valid(helperID) {
		return apperr.New(apperr.NotFound, "")
	}
	sh, err := getShift(ctx, m.s.DB, shiftID)
	if err != nil {
		return err
	}
	if !m.mayPlan(ctx, sh.OrganizationID, actor) {
		return apperr.New(apperr.NotFound, "")
	}
	if m.s.Clock.Now().Before(sh.Start) {
		return apperr.New(apperr.Conflict, "volunteer.hours.not_begun")
	}
	var slotIDs []string
	for _, sl := range sh.Slots {
		slotIDs = append(slotIDs, sl.ID)
	}
	marks, args := db.In(3, slotIDs)
	res, err := m.s.DB.ExecContext(ctx, `UPDATE volunteer_helpers SET no_show = $2 WHERE id = $1 AND left_at IS NULL
AND slot_id IN (`+marks+`)`, append([]any{strings.ToLower(helperID), noShow}, args...)...)
	if err != nil {
		return db.Err(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return apperr.New(apperr.NotFound, "")
	}
	return nil
}

// KnownOrg is an organisation the person volunteers for.
type KnownOrg struct{ ID, Name string }

// knownOrgs are the organisations whose roster the person is on or in
// whose shifts they took a place, by name.
func (m *Module) knownOrgs(ctx context.Context, userID string) ([]KnownOrg, error) {
	rows, err := m.s.DB.QueryContext(ctx, `SELECT organization_id FROM volunteer_roster WHERE user_id = $1
UNION SELECT sh.organization_id FROM volunteer_helpers h JOIN volunteer_slots sl ON sl.id = h.slot_id
JOIN volunteer_shifts sh ON sh.id = sl.shift_id WHERE h.user_id = $1`, userID)
	orgIDs, err := db.Collect(rows, err, db.Value[string])
	if err != nil {
		return nil, err
	}
	var out []KnownOrg
	for _, id := range orgIDs {
		o, err := m.orgs.Get(ctx, id)
		if apperr.Is(err, apperr.NotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, KnownOrg{ID: o.ID, Name: o.Name})
	}
	slices.SortFunc(out, func(a, b KnownOrg) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}
