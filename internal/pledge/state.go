package pledge

import (
	"teilhabe.org/teilhabe/internal/apperr"
)

// Status is where a pledge stands.
type Status string

const (
	Draft      Status = "draft"      // being written; only the pledger sees it
	Submitted  Status = "submitted"  // waiting for a coordinator
	Active     Status = "active"     // approved: public, people sign up until the deadline
	Declined   Status = "declined"   // a coordinator refused it, with a reason
	Successful Status = "successful" // enough sign-ups were confirmed
	Failed     Status = "failed"     // the deadline passed with too few
)

// Statuses lists every status in the order of a pledge's life.
var Statuses = []Status{Draft, Submitted, Active, Declined, Successful, Failed}

// Public reports whether pledges in this status are shown to everybody.
func (s Status) Public() bool { return s == Active || s == Successful || s == Failed }

// Closed reports whether the pledge has ended.
func (s Status) Closed() bool { return s == Successful || s == Failed }

// Event is something that moves a pledge on.
type Event string

const (
	Submit  Event = "submit"  // the pledger hands a draft to the coordinators
	Revise  Event = "revise"  // the pledger takes a submitted or declined pledge back to edit it
	Approve Event = "approve" // a coordinator publishes it
	Decline Event = "decline" // a coordinator refuses it
	Close   Event = "close"   // the pledger ends it early as successful, once enough signed up
	Expire  Event = "expire"  // the deadline passed: successful or failed by the count
)

// Events lists every event.
var Events = []Event{Submit, Revise, Approve, Decline, Close, Expire}

// Facts are what the guards of the transitions look at.
type Facts struct {
	Confirmed      int  // confirmed sign-ups
	Needed         int  // sign-ups the pledge needs
	DeadlinePassed bool // the deadline is now or earlier
}

// transitions are the moves the state machine allows; an event missing
// for a status is refused. Expire has two outcomes, chosen in Next.
var transitions = map[Status]map[Event]Status{
	Draft:     {Submit: Submitted},
	Submitted: {Approve: Active, Decline: Declined, Revise: Draft},
	Declined:  {Revise: Draft},
	Active:    {Close: Successful, Expire: Successful},
}

// Next is the one place where a pledge changes status: it returns the
// status that ev leads to from `from`, or a Conflict saying why not.
func Next(from Status, ev Event, f Facts) (Status, error) {
	to, ok := transitions[from][ev]
	if !ok {
		return from, apperr.New(apperr.Conflict, "pledge.transition.refused")
	}
	switch ev {
	case Submit, Approve:
		if f.DeadlinePassed {
			return from, apperr.New(apperr.Conflict, "pledge.deadline.passed")
		}
	case Close:
		if f.Confirmed < f.Needed {
			return from, apperr.New(apperr.Conflict, "pledge.close.not_enough")
		}
	case Expire:
		if !f.DeadlinePassed {
			return from, apperr.New(apperr.Conflict, "pledge.expire.early")
		}
		if f.Confirmed < f.Needed {
			return Failed, nil
		}
	}
	return to, nil
}
