package coop

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/organization"
)

// today is the platform's current day as a date value.
func (m *Module) today() time.Time { return clock.DayOf(m.s.Clock.Now()) }

// apply checks the draft and copies it into c.
func (m *Module) apply(ctx context.Context, d *Draft, c *Coop) error {
	d.normalize()
	err := d.Validate()
	f := apperr.Fields{}
	if err != nil {
		ae := apperr.As(err)
		if ae.Code != apperr.Invalid {
			return err
		}
		f = ae.Fields
	}
	if d.ParentID != "" && f["parent_id"] == "" {
		if d.ParentID == c.ID {
			f.Add("parent_id", "coop.field.parent_self")
		} else if _, err := getCoop(ctx, m.s.DB, d.ParentID); err != nil {
			f.Add("parent_id", "coop.field.parent_unknown")
		}
	}
	if err := f.Err(); err != nil {
		return err
	}
	c.Stage, c.Purpose, c.HowToJoin, c.RegisterCourt, c.RegisterNumber = d.Stage, d.Purpose, d.HowToJoin, d.RegisterCourt, d.RegisterNumber
	c.Country, c.ParentID, c.Statutes = d.Country, d.ParentID, d.Statutes
	return nil
}

// Create gives an organisation of kind cooperative its cooperative
// profile; only its owners may.
func (m *Module) Create(ctx context.Context, actor *auth.Identity, orgID string, d Draft) (*Coop, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	st, err := m.orgs.StandingOf(ctx, orgID, actor.UserID)
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.Field("organization_id", "coop.field.not_your_coop")
	}
	if err != nil {
		return nil, err
	}
	if st.Role != organization.Owner {
		return nil, apperr.Field("organization_id", "coop.field.not_your_coop")
	}
	if st.Kind != "cooperative" {
		return nil, apperr.Field("organization_id", "coop.field.not_cooperative")
	}
	now := m.s.Clock.Now()
	c := &Coop{ID: orgID, CreatedAt: now, UpdatedAt: now}
	if err := m.apply(ctx, &d, c); err != nil {
		return nil, err
	}
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := insertCoop(ctx, tx, c); err != nil {
			if apperr.Is(err, apperr.Conflict) {
				return apperr.Field("organization_id", "coop.field.has_profile")
			}
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "coop.create", ObjectType: "coop", ObjectID: c.ID})
	})
	if err != nil {
		return nil, err
	}
	return m.Get(ctx, c.ID)
}

// Get returns a cooperative profile with its organisation's name; every
// profile is public.
func (m *Module) Get(ctx context.Context, id string) (*Coop, error) {
	c, err := getCoop(ctx, m.s.DB, id)
	if err != nil {
		return nil, err
	}
	return c, m.withNames(ctx, []*Coop{c})
}

// List returns every cooperative profile.
func (m *Module) List(ctx context.Context) ([]*Coop, error) {
	cs, err := listCoops(ctx, m.s.DB)
	if err != nil {
		return nil, err
	}
	return cs, m.withNames(ctx, cs)
}

// Subsidiaries lists the cooperatives whose parent is id.
func (m *Module) Subsidiaries(ctx context.Context, id string) ([]*Coop, error) {
	cs, err := subsidiaries(ctx, m.s.DB, id)
	if err != nil {
		return nil, err
	}
	return cs, m.withNames(ctx, cs)
}

// withNames fills in the organisations' names.
func (m *Module) withNames(ctx context.Context, cs []*Coop) error {
	for _, c := range cs {
		o, err := m.orgs.Get(ctx, c.ID)
		if err != nil {
			return err
		}
		c.Name = o.Name
	}
	return nil
}

// Standing returns what the person is in the cooperative today.
func (m *Module) Standing(ctx context.Context, c *Coop, actor *auth.Identity) (Standing, error) {
	return m.standingIn(ctx, c, actor)
}

// asBoard loads the cooperative for a person acting as its board.
func (m *Module) asBoard(ctx context.Context, actor *auth.Identity, id string) (*Coop, Standing, error) {
	if actor == nil {
		return nil, Standing{}, apperr.New(apperr.Unauthenticated, "")
	}
	c, err := m.Get(ctx, id)
	if err != nil {
		return nil, Standing{}, err
	}
	st, err := m.standingIn(ctx, c, actor)
	if err != nil {
		return nil, st, err
	}
	if !st.Board {
		return nil, st, apperr.New(apperr.Forbidden, "coop.not_board")
	}
	return c, st, nil
}

// Update changes the profile; only the board may.
func (m *Module) Update(ctx context.Context, actor *auth.Identity, id string, change func(Draft) Draft) (*Coop, error) {
	c, _, err := m.asBoard(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	d := change(draftOf(c))
	if err := m.apply(ctx, &d, c); err != nil {
		return nil, err
	}
	c.UpdatedAt = m.s.Clock.Now()
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := updateCoop(ctx, tx, c); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: c.UpdatedAt, ActorID: actor.UserID, Action: "coop.update", ObjectType: "coop", ObjectID: c.ID})
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// validID is ids.Valid, named for the rules that read it.
func validID(s string) bool { return ids.Valid(s) }

func newID() string { return ids.New() }
