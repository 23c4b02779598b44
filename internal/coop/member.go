package coop

import "time"

// LeaveReason is why a membership ends.
type LeaveReason string

const (
	Notice    LeaveReason = "notice"    // the member gave notice (§ 65)
	Exclusion LeaveReason = "exclusion" // excluded by resolution (§ 68)
	Death     LeaveReason = "death"     // died (§ 77)
	Transfer  LeaveReason = "transfer"  // transferred all paid-up capital (§ 76)
)

// Member is a member as the board recorded them, with what the register
// says today.
type Member struct {
	ID        string
	CoopID    string
	UserID    string // "" for a member without a platform account
	Kind      string // person or organization
	Investing bool
	Votes     int // votes granted under the statutes (1 to 3)
	Lang      string
	Name      string // as the register says today
}

// Entry is one line of the member list (§ 30) as of a day.
type Entry struct {
	Number    int // in the order of joining
	MemberID  string
	Name      string
	Address   string
	Shares    int
	Investing bool
	JoinedOn  time.Time
	LeftOn    *time.Time // the day the membership ends, once it has by the list's day
	Reason    LeaveReason
	Note      string
	UserID    string `json:"-"`
}

// Application is a declaration to join (§ 15) waiting for the board.
type Application struct {
	ID          string
	CoopID      string
	UserID      string
	Name        string
	Address     string
	Shares      int
	Investing   bool
	Lang        string
	Declaration string // the German text the applicant declared
	DeclaredAt  time.Time
}

// ShareEntry is one line of the share journal.
type ShareEntry struct {
	ID          string
	MemberID    string
	MemberName  string
	Kind        string // subscribe, payment, transfer_out, transfer_in, payout
	Shares      int
	Cents       int64
	BookedOn    time.Time
	Counterpart string // member id of a transfer's other side
	Note        string
	RecordedAt  time.Time
}

// Office is a board or supervisory board office.
type Office struct {
	ID       string
	MemberID string
	Name     string
	Office   string // board or supervisory
	Since    time.Time
	Until    *time.Time
}
