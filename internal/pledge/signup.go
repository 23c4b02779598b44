package pledge

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/text"
)

// SignupInput is what a person fills in to sign up.
type SignupInput struct {
	OrgID     string // sign up for this organisation the person belongs to; "" for themselves
	Note      string // how they will fulfil the condition
	Anonymous bool   // show publicly as "an initiative from Kassel" instead of the name
}

func (in *SignupInput) validate(ctx context.Context, m *Module, userID string) error {
	in.Note = text.MultiLine(in.Note)
	f := apperr.Fields{}
	check.Text(f, "note", in.Note, maxNoteLen, true)
	if in.OrgID != "" && (!ids.Valid(in.OrgID) || !m.orgs.CanEdit(ctx, in.OrgID, userID)) {
		f.Add("organization_id", "pledge.org.not_member")
	}
	return f.Err()
}

// SignUp records that the person (or their organisation) will fulfil the
// pledge's condition. The pledger is told; the sign-up counts once the
// pledger confirms it, or at once when the pledger chose so.
func (m *Module) SignUp(ctx context.Context, actor *auth.Identity, pledgeID string, in SignupInput) (*Signup, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	if err := in.validate(ctx, m, actor.UserID); err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	var s *Signup
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		p, err := m.visible(ctx, tx, actor, pledgeID, true)
		if err != nil {
			return err
		}
		if !p.Open(now) {
			return apperr.New(apperr.Conflict, "pledge.signup.closed")
		}
		if m.isPledger(ctx, p, actor.UserID) {
			return apperr.New(apperr.Conflict, "pledge.signup.own")
		}
		s = &Signup{ID: ids.New(), PledgeID: p.ID, UserID: actor.UserID, OrgID: in.OrgID, Note: in.Note,
			Anonymous: in.Anonymous, Status: SignupPending, CreatedAt: now}
		if p.AutoConfirm {
			s.Status, s.ConfirmedAt = SignupConfirmed, &now
		}
		if err := insertSignup(ctx, tx, s); err != nil {
			return err
		}
		lt := letter{kind: signupToConfirm, item: pledgeItem(p), quote: s.Note, path: "/pledges/" + p.ID + "#signups",
			args: []any{"Promise", p.Promise}, names: []any{"Name", actor.Name}}
		if p.AutoConfirm {
			lt.kind = signupAuto
		}
		return m.sendPledger(ctx, tx, p, lt, now)
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Withdraw takes the person's own sign-up back while the pledge runs.
func (m *Module) Withdraw(ctx context.Context, actor *auth.Identity, pledgeID string) error {
	if actor == nil {
		return apperr.New(apperr.Unauthenticated, "")
	}
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		p, err := m.visible(ctx, tx, actor, pledgeID, true)
		if err != nil {
			return err
		}
		if !p.Open(now) {
			return apperr.New(apperr.Conflict, "pledge.signup.closed")
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM pledge_signups WHERE pledge_id = $1 AND user_id = $2", p.ID, actor.UserID)
		if err != nil {
			return db.Err(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "")
		}
		return nil
	})
}

// ConfirmSignup counts a sign-up towards the pledge (the pledger only);
// the signer is told.
func (m *Module) ConfirmSignup(ctx context.Context, actor *auth.Identity, pledgeID, signupID string) (*Signup, error) {
	return m.judgeSignup(ctx, actor, pledgeID, signupID, SignupConfirmed)
}

// DeclineSignup turns a sign-up down (the pledger only); the signer is
// told.
func (m *Module) DeclineSignup(ctx context.Context, actor *auth.Identity, pledgeID, signupID string) (*Signup, error) {
	return m.judgeSignup(ctx, actor, pledgeID, signupID, SignupDeclined)
}

func (m *Module) judgeSignup(ctx context.Context, actor *auth.Identity, pledgeID, signupID string, to SignupStatus) (*Signup, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	now := m.s.Clock.Now()
	var s *Signup
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		p, err := m.visible(ctx, tx, actor, pledgeID, true)
		if err != nil {
			return err
		}
		if err := m.requirePledger(ctx, p, actor.UserID); err != nil {
			return err
		}
		if !p.Open(now) {
			return apperr.New(apperr.Conflict, "pledge.signup.closed")
		}
		if s, err = signupByID(ctx, tx, p.ID, signupID); err != nil {
			return err
		}
		if s.Status == to {
			return nil
		}
		var confirmedAt *time.Time
		if to == SignupConfirmed {
			confirmedAt = &now
		}
		if _, err := tx.ExecContext(ctx, "UPDATE pledge_signups SET status = $1, confirmed_at = $2 WHERE id = $3",
			string(to), confirmedAt, s.ID); err != nil {
			return db.Err(err)
		}
		s.Status, s.ConfirmedAt = to, confirmedAt
		lt := letter{kind: signupConfirmed, item: pledgeItem(p), path: "/pledges/" + p.ID, args: []any{"Promise", p.Promise}}
		if to == SignupDeclined {
			lt.kind = signupDeclined
		}
		return m.send(ctx, tx, s.UserID, lt, now)
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// Signups lists every sign-up of a pledge with the private notes, for its
// pledger only.
func (m *Module) Signups(ctx context.Context, actor *auth.Identity, pledgeID string) ([]*Signup, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	p, err := m.Get(ctx, actor, pledgeID)
	if err != nil {
		return nil, err
	}
	if err := m.requirePledger(ctx, p, actor.UserID); err != nil {
		return nil, err
	}
	return querySignups(ctx, m.s.DB, "pledge_id = $1", p.ID)
}

// MySignup returns the person's own sign-up to a pledge; NotFound when
// there is none.
func (m *Module) MySignup(ctx context.Context, userID, pledgeID string) (*Signup, error) {
	if !ids.Valid(userID) || !ids.Valid(pledgeID) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return scanSignup(m.s.DB.QueryRowContext(ctx, "SELECT "+signupColumns+
		" FROM pledge_signups WHERE pledge_id = $1 AND user_id = $2", pledgeID, userID))
}

// Supporter is a confirmed sign-up as the public sees it: a name, or for
// anonymous ones only what kind of supporter and from where.
type Supporter struct {
	Name      string // the person's or organisation's name; "" when anonymous or the account is gone
	IsOrg     bool
	Anonymous bool
	Place     string // the organisation's town, shown for anonymous organisations
	Since     time.Time
}

// Supporters lists the confirmed sign-ups of a pledge for its page.
func (m *Module) Supporters(ctx context.Context, pledgeID string) ([]Supporter, error) {
	signups, err := querySignups(ctx, m.s.DB, "pledge_id = $1 AND status = 'confirmed'", pledgeID)
	if err != nil {
		return nil, err
	}
	names, err := m.names(ctx, signups)
	if err != nil {
		return nil, err
	}
	out := make([]Supporter, 0, len(signups))
	for _, s := range signups {
		sp := Supporter{IsOrg: s.OrgID != "", Anonymous: s.Anonymous, Since: s.CreatedAt}
		if s.ConfirmedAt != nil {
			sp.Since = *s.ConfirmedAt
		}
		if s.OrgID != "" {
			if o, err := m.orgs.Get(ctx, s.OrgID); err == nil {
				sp.Place = o.City
			}
		}
		if !s.Anonymous {
			sp.Name = names[s.ID]
		}
		out = append(out, sp)
	}
	return out, nil
}

// names returns for each sign-up the name it shows: the organisation's,
// or the person's ("" for accounts that are gone).
func (m *Module) names(ctx context.Context, signups []*Signup) (map[string]string, error) {
	var userIDs []string
	for _, s := range signups {
		userIDs = append(userIDs, s.UserID)
	}
	people, err := m.accounts.Names(ctx, userIDs)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, s := range signups {
		out[s.ID] = people[s.UserID]
		if s.OrgID != "" {
			if o, err := m.orgs.Get(ctx, s.OrgID); err == nil {
				out[s.ID] = o.Name
			}
		}
	}
	return out, nil
}

// MySignups lists the person's sign-ups with their pledges, newest first.
func (m *Module) MySignups(ctx context.Context, userID string) ([]*Signup, map[string]*Pledge, error) {
	if !ids.Valid(userID) {
		return []*Signup{}, map[string]*Pledge{}, nil
	}
	signups, err := querySignups(ctx, m.s.DB, "user_id = $1", userID)
	if err != nil {
		return nil, nil, err
	}
	pledges := map[string]*Pledge{}
	for _, s := range signups {
		if p, err := pledgeByID(ctx, m.s.DB, s.PledgeID); err == nil {
			pledges[p.ID] = p
		}
	}
	for i, j := 0, len(signups)-1; i < j; i, j = i+1, j-1 {
		signups[i], signups[j] = signups[j], signups[i]
	}
	return signups, pledges, nil
}

// redeemer reports whether the person fulfilled the pledge: a confirmed
// sign-up of theirs, or of an organisation they may act for.
func (m *Module) redeemer(ctx context.Context, q db.Querier, p *Pledge, userID string) (*Signup, bool) {
	signups, err := querySignups(ctx, q, "pledge_id = $1 AND status = 'confirmed'", p.ID)
	if err != nil {
		return nil, false
	}
	for _, s := range signups {
		if s.UserID == userID {
			return s, true
		}
	}
	for _, s := range signups {
		if s.OrgID != "" && m.orgs.CanEdit(ctx, s.OrgID, userID) {
			return s, true
		}
	}
	return nil, false
}
