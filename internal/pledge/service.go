package pledge

import (
	"context"
	"database/sql"
	"io"
	"strconv"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/searchdoc"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/uploads"
)

// MaxImageBytes bounds an uploaded picture of a pledge.
const MaxImageBytes = 8 << 20

// isPledger reports whether the person may act as the pledger: the person
// who made a pledge of their own; for a pledge of an organisation, whoever
// is its owner or editor now (who made it and left the organisation keeps
// no authority over it).
func (m *Module) isPledger(ctx context.Context, p *Pledge, userID string) bool {
	if userID == "" {
		return false
	}
	if p.OrgID == "" {
		return p.OwnerID == userID
	}
	return m.orgs.CanEdit(ctx, p.OrgID, userID)
}

func (m *Module) requirePledger(ctx context.Context, p *Pledge, userID string) error {
	if !m.isPledger(ctx, p, userID) {
		return apperr.New(apperr.Forbidden, "pledge.pledger_only")
	}
	return nil
}

// canSee reports whether the person may see the pledge: everybody a public
// one, the pledger and the coordinators any.
func (m *Module) canSee(ctx context.Context, p *Pledge, id *auth.Identity) bool {
	if p.Public() {
		return true
	}
	return id != nil && (id.Staff() || m.isPledger(ctx, p, id.UserID))
}

// visible loads a pledge the person may see; for everybody else it does
// not exist.
func (m *Module) visible(ctx context.Context, q db.Querier, id *auth.Identity, pledgeID string, lock bool) (*Pledge, error) {
	var p *Pledge
	var err error
	if tx, ok := q.(*sql.Tx); ok && lock {
		p, err = lockPledge(ctx, tx, pledgeID)
	} else {
		p, err = pledgeByID(ctx, q, pledgeID)
	}
	if err != nil {
		return nil, err
	}
	if !m.canSee(ctx, p, id) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return p, nil
}

// Get returns a pledge the person (nil for a visitor) may see.
func (m *Module) Get(ctx context.Context, id *auth.Identity, pledgeID string) (*Pledge, error) {
	return m.visible(ctx, m.s.DB, id, pledgeID, false)
}

// List returns a page of public pledges.
func (m *Module) List(ctx context.Context, f Filter) (*Page, error) {
	return listPublic(ctx, m.s.DB, f)
}

// Counts returns the figures above the list.
func (m *Module) Counts(ctx context.Context) (Counts, error) {
	c, err := countAll(ctx, m.s.DB)
	if err == nil {
		c.Reports, err = m.reports.CountPublic(ctx, reportKind)
	}
	return c, err
}

// validate checks terms for the person: the fields, and that they may
// pledge for the organisation they chose.
func (m *Module) validate(ctx context.Context, t *Terms, userID string, now time.Time) error {
	t.normalize()
	fields := apperr.Fields{}
	if err := t.Validate(now); err != nil {
		fields = apperr.As(err).Fields
	}
	if t.OrgID != "" && fields["organization_id"] == "" && !m.orgs.CanEdit(ctx, t.OrgID, userID) {
		fields.Add("organization_id", "pledge.org.not_member")
	}
	return fields.Err()
}

// storeImage keeps an uploaded picture; its refusals belong to the field
// "image".
func (m *Module) storeImage(ctx context.Context, ownerID string, r io.Reader, now time.Time) (string, error) {
	u, err := uploads.Store(ctx, m.s.DB, m.s.Limiter, ownerID, r, MaxImageBytes, now)
	if err != nil {
		if e := apperr.As(err); e.Code == apperr.Invalid && e.Msg != "" {
			return "", apperr.Field("image", e.Msg)
		}
		return "", err
	}
	return u.ID, nil
}

// Create makes a draft pledge; image is an optional picture (nil for none).
func (m *Module) Create(ctx context.Context, actor *auth.Identity, t Terms, image io.Reader) (*Pledge, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	now := m.s.Clock.Now()
	if err := m.validate(ctx, &t, actor.UserID, now); err != nil {
		return nil, err
	}
	p := &Pledge{ID: ids.New(), Status: Draft, OwnerID: actor.UserID, Terms: t, CreatedAt: now, UpdatedAt: now}
	if image != nil {
		var err error
		if p.ImageID, err = m.storeImage(ctx, actor.UserID, image, now); err != nil {
			return nil, err
		}
	}
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error { return insertPledge(ctx, tx, p) })
	if err != nil {
		_ = uploads.Drop(ctx, m.s.DB, p.ImageID)
		return nil, err
	}
	return p, nil
}

// editable loads a pledge whose terms the person may change now: the
// pledger's, while it is a draft.
func (m *Module) editable(ctx context.Context, q db.Querier, actor *auth.Identity, pledgeID string, lock bool) (*Pledge, error) {
	p, err := m.visible(ctx, q, actor, pledgeID, lock)
	if err != nil {
		return nil, err
	}
	if err := m.requirePledger(ctx, p, actor.UserID); err != nil {
		return nil, err
	}
	if p.Status != Draft {
		return nil, apperr.New(apperr.Conflict, "pledge.edit.not_draft")
	}
	return p, nil
}

// Update changes the terms of a draft with change, which gets the current
// ones; image, when not nil, replaces the picture.
func (m *Module) Update(ctx context.Context, actor *auth.Identity, pledgeID string, change func(Terms) Terms, image io.Reader) (*Pledge, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	now := m.s.Clock.Now()
	// Checked first outside the transaction, so a refused change stores no
	// picture, and a picture is decoded without holding the writer.
	p, err := m.editable(ctx, m.s.DB, actor, pledgeID, false)
	if err != nil {
		return nil, err
	}
	t := change(p.Terms)
	if err := m.validate(ctx, &t, actor.UserID, now); err != nil {
		return nil, err
	}
	newImage := ""
	if image != nil {
		if newImage, err = m.storeImage(ctx, actor.UserID, image, now); err != nil {
			return nil, err
		}
	}
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if p, err = m.editable(ctx, tx, actor, pledgeID, true); err != nil {
			return err
		}
		t := change(p.Terms)
		if err := m.validate(ctx, &t, actor.UserID, now); err != nil {
			return err
		}
		old := p.ImageID
		p.Terms, p.UpdatedAt = t, now
		if newImage != "" {
			p.ImageID = newImage
		}
		if err := updateTerms(ctx, tx, p); err != nil {
			return err
		}
		if newImage != "" {
			if err := uploads.Drop(ctx, tx, old); err != nil {
				return err
			}
		}
		return m.indexPledge(ctx, tx, p.ID)
	})
	if err != nil {
		_ = uploads.Drop(ctx, m.s.DB, newImage)
		return nil, err
	}
	return p, nil
}

// RemoveImage takes the picture off a draft.
func (m *Module) RemoveImage(ctx context.Context, actor *auth.Identity, pledgeID string) error {
	if actor == nil {
		return apperr.New(apperr.Unauthenticated, "")
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		p, err := m.editable(ctx, tx, actor, pledgeID, true)
		if err != nil {
			return err
		}
		if p.ImageID == "" {
			return nil
		}
		if _, err := tx.ExecContext(ctx, "UPDATE pledges SET image_id = NULL, updated_at = $1 WHERE id = $2",
			m.s.Clock.Now(), p.ID); err != nil {
			return db.Err(err)
		}
		return uploads.Drop(ctx, tx, p.ImageID)
	})
}

// Delete removes a pledge that never became public (draft, submitted or
// declined), by its pledger.
func (m *Module) Delete(ctx context.Context, actor *auth.Identity, pledgeID string) error {
	if actor == nil {
		return apperr.New(apperr.Unauthenticated, "")
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		p, err := m.visible(ctx, tx, actor, pledgeID, true)
		if err != nil {
			return err
		}
		if err := m.requirePledger(ctx, p, actor.UserID); err != nil {
			return err
		}
		if p.Status.Public() {
			return apperr.New(apperr.Conflict, "pledge.delete.public")
		}
		return m.deletePledge(ctx, tx, p)
	})
}

// deletePledge removes a pledge with everything hanging on it, its report
// on the blog too, and takes it out of search.
func (m *Module) deletePledge(ctx context.Context, tx *sql.Tx, p *Pledge) error {
	if err := m.reports.DeleteOwned(ctx, tx, reportKind, p.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM pledges WHERE id = $1", p.ID); err != nil {
		return db.Err(err)
	}
	if err := uploads.Drop(ctx, tx, p.ImageID); err != nil {
		return err
	}
	return m.unindex(ctx, tx, searchdoc.Pledge, p.ID)
}

// facts are what the state machine's guards see of a pledge now.
func facts(p *Pledge, now time.Time) Facts {
	return Facts{Confirmed: p.Confirmed, Needed: p.Needed, DeadlinePassed: !now.Before(p.Deadline)}
}

// move applies ev to the locked pledge p through the state machine and
// stores the new status; extra sets more columns ("col = ?, col = ?").
func (m *Module) move(ctx context.Context, tx *sql.Tx, p *Pledge, ev Event, now time.Time, extra string, args ...any) error {
	to, err := Next(p.Status, ev, facts(p, now))
	if err != nil {
		return err
	}
	ok, err := setStatus(ctx, tx, p.ID, p.Status, to, now, extra, args...)
	if err != nil {
		return err
	}
	if !ok {
		return apperr.New(apperr.Conflict, "pledge.transition.refused")
	}
	p.Status, p.UpdatedAt = to, now
	return nil
}

// byPledger runs ev for the pledger on a pledge, with then for what follows
// in the same transaction.
func (m *Module) byPledger(ctx context.Context, actor *auth.Identity, pledgeID string, ev Event,
	then func(ctx context.Context, tx *sql.Tx, p *Pledge, now time.Time) error, extra string, args ...any) (*Pledge, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	now := m.s.Clock.Now()
	var p *Pledge
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if p, err = m.visible(ctx, tx, actor, pledgeID, true); err != nil {
			return err
		}
		if err := m.requirePledger(ctx, p, actor.UserID); err != nil {
			return err
		}
		if err := m.move(ctx, tx, p, ev, now, extra, args...); err != nil {
			return err
		}
		if then != nil {
			if err := then(ctx, tx, p, now); err != nil {
				return err
			}
		}
		return m.indexPledge(ctx, tx, p.ID)
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// Submit hands a draft to the coordinators.
func (m *Module) Submit(ctx context.Context, actor *auth.Identity, pledgeID string) (*Pledge, error) {
	now := m.s.Clock.Now()
	return m.byPledger(ctx, actor, pledgeID, Submit, nil, "submitted_at = ?", now)
}

// Revise takes a submitted or declined pledge back to a draft to edit it.
func (m *Module) Revise(ctx context.Context, actor *auth.Identity, pledgeID string) (*Pledge, error) {
	return m.byPledger(ctx, actor, pledgeID, Revise, nil, "")
}

// Close ends an active pledge early as successful, once enough sign-ups
// are confirmed; pledger and signers are put in touch.
func (m *Module) Close(ctx context.Context, actor *auth.Identity, pledgeID string) (*Pledge, error) {
	now := m.s.Clock.Now()
	return m.byPledger(ctx, actor, pledgeID, Close, m.succeed, "closed_at = ?", now)
}

// Approve publishes a submitted pledge (coordinators only); the pledger is
// told.
func (m *Module) Approve(ctx context.Context, actor *auth.Identity, pledgeID string) (*Pledge, error) {
	return m.decide(ctx, actor, pledgeID, Approve, "")
}

// Decline refuses a submitted pledge with a reason (coordinators only);
// the pledger is told why.
func (m *Module) Decline(ctx context.Context, actor *auth.Identity, pledgeID, reason string) (*Pledge, error) {
	reason = text.MultiLine(reason)
	switch {
	case reason == "":
		return nil, apperr.Field("reason", "pledge.decline.reason_required")
	case len([]rune(reason)) > maxReasonLen:
		return nil, apperr.Field("reason", "form.too_long")
	}
	return m.decide(ctx, actor, pledgeID, Decline, reason)
}

func (m *Module) decide(ctx context.Context, actor *auth.Identity, pledgeID string, ev Event, reason string) (*Pledge, error) {
	if !actor.Staff() {
		if actor == nil {
			return nil, apperr.New(apperr.Unauthenticated, "")
		}
		return nil, apperr.New(apperr.Forbidden, "")
	}
	now := m.s.Clock.Now()
	var p *Pledge
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if p, err = m.visible(ctx, tx, actor, pledgeID, true); err != nil {
			return err
		}
		if err := m.move(ctx, tx, p, ev, now, "decided_by = ?, decided_at = ?, decline_reason = ?",
			actor.UserID, now, reason); err != nil {
			return err
		}
		p.DecidedBy, p.DecidedAt, p.DeclineReason = actor.UserID, &now, reason
		if err := audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "pledge." + string(ev),
			ObjectType: "pledge", ObjectID: p.ID, Details: map[string]any{"promise": p.Promise, "reason": reason}}); err != nil {
			return err
		}
		lt := letter{kind: pledgeApproved, item: pledgeItem(p), path: "/pledges/" + p.ID, args: []any{"Promise", p.Promise}}
		if ev == Decline {
			lt.kind, lt.quote = pledgeDeclined, reason
		}
		if err := m.sendPledger(ctx, tx, p, lt, now); err != nil {
			return err
		}
		return m.indexPledge(ctx, tx, p.ID)
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// Copy starts a new draft from a pledge the person may see, credited to
// the original. The deadline keeps the original's length of time.
func (m *Module) Copy(ctx context.Context, actor *auth.Identity, pledgeID string) (*Pledge, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	orig, err := m.Get(ctx, actor, pledgeID)
	if err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	start := orig.CreatedAt
	if orig.DecidedAt != nil {
		start = *orig.DecidedAt
	}
	length := min(max(orig.Deadline.Sub(start), 14*24*time.Hour), 365*24*time.Hour)
	t := orig.Terms
	t.OrgID, t.Deadline = "", clock.EndOfDay(now.Add(length))
	p := &Pledge{ID: ids.New(), Status: Draft, OwnerID: actor.UserID, Terms: t, CopiedFrom: orig.ID,
		CreatedAt: now, UpdatedAt: now}
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error { return insertPledge(ctx, tx, p) })
	if err != nil {
		return nil, err
	}
	return p, nil
}

// CopyCount is how many pledges were copied from this one.
func (m *Module) CopyCount(ctx context.Context, pledgeID string) (int, error) {
	var n int
	err := m.s.DB.QueryRowContext(ctx, "SELECT count(*) FROM pledges WHERE copied_from = $1 AND status IN ('active', 'successful', 'failed')",
		pledgeID).Scan(&n)
	return n, db.Err(err)
}

// Mine lists the pledges the person made or may act for through an
// organisation, newest first.
func (m *Module) Mine(ctx context.Context, userID string) ([]*Pledge, error) {
	if !ids.Valid(userID) {
		return []*Pledge{}, nil
	}
	ms, err := m.orgs.Memberships(ctx, userID)
	if err != nil {
		return nil, err
	}
	query := "SELECT " + pledgeColumns + " FROM pledges p WHERE (p.owner_id = $1 AND p.organization_id IS NULL)"
	args := []any{userID}
	for _, o := range ms {
		if o.Role == "owner" || o.Role == "editor" {
			args = append(args, o.OrganizationID)
			query += " OR p.organization_id = $" + strconv.Itoa(len(args))
		}
	}
	return queryPledges(ctx, m.s.DB, query+" ORDER BY p.created_at DESC, p.id DESC", args...)
}

// Queue lists the pledges waiting for a coordinator, oldest first.
func (m *Module) Queue(ctx context.Context) ([]*Pledge, error) {
	return queryPledges(ctx, m.s.DB, "SELECT "+pledgeColumns+" FROM pledges p WHERE p.status = 'submitted' ORDER BY p.submitted_at, p.id")
}

// WithoutReport lists successful pledges whose reminder went out and that
// still have no published report, for the coordinators to follow up.
func (m *Module) WithoutReport(ctx context.Context) ([]*Pledge, error) {
	reminded, err := queryPledges(ctx, m.s.DB, "SELECT "+pledgeColumns+` FROM pledges p WHERE p.status = 'successful'
		AND p.reminded_at IS NOT NULL ORDER BY p.reminded_at, p.id`)
	if err != nil {
		return nil, err
	}
	return unreported(ctx, m, reminded, func(p *Pledge) string { return p.ID })
}

// unreported keeps the pledges (or their ids) that have no published
// report on the blog.
func unreported[T any](ctx context.Context, m *Module, list []T, id func(T) string) ([]T, error) {
	ids := make([]string, len(list))
	for i, x := range list {
		ids[i] = id(x)
	}
	published, err := m.reports.PublishedFor(ctx, reportKind, ids)
	if err != nil {
		return nil, err
	}
	out := list[:0:0]
	for _, x := range list {
		if !published[id(x)] {
			out = append(out, x)
		}
	}
	return out, nil
}
