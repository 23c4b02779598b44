package event

import (
	"io"
	"time"

	"teilhabe.org/teilhabe/internal/clock"
)

// Kind is what sort of gathering an event is.
type Kind string

const (
	InfoEvent    Kind = "info_event"
	LanguageCafe Kind = "language_cafe"
	Course       Kind = "course"
	Meeting      Kind = "meeting"
	VolunteerDay Kind = "volunteer_day"
	Barcamp      Kind = "barcamp"
	Other        Kind = "other"
)

// Kinds are the kinds in the order forms and filters offer them.
var Kinds = []Kind{InfoEvent, LanguageCafe, Course, Meeting, VolunteerDay, Barcamp, Other}

// Status is whether an event takes place as announced.
type Status string

const (
	Scheduled Status = "scheduled"
	Cancelled Status = "cancelled"
	Moved     Status = "moved" // its time changed after it was announced
)

// PlaceKind says where an event takes place: at an address or online.
type PlaceKind string

const (
	AtAddress PlaceKind = "address"
	Online    PlaceKind = "online"
)

// Limits on what organisers type.
const (
	maxTitleLen         = 120
	maxDescriptionLen   = 5000
	maxStreetLen        = 120
	maxPlaceLen         = 80
	maxURLLen           = 300 // what check.URL accepts
	maxAccessibilityLen = 1000
	maxCostLen          = 120
	maxLanguages        = 12
	maxCapacity         = 100000
	// maxSpan is the longest an event lasts; longer things are series.
	maxSpan = 31 * 24 * time.Hour
)

// Event is a gathering an organisation holds. Start and End are UTC; an
// all-day event runs from the first moment of its first day to the last
// second of its last day in Europe/Berlin (clock.StartOfDay, EndOfDay).
type Event struct {
	ID             string
	OrganizationID string
	CreatedBy      string // "" once the person who created it is erased
	Title          string
	Description    string
	Kind           Kind
	Category       string // a taxonomy id; "" for none
	Status         Status
	Start, End     time.Time
	AllDay         bool
	PlaceKind      PlaceKind
	Street         string
	Postcode       string
	Place          string
	Lat, Lon       *float64 // the postcode's or place's centre
	Municipality   string   // the key (AGS) of the directory's municipality of the place; "" for none
	OnlineURL      string   // only for its organisers (and later its participants)
	ContentLang    string   // the language of title and description
	Languages      []string // the languages spoken there
	Accessibility  string
	Cost           string // "" means free
	Capacity       int    // 0: no limit
	Registration   bool   // people register before they come
	RegOpens       *time.Time
	RegCloses      *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
	CancelledAt    *time.Time
	Image          *Image // nil without a picture
	Repeat         Repeat // how it repeats; the zero value for a one-off
	// Date names one date of the event (its day by the rule, YYYY-MM-DD)
	// when the value is that date (Dates); "" for the event as a whole.
	Date string
}

// Free reports whether the event costs nothing.
func (e *Event) Free() bool { return e.Cost == "" }

// Upcoming reports whether the event has not ended at now.
func (e *Event) Upcoming(now time.Time) bool { return !e.End.Before(now) }

// Draft is what an organiser fills in; normalize and Validate check it.
type Draft struct {
	OrganizationID string
	Title          string
	Description    string
	Kind           Kind
	Category       string
	Start, End     time.Time
	AllDay         bool
	PlaceKind      PlaceKind
	Street         string
	Postcode       string
	Place          string
	OnlineURL      string
	ContentLang    string
	Languages      []string
	Accessibility  string
	Cost           string
	Capacity       int
	Registration   bool
	RegOpens       *time.Time
	RegCloses      *time.Time
	Repeat         Repeat
	LocationID     string    // one of the organisation's directory locations: its address is the place
	ImageAlt       string    // stands for the picture where it cannot be seen
	Image          io.Reader // a new picture to store; nil keeps the one there
	RemoveImage    bool      // takes the picture away
}

// draftOf is what the edit form and a partial change start with.
func draftOf(e *Event) Draft {
	return Draft{
		OrganizationID: e.OrganizationID, Title: e.Title, Description: e.Description, Kind: e.Kind,
		Category: e.Category, Start: e.Start, End: e.End, AllDay: e.AllDay, PlaceKind: e.PlaceKind, Street: e.Street,
		Postcode: e.Postcode, Place: e.Place, OnlineURL: e.OnlineURL, ContentLang: e.ContentLang,
		Languages: append([]string{}, e.Languages...), Accessibility: e.Accessibility, Cost: e.Cost,
		Capacity: e.Capacity, Registration: e.Registration, RegOpens: e.RegOpens, RegCloses: e.RegCloses,
		Repeat: e.Repeat, ImageAlt: imageAlt(e.Image),
	}
}

func imageAlt(i *Image) string {
	if i == nil {
		return ""
	}
	return i.Alt
}

// From and To are the event's span as pages show it: days for an all-day
// event, moments otherwise.
func (e *Event) From() time.Time {
	if e.AllDay {
		return clock.DayOf(e.Start)
	}
	return e.Start
}

func (e *Event) To() time.Time {
	if e.AllDay {
		return clock.DayOf(e.End)
	}
	return e.End
}
