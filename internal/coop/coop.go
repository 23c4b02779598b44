package coop

import (
	"slices"
	"time"
)

// Stage is how far a cooperative has come.
type Stage string

const (
	Idea       Stage = "idea"       // an idea, no founding group yet
	Founding   Stage = "founding"   // a founding group works towards the founding meeting
	Founded    Stage = "founded"    // founded, not yet in the register (eG i. G.)
	Registered Stage = "registered" // entered in the register of cooperatives
)

// Stages in their order.
var Stages = []Stage{Idea, Founding, Founded, Registered}

// Majority is the share of the votes cast a resolution needs.
type Majority string

const (
	Simple        Majority = "simple"
	TwoThirds     Majority = "two_thirds"
	ThreeQuarters Majority = "three_quarters"
)

// Majorities in their order.
var Majorities = []Majority{Simple, TwoThirds, ThreeQuarters}

// atLeast reports whether m asks at least as much as min.
func (m Majority) atLeast(min Majority) bool {
	return slices.Index(Majorities, m) >= slices.Index(Majorities, min)
}

// ResolutionKind is what a resolution of the general assembly is about;
// the statutes set majority and quorum per kind.
type ResolutionKind string

const (
	Ordinary       ResolutionKind = "ordinary"        // everything else: simple majority by law
	AnnualAccounts ResolutionKind = "annual_accounts" // adopting the annual accounts and the use of profit
	Discharge      ResolutionKind = "discharge"       // discharge of a board or supervisory board member
	Election       ResolutionKind = "election"        // electing board or supervisory board members
	StatutesChange ResolutionKind = "statutes"        // changing the statutes: three quarters by law (§ 16)
	MultipleVotes  ResolutionKind = "multiple_votes"  // restricting or abolishing multiple votes (§ 43 (3))
	Dissolution    ResolutionKind = "dissolution"     // dissolving the cooperative: three quarters by law (§ 78)
)

// ResolutionKinds in the order forms offer them.
var ResolutionKinds = []ResolutionKind{Ordinary, AnnualAccounts, Discharge, Election, StatutesChange, MultipleVotes, Dissolution}

// legalMajority is the least majority the law asks for a kind; the
// statutes may ask more, never less.
func (k ResolutionKind) legalMajority() Majority {
	switch k {
	case StatutesChange, Dissolution:
		return ThreeQuarters
	}
	return Simple
}

// singleVote reports whether every member has one vote whatever the
// statutes grant: resolutions the law binds to three quarters and those
// on multiple votes themselves (§ 43 (3) Satz 3 Nr. 3).
func (k ResolutionKind) singleVote() bool {
	return k.legalMajority() == ThreeQuarters || k == MultipleVotes
}

// Rule is the statutes' majority and quorum for a kind of resolution.
type Rule struct {
	Kind          ResolutionKind
	Majority      Majority
	QuorumPercent int // of the members, present or represented; 0: none
}

// Statutes are the data of the statutes the platform's rules read.
type Statutes struct {
	SharePriceCents      int64 // the price of one share
	SharesRequired       int   // shares required for membership
	MaxShares            int   // the most shares one member may hold
	InvestingMembers     bool  // whether investing members (§ 8 (2)) are admitted
	InvestingVote        bool  // whether investing members vote (unless the statutes exclude it)
	MultipleVotes        int   // the most votes one member may hold (1 to 3, § 43 (3))
	NoticeMonths         int   // the notice period for leaving, in months (§ 65)
	YearStartMonth       int   // the month the financial year starts (1: the calendar year)
	FurtherContributions bool  // Nachschusspflicht in an insolvency (§ 6 Nr. 3)
	MinPaymentCents      int64 // the minimum payment on each share (§ 7 Nr. 1)
	TextForm             bool  // declarations and proxies in text form (else in writing)
	AuditingAssociation  string
	Rules                []Rule
}

// Coop is a cooperative profile; ID is its organisation's id.
type Coop struct {
	ID             string
	Name           string // the organisation's name
	Stage          Stage
	Purpose        string // what it does, public
	HowToJoin      string // public
	RegisterCourt  string
	RegisterNumber string
	Country        string // ISO 3166-1 alpha-2
	ParentID       string // "" unless it is a subsidiary
	Statutes
	CreatedAt, UpdatedAt time.Time
}

// RuleFor returns the statutes' rule for a kind of resolution, at least
// the majority the law asks.
func (c *Coop) RuleFor(k ResolutionKind) Rule {
	r := Rule{Kind: k, Majority: k.legalMajority()}
	for _, x := range c.Rules {
		if x.Kind == k {
			r = x
		}
	}
	if !r.Majority.atLeast(k.legalMajority()) {
		r.Majority = k.legalMajority()
	}
	return r
}

// YearEnd is the last day of the financial year that holds day.
func (c *Coop) YearEnd(day time.Time) time.Time {
	start := c.YearStartMonth
	if start < 1 || start > 12 {
		start = 1
	}
	y := day.Year()
	if int(day.Month()) >= start {
		y++
	}
	// the day before the next year's start
	return time.Date(y, time.Month(start), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
}

// LeavingDay is when a notice given on day takes effect: the end of the
// first financial year that ends at least the notice period later (§ 65).
func (c *Coop) LeavingDay(day time.Time) time.Time {
	earliest := day.AddDate(0, c.NoticeMonths, 0)
	end := c.YearEnd(day)
	for end.Before(earliest) {
		end = c.YearEnd(end.AddDate(0, 0, 1))
	}
	return end
}
