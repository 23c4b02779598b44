package event

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/ratelimit"
)

// createRule bounds how many events one account creates a day.
var createRule = ratelimit.Rule{Name: "event.create", Limit: 50, Window: 24 * time.Hour}

// apply checks d for the actor and copies it into e; before is the event
// as it was (nil for a new one), so a start that has passed since and a
// place the gazetteer no longer knows are not checked again.
func (m *Module) apply(ctx context.Context, actor *auth.Identity, d *Draft, e, before *Event) error {
	orgID := d.OrganizationID
	if before != nil {
		orgID = before.OrganizationID
	}
	if err := m.placeAtLocation(ctx, d, orgID); err != nil {
		return err
	}
	d.normalize()
	f := apperr.Fields{}
	if err := d.Validate(); err != nil {
		ae := apperr.As(err)
		if ae.Code != apperr.Invalid {
			return err
		}
		for k, v := range ae.Fields {
			f.Add(k, v)
		}
	}
	checkStart(f, d, before, m.s.Clock.Now())
	checkImage(f, d, before)
	if before == nil && f["organization_id"] == "" && !m.mayActFor(ctx, d.OrganizationID, actor) {
		f.Add("organization_id", "event.field.not_your_org")
	}
	if before != nil {
		d.OrganizationID = before.OrganizationID // an event stays with its organisation
	}
	lat, lon := (*float64)(nil), (*float64)(nil)
	moved := before == nil || before.Postcode != d.Postcode || before.Place != d.Place
	if !moved {
		lat, lon = before.Lat, before.Lon
	} else if d.PlaceKind == AtAddress && f["postcode"] == "" && f["place"] == "" && (d.Postcode != "" || d.Place != "") {
		var err error
		if lat, lon, err = m.places.Locate(ctx, f, d.Postcode, &d.Place); err != nil {
			return err
		}
	}
	if err := f.Err(); err != nil {
		return err
	}
	municipality := ""
	if d.PlaceKind == AtAddress {
		var err error
		if municipality, err = m.municipalityOf(ctx, d.Postcode, d.Place); err != nil {
			return err
		}
	}
	e.OrganizationID, e.Title, e.Description, e.Kind = d.OrganizationID, d.Title, d.Description, d.Kind
	e.Category, e.Municipality = d.Category, municipality
	e.Start, e.End, e.AllDay, e.PlaceKind = d.Start, d.End, d.AllDay, d.PlaceKind
	e.Street, e.Postcode, e.Place, e.Lat, e.Lon, e.OnlineURL = d.Street, d.Postcode, d.Place, lat, lon, d.OnlineURL
	e.ContentLang, e.Languages, e.Accessibility, e.Cost = d.ContentLang, d.Languages, d.Accessibility, d.Cost
	e.Capacity, e.Registration, e.RegOpens, e.RegCloses = d.Capacity, d.Registration, d.RegOpens, d.RegCloses
	e.Repeat = d.Repeat
	return nil
}

// Create announces an event of an organisation the actor acts for.
func (m *Module) Create(ctx context.Context, actor *auth.Identity, d Draft) (*Event, error) {
	if actor == nil || !ids.Valid(actor.UserID) {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	now := m.s.Clock.Now()
	e := &Event{ID: ids.New(), CreatedBy: actor.UserID, Status: Scheduled, CreatedAt: now, UpdatedAt: now}
	if err := m.apply(ctx, actor, &d, e, nil); err != nil {
		return nil, err
	}
	if err := m.s.Limiter.Allow(ctx, createRule, actor.UserID); err != nil {
		return nil, err
	}
	image, err := m.storeImage(ctx, actor.UserID, d.Image, d.ImageAlt)
	if err != nil {
		return nil, err
	}
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := insertEvent(ctx, tx, e); err != nil {
			return err
		}
		if err := writeImage(ctx, tx, e, &d, image); err != nil {
			return err
		}
		if err := writeSpan(ctx, tx, e, nil); err != nil {
			return err
		}
		if err := m.syncLimits(ctx, tx, e, e.Dates(nil)); err != nil {
			return err
		}
		return m.indexEvent(ctx, tx, e)
	})
	if err != nil {
		m.forgetImage(ctx, image)
		return nil, err
	}
	return e, nil
}

// Get returns an event; every event is public.
func (m *Module) Get(ctx context.Context, id string) (*Event, error) {
	return getEvent(ctx, m.s.DB, id)
}

// List returns the upcoming events of the filter, soonest first, at most
// f.Limit (the most a list holds when 0).
func (m *Module) List(ctx context.Context, f Filter) ([]*Event, error) {
	events, _, err := m.Page(ctx, f)
	return events, err
}

// Page is List one page at a time: the page starting at f.Cursor and the
// cursor of the next ("" on the last); a cursor that does not read back is
// paging.BadCursor.
func (m *Module) Page(ctx context.Context, f Filter) ([]*Event, string, error) {
	if err := m.locate(ctx, &f); err != nil {
		return nil, "", err
	}
	return listEvents(ctx, m.s.DB, f, m.s.Clock.Now())
}

// manageable loads the event for a person who may change it: NotFound for
// an unknown id, Forbidden for everybody but its organisers, Conflict once
// it is cancelled.
func (m *Module) manageable(ctx context.Context, q db.Querier, actor *auth.Identity, id string) (*Event, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	e, err := getEvent(ctx, q, id)
	if err != nil {
		return nil, err
	}
	if !m.canManage(ctx, e, actor) {
		return nil, apperr.New(apperr.Forbidden, "event.not_yours")
	}
	if e.Status == Cancelled {
		return nil, apperr.New(apperr.Conflict, "event.is_cancelled")
	}
	return e, nil
}

// Update changes an event with change, which gets the event's draft; a
// new start of an announced event marks it moved.
func (m *Module) Update(ctx context.Context, actor *auth.Identity, id string, change func(Draft) Draft) (*Event, error) {
	e, err := m.manageable(ctx, m.s.DB, actor, id)
	if err != nil {
		return nil, err
	}
	before := *e
	d := change(draftOf(e))
	if err := m.apply(ctx, actor, &d, e, &before); err != nil {
		return nil, err
	}
	if !e.Start.Equal(before.Start) || !e.End.Equal(before.End) {
		e.Status = Moved
	}
	e.UpdatedAt = m.s.Clock.Now()
	// Decoded before the transaction, so the writer is not held meanwhile.
	image, err := m.storeImage(ctx, actor.UserID, d.Image, d.ImageAlt)
	if err != nil {
		return nil, err
	}
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := m.manageable(ctx, tx, actor, id); err != nil { // cancelled meanwhile
			return err
		}
		oldDates, _, err := m.datesOf(ctx, tx, &before)
		if err != nil {
			return err
		}
		if err := m.reconcileDates(ctx, tx, &before, e); err != nil {
			return err
		}
		if err := updateEvent(ctx, tx, e); err != nil {
			return err
		}
		if err := writeImage(ctx, tx, e, &d, image); err != nil {
			return err
		}
		dates, changes, err := m.datesOf(ctx, tx, e)
		if err != nil {
			return err
		}
		if err := writeSpan(ctx, tx, e, changes); err != nil {
			return err
		}
		if err := m.tellMoved(ctx, tx, oldDates, dates); err != nil {
			return err
		}
		if err := m.syncLimits(ctx, tx, e, dates); err != nil {
			return err
		}
		return m.indexEvent(ctx, tx, e)
	})
	if err != nil {
		m.forgetImage(ctx, image)
		return nil, err
	}
	return e, nil
}

// Cancel calls the event off; it keeps its page, marked cancelled, and
// everybody registered or waiting is told.
func (m *Module) Cancel(ctx context.Context, actor *auth.Identity, id string) (*Event, error) {
	var e *Event
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if e, err = m.manageable(ctx, tx, actor, id); err != nil {
			return err
		}
		now := m.s.Clock.Now()
		e.Status, e.CancelledAt, e.UpdatedAt = Cancelled, &now, now
		if err := updateEvent(ctx, tx, e); err != nil {
			return err
		}
		if err := m.tellCancelled(ctx, tx, e, now); err != nil {
			return err
		}
		if err := m.tellVolunteersCancelled(ctx, tx, e, now); err != nil {
			return err
		}
		return m.indexEvent(ctx, tx, e)
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}
