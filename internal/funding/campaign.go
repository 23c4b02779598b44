package funding

import "time"

// Purpose is what supporters give for.
type Purpose string

const (
	Donation Purpose = "donation" // a gift; the organisation may issue receipts
	Shares   Purpose = "shares"   // cooperative shares: multiples of the share price, non-binding until success
	Rewards  Purpose = "rewards"  // support with thanks (Dankeschöns)
)

// Purposes in the order forms offer them.
var Purposes = []Purpose{Donation, Rewards, Shares}

// Status is where a campaign is in its life: a draft is published and
// runs until its deadline, where it succeeds or fails; its organisation may
// cancel it before.
type Status string

const (
	Draft     Status = "draft"
	Running   Status = "running"
	Succeeded Status = "succeeded"
	Failed    Status = "failed"
	Cancelled Status = "cancelled"
)

// Limits on what organisations type.
const (
	maxTitleLen       = 120
	maxStoryLen       = 20000
	maxHolderLen      = 70 // the EPC GiroCode's limit for the beneficiary's name
	maxRewards        = 20
	maxRewardTitleLen = 120
	maxMessageLen     = 500
	maxAmount         = 100_000_000_00 // a hundred million euros, in cents
	defaultMinimum    = 500
)

// Campaign is an organisation's all-or-nothing collection of money.
// Amounts are euro cents.
type Campaign struct {
	ID             string
	OrganizationID string
	CreatedBy      string // "" once the person is erased
	Title          string
	Story          string // the blog's Markdown subset
	ContentLang    string
	Purpose        Purpose
	Goal           int64
	Stretch        int64 // a second goal; 0 for none
	Minimum        int64
	SharePrice     int64 // for shares: reservations are multiples of it
	Deadline       time.Time
	Holder         string // the account's holder
	IBAN           string // compact
	BIC            string // compact, optional
	Receipts       bool   // the organisation issues donation receipts
	LedgerPublic   bool
	Status         Status
	Rewards        []Reward
	CreatedAt      time.Time
	UpdatedAt      time.Time
	PublishedAt    *time.Time
	DecidedAt      *time.Time
}

// Reward is a thank-you for supporters who give at least Amount.
type Reward struct {
	ID       string
	Title    string
	Amount   int64
	Quantity int // 0: no limit
	Taken    int // reservations holding it
}

// Left is how many of the reward are still to have; -1 for no limit.
func (r Reward) Left() int {
	if r.Quantity == 0 {
		return -1
	}
	return max(r.Quantity-r.Taken, 0)
}

// Open reports whether supporters may reserve at now.
func (c *Campaign) Open(now time.Time) bool {
	return c.Status == Running && now.Before(c.Deadline)
}

// Settled reports whether the campaign's outcome is known.
func (c *Campaign) Settled() bool {
	return c.Status == Succeeded || c.Status == Failed || c.Status == Cancelled
}

// CampaignDraft is what an organisation fills in.
type CampaignDraft struct {
	OrganizationID string
	Title          string
	Story          string
	ContentLang    string
	Purpose        Purpose
	Goal           int64
	Stretch        int64
	Minimum        int64
	SharePrice     int64
	Deadline       time.Time
	Holder         string
	IBAN           string
	BIC            string
	Receipts       bool
	LedgerPublic   bool
	Rewards        []Reward
}

func draftOf(c *Campaign) CampaignDraft {
	return CampaignDraft{
		OrganizationID: c.OrganizationID, Title: c.Title, Story: c.Story, ContentLang: c.ContentLang,
		Purpose: c.Purpose, Goal: c.Goal, Stretch: c.Stretch, Minimum: c.Minimum, SharePrice: c.SharePrice,
		Deadline: c.Deadline, Holder: c.Holder, IBAN: c.IBAN, BIC: c.BIC, Receipts: c.Receipts,
		LedgerPublic: c.LedgerPublic, Rewards: append([]Reward{}, c.Rewards...),
	}
}

// Reservation is a supporter's promise to pay if the campaign succeeds.
type Reservation struct {
	ID         string
	CampaignID string
	UserID     string // "" once the person is erased
	Amount     int64
	RewardID   string
	Anonymous  bool
	Message    string
	Reference  string // ISO 11649, compact
	Status     string // reserved, cancelled
	Paid       int64
	PaidAt     *time.Time
	CreatedAt  time.Time
	Name       string // the supporter's display name, filled for lists
}

// Match is an organisation's promise to double what supporters reserve,
// up to Cap.
type Match struct {
	ID             string
	CampaignID     string
	OrganizationID string
	CreatedBy      string
	Cap            int64
	Reference      string
	Paid           int64
	PaidAt         *time.Time
	CreatedAt      time.Time
	OrgName        string
}

// Progress is what a campaign has gathered: reserved by supporters, the
// matched part, and their sum toward the goal.
type Progress struct {
	Reserved  int64
	Matched   int64
	Total     int64
	Paid      int64
	Supporter int // reservations
	Percent   int // of the goal, at most 100
}

// sumProgress adds up reservations and matches: each match doubles what
// supporters reserved, each up to its cap.
func sumProgress(goal, reserved, paid int64, supporters int, caps []int64) Progress {
	p := Progress{Reserved: reserved, Paid: paid, Supporter: supporters}
	for _, c := range caps {
		p.Matched += min(c, reserved)
	}
	p.Total = p.Reserved + p.Matched
	if goal > 0 {
		p.Percent = int(min(100, p.Total*100/goal))
	}
	return p
}
