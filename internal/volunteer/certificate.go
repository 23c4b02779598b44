package volunteer

import (
	"context"
	"crypto/rand"
	"database/sql"
	"slices"
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

// Certificates of volunteer work (Engagementnachweis): a volunteer asks an
// organisation for one over a period; one of its owners or editors
// confirms it with their role and perhaps a personal sentence; what it
// says is fixed then, with a verification code anyone can check.

// CertificateStatus is where a certificate stands.
type CertificateStatus string

const (
	Requested CertificateStatus = "requested"
	Confirmed CertificateStatus = "confirmed"
	Revoked   CertificateStatus = "revoked"
)

// Certificate is a certificate of volunteer work.
type Certificate struct {
	ID             string
	OrganizationID string
	UserID         string // "" once the holder's account is gone
	Status         CertificateStatus
	From, To       time.Time // days, To inclusive
	HolderName     string    // as confirmed (the name, or its Latin spelling)
	OrgName        string
	Activities     []string
	Minutes        int
	Note           string
	ConfirmerName  string
	ConfirmerRole  string
	Code           string
	RequestedAt    time.Time
	ConfirmedAt    *time.Time
	RevokedAt      *time.Time
	RequesterName  string // the holder's name now, for the organisation's list of requests
}

// Limits of a certificate.
const (
	maxNoteLen     = 600
	maxRoleLen     = 80
	maxPeriodYears = 10
)

const certColumns = `id, organization_id, user_id, status, period_from, period_to, holder_name, org_name, activities,
minutes, note, confirmer_name, confirmer_role, code, requested_at, confirmed_at, revoked_at`

func scanCert(s db.Scanner) (*Certificate, error) {
	var c Certificate
	var userID, code sql.NullString
	var status, activities string
	var confirmed, revoked sql.NullTime
	err := s.Scan(&c.ID, &c.OrganizationID, &userID, &status, &c.From, &c.To, &c.HolderName, &c.OrgName, &activities,
		&c.Minutes, &c.Note, &c.ConfirmerName, &c.ConfirmerRole, &code, &c.RequestedAt, &confirmed, &revoked)
	c.UserID, c.Code, c.Status = userID.String, code.String, CertificateStatus(status)
	if activities != "" {
		c.Activities = strings.Split(activities, "\n")
	}
	c.From, c.To = clock.DayOf(c.From), clock.DayOf(c.To)
	c.RequestedAt, c.ConfirmedAt, c.RevokedAt = c.RequestedAt.UTC(), db.TimePtr(confirmed), db.TimePtr(revoked)
	return &c, err
}

func getCert(ctx context.Context, q db.Querier, id string) (*Certificate, error) {
	if !ids.Valid(id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	c, err := scanCert(q.QueryRowContext(ctx, `SELECT `+certColumns+` FROM volunteer_certificates WHERE id = $1`,
		strings.ToLower(id)))
	return c, db.Err(err)
}

// RequestCertificate asks the organisation for a certificate of the
// person's work from one day to another (inclusive).
func (m *Module) RequestCertificate(ctx context.Context, actor *auth.Identity, orgID string, from, to time.Time) (*Certificate, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	orgID = strings.ToLower(strings.TrimSpace(orgID))
	f := apperr.Fields{}
	if orgID == "" {
		f.Add("organization_id", "form.required")
	} else if !m.knows(ctx, orgID, actor.UserID) {
		f.Add("organization_id", "volunteer.hours.not_volunteer")
	}
	now := clock.DayOf(m.s.Clock.Now())
	switch {
	case from.IsZero():
		f.Add("from", "form.required")
	case to.IsZero():
		f.Add("to", "form.required")
	case to.Before(from):
		f.Add("to", "volunteer.certificate.to_before_from")
	case to.After(now):
		f.Add("to", "volunteer.hours.future")
	case from.Before(now.AddDate(-maxPeriodYears, 0, 0)):
		f.Add("from", "volunteer.certificate.too_long_ago")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	c := &Certificate{ID: ids.New(), OrganizationID: orgID, UserID: actor.UserID, Status: Requested,
		From: clock.DayOf(from), To: clock.DayOf(to), RequestedAt: m.s.Clock.Now()}
	_, err := m.s.DB.ExecContext(ctx, `INSERT INTO volunteer_certificates
(id, organization_id, user_id, status, period_from, period_to, requested_at) VALUES ($1, $2, $3, 'requested', $4, $5, $6)`,
		c.ID, c.OrganizationID, c.UserID, c.From.UTC(), c.To.UTC(), c.RequestedAt)
	return c, db.Err(err)
}

// Confirmation is what the confirming person adds.
type Confirmation struct {
	Role string // their role in the organisation, printed beside their name
	Note string // a personal sentence, optional
}

// ConfirmCertificate fixes what the certificate says: the holder's name
// (its Latin spelling from the profile where the name is in Arabic
// script, which the PDF cannot shape), the organisation, the activities
// and hours of the period that count, the confirming person and role; and
// gives it a verification code. For the organisation's planners.
func (m *Module) ConfirmCertificate(ctx context.Context, actor *auth.Identity, certID string, in Confirmation) (*Certificate, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	in.Role, in.Note = text.OneLine(in.Role), text.MultiLine(in.Note)
	c, err := m.managedCert(ctx, actor, certID)
	if err != nil {
		return nil, err
	}
	if c.Status != Requested {
		return nil, apperr.New(apperr.Conflict, "volunteer.certificate.not_requested")
	}
	f := apperr.Fields{}
	check.Text(f, "role", in.Role, maxRoleLen, true)
	check.Text(f, "note", in.Note, maxNoteLen, false)
	if err := f.Err(); err != nil {
		return nil, err
	}
	entries, err := m.hours(ctx, HoursFilter{UserID: c.UserID, OrganizationID: c.OrganizationID, From: c.From,
		To: c.To.AddDate(0, 0, 1)})
	if err != nil {
		return nil, err
	}
	c.Minutes, c.Activities = 0, nil
	for _, h := range entries {
		if !h.Counts() {
			continue
		}
		c.Minutes += h.Minutes
		if !slices.Contains(c.Activities, h.Activity) {
			c.Activities = append(c.Activities, h.Activity)
		}
	}
	if c.Minutes == 0 {
		return nil, apperr.New(apperr.Conflict, "volunteer.certificate.no_hours")
	}
	names, err := m.names(ctx, []string{c.UserID, actor.UserID})
	if err != nil {
		return nil, err
	}
	c.HolderName = names[c.UserID]
	if needsLatin(c.HolderName) {
		if p, err := loadProfile(ctx, m.s.DB, c.UserID); err == nil && p.LatinName != "" {
			c.HolderName = p.LatinName
		}
	}
	o, err := m.orgs.Get(ctx, c.OrganizationID)
	if err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	c.OrgName, c.ConfirmerName, c.ConfirmerRole, c.Note = o.Name, names[actor.UserID], in.Role, in.Note
	c.Code, c.Status, c.ConfirmedAt = newCode(), Confirmed, &now
	_, err = m.s.DB.ExecContext(ctx, `UPDATE volunteer_certificates SET status = 'confirmed', holder_name = $2,
org_name = $3, activities = $4, minutes = $5, note = $6, confirmer_name = $7, confirmer_role = $8, code = $9,
confirmed_at = $10 WHERE id = $1 AND status = 'requested'`, c.ID, c.HolderName, c.OrgName,
		strings.Join(c.Activities, "\n"), c.Minutes, c.Note, c.ConfirmerName, c.ConfirmerRole, c.Code, now)
	return c, db.Err(err)
}

// RevokeCertificate withdraws a confirmed certificate: its verification
// page says so from then on.
func (m *Module) RevokeCertificate(ctx context.Context, actor *auth.Identity, certID string) (*Certificate, error) {
	c, err := m.managedCert(ctx, actor, certID)
	if err != nil {
		return nil, err
	}
	if c.Status != Confirmed {
		return nil, apperr.New(apperr.Conflict, "volunteer.certificate.not_confirmed")
	}
	now := m.s.Clock.Now()
	c.Status, c.RevokedAt = Revoked, &now
	_, err = m.s.DB.ExecContext(ctx, `UPDATE volunteer_certificates SET status = 'revoked', revoked_at = $2 WHERE id = $1`,
		c.ID, now)
	return c, db.Err(err)
}

// managedCert is a certificate the person plans for; NotFound otherwise.
func (m *Module) managedCert(ctx context.Context, actor *auth.Identity, certID string) (*Certificate, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	c, err := getCert(ctx, m.s.DB, certID)
	if err != nil {
		return nil, err
	}
	if !m.mayPlan(ctx, c.OrganizationID, actor) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return c, nil
}

// Certificate is a certificate for its holder and the organisation's
// planners; NotFound for anybody else.
func (m *Module) Certificate(ctx context.Context, actor *auth.Identity, certID string) (*Certificate, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	c, err := getCert(ctx, m.s.DB, certID)
	if err != nil {
		return nil, err
	}
	if c.UserID != actor.UserID && !m.mayPlan(ctx, c.OrganizationID, actor) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return c, nil
}

// MyCertificates lists the person's certificates, newest first.
func (m *Module) MyCertificates(ctx context.Context, actor *auth.Identity) ([]*Certificate, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	rows, err := m.s.DB.QueryContext(ctx, `SELECT `+certColumns+` FROM volunteer_certificates WHERE user_id = $1
ORDER BY requested_at DESC, id`, actor.UserID)
	return db.Collect(rows, err, scanCert)
}

// OrgCertificates lists the organisation's certificates, requests first,
// for its planners, with the requesters' names.
func (m *Module) OrgCertificates(ctx context.Context, actor *auth.Identity, orgID string) ([]*Certificate, error) {
	if err := m.planRoster(ctx, actor, orgID); err != nil {
		return nil, err
	}
	rows, err := m.s.DB.QueryContext(ctx, `SELECT `+certColumns+` FROM volunteer_certificates WHERE organization_id = $1
ORDER BY CASE status WHEN 'requested' THEN 0 ELSE 1 END, requested_at DESC, id`, orgID)
	certs, err := db.Collect(rows, err, scanCert)
	if err != nil || len(certs) == 0 {
		return certs, err
	}
	var userIDs []string
	for _, c := range certs {
		if c.UserID != "" {
			userIDs = append(userIDs, c.UserID)
		}
	}
	names, err := m.names(ctx, userIDs)
	if err != nil {
		return nil, err
	}
	for _, c := range certs {
		c.RequesterName = names[c.UserID]
	}
	return certs, nil
}

// Verify returns the confirmed or revoked certificate of a verification
// code, for anyone; NotFound for a code no certificate has.
func (m *Module) Verify(ctx context.Context, code string) (*Certificate, error) {
	code = normalizeCode(code)
	if len(code) != codeLen {
		return nil, apperr.New(apperr.NotFound, "volunteer.certificate.unknown_code")
	}
	c, err := scanCert(m.s.DB.QueryRowContext(ctx, `SELECT `+certColumns+` FROM volunteer_certificates
WHERE code = $1 AND status <> 'requested'`, code))
	if err != nil {
		if apperr.Is(db.Err(err), apperr.NotFound) {
			return nil, apperr.New(apperr.NotFound, "volunteer.certificate.unknown_code")
		}
		return nil, db.Err(err)
	}
	return c, nil
}

// codeAlphabet has no letters or digits that are easily mistaken (0/O,
// 1/I/L), so a code typed from paper is right.
const (
	codeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
	codeLen      = 12
)

// newCode is a random verification code, 12 characters (about 59 bits).
func newCode() string {
	b := make([]byte, codeLen)
	rand.Read(b)
	for i := range b {
		b[i] = codeAlphabet[int(b[i])%len(codeAlphabet)]
	}
	return string(b)
}

// normalizeCode reads a code as typed: any case, with or without dashes
// and spaces.
func normalizeCode(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '-' || r == ' ':
			return -1
		case r >= 'a' && r <= 'z':
			return r - 'a' + 'A'
		}
		return r
	}, s)
}

// FormatCode groups a code in fours for print: "ABCD-EFGH-JKMN".
func FormatCode(code string) string {
	var parts []string
	for i := 0; i < len(code); i += 4 {
		parts = append(parts, code[i:min(i+4, len(code))])
	}
	return strings.Join(parts, "-")
}

// needsLatin reports whether a name is in Arabic script, which the PDF
// cannot shape.
func needsLatin(name string) bool {
	for _, r := range name {
		if (r >= 0x0600 && r <= 0x06FF) || (r >= 0x0750 && r <= 0x077F) || (r >= 0xFB50 && r <= 0xFDFF) ||
			(r >= 0xFE70 && r <= 0xFEFF) {
			return true
		}
	}
	return false
}
