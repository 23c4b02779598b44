package volunteer

import (
	"time"
)

// Shift is a block of time an organisation needs helpers for, with slots
// for its tasks. Start and End are UTC.
type Shift struct {
	ID             string
	OrganizationID string
	SeriesID       string // shared by the shifts of one weekly template
	CreatedBy      string // "" once the account is gone
	Title          string
	Place          string
	Start, End     time.Time
	Public         bool // false: seen by the organisation's managers and its roster only
	CreatedAt      time.Time
	UpdatedAt      time.Time
	Slots          []*Slot
}

// Slot is a task of a shift and how many helpers it needs.
type Slot struct {
	ID            string
	ShiftID       string
	Position      int
	Task          string
	Needed        int
	Languages     []string
	CheckRequired bool // only volunteers with a valid background check may take it
	Taken         int  // places held now
	Helpers       []Helper
}

// Free is how many helpers the slot still needs.
func (s *Slot) Free() int { return max(s.Needed-s.Taken, 0) }

// Helper is a person holding a place in a slot.
type Helper struct {
	ID       string
	SlotID   string
	UserID   string
	Name     string // filled for those who may see it
	ShowName bool   // the helper lets other helpers and visitors see the name
	NoShow   bool
	TakenAt  time.Time
}

// Needed is how many helpers all slots need together.
func (s *Shift) Needed() int {
	n := 0
	for _, sl := range s.Slots {
		n += sl.Needed
	}
	return n
}

// Hours is the shift's length in hours.
func (s *Shift) Hours() float64 { return s.End.Sub(s.Start).Hours() }

// Draft is what a manager fills in to plan a shift, or a weekly series of
// shifts from Start until RepeatUntil (a day in Europe/Berlin).
type Draft struct {
	OrganizationID string
	Title          string
	Place          string
	Start, End     time.Time
	Public         bool
	RepeatUntil    *time.Time // nil: a single shift
	Slots          []SlotDraft
}

// SlotDraft is a slot as planned.
type SlotDraft struct {
	Task          string
	Needed        int
	Languages     []string
	CheckRequired bool
	row           int // the form's row from 1, which its field errors name; 0: its place in the list
}

// Limits of what a shift plan holds.
const (
	maxTitleLen  = 120
	maxPlaceLen  = 200
	maxTaskLen   = 120
	maxSlots     = 12
	maxNeeded    = 500
	maxLanguages = 12
	maxSpan      = 24 * time.Hour
	maxWeeks     = 53 // a weekly template covers at most a year
	maxReasonLen = 500
)

// lateLeave is how close to its start leaving a slot needs a reason, which
// the organisation is told.
const lateLeave = 24 * time.Hour
