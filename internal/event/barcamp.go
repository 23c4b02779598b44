package event

import (
	"time"

	"teilhabe.org/teilhabe/internal/clock"
)

// A barcamp is an event of kind barcamp: its organisers define rooms and
// time slots, its registered participants propose sessions and vote for
// the ones they want to attend, and the organisers place sessions in the
// grid of rooms and slots, the schedule, which is public once published.

// Format is how a session runs.
type Format string

const (
	Talk       Format = "talk"
	Discussion Format = "discussion"
	Workshop   Format = "workshop"
)

// Formats are the formats in the order forms offer them.
var Formats = []Format{Talk, Discussion, Workshop}

// Limits of a barcamp.
const (
	defaultVotes      = 3
	maxVotes          = 20
	maxRooms          = 30
	maxSlots          = 40
	maxRoomNameLen    = 80
	maxRoomSize       = 10000
	maxSessionTitle   = 120
	maxSessionSummary = 1000
	maxCoHosts        = 3
	maxNoteLen        = 20000
)

// Room is a room of the camp; Size is how many people it holds.
type Room struct {
	ID   string
	Name string
	Size int
}

// Slot is a time slot of the camp; slots of one camp never overlap.
type Slot struct {
	ID         string
	Start, End time.Time
}

// Hours is the slot's times of day in Europe/Berlin, "10:00–11:00".
func (s Slot) Hours() string {
	return clock.Local(s.Start).Format("15:04") + "–" + clock.Local(s.End).Format("15:04")
}

// Camp is a camp's grid and settings.
type Camp struct {
	EventID   string
	VotesEach int        // how many sessions each participant may vote for
	Published *time.Time // when the schedule was published; nil: a draft
	Rooms     []Room     // largest first
	Slots     []Slot     // earliest first
}

// Session is a session proposed for a camp.
type Session struct {
	ID          string
	EventID     string
	ProposedBy  string // "" once the proposer is erased
	Title       string
	Description string
	Lang        string
	Format      Format
	Hosts       []string // user ids, the proposer first
	RoomID      string   // "" while not in the schedule
	SlotID      string
	Votes       int
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Scheduled reports whether the session has a room and a slot.
func (s *Session) Scheduled() bool { return s.RoomID != "" && s.SlotID != "" }

// HostedBy reports whether the person hosts the session.
func (s *Session) HostedBy(userID string) bool {
	for _, h := range s.Hosts {
		if h == userID {
			return true
		}
	}
	return false
}

// Proposal is what a participant fills in to propose a session.
type Proposal struct {
	Title       string
	Description string
	Lang        string
	Format      Format
	CoHosts     []string // user ids of fellow participants
}

// Placement puts a session in a cell of the grid; empty room and slot
// take it out of the schedule.
type Placement struct {
	SessionID string
	RoomID    string
	SlotID    string
}

// Note is a participant's notes or documentation on a session, in the
// Markdown subset of the blog.
type Note struct {
	ID        string
	SessionID string
	AuthorID  string
	Body      string
	CreatedAt time.Time
}

// room and slot find a room and a slot of the camp by id.
func (b *Camp) room(id string) (Room, bool) {
	for _, r := range b.Rooms {
		if r.ID == id {
			return r, true
		}
	}
	return Room{}, false
}

func (b *Camp) slot(id string) (Slot, bool) {
	for _, s := range b.Slots {
		if s.ID == id {
			return s, true
		}
	}
	return Slot{}, false
}
