package coop

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/jobs"
	"teilhabe.org/teilhabe/internal/userdata"
)

// The member list and the documents behind an entry are kept at least
// three years from the end of the year the member left (§ 30 (3) GenG),
// also when the member deletes their account: erasure unlinks the account
// from the membership, deletes applications, and marks the membership for
// deletion; the retention job deletes it when the period ends.

// retentionYears is how long after the end of the year of leaving.
const retentionYears = 3

// UserData is the module's part in export and erasure.
func (m *Module) UserData() userdata.Provider {
	return userdata.Provide(userdata.Funcs{Name: "cooperatives", Export: m.exportUserData, Erase: m.eraseUserData})
}

// ExportMembership is what the export holds of one membership.
type ExportMembership struct {
	Cooperative string            `json:"cooperative"`
	Entries     []ExportEntry     `json:"member_list_entries"`
	Shares      []ExportShare     `json:"share_journal"`
	Proxies     []ExportProxy     `json:"proxies"`
	OpenVotes   []ExportOpenVote  `json:"open_votes"`
	KeptUntil   string            `json:"kept_after_erasure_until" doc:"§ 30 (3) GenG: three years from the end of the year of leaving; \"until three years after leaving\" while a member."`
	Application *ExportApplicaton `json:"application,omitempty"`
}

// ExportEntry is a line of the member list journal.
type ExportEntry struct {
	Kind        string `json:"kind"`
	EffectiveOn string `json:"effective_on"`
	Name        string `json:"name,omitempty"`
	Address     string `json:"address,omitempty"`
	Shares      int    `json:"shares,omitempty"`
	Reason      string `json:"reason,omitempty"`
}

// ExportShare is a line of the share journal.
type ExportShare struct {
	Kind     string `json:"kind"`
	Shares   int    `json:"shares"`
	Cents    int64  `json:"cents"`
	BookedOn string `json:"booked_on"`
}

// ExportProxy is a proxy given or held.
type ExportProxy struct {
	AssemblyID string `json:"assembly_id"`
	Role       string `json:"role"` // principal or holder
	GivenAt    string `json:"given_at"`
}

// ExportOpenVote is an open vote cast for the member.
type ExportOpenVote struct {
	MotionID string `json:"motion_id"`
	Choice   string `json:"choice"`
	Weight   int    `json:"weight"`
}

// ExportApplicaton is a pending declaration to join.
type ExportApplicaton struct {
	Declaration string `json:"declaration"`
	DeclaredAt  string `json:"declared_at"`
}

func (m *Module) exportUserData(ctx context.Context, userID string) (any, error) {
	var out []ExportMembership
	rows, err := m.s.DB.QueryContext(ctx, `SELECT id, coop_id FROM coop_members WHERE user_id = $1 ORDER BY created_at`, userID)
	type pair struct{ member, coop string }
	pairs, err := db.Collect(rows, err, func(s db.Scanner) (pair, error) {
		var p pair
		return p, s.Scan(&p.member, &p.coop)
	})
	if err != nil {
		return nil, err
	}
	for _, p := range pairs {
		x := ExportMembership{Cooperative: p.coop}
		rows, err := m.s.DB.QueryContext(ctx, `SELECT kind, effective_on, name, address, shares, reason FROM coop_register
			WHERE member_id = $1 ORDER BY effective_on, recorded_at, id`, p.member)
		x.Entries, err = db.Collect(rows, err, func(s db.Scanner) (ExportEntry, error) {
			var e ExportEntry
			return e, s.Scan(&e.Kind, &e.EffectiveOn, &e.Name, &e.Address, &e.Shares, &e.Reason)
		})
		if err != nil {
			return nil, err
		}
		rows, err = m.s.DB.QueryContext(ctx, `SELECT kind, shares, cents, booked_on FROM coop_shares WHERE member_id = $1 ORDER BY booked_on, id`, p.member)
		x.Shares, err = db.Collect(rows, err, func(s db.Scanner) (ExportShare, error) {
			var e ExportShare
			return e, s.Scan(&e.Kind, &e.Shares, &e.Cents, &e.BookedOn)
		})
		if err != nil {
			return nil, err
		}
		rows, err = m.s.DB.QueryContext(ctx, `SELECT assembly_id, CASE WHEN principal_id = $1 THEN 'principal' ELSE 'holder' END, given_at
			FROM coop_proxies WHERE principal_id = $1 OR holder_id = $1 ORDER BY given_at`, p.member)
		x.Proxies, err = db.Collect(rows, err, func(s db.Scanner) (ExportProxy, error) {
			var e ExportProxy
			var at time.Time
			err := s.Scan(&e.AssemblyID, &e.Role, &at)
			e.GivenAt = at.UTC().Format(time.RFC3339)
			return e, err
		})
		if err != nil {
			return nil, err
		}
		rows, err = m.s.DB.QueryContext(ctx, `SELECT motion_id, choice, weight FROM coop_votes WHERE member_id = $1 ORDER BY at`, p.member)
		x.OpenVotes, err = db.Collect(rows, err, func(s db.Scanner) (ExportOpenVote, error) {
			var e ExportOpenVote
			return e, s.Scan(&e.MotionID, &e.Choice, &e.Weight)
		})
		if err != nil {
			return nil, err
		}
		x.KeptUntil = "until three years after the end of the year of leaving"
		if until, ok := keptUntil(x.Entries); ok {
			x.KeptUntil = until
		}
		out = append(out, x)
	}
	rows, err = m.s.DB.QueryContext(ctx, `SELECT coop_id, declaration, declared_at FROM coop_applications WHERE user_id = $1`, userID)
	apps, err := db.Collect(rows, err, func(s db.Scanner) (ExportMembership, error) {
		var x ExportMembership
		var a ExportApplicaton
		var at time.Time
		err := s.Scan(&x.Cooperative, &a.Declaration, &at)
		a.DeclaredAt = at.UTC().Format(time.RFC3339)
		x.Application = &a
		return x, err
	})
	return append(out, apps...), err
}

// keptUntil is the last day the entries are kept after leaving.
func keptUntil(entries []ExportEntry) (string, bool) {
	for _, e := range entries {
		if e.Kind == "leave" {
			left, err := parseDay(e.EffectiveOn)
			if err != nil {
				return "", false
			}
			return day(time.Date(left.Year()+retentionYears, 12, 31, 0, 0, 0, 0, time.UTC)), true
		}
	}
	return "", false
}

func (m *Module) eraseUserData(ctx context.Context, tx *sql.Tx, userID string) error {
	return userdata.Exec(ctx, tx, userID,
		`DELETE FROM coop_applications WHERE user_id = $1`,
		`UPDATE coop_members SET keep_until = '', user_id = NULL WHERE user_id = $1`)
}

// Jobs deletes memberships of erased accounts whose retention ended.
func (m *Module) Jobs() []jobs.Job {
	return []jobs.Job{{Name: "coop.retention", Every: 24 * time.Hour, Run: m.purgeRetained}}
}

func (m *Module) purgeRetained(ctx context.Context, now time.Time) error {
	// The last day of the year three years before this one: who left by
	// then is past the period.
	cutoff := day(time.Date(now.Year()-retentionYears-1, 12, 31, 0, 0, 0, 0, time.UTC))
	_, err := m.s.DB.ExecContext(ctx, `DELETE FROM coop_members WHERE keep_until IS NOT NULL AND id IN (
		SELECT member_id FROM coop_register WHERE kind = 'leave' AND effective_on <= $1)`, cutoff)
	return db.Err(err)
}
