package volunteer

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/jobs"
	"teilhabe.org/teilhabe/internal/notify"
)

// Background checks: an organisation records that it saw a volunteer's
// extended certificate of good conduct, as § 72a (5) SGB VIII allows and
// no more. Slots that require a check are open only to volunteers whose
// check is valid at the end of the shift and shows no relevant conviction.

// BackgroundCheck is what an organisation records.
type BackgroundCheck struct {
	OrganizationID string
	UserID         string
	Name           string // the volunteer's name, for the organisation
	IssuedOn       time.Time
	SeenOn         time.Time
	SeenByName     string
	Conviction     bool // a relevant conviction: the volunteer may not take such tasks
	ValidUntil     time.Time
}

// Valid reports whether the check allows tasks that require one at t.
func (c BackgroundCheck) Valid(t time.Time) bool { return !c.Conviction && t.Before(c.ValidUntil) }

// CheckInput is a check as recorded.
type CheckInput struct {
	UserID     string
	IssuedOn   time.Time
	SeenOn     time.Time
	Conviction bool
	ValidYears int // 0: the default, 5
}

// Defaults of checks.
const (
	defaultValidYears = 5
	maxValidYears     = 10
	// checkReminder is how long before a check runs out the volunteer and
	// the organisation are reminded.
	checkReminder = 8 * 7 * 24 * time.Hour
)

// checkExpiring tells the volunteer and the organisation that a check
// runs out soon.
var checkExpiring = notify.Kind{Name: "volunteer/check_expiring", Subject: "volunteer.mail.check.subject",
	Greeting: "volunteer.mail.greeting", Body: []string{"volunteer.mail.check.body"}, Action: "volunteer.mail.check.open",
	Footer: "volunteer.mail.check.footer"}

// RecordCheck records a volunteer's check for the organisation, replacing
// an earlier one; for its planners, and only for a volunteer on its roster.
func (m *Module) RecordCheck(ctx context.Context, actor *auth.Identity, orgID string, in CheckInput) (BackgroundCheck, error) {
	if err := m.planRoster(ctx, actor, orgID); err != nil {
		return BackgroundCheck{}, err
	}
	in.UserID = strings.ToLower(strings.TrimSpace(in.UserID))
	if in.ValidYears == 0 {
		in.ValidYears = defaultValidYears
	}
	f := apperr.Fields{}
	today := clock.DayOf(m.s.Clock.Now())
	if _, err := rosterEntry(ctx, m.s.DB, orgID, in.UserID); err != nil {
		f.Add("user_id", "volunteer.check.not_on_roster")
	}
	switch {
	case in.IssuedOn.IsZero():
		f.Add("issued_on", "form.required")
	case clock.DayOf(in.IssuedOn).After(today):
		f.Add("issued_on", "volunteer.hours.future")
	}
	switch {
	case in.SeenOn.IsZero():
		f.Add("seen_on", "form.required")
	case clock.DayOf(in.SeenOn).After(today):
		f.Add("seen_on", "volunteer.hours.future")
	case !in.IssuedOn.IsZero() && clock.DayOf(in.SeenOn).Before(clock.DayOf(in.IssuedOn)):
		f.Add("seen_on", "volunteer.check.seen_before_issue")
	}
	if in.ValidYears < 1 || in.ValidYears > maxValidYears {
		f.Add("valid_years", "volunteer.check.years_range")
	}
	if err := f.Err(); err != nil {
		return BackgroundCheck{}, err
	}
	names, err := m.names(ctx, []string{actor.UserID, in.UserID})
	if err != nil {
		return BackgroundCheck{}, err
	}
	issued := clock.DayOf(in.IssuedOn)
	c := BackgroundCheck{OrganizationID: orgID, UserID: in.UserID, Name: names[in.UserID], IssuedOn: issued,
		SeenOn: clock.DayOf(in.SeenOn), SeenByName: names[actor.UserID], Conviction: in.Conviction,
		ValidUntil: issued.AddDate(in.ValidYears, 0, 0)}
	_, err = m.s.DB.ExecContext(ctx, `INSERT INTO volunteer_checks
(organization_id, user_id, issued_on, seen_on, seen_by, seen_by_name, conviction, valid_until, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
ON CONFLICT (organization_id, user_id) DO UPDATE SET issued_on = excluded.issued_on, seen_on = excluded.seen_on,
seen_by = excluded.seen_by, seen_by_name = excluded.seen_by_name, conviction = excluded.conviction,
valid_until = excluded.valid_until, reminded_at = NULL, created_at = excluded.created_at`,
		c.OrganizationID, c.UserID, c.IssuedOn.UTC(), c.SeenOn.UTC(), actor.UserID, c.SeenByName, c.Conviction,
		c.ValidUntil.UTC(), m.s.Clock.Now())
	return c, db.Err(err)
}

const checkColumns = `organization_id, user_id, issued_on, seen_on, seen_by_name, conviction, valid_until`

func scanCheck(s db.Scanner) (BackgroundCheck, error) {
	var c BackgroundCheck
	err := s.Scan(&c.OrganizationID, &c.UserID, &c.IssuedOn, &c.SeenOn, &c.SeenByName, &c.Conviction, &c.ValidUntil)
	c.IssuedOn, c.SeenOn, c.ValidUntil = clock.DayOf(c.IssuedOn), clock.DayOf(c.SeenOn), clock.DayOf(c.ValidUntil)
	return c, err
}

// Checks lists the organisation's check records with the volunteers'
// names, for its planners.
func (m *Module) Checks(ctx context.Context, actor *auth.Identity, orgID string) ([]BackgroundCheck, error) {
	if err := m.planRoster(ctx, actor, orgID); err != nil {
		return nil, err
	}
	rows, err := m.s.DB.QueryContext(ctx, `SELECT `+checkColumns+` FROM volunteer_checks WHERE organization_id = $1
ORDER BY valid_until`, orgID)
	checks, err := db.Collect(rows, err, scanCheck)
	if err != nil || len(checks) == 0 {
		return checks, err
	}
	var userIDs []string
	for _, c := range checks {
		userIDs = append(userIDs, c.UserID)
	}
	names, err := m.names(ctx, userIDs)
	if err != nil {
		return nil, err
	}
	for i := range checks {
		checks[i].Name = names[checks[i].UserID]
	}
	return checks, nil
}

// checkValidAt reports whether the person has a check recorded by the
// organisation that is valid at t and shows no relevant conviction.
func (m *Module) checkValidAt(ctx context.Context, q db.Querier, orgID, userID string, t time.Time) (bool, error) {
	if !ids.Valid(userID) {
		return false, nil
	}
	c, err := scanCheck(q.QueryRowContext(ctx, `SELECT `+checkColumns+` FROM volunteer_checks
WHERE organization_id = $1 AND user_id = $2`, orgID, userID))
	if err == sql.ErrNoRows {
		return false, nil
	}
	if err != nil {
		return false, db.Err(err)
	}
	return c.Valid(t), nil
}

// checkReminderJob reminds of checks that run out within eight weeks,
// once each, and forgets the records that are no longer needed.
func (m *Module) checkReminderJob() jobs.Job {
	return jobs.Job{Name: "volunteer.check_reminders", Every: 6 * time.Hour, Run: m.remindChecks}
}

func (m *Module) remindChecks(ctx context.Context, now time.Time) error {
	if err := m.forgetChecks(ctx, now); err != nil {
		return err
	}
	rows, err := m.s.DB.QueryContext(ctx, `SELECT `+checkColumns+` FROM volunteer_checks
WHERE reminded_at IS NULL AND NOT conviction AND valid_until > $1 AND valid_until <= $2 ORDER BY valid_until`,
		now, now.Add(checkReminder))
	due, err := db.Collect(rows, err, scanCheck)
	if err != nil {
		return err
	}
	for _, c := range due {
		if err := m.remindCheck(ctx, c, now); err != nil {
			return err
		}
	}
	return nil
}

// remindCheck tells the volunteer and the organisation's owners and
// editors, in one transaction with the mark that it was done.
func (m *Module) remindCheck(ctx context.Context, c BackgroundCheck, now time.Time) error {
	to := []string{c.UserID}
	if planners, err := m.orgPlanners(ctx, c.OrganizationID); err == nil {
		to = append(to, planners...)
	} else {
		return err
	}
	o, err := m.orgs.Get(ctx, c.OrganizationID)
	if err != nil {
		return err
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE volunteer_checks SET reminded_at = $3
WHERE organization_id = $1 AND user_id = $2 AND reminded_at IS NULL`, c.OrganizationID, c.UserID, now)
		if err != nil {
			return db.Err(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // another server reminded first
		}
		return m.s.Notify.Send(ctx, tx, notify.Notice{Kind: checkExpiring,
			Item: notify.Item{Type: "background_check", ID: c.OrganizationID}, Link: "/organizations/" + c.OrganizationID + "/shifts",
			To: to, Params: []any{"Org", o.Name, "Until", c.ValidUntil}}, now)
	})
}

// orgPlanners are the organisation's owners and editors, asked as one of
// its planners known to the module: who recorded checks or planned shifts.
func (m *Module) orgPlanners(ctx context.Context, orgID string) ([]string, error) {
	rows, err := m.s.DB.QueryContext(ctx, `SELECT seen_by FROM volunteer_checks WHERE organization_id = $1 AND seen_by IS NOT NULL
UNION SELECT created_by FROM volunteer_shifts WHERE organization_id = $1 AND created_by IS NOT NULL`, orgID)
	known, err := db.Collect(rows, err, db.Value[string])
	if err != nil {
		return nil, err
	}
	for _, k := range known {
		if m.orgs.CanEdit(ctx, orgID, k) {
			return m.planners(ctx, &Shift{OrganizationID: orgID, CreatedBy: k})
		}
	}
	return nil, nil
}

// checkKeep is how long a check record outlives the volunteer's last
// activity for the organisation (§ 72a (5) SGB VIII).
const checkKeep = 3

// forgetChecks deletes the check records of volunteers whose activity for
// the organisation ended more than three months ago: their roster entry
// ended (or is gone) and their last shift there, and the record itself,
// are older than that.
func (m *Module) forgetChecks(ctx context.Context, now time.Time) error {
	cutoff := now.AddDate(0, -checkKeep, 0)
	_, err := m.s.DB.ExecContext(ctx, `DELETE FROM volunteer_checks WHERE created_at < $1
AND NOT EXISTS (SELECT 1 FROM volunteer_roster r WHERE r.organization_id = volunteer_checks.organization_id
  AND r.user_id = volunteer_checks.user_id AND (r.status <> 'ended' OR r.updated_at >= $1))
AND NOT EXISTS (SELECT 1 FROM volunteer_helpers h JOIN volunteer_slots sl ON sl.id = h.slot_id
  JOIN volunteer_shifts sh ON sh.id = sl.shift_id WHERE sh.organization_id = volunteer_checks.organization_id
  AND h.user_id = volunteer_checks.user_id AND h.left_at IS NULL AND sh.ends_at >= $1)`, cutoff)
	return db.Err(err)
}
