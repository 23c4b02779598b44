package event

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/notify"
)

// Registration: a person takes one place of the event's pool in the
// capacity core; when the event is full, the claim waits, and when
// someone cancels or the organisers add places, the first waiting move
// up and are told by mail.

// poolKind names the events' pools in the capacity core: one per date,
// "<event id>/<day>".
const poolKind = "event.date"

// poolOf is the pool of the date e (Event.Dates); for the event as a
// whole, that of its first date.
func poolOf(e *Event) capacity.Pool { return datePool(e.ID, e.day()) }

func datePool(eventID, day string) capacity.Pool {
	return capacity.Pool{Kind: poolKind, ID: eventID + "/" + day}
}

// poolDate reads the event id and day from a pool's id.
func poolDate(p capacity.Pool) (eventID, day string, ok bool) {
	if p.Kind != poolKind {
		return "", "", false
	}
	eventID, day, ok = strings.Cut(p.ID, "/")
	return eventID, day, ok
}

// day is the date's name: its own for a date, the first date's otherwise.
func (e *Event) day() string {
	if e.Date != "" {
		return e.Date
	}
	return dayKey(e.Start)
}

// promoted is the notice to people who moved up from the waiting list.
var promoted = notify.Kind{Name: "event/promoted", Subject: "event.mail.promoted.subject",
	Greeting: "event.mail.greeting", Body: []string{"event.mail.promoted.body"}, Action: "event.mail.open",
	Footer: "event.mail.footer"}

// calledOff is the notice to everybody registered or waiting when the
// organisers cancel the event.
var calledOff = notify.Kind{Name: "event/cancelled", Subject: "event.mail.cancelled.subject",
	Greeting: "event.mail.greeting", Body: []string{"event.mail.cancelled.body"}, Action: "event.mail.open",
	Footer: "event.mail.footer", Required: true}

// NotifyKinds are the notices the events module sends.
func (m *Module) NotifyKinds() []notify.Kind {
	return append([]notify.Kind{promoted, calledOff, reminded, dateMoved, dateCancelled, messaged}, projectNotifyKinds()...)
}

// tellCancelled tells everybody registered or waiting for a date of the
// event that has not ended that it is cancelled, each once and in their
// language, in tx.
func (m *Module) tellCancelled(ctx context.Context, tx *sql.Tx, e *Event, now time.Time) error {
	dates, _, err := m.datesOf(ctx, tx, e)
	if err != nil {
		return err
	}
	var to []string
	seen := map[string]bool{}
	for _, d := range dates {
		if d.End.Before(now) {
			continue
		}
		claims, err := capacity.List(ctx, tx, poolOf(d))
		if err != nil {
			return err
		}
		for _, c := range claims {
			if !seen[c.Holder] {
				seen[c.Holder] = true
				to = append(to, c.Holder)
			}
		}
	}
	if len(to) == 0 {
		return nil
	}
	return m.s.Notify.Send(ctx, tx, notify.Notice{Kind: calledOff, Item: notify.Item{Type: "event", ID: e.ID},
		Link: "/events/" + e.ID, To: to, Params: []any{"Title", e.Title, "Start", e.Start}}, now)
}

// tellPromoted writes the mails to those who moved up for the date d, in
// tx.
func (m *Module) tellPromoted(ctx context.Context, tx *sql.Tx, d *Event, claims []capacity.Claim, now time.Time) error {
	if len(claims) == 0 {
		return nil
	}
	to := make([]string, len(claims))
	for i, c := range claims {
		to[i] = c.Holder
	}
	return m.s.Notify.Send(ctx, tx, notify.Notice{Kind: promoted, Item: notify.Item{Type: "event", ID: d.ID},
		Link: d.Path(), To: to, Params: []any{"Title", d.Title, "Start", d.Start}}, now)
}

// syncLimits gives each date that has not ended the event's capacity, in
// the change's transaction; places added move waiting people up.
func (m *Module) syncLimits(ctx context.Context, tx *sql.Tx, e *Event, dates []*Event) error {
	if !e.Registration {
		return nil
	}
	now := m.s.Clock.Now()
	for _, d := range dates {
		if d.End.Before(now) {
			continue
		}
		up, err := capacity.SetLimit(ctx, tx, poolOf(d), e.Capacity)
		if err != nil {
			return err
		}
		if err := m.tellPromoted(ctx, tx, d, up, now); err != nil {
			return err
		}
	}
	return nil
}

// RegistrationOpen reports whether people may register at now for the
// date e (or a one-off event): the event asks for registration, the date
// is not cancelled and has not begun, and now is in the registration
// window.
func (e *Event) RegistrationOpen(now time.Time) bool {
	return e.Registration && e.Status != Cancelled && now.Before(e.Start) &&
		(e.RegOpens == nil || !now.Before(*e.RegOpens)) && (e.RegCloses == nil || !now.After(*e.RegCloses))
}

// dateFor loads the event and its date named day; "" names the only date
// of a one-off event, and a series needs a day (Invalid "date").
func (m *Module) dateFor(ctx context.Context, q db.Querier, eventID, day string) (*Event, error) {
	e, err := getEvent(ctx, q, eventID)
	if err != nil {
		return nil, err
	}
	dates, _, err := m.datesOf(ctx, q, e)
	if err != nil {
		return nil, err
	}
	if day == "" {
		if e.Repeat.Repeats() {
			return nil, apperr.Field("date", "event.date.choose")
		}
		return dates[0], nil
	}
	for _, d := range dates {
		if d.Date == day {
			return d, nil
		}
	}
	return nil, apperr.New(apperr.NotFound, "event.date.none")
}

// Register takes a place at a one-off event for the person, or a place in
// the waiting list when it is full.
func (m *Module) Register(ctx context.Context, actor *auth.Identity, eventID string) (capacity.Claim, error) {
	return m.RegisterFor(ctx, actor, eventID, "")
}

// RegisterFor takes a place at the event's date named day ("" for a
// one-off event), or a place in the waiting list when it is full.
func (m *Module) RegisterFor(ctx context.Context, actor *auth.Identity, eventID, day string) (capacity.Claim, error) {
	return m.RegisterWith(ctx, actor, eventID, Registration{Day: day})
}

// Registration is what a person chooses when registering.
type Registration struct {
	Day string // the date ("" for a one-off event)
	// ShareContact: the person agrees that the organisers see their
	// e-mail address in the list of participants.
	ShareContact bool
	// OrganizationID registers for an organisation the person belongs
	// to, with Places places (1 when 0); the registration waits whole
	// until that many are free.
	OrganizationID string
	Places         int
	// Declaration is the anonymous self-declaration: "yes", "no",
	// "unsaid" or "" for no answer. It is counted, never stored with the
	// registration.
	Declaration string
}

// maxPlaces bounds the places one registration for an organisation takes.
const maxPlaces = 50

// check refuses what the person may not choose: places without an
// organisation of theirs, more than maxPlaces, an unknown answer.
func (m *Module) checkRegistration(ctx context.Context, actor *auth.Identity, r *Registration) error {
	f := apperr.Fields{}
	if r.Places == 0 {
		r.Places = 1
	}
	switch {
	case r.Places < 1 || r.Places > maxPlaces:
		f.Add("places", "event.registration.places_range")
	case r.OrganizationID == "" && r.Places > 1:
		f.Add("organization_id", "event.registration.places_need_org")
	}
	if r.OrganizationID != "" {
		if s, err := m.orgs.StandingOf(ctx, r.OrganizationID, actor.UserID); err != nil || s.Role == "" {
			f.Add("organization_id", "event.field.not_your_org")
		}
	}
	if !validDeclaration(r.Declaration) {
		f.Add("declaration", "form.invalid_choice")
	}
	return f.Err()
}

// RegisterWith takes r.Places places at the event's date for the person
// (or the organisation they register for), or waits whole for them when
// they are not free; what they chose is kept with the registration.
func (m *Module) RegisterWith(ctx context.Context, actor *auth.Identity, eventID string, r Registration) (capacity.Claim, error) {
	var c capacity.Claim
	if actor == nil {
		return c, apperr.New(apperr.Unauthenticated, "")
	}
	if err := m.checkRegistration(ctx, actor, &r); err != nil {
		return c, err
	}
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		d, err := m.dateFor(ctx, tx, eventID, r.Day)
		if err != nil {
			return err
		}
		now := m.s.Clock.Now()
		if !d.RegistrationOpen(now) {
			return apperr.New(apperr.Conflict, "event.registration.closed")
		}
		c, err = capacity.Take(ctx, tx, poolOf(d), actor.UserID, r.Places, now)
		if apperr.Is(err, apperr.Conflict) {
			return apperr.New(apperr.Conflict, "event.registration.already")
		}
		if err != nil {
			return err
		}
		if err := saveRegistration(ctx, tx, c.ID, d.ID, d.day(),
			registrationExtra{ShareContact: r.ShareContact, OrganizationID: r.OrganizationID}); err != nil {
			return err
		}
		return countDeclaration(ctx, tx, d.ID, d.day(), r.Declaration)
	})
	return c, err
}

// CancelRegistration gives the person's place (or place in the waiting
// list) at a one-off event back; the first waiting move up and are told.
func (m *Module) CancelRegistration(ctx context.Context, actor *auth.Identity, eventID string) error {
	return m.CancelRegistrationFor(ctx, actor, eventID, "")
}

// CancelRegistrationFor gives the person's place at the date named day
// back ("" for a one-off event).
func (m *Module) CancelRegistrationFor(ctx context.Context, actor *auth.Identity, eventID, day string) error {
	if actor == nil {
		return apperr.New(apperr.Unauthenticated, "")
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		d, err := m.dateFor(ctx, tx, eventID, day)
		if err != nil {
			return err
		}
		c, err := capacity.Of(ctx, tx, poolOf(d), actor.UserID)
		if err != nil {
			return err
		}
		now := m.s.Clock.Now()
		up, err := capacity.Cancel(ctx, tx, c.ID, now)
		if err != nil {
			return err
		}
		return m.tellPromoted(ctx, tx, d, up, now)
	})
}

// ClaimOf is the person's live claim on the date e (for a one-off event,
// the event); ok is false without.
func (m *Module) ClaimOf(ctx context.Context, userID string, e *Event) (capacity.Claim, bool) {
	if userID == "" {
		return capacity.Claim{}, false
	}
	c, err := capacity.Of(ctx, m.s.DB, poolOf(e), userID)
	return c, err == nil
}

// Participant is a person registered or waiting, as organisers see them.
type Participant struct {
	ID        string // the registration's
	Name      string
	Status    capacity.Status
	Position  int // in the waiting list
	Places    int
	Since     time.Time
	OrgName   string // the organisation registered for, "" for none
	Email     string // only when the person agreed to share it
	CheckedIn bool
	NoShow    bool // registered, the date is over, and not checked in
}

// StatusName is the registration's status as the API names it:
// registered, waiting, checked_in or no_show.
func (p Participant) StatusName() string {
	switch {
	case p.CheckedIn:
		return "checked_in"
	case p.NoShow:
		return "no_show"
	}
	return string(p.Status)
}

// Participants lists who registered and who waits for a one-off event,
// for the organisers.
func (m *Module) Participants(ctx context.Context, actor *auth.Identity, eventID string) (*Event, []Participant, error) {
	return m.ParticipantsOf(ctx, actor, eventID, "")
}

// ParticipantsOf lists who registered and who waits for the date named
// day ("" for a one-off event), for the organisers.
func (m *Module) ParticipantsOf(ctx context.Context, actor *auth.Identity, eventID, day string) (*Event, []Participant, error) {
	if actor == nil {
		return nil, nil, apperr.New(apperr.Unauthenticated, "")
	}
	e, err := m.Get(ctx, eventID)
	if err != nil {
		return nil, nil, err
	}
	if !m.canManage(ctx, e, actor) {
		return nil, nil, apperr.New(apperr.Forbidden, "event.not_yours")
	}
	d, err := m.dateFor(ctx, m.s.DB, eventID, day)
	if err != nil {
		return nil, nil, err
	}
	claims, err := capacity.List(ctx, m.s.DB, poolOf(d))
	if err != nil {
		return nil, nil, err
	}
	extras, err := extrasOf(ctx, m.s.DB, d.ID, d.day())
	if err != nil {
		return nil, nil, err
	}
	holders := make([]string, len(claims))
	var sharing []string
	for i, c := range claims {
		holders[i] = c.Holder
		if extras[c.ID].ShareContact {
			sharing = append(sharing, c.Holder)
		}
	}
	names, err := m.names(ctx, holders)
	if err != nil {
		return nil, nil, err
	}
	emails := map[string]string{}
	if len(sharing) > 0 {
		if emails, err = m.emails(ctx, sharing); err != nil {
			return nil, nil, err
		}
	}
	ended := d.End.Before(m.s.Clock.Now())
	orgNames := map[string]string{}
	out := make([]Participant, len(claims))
	for i, c := range claims {
		x := extras[c.ID]
		p := Participant{ID: c.ID, Name: names[c.Holder], Status: c.Status, Position: c.Position, Places: c.Places,
			Since: c.CreatedAt, CheckedIn: x.CheckedInAt != nil}
		p.NoShow = c.Status == capacity.Registered && !p.CheckedIn && ended
		if x.ShareContact {
			p.Email = emails[c.Holder]
		}
		if x.OrganizationID != "" {
			if _, ok := orgNames[x.OrganizationID]; !ok {
				if o, err := m.orgs.Get(ctx, x.OrganizationID); err == nil {
					orgNames[x.OrganizationID] = o.Name
				}
			}
			p.OrgName = orgNames[x.OrganizationID]
		}
		out[i] = p
	}
	return d, out, nil
}
