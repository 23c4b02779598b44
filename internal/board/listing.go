package board

import (
	"time"

	"teilhabe.org/teilhabe/internal/taxonomy"
)

// Kind says whether a listing offers or asks for something.
type Kind string

const (
	Offer   Kind = "offer"
	Request Kind = "request"
)

// Visibility says who may see a listing: anybody, logged-in members, or
// verified organisations and coordinators only (for sensitive needs).
type Visibility string

const (
	Public   Visibility = "public"
	Members  Visibility = "members"
	Verified Visibility = "verified"
)

// Status is where a listing is in its life.
type Status string

const (
	Open      Status = "open"
	Fulfilled Status = "fulfilled"
	Withdrawn Status = "withdrawn"
	Expired   Status = "expired"
)

// WhenKind says what kind of time a listing names.
type WhenKind string

const (
	WhenNone      WhenKind = "none"
	WhenDate      WhenKind = "date"
	WhenRange     WhenKind = "range"
	WhenRegularly WhenKind = "regularly"
)

// When is the time a listing is about: a day, a range of days, or
// "regularly".
type When struct {
	Kind     WhenKind
	From, To *time.Time // days at midnight UTC
}

// Lifetimes of a listing.
const (
	DefaultLifetimeDays = 30
	MaxLifetimeDays     = 90
	ReminderBefore      = 3 * 24 * time.Hour
)

// Limits on what people type.
const (
	maxTitleLen       = 120
	maxDescriptionLen = 4000
	maxQuantity       = 10000
	maxLanguages      = 12
)

// Listing is an offer or a request on the board. Lat/Lon are the centroid
// of the postcode, never a person's address; distances shown to others are
// rounded to whole kilometres.
type Listing struct {
	ID             string
	Kind           Kind
	Category       string
	Title          string
	Description    string
	ContentLang    string
	Languages      []string // languages the poster speaks
	Postcode       string
	Place          string
	Lat, Lon       *float64
	When           When
	Quantity       *int
	Visibility     Visibility
	OrganizationID string // "" for a person's own listing
	OrgKind        string // the organisation's kind when posted, for filters
	PosterID       string
	ShowName       bool // the poster chose to be named in full to everybody (see posterName)
	Status         Status
	Hidden         bool // hidden by a coordinator
	Held           bool // waiting for a coordinator's approval
	CreatedAt      time.Time
	UpdatedAt      time.Time
	ExpiresAt      time.Time
	RemindedAt     *time.Time
	ClosedAt       *time.Time
}

// Opportunity is a request on behalf of an organisation: a place to
// volunteer, as the search engine calls it.
func (l *Listing) Opportunity() bool { return l.Kind == Request && l.OrganizationID != "" }

// Live reports whether the listing shows in public lists and search.
func (l *Listing) Live(now time.Time) bool {
	return l.Status == Open && !l.Hidden && !l.Held && now.Before(l.ExpiresAt)
}

// Draft is what a poster fills in; Validate checks it.
type Draft struct {
	Kind           Kind
	Category       string
	Title          string
	Description    string
	ContentLang    string
	Languages      []string
	Postcode       string
	Place          string
	When           When
	Quantity       *int
	Visibility     Visibility
	OrganizationID string
	ShowName       bool
	LifetimeDays   int // 0 means DefaultLifetimeDays
}

// QuantityMessage is the message id that shows the quantity in the unit
// of the listing's category: pieces of furniture, people for a moving day,
// hours of tutoring.
func (l *Listing) QuantityMessage() string {
	return "board.quantity." + string(taxonomy.Default().UnitOf(l.Category))
}
