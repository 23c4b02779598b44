package event

import (
	"cmp"
	"slices"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/text"
)

// The barcamp's rules in one place: what a room, a slot and a proposal
// must be, how the schedule is proposed and when a placement clashes.

// checkRoom cleans and checks a room for the camp b.
func checkRoom(b *Camp, r *Room) error {
	r.Name = text.OneLine(r.Name)
	f := apperr.Fields{}
	check.Text(f, "name", r.Name, maxRoomNameLen, true)
	for _, other := range b.Rooms {
		if text.Key(other.Name) == text.Key(r.Name) {
			f.Add("name", "barcamp.room.duplicate")
		}
	}
	if r.Size < 1 || r.Size > maxRoomSize {
		f.Add("size", "barcamp.room.size_range")
	}
	if len(b.Rooms) >= maxRooms {
		f.Add("name", "barcamp.room.too_many")
	}
	return f.Err()
}

// checkSlot checks a slot: it ends after it starts, lies within the
// camp and overlaps no other slot, so that a slot is a time and nobody
// can be in two slots at once.
func checkSlot(e *Event, b *Camp, s Slot) error {
	f := apperr.Fields{}
	switch {
	case !s.End.After(s.Start):
		f.Add("end", "barcamp.slot.end_before_start")
	case s.Start.Before(e.Start) || s.End.After(e.End):
		f.Add("start", "barcamp.slot.outside")
	}
	if len(f) == 0 {
		for _, other := range b.Slots {
			if s.Start.Before(other.End) && other.Start.Before(s.End) {
				f.Add("start", "barcamp.slot.overlaps")
			}
		}
	}
	if len(b.Slots) >= maxSlots {
		f.Add("start", "barcamp.slot.too_many")
	}
	return f.Err()
}

// normalize trims what the participant typed and drops repeated co-hosts.
func (p *Proposal) normalize(proposer string) {
	p.Title = text.OneLine(p.Title)
	p.Description = text.MultiLine(p.Description)
	p.Lang = text.CanonicalLanguage(p.Lang)
	var co []string
	for _, id := range p.CoHosts {
		if id != "" && id != proposer && !slices.Contains(co, id) {
			co = append(co, id)
		}
	}
	p.CoHosts = co
}

// validate checks a proposal; participant reports whether a user id is
// a registered participant of the camp, which every co-host must be.
func (p *Proposal) validate(participant func(string) bool) error {
	f := apperr.Fields{}
	check.Text(f, "title", p.Title, maxSessionTitle, true)
	check.Text(f, "description", p.Description, maxSessionSummary, true)
	if !text.ValidLanguage(p.Lang) {
		f.Add("lang", "form.invalid_choice")
	}
	if !slices.Contains(Formats, p.Format) {
		f.Add("format", "form.invalid_choice")
	}
	if len(p.CoHosts) > maxCoHosts {
		f.Add("co_hosts", "barcamp.session.too_many_hosts")
	}
	for _, id := range p.CoHosts {
		if !participant(id) {
			f.Add("co_hosts", "barcamp.session.host_not_participant")
		}
	}
	return f.Err()
}

// cell is a room in a slot.
type cell struct{ room, slot string }

// proposeSchedule places the most-voted sessions first into the largest
// rooms: the cells are taken room by room, largest first, and within a
// room slot by slot, so the most wanted sessions never run at the same
// time as each other while there is room. A session goes to the first
// free cell in whose slot none of its hosts hosts another session;
// sessions for which no cell is left stay out. Ties in votes go to the
// earlier proposal.
func proposeSchedule(sessions []*Session, rooms []Room, slots []Slot) []Placement {
	ordered := slices.Clone(sessions)
	slices.SortStableFunc(ordered, func(a, b *Session) int {
		return cmp.Or(cmp.Compare(b.Votes, a.Votes), a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	rs := slices.Clone(rooms)
	slices.SortStableFunc(rs, func(a, b Room) int { return cmp.Compare(b.Size, a.Size) })
	ss := slices.Clone(slots)
	slices.SortStableFunc(ss, func(a, b Slot) int { return a.Start.Compare(b.Start) })
	var cells []cell
	for _, r := range rs {
		for _, s := range ss {
			cells = append(cells, cell{r.ID, s.ID})
		}
	}
	taken := map[cell]bool{}
	busy := map[string]map[string]bool{} // slot → hosts in it
	var out []Placement
	for _, s := range ordered {
		for _, c := range cells {
			if taken[c] || hostsBusy(busy[c.slot], s.Hosts) {
				continue
			}
			taken[c] = true
			if busy[c.slot] == nil {
				busy[c.slot] = map[string]bool{}
			}
			for _, h := range s.Hosts {
				busy[c.slot][h] = true
			}
			out = append(out, Placement{SessionID: s.ID, RoomID: c.room, SlotID: c.slot})
			break
		}
	}
	return out
}

func hostsBusy(inSlot map[string]bool, hosts []string) bool {
	for _, h := range hosts {
		if inSlot[h] {
			return true
		}
	}
	return false
}

// Clash is why a session cannot go into a cell: the room is taken at
// that time, or one of its hosts holds another session then. Message
// is its message id; Title the other session's, Host the host's user id.
type Clash struct {
	SessionID string
	Message   string
	Title     string
	Host      string
}

func (c *Clash) Error() string { return c.Message }

// checkSchedule checks a whole schedule: every placement names a
// session, a room and a slot of the camp, no cell holds two sessions
// and no host is in two rooms in one slot. It returns the first clash.
func checkSchedule(b *Camp, sessions []*Session, placements []Placement) error {
	byID := map[string]*Session{}
	for _, s := range sessions {
		byID[s.ID] = s
	}
	seen := map[string]bool{}
	inCell := map[cell]*Session{}
	hosting := map[string]map[string]*Session{} // slot → host → session
	for _, p := range placements {
		s, ok := byID[p.SessionID]
		if !ok || seen[p.SessionID] {
			return apperr.Field("session_id", "barcamp.schedule.unknown_session")
		}
		seen[p.SessionID] = true
		if p.RoomID == "" && p.SlotID == "" {
			continue
		}
		if _, ok := b.room(p.RoomID); !ok {
			return apperr.Field("room_id", "barcamp.schedule.unknown_cell")
		}
		if _, ok := b.slot(p.SlotID); !ok {
			return apperr.Field("slot_id", "barcamp.schedule.unknown_cell")
		}
		c := cell{p.RoomID, p.SlotID}
		if other := inCell[c]; other != nil {
			return clash(s, "barcamp.clash.room", other, "")
		}
		inCell[c] = s
		if hosting[p.SlotID] == nil {
			hosting[p.SlotID] = map[string]*Session{}
		}
		for _, h := range s.Hosts {
			if other := hosting[p.SlotID][h]; other != nil {
				return clash(s, "barcamp.clash.host", other, h)
			}
			hosting[p.SlotID][h] = s
		}
	}
	return nil
}

// clash is the Conflict error of a clash, with the clash for pages that
// name the other session and the host.
func clash(s *Session, msg string, other *Session, host string) error {
	return &apperr.Error{Code: apperr.Conflict, Msg: msg,
		Err: &Clash{SessionID: s.ID, Message: msg + "_named", Title: other.Title, Host: host}}
}

// withPlacement is the camp's schedule with one session moved.
func withPlacement(sessions []*Session, p Placement) []Placement {
	var out []Placement
	for _, s := range sessions {
		if s.ID != p.SessionID && s.Scheduled() {
			out = append(out, Placement{SessionID: s.ID, RoomID: s.RoomID, SlotID: s.SlotID})
		}
	}
	return append(out, p) // last, so a clash names the session it meets
}

// takesPart reports whether the camp accepts proposals, votes and notes
// at now: it is not cancelled and has not ended.
func (e *Event) takesPart(now time.Time) bool {
	return e.Kind == Barcamp && e.Status != Cancelled && now.Before(e.End)
}
