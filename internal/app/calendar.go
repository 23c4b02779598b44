package app

import (
	"context"
	"time"

	"teilhabe.org/teilhabe/internal/feed"
)

// CalendarSource adds entries to people's personal calendar feeds: the
// events they registered for, and whatever else a module books a person
// for (volunteer-day slots, shifts). Entries are feed VEVENTs with UIDs
// that stay the same while the thing exists, so calendar programs update
// them; what was called off stays in with STATUS:CANCELLED, so calendars
// remove it.
type CalendarSource interface {
	// CalendarEntries returns the person's entries that overlap [from, to).
	CalendarEntries(ctx context.Context, userID string, from, to time.Time) ([]feed.Event, error)
}

// CalendarKeeper takes the calendar sources (the accounts module, which
// serves each person's feed at a secret address).
type CalendarKeeper interface{ AddCalendarSource(s CalendarSource) }

// contributeCalendars hands every calendar source to the keepers.
func contributeCalendars(mods []Module) error {
	var keepers []CalendarKeeper
	for _, m := range mods {
		if k, ok := m.(CalendarKeeper); ok {
			keepers = append(keepers, k)
		}
	}
	for _, m := range mods {
		if s, ok := m.(CalendarSource); ok {
			if len(keepers) == 0 {
				return errNoReceiver(m, "calendar entries")
			}
			for _, k := range keepers {
				k.AddCalendarSource(s)
			}
		}
	}
	return nil
}
