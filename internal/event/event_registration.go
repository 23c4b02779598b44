package event

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/notify"
)

// Registration: a person takes one place of the event's pool in the
// capacity core; when the event is full, the claim waits, and when
// someone cancels or the organisers add places, the first waiting move
// up and are told by mail.

// poolKind names the events' pools in the capacity core.
const poolKind = "event"

func poolOf(e *Event) capacity.Pool { return capacity.Pool{Kind: poolKind, ID: e.ID} }

// promoted is the notice to people who moved up from the waiting list.
var promoted = notify.Kind{Name: "event/promoted", Subject: "event.mail.promoted.subject",
	Greeting: "event.mail.greeting", Body: []string{"event.mail.promoted.body"}, Action: "event.mail.open",
	Footer: "event.mail.footer"}

// calledOff is the notice to everybody registered or waiting when the
// organisers cancel the event.
var calledOff = notify.Kind{Name: "event/cancelled", Subject: "event.mail.cancelled.subject",
	Greeting: "event.mail.greeting", Body: []string{"event.mail.cancelled.body"}, Action: "event.mail.open",
	Footer: "event.mail.footer"}

// NotifyKinds are the notices the events module sends.
func (m *Module) NotifyKinds() []notify.Kind {
	return append([]notify.Kind{promoted, calledOff, reminded}, projectNotifyKinds()...)
}

// tellCancelled tells everybody registered or waiting that the event is
// cancelled, each in their language, in tx.
func (m *Module) tellCancelled(ctx context.Context, tx *sql.Tx, e *Event, now time.Time) error {
	claims, err := capacity.List(ctx, tx, poolOf(e))
	if err != nil || len(claims) == 0 {
		return err
	}
	to := make([]string, len(claims))
	for i, c := range claims {
		to[i] = c.Holder
	}
	return m.s.Notify.Send(ctx, tx, notify.Notice{Kind: calledOff, Item: notify.Item{Type: "event", ID: e.ID},
		Link: "/events/" + e.ID, To: to, Params: []any{"Title", e.Title, "Start", e.Start}}, now)
}

// tellPromoted writes the mails to those who moved up, in tx.
func (m *Module) tellPromoted(ctx context.Context, tx *sql.Tx, e *Event, claims []capacity.Claim, now time.Time) error {
	if len(claims) == 0 {
		return nil
	}
	to := make([]string, len(claims))
	for i, c := range claims {
		to[i] = c.Holder
	}
	return m.s.Notify.Send(ctx, tx, notify.Notice{Kind: promoted, Item: notify.Item{Type: "event", ID: e.ID},
		Link: "/events/" + e.ID, To: to, Params: []any{"Title", e.Title, "Start", e.Start}}, now)
}

// syncLimit gives the event's pool its capacity, in the change's
// transaction; places added move waiting people up.
func (m *Module) syncLimit(ctx context.Context, tx *sql.Tx, e *Event) error {
	if !e.Registration {
		return nil
	}
	up, err := capacity.SetLimit(ctx, tx, poolOf(e), e.Capacity)
	if err != nil {
		return err
	}
	return m.tellPromoted(ctx, tx, e, up, m.s.Clock.Now())
}

// RegistrationOpen reports whether people may register at now: the event
// asks for registration, is not cancelled, has not begun, and now is in
// its registration window.
func (e *Event) RegistrationOpen(now time.Time) bool {
	return e.Registration && e.Status != Cancelled && now.Before(e.Start) &&
		(e.RegOpens == nil || !now.Before(*e.RegOpens)) && (e.RegCloses == nil || !now.After(*e.RegCloses))
}

// Register takes a place at the event for the person, or a place in the
// waiting list when it is full.
func (m *Module) Register(ctx context.Context, actor *auth.Identity, eventID string) (capacity.Claim, error) {
	var c capacity.Claim
	if actor == nil {
		return c, apperr.New(apperr.Unauthenticated, "")
	}
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		e, err := getEvent(ctx, tx, eventID)
		if err != nil {
			return err
		}
		now := m.s.Clock.Now()
		if !e.RegistrationOpen(now) {
			return apperr.New(apperr.Conflict, "event.registration.closed")
		}
		c, err = capacity.Take(ctx, tx, poolOf(e), actor.UserID, 1, now)
		if apperr.Is(err, apperr.Conflict) {
			return apperr.New(apperr.Conflict, "event.registration.already")
		}
		return err
	})
	return c, err
}

// CancelRegistration gives the person's place (or place in the waiting
// list) back; the first waiting move up and are told.
func (m *Module) CancelRegistration(ctx context.Context, actor *auth.Identity, eventID string) error {
	if actor == nil {
		return apperr.New(apperr.Unauthenticated, "")
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		e, err := getEvent(ctx, tx, eventID)
		if err != nil {
			return err
		}
		c, err := capacity.Of(ctx, tx, poolOf(e), actor.UserID)
		if err != nil {
			return err
		}
		now := m.s.Clock.Now()
		up, err := capacity.Cancel(ctx, tx, c.ID, now)
		if err != nil {
			return err
		}
		return m.tellPromoted(ctx, tx, e, up, now)
	})
}

// ClaimOf is the person's live claim on the event; ok is false without.
func (m *Module) ClaimOf(ctx context.Context, userID string, e *Event) (capacity.Claim, bool) {
	if userID == "" {
		return capacity.Claim{}, false
	}
	c, err := capacity.Of(ctx, m.s.DB, poolOf(e), userID)
	return c, err == nil
}

// Participant is a person registered or waiting, as organisers see them.
type Participant struct {
	Name     string
	Status   capacity.Status
	Position int // in the waiting list
	Since    time.Time
}

// Participants lists who registered and who waits, for the organisers.
func (m *Module) Participants(ctx context.Context, actor *auth.Identity, eventID string) (*Event, []Participant, error) {
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
	claims, err := capacity.List(ctx, m.s.DB, poolOf(e))
	if err != nil {
		return nil, nil, err
	}
	holders := make([]string, len(claims))
	for i, c := range claims {
		holders[i] = c.Holder
	}
	names, err := m.names(ctx, holders)
	if err != nil {
		return nil, nil, err
	}
	out := make([]Participant, len(claims))
	for i, c := range claims {
		out[i] = Participant{Name: names[c.Holder], Status: c.Status, Position: c.Position, Since: c.CreatedAt}
	}
	return e, out, nil
}
