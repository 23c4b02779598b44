package pledge

import (
	"testing"

	"teilhabe.org/teilhabe/internal/apperr"
)

// TestStateMachine tries every event on every status, with the facts that
// the guards look at, against a table written out by hand: each allowed
// transition leads where the table says, every other one is refused with
// a Conflict and leaves the status as it was.
func TestStateMachine(t *testing.T) {
	type facts struct {
		name string
		f    Facts
	}
	running := facts{"running, too few", Facts{Confirmed: 1, Needed: 3}}
	reached := facts{"running, enough", Facts{Confirmed: 3, Needed: 3}}
	overFew := facts{"deadline passed, too few", Facts{Confirmed: 2, Needed: 3, DeadlinePassed: true}}
	overDone := facts{"deadline passed, enough", Facts{Confirmed: 4, Needed: 3, DeadlinePassed: true}}
	all := []facts{running, reached, overFew, overDone}

	// want[status][event][facts] is the status reached; missing means refused.
	want := map[Status]map[Event]map[string]Status{
		Draft: {
			Submit: {running.name: Submitted, reached.name: Submitted},
		},
		Submitted: {
			Approve: {running.name: Active, reached.name: Active},
			Decline: {running.name: Declined, reached.name: Declined, overFew.name: Declined, overDone.name: Declined},
			Revise:  {running.name: Draft, reached.name: Draft, overFew.name: Draft, overDone.name: Draft},
		},
		Declined: {
			Revise: {running.name: Draft, reached.name: Draft, overFew.name: Draft, overDone.name: Draft},
		},
		Active: {
			Close:  {reached.name: Successful, overDone.name: Successful},
			Expire: {overFew.name: Failed, overDone.name: Successful},
		},
	}
	allowed, refused := 0, 0
	for _, from := range Statuses {
		for _, ev := range Events {
			for _, fc := range all {
				got, err := Next(from, ev, fc.f)
				to, ok := want[from][ev][fc.name]
				switch {
				case ok && err != nil:
					t.Errorf("%s --%s--> (%s): refused with %v, want %s", from, ev, fc.name, err, to)
				case ok && got != to:
					t.Errorf("%s --%s--> (%s): %s, want %s", from, ev, fc.name, got, to)
				case !ok && err == nil:
					t.Errorf("%s --%s--> (%s): allowed to %s, want refused", from, ev, fc.name, got)
				case !ok && (!apperr.Is(err, apperr.Conflict) || got != from):
					t.Errorf("%s --%s--> (%s): refused as %v leaving %s, want a Conflict leaving %s", from, ev, fc.name, err, got, from)
				}
				if ok {
					allowed++
				} else {
					refused++
				}
			}
		}
	}
	if allowed != 20 || refused != len(Statuses)*len(Events)*len(all)-20 {
		t.Errorf("tried %d allowed and %d refused transitions", allowed, refused)
	}
}

// TestRefusalsSayWhy checks the messages of the refusals people meet.
func TestRefusalsSayWhy(t *testing.T) {
	for _, c := range []struct {
		from Status
		ev   Event
		f    Facts
		msg  string
	}{
		{Draft, Submit, Facts{DeadlinePassed: true}, "pledge.deadline.passed"},
		{Submitted, Approve, Facts{DeadlinePassed: true}, "pledge.deadline.passed"},
		{Active, Close, Facts{Confirmed: 1, Needed: 2}, "pledge.close.not_enough"},
		{Active, Expire, Facts{Confirmed: 5, Needed: 2}, "pledge.expire.early"},
		{Successful, Close, Facts{Confirmed: 5, Needed: 2}, "pledge.transition.refused"},
		{Failed, Revise, Facts{}, "pledge.transition.refused"},
	} {
		_, err := Next(c.from, c.ev, c.f)
		if apperr.MessageID(err) != c.msg {
			t.Errorf("%s --%s--> %+v: %v, want %s", c.from, c.ev, c.f, err, c.msg)
		}
	}
}

// TestStatusVisibility pins which statuses the public sees.
func TestStatusVisibility(t *testing.T) {
	for s, public := range map[Status]bool{Draft: false, Submitted: false, Declined: false, Active: true, Successful: true, Failed: true} {
		if s.Public() != public {
			t.Errorf("%s public = %v", s, s.Public())
		}
	}
}

func TestTitle(t *testing.T) {
	for _, c := range []struct{ promise, lang, want string }{
		{"die Ersatzteile für 10 Räder", "de", "Die Ersatzteile für 10 Räder"},
		{"derneğimizin salonunu açacağız", "tr", "Derneğimizin salonunu açacağız"},
		{"istanbul'dan kitaplar", "tr", "İstanbul'dan kitaplar"},
		{"istanbul books", "en", "Istanbul books"},
		{"20 Tablets", "de", "20 Tablets"},
		{"", "de", ""},
	} {
		if got := (&Pledge{Terms: Terms{Promise: c.promise, Lang: c.lang}}).Title(); got != c.want {
			t.Errorf("%q in %s: %q, want %q", c.promise, c.lang, got, c.want)
		}
	}
}
