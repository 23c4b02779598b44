package coop

import "time"

// Format is how an assembly meets (§ 43b).
type Format string

const (
	InPerson Format = "in_person"
	Online   Format = "online"
	Hybrid   Format = "hybrid"
	Split    Format = "split" // a discussion phase, then a later voting phase
)

// Formats in their order.
var Formats = []Format{InPerson, Online, Hybrid, Split}

// AssemblyKinds are the kinds of assembly.
var AssemblyKinds = []string{"founding", "ordinary", "extraordinary"}

// Periods of § 46: the invitation at least two weeks ahead, agenda items
// at least one week ahead to be resolved.
const (
	inviteAhead = 14 * 24 * time.Hour
	itemAhead   = 7 * 24 * time.Hour
)

// Assembly is a general assembly.
type Assembly struct {
	ID         string
	CoopID     string
	Kind       string
	Format     Format
	StartsAt   time.Time
	Place      string
	OnlineURL  string
	ChairID    string
	KeeperID   string
	Status     string // convened or closed
	Invitation string // the German text as sent
	ConvenedAt time.Time
	ClosedAt   *time.Time
	Agenda     []AgendaItem
	Motions    []*Motion
}

// Started reports whether the assembly has begun at now.
func (a *Assembly) Started(now time.Time) bool { return !now.Before(a.StartsAt) }

// Open reports whether people may attend and vote at now.
func (a *Assembly) Open(now time.Time) bool { return a.Status == "convened" && a.Started(now) }

// AgendaItem is an item of the agenda.
type AgendaItem struct {
	ID          string
	Position    int
	Title       string
	AnnouncedAt time.Time
}

// Resolvable reports whether the item was announced in time to be
// resolved at an assembly starting at start (§ 46 (2)); the founding
// meeting has no members to give notice to.
func (i AgendaItem) Resolvable(a *Assembly) bool {
	return a.Kind == "founding" || !i.AnnouncedAt.After(a.StartsAt.Add(-itemAhead))
}

// Motion is a motion on an agenda item.
type Motion struct {
	ID            string
	AssemblyID    string
	AgendaID      string
	Title         string
	Body          string
	Kind          ResolutionKind
	Majority      Majority
	QuorumPercent int
	Secret        bool
	SubjectID     string // whose discharge it is; "" otherwise
	Status        string // open or closed
	Yes, No       int
	Abstain       int
	Present       int
	Members       int
	QuorumMet     bool
	Adopted       bool
	Capped        bool
	CreatedAt     time.Time
	ClosedAt      *time.Time
}

// Closed reports whether the motion was counted; its result shows only
// then.
func (mo *Motion) Closed() bool { return mo.Status == "closed" }

// Proxy is a proxy one member gave another for an assembly.
type Proxy struct {
	ID          string
	PrincipalID string
	HolderID    string
	Principal   string // names, for pages
	Holder      string
	GivenAt     time.Time
}

// Attendee is a member present at an assembly.
type Attendee struct {
	MemberID string
	Name     string
	How      string
	Votes    int // votes held: own and as a proxy holder
}
