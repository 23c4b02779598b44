package coop

import (
	"context"
	"regexp"
	"strings"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/text"
)

// Limits on what boards type.
const (
	maxPurposeLen  = 5000
	maxShortLen    = 200
	maxSharePrice  = 100_000_00 // 100,000 €
	maxSharesLimit = 100_000
	maxNoticeYears = 5 // § 65 (2): at most five years
)

var countryCode = regexp.MustCompile(`^[A-Z]{2}$`)

// Draft is what the board fills in for the profile.
type Draft struct {
	Stage          Stage
	Purpose        string
	HowToJoin      string
	RegisterCourt  string
	RegisterNumber string
	Country        string
	ParentID       string
	Statutes
}

func draftOf(c *Coop) Draft {
	d := Draft{Stage: c.Stage, Purpose: c.Purpose, HowToJoin: c.HowToJoin, RegisterCourt: c.RegisterCourt,
		RegisterNumber: c.RegisterNumber, Country: c.Country, ParentID: c.ParentID, Statutes: c.Statutes}
	d.Rules = append([]Rule{}, c.Rules...)
	return d
}

// defaultDraft is a new profile as the law stands without statutes saying
// more: text form, one vote each, three months' notice, the calendar year.
func defaultDraft() Draft {
	return Draft{Stage: Founding, Country: "DE", Statutes: Statutes{SharePriceCents: 100_00, SharesRequired: 1,
		MaxShares: 10, InvestingVote: true, MultipleVotes: 1, NoticeMonths: 3, YearStartMonth: 1,
		MinPaymentCents: 10_00, TextForm: true}}
}

func (d *Draft) normalize() {
	d.Purpose = text.MultiLine(d.Purpose)
	d.HowToJoin = text.MultiLine(d.HowToJoin)
	d.RegisterCourt = text.OneLine(d.RegisterCourt)
	d.RegisterNumber = text.OneLine(d.RegisterNumber)
	d.Country = strings.ToUpper(strings.TrimSpace(d.Country))
	d.ParentID = strings.ToLower(strings.TrimSpace(d.ParentID))
	d.AuditingAssociation = text.OneLine(d.AuditingAssociation)
	if !d.InvestingMembers {
		d.InvestingVote = true
	}
	if d.Stage != Registered {
		d.RegisterCourt, d.RegisterNumber = "", ""
	}
}

// Validate checks a normalized draft: the statutes' numbers within what
// the law allows.
func (d *Draft) Validate() error {
	f := apperr.Fields{}
	if !validStage(d.Stage) {
		f.Add("stage", "form.invalid_choice")
	}
	check.Text(f, "purpose", d.Purpose, maxPurposeLen, false)
	check.Text(f, "how_to_join", d.HowToJoin, maxPurposeLen, false)
	check.Text(f, "register_court", d.RegisterCourt, maxShortLen, d.Stage == Registered)
	check.Text(f, "register_number", d.RegisterNumber, maxShortLen, d.Stage == Registered)
	check.Text(f, "auditing_association", d.AuditingAssociation, maxShortLen, false)
	if !countryCode.MatchString(d.Country) {
		f.Add("country", "coop.field.country_invalid")
	}
	if d.SharePriceCents < 1 || d.SharePriceCents > maxSharePrice {
		f.Add("share_price", "coop.field.share_price_range")
	}
	if d.SharesRequired < 1 || d.SharesRequired > maxSharesLimit {
		f.Add("shares_required", "coop.field.count_range")
	}
	if d.MaxShares < d.SharesRequired || d.MaxShares > maxSharesLimit {
		f.Add("max_shares", "coop.field.max_shares_range")
	}
	if d.MultipleVotes < 1 || d.MultipleVotes > 3 {
		f.Add("multiple_votes", "coop.field.multiple_votes_range")
	}
	if d.NoticeMonths < 0 || d.NoticeMonths > 12*maxNoticeYears {
		f.Add("notice_months", "coop.field.notice_range")
	}
	if d.YearStartMonth < 1 || d.YearStartMonth > 12 {
		f.Add("year_start_month", "form.invalid_choice")
	}
	if d.MinPaymentCents < 0 || d.MinPaymentCents > d.SharePriceCents {
		f.Add("min_payment", "coop.field.min_payment_range")
	}
	for _, r := range d.Rules {
		name := "rule_" + string(r.Kind)
		switch {
		case !validKind(r.Kind) || !validMajority(r.Majority):
			f.Add(name, "form.invalid_choice")
		case !r.Majority.atLeast(r.Kind.legalMajority()):
			f.Add(name, "coop.field.rule_below_law")
		case r.QuorumPercent < 0 || r.QuorumPercent > 100:
			f.Add(name, "coop.field.quorum_range")
		}
	}
	return f.Err()
}

func validStage(s Stage) bool {
	for _, x := range Stages {
		if s == x {
			return true
		}
	}
	return false
}

func validKind(k ResolutionKind) bool {
	for _, x := range ResolutionKinds {
		if k == x {
			return true
		}
	}
	return false
}

func validMajority(m Majority) bool {
	for _, x := range Majorities {
		if m == x {
			return true
		}
	}
	return false
}

// Standing is what a person is in a cooperative today.
type Standing struct {
	MemberID    string // "" when the person was never recorded as a member
	Member      bool   // a member today: joined and not left
	Board       bool   // holds a board office today, or owns the organisation while no board is recorded
	Supervisory bool   // holds a supervisory board office today
	Owner       bool   // owns the organisation
}

// SeesList reports whether the person may inspect the member list:
// every member (§ 31 (1)), the board and the supervisory board.
func (s Standing) SeesList() bool { return s.Member || s.Board || s.Supervisory }

// standingIn reads what the person is in the cooperative today.
func (m *Module) standingIn(ctx context.Context, c *Coop, id *auth.Identity) (Standing, error) {
	var s Standing
	if id == nil {
		return s, nil
	}
	org, err := m.orgs.StandingOf(ctx, c.ID, id.UserID)
	if err != nil {
		return s, err
	}
	s.Owner = org.Role == organization.Owner
	today := day(m.today())
	st, err := personStanding(ctx, m.s.DB, c.ID, id.UserID, today)
	if err != nil {
		return s, err
	}
	s.MemberID, s.Member, s.Board, s.Supervisory = st.MemberID, st.Member, st.Board, st.Supervisory
	if !s.Board && s.Owner && !st.BoardRecorded {
		s.Board = true
	}
	return s, nil
}
