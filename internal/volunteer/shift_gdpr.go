package volunteer

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/userdata"
)

// The module keeps who planned a shift, who took which slot (and, for
// shifts that are over, that they helped), and who is on an organisation's
// roster. Export lists the person's places and roster entries; erasure
// gives back the places in shifts to come, keeps the places in shifts that
// are over and approved hours without the person (the organisation's
// totals stay whole), confirmed certificates without the account (the
// holder handed them out: their verification page still confirms them,
// with the name), and forgets the person's background check records and
// forgets the person as planner, taker and roster member, and their
// profile.

// anonymous stands for an erased person in past places, so that an
// organisation's totals keep them without saying who.
const anonymous = "00000000-0000-0000-0000-000000000000"

// UserData is the module's part in export and erasure.
func (m *Module) UserData() userdata.Provider {
	return userdata.Provide(userdata.Funcs{Name: "volunteering", Export: m.exportUserData, Erase: m.eraseUserData})
}

func (m *Module) eraseUserData(ctx context.Context, tx *sql.Tx, userID string) error {
	now := m.s.Clock.Now()
	rows, err := tx.QueryContext(ctx, `SELECT h.id, h.slot_id FROM volunteer_helpers h
JOIN volunteer_slots sl ON sl.id = h.slot_id JOIN volunteer_shifts sh ON sh.id = sl.shift_id
WHERE h.user_id = $1 AND h.left_at IS NULL AND sh.starts_at > $2 ORDER BY h.slot_id`, userID, now)
	upcoming, err := db.Collect(rows, err, func(s db.Scanner) ([2]string, error) {
		var x [2]string
		return x, s.Scan(&x[0], &x[1])
	})
	if err != nil {
		return err
	}
	for _, x := range upcoming {
		c, err := capacity.Of(ctx, tx, poolOf(x[1]), userID)
		if err == nil {
			if _, err := capacity.Cancel(ctx, tx, c.ID, now); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM volunteer_helpers WHERE id = $1`, x[0]); err != nil {
			return db.Err(err)
		}
	}
	return userdata.Exec(ctx, tx, userID,
		`DELETE FROM volunteer_helpers WHERE user_id = $1 AND left_at IS NOT NULL`,
		`DELETE FROM volunteer_hours WHERE user_id = $1 AND status <> 'approved'`,
		`DELETE FROM volunteer_certificates WHERE user_id = $1 AND status = 'requested'`,
		`UPDATE volunteer_certificates SET user_id = NULL WHERE user_id = $1`,
		`UPDATE volunteer_hours SET user_id = '`+anonymous+`', activity = '' WHERE user_id = $1`,
		`UPDATE volunteer_helpers SET user_id = '`+anonymous+`', show_name = FALSE WHERE user_id = $1`,
		`UPDATE volunteer_shifts SET created_by = NULL WHERE created_by = $1`,
		`DELETE FROM volunteer_takers WHERE user_id = $1`,
		`DELETE FROM volunteer_roster WHERE user_id = $1`,
		`DELETE FROM volunteer_profile_skills WHERE user_id = $1`,
		`DELETE FROM volunteer_profile_languages WHERE user_id = $1`,
		`DELETE FROM volunteer_profiles WHERE user_id = $1`,
		`DELETE FROM volunteer_checks WHERE user_id = $1`)
}

// ExportPlace is a place the person took in a shift.
type ExportPlace struct {
	ShiftID    string     `json:"shift_id"`
	Shift      string     `json:"shift"`
	Task       string     `json:"task"`
	Start      time.Time  `json:"start"`
	End        time.Time  `json:"end"`
	ShowName   bool       `json:"show_name"`
	NoShow     bool       `json:"no_show"`
	TakenAt    time.Time  `json:"taken_at"`
	LeftAt     *time.Time `json:"left_at,omitempty"`
	LeftReason string     `json:"left_reason,omitempty"`
}

// ExportRosterEntry is the person's place on an organisation's roster.
type ExportRosterEntry struct {
	OrganizationID string    `json:"organization_id"`
	Status         string    `json:"status"`
	JoinedVia      string    `json:"joined_via"`
	Since          time.Time `json:"since"`
}

func (m *Module) exportUserData(ctx context.Context, userID string) (any, error) {
	rows, err := m.s.DB.QueryContext(ctx, `SELECT sh.id, sh.title, sl.task, sh.starts_at, sh.ends_at, h.show_name,
h.no_show, h.taken_at, h.left_at, h.left_reason
FROM volunteer_helpers h JOIN volunteer_slots sl ON sl.id = h.slot_id JOIN volunteer_shifts sh ON sh.id = sl.shift_id
WHERE h.user_id = $1 ORDER BY sh.starts_at, h.taken_at`, userID)
	places, err := db.Collect(rows, err, func(s db.Scanner) (ExportPlace, error) {
		var x ExportPlace
		var left sql.NullTime
		err := s.Scan(&x.ShiftID, &x.Shift, &x.Task, &x.Start, &x.End, &x.ShowName, &x.NoShow, &x.TakenAt, &left,
			&x.LeftReason)
		x.Start, x.End, x.TakenAt, x.LeftAt = x.Start.UTC(), x.End.UTC(), x.TakenAt.UTC(), db.TimePtr(left)
		if x.LeftAt != nil {
			utc := x.LeftAt.UTC()
			x.LeftAt = &utc
		}
		return x, err
	})
	if err != nil {
		return nil, err
	}
	rows, err = m.s.DB.QueryContext(ctx, `SELECT organization_id, status, joined_via, created_at FROM volunteer_roster
WHERE user_id = $1 ORDER BY created_at`, userID)
	roster, err := db.Collect(rows, err, func(s db.Scanner) (ExportRosterEntry, error) {
		var x ExportRosterEntry
		err := s.Scan(&x.OrganizationID, &x.Status, &x.JoinedVia, &x.Since)
		x.Since = x.Since.UTC()
		return x, err
	})
	if err != nil {
		return nil, err
	}
	if places == nil {
		places = []ExportPlace{}
	}
	if roster == nil {
		roster = []ExportRosterEntry{}
	}
	rows, err = m.s.DB.QueryContext(ctx, `SELECT `+handColumns+` FROM volunteer_hours WHERE user_id = $1 ORDER BY day`, userID)
	hand, err := db.Collect(rows, err, scanHand)
	if err != nil {
		return nil, err
	}
	added := []HoursOut{}
	for _, h := range hand {
		added = append(added, hoursOut(h))
	}
	rows, err = m.s.DB.QueryContext(ctx, `SELECT `+certColumns+` FROM volunteer_certificates WHERE user_id = $1
ORDER BY requested_at`, userID)
	certs, err := db.Collect(rows, err, scanCert)
	if err != nil {
		return nil, err
	}
	certificates := []CertificateOut{}
	for _, c := range certs {
		certificates = append(certificates, m.certificateOut(c))
	}
	rows, err = m.s.DB.QueryContext(ctx, `SELECT `+checkColumns+` FROM volunteer_checks WHERE user_id = $1
ORDER BY issued_on`, userID)
	checks, err := db.Collect(rows, err, scanCheck)
	if err != nil {
		return nil, err
	}
	checkRecords := []CheckOut{}
	for _, c := range checks {
		checkRecords = append(checkRecords, checkOut(c, m.s.Clock.Now()))
	}
	out := map[string]any{"places": places, "rosters": roster, "hours_added": added, "certificates": certificates,
		"background_checks": checkRecords}
	if p, err := loadProfile(ctx, m.s.DB, userID); err == nil {
		out["profile"] = profileIO(p)
	} else if !apperr.Is(err, apperr.NotFound) {
		return nil, err
	}
	return out, nil
}
