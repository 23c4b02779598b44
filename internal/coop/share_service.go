package coop

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/text"
)

// ShareDraft is a booking the board records in the share journal.
type ShareDraft struct {
	Kind     string // subscribe, payment, transfer, payout
	MemberID string
	ToID     string // the receiving member of a transfer
	Shares   int
	Cents    int64
	BookedOn time.Time // the day the bank booked a payment; today for the rest
	Note     string
}

// Book records a booking: further shares subscribed (from today, also in
// the register), a payment the bank reported, a transfer of shares with
// their paid-up capital to another member (§ 76; a member who transfers
// all leaves with it), a pay-out after leaving.
func (m *Module) Book(ctx context.Context, actor *auth.Identity, coopID string, d ShareDraft) error {
	c, _, err := m.asBoard(ctx, actor, coopID)
	if err != nil {
		return err
	}
	d.Note = text.OneLine(d.Note)
	today := m.today()
	f := apperr.Fields{}
	check.Text(f, "note", d.Note, maxNoteLen, false)
	switch d.Kind {
	case "subscribe", "transfer":
		if d.Shares < 1 {
			f.Add("shares", "coop.field.count_range")
		}
	case "payment", "payout":
		if d.Cents < 1 {
			f.Add("amount", "coop.field.amount_range")
		}
	default:
		f.Add("kind", "form.invalid_choice")
	}
	if d.Kind == "payment" {
		if d.BookedOn.IsZero() || d.BookedOn.After(today) {
			f.Add("booked_on", "coop.field.day_past")
		}
	} else {
		d.BookedOn = today
	}
	if d.Kind == "transfer" && (d.ToID == "" || d.ToID == d.MemberID) {
		f.Add("to_id", "coop.field.transfer_to")
	}
	if err := f.Err(); err != nil {
		return err
	}
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		switch d.Kind {
		case "subscribe":
			_, e, err := m.current(ctx, tx, c, d.MemberID)
			if err != nil {
				return err
			}
			if e.Shares+d.Shares > c.MaxShares {
				return apperr.Field("shares", "coop.field.shares_range")
			}
			if err := appendRegister(ctx, tx, c.ID, registerLine{MemberID: d.MemberID, Kind: "shares", EffectiveOn: day(today),
				Shares: d.Shares, Reason: "subscribe"}, actor.UserID, now); err != nil {
				return err
			}
			if err := appendShares(ctx, tx, c.ID, ShareEntry{MemberID: d.MemberID, Kind: "subscribe", Shares: d.Shares,
				BookedOn: today, Note: d.Note}, actor.UserID, now); err != nil {
				return err
			}
		case "payment":
			if _, err := getMember(ctx, tx, c.ID, d.MemberID); err != nil {
				return err
			}
			if err := appendShares(ctx, tx, c.ID, ShareEntry{MemberID: d.MemberID, Kind: "payment", Cents: d.Cents,
				BookedOn: d.BookedOn, Note: d.Note}, actor.UserID, now); err != nil {
				return err
			}
		case "payout":
			if _, err := getMember(ctx, tx, c.ID, d.MemberID); err != nil {
				return err
			}
			paid, err := paidIn(ctx, tx, d.MemberID)
			if err != nil {
				return err
			}
			if d.Cents > paid {
				return apperr.Field("amount", "coop.field.more_than_paid")
			}
			if err := appendShares(ctx, tx, c.ID, ShareEntry{MemberID: d.MemberID, Kind: "payout", Cents: d.Cents,
				BookedOn: today, Note: d.Note}, actor.UserID, now); err != nil {
				return err
			}
		case "transfer":
			if err := m.transfer(ctx, tx, c, d, actor.UserID, now); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "coop.shares." + d.Kind,
			ObjectType: "coop_member", ObjectID: d.MemberID})
	})
}

// transfer moves shares and the paid-up capital on them from one member
// to another (§ 76): the capital moves in proportion to the shares.
func (m *Module) transfer(ctx context.Context, tx *sql.Tx, c *Coop, d ShareDraft, actorID string, now time.Time) error {
	_, from, err := m.current(ctx, tx, c, d.MemberID)
	if err != nil {
		return err
	}
	_, to, err := m.current(ctx, tx, c, d.ToID)
	if err != nil {
		return apperr.Field("to_id", "coop.field.transfer_to")
	}
	if d.Shares > from.Shares {
		return apperr.Field("shares", "coop.field.more_than_held")
	}
	if to.Shares+d.Shares > c.MaxShares {
		return apperr.Field("shares", "coop.field.shares_range")
	}
	rest := from.Shares - d.Shares
	if rest > 0 && rest < c.SharesRequired {
		return apperr.Field("shares", "coop.field.below_required")
	}
	paid, err := paidIn(ctx, tx, d.MemberID)
	if err != nil {
		return err
	}
	cents := paid * int64(d.Shares) / int64(from.Shares)
	today := m.today()
	for _, l := range []registerLine{
		{MemberID: d.MemberID, Kind: "shares", Shares: -d.Shares, Reason: "transfer"},
		{MemberID: d.ToID, Kind: "shares", Shares: d.Shares, Reason: "transfer"},
	} {
		l.EffectiveOn = day(today)
		if err := appendRegister(ctx, tx, c.ID, l, actorID, now); err != nil {
			return err
		}
	}
	if rest == 0 {
		if err := appendRegister(ctx, tx, c.ID, registerLine{MemberID: d.MemberID, Kind: "leave", EffectiveOn: day(today),
			Reason: string(Transfer), Note: d.Note}, actorID, now); err != nil {
			return err
		}
	}
	if err := appendShares(ctx, tx, c.ID, ShareEntry{MemberID: d.MemberID, Kind: "transfer_out", Shares: d.Shares, Cents: cents,
		BookedOn: today, Counterpart: d.ToID, Note: d.Note}, actorID, now); err != nil {
		return err
	}
	return appendShares(ctx, tx, c.ID, ShareEntry{MemberID: d.ToID, Kind: "transfer_in", Shares: d.Shares, Cents: cents,
		BookedOn: today, Counterpart: d.MemberID, Note: d.Note}, actorID, now)
}

// ShareJournal is the journal for the board and supervisory board, and a
// member's own lines for the member.
func (m *Module) ShareJournal(ctx context.Context, actor *auth.Identity, coopID string) (*Coop, []ShareEntry, error) {
	if actor == nil {
		return nil, nil, apperr.New(apperr.Unauthenticated, "")
	}
	c, err := m.Get(ctx, coopID)
	if err != nil {
		return nil, nil, err
	}
	st, err := m.standingIn(ctx, c, actor)
	if err != nil {
		return nil, nil, err
	}
	only := ""
	switch {
	case st.Board || st.Supervisory:
	case st.Member: // a former member has their lines in the data export
		only = st.MemberID
	default:
		return nil, nil, apperr.New(apperr.Forbidden, "coop.list.forbidden")
	}
	es, err := listShares(ctx, m.s.DB, c.ID, only)
	if err != nil {
		return nil, nil, err
	}
	names, _, err := m.members(ctx, c)
	if err != nil {
		return nil, nil, err
	}
	for i := range es {
		if mb := names[es[i].MemberID]; mb != nil {
			es[i].MemberName = mb.Name
		}
	}
	return c, es, nil
}

// AddOffice records a member in a board or supervisory board office
// from today. While no board office is recorded, the organisation's
// owners act as the board; the first board office ends that.
func (m *Module) AddOffice(ctx context.Context, actor *auth.Identity, coopID, memberID, office string) error {
	c, _, err := m.asBoard(ctx, actor, coopID)
	if err != nil {
		return err
	}
	if office != "board" && office != "supervisory" {
		return apperr.Field("office", "form.invalid_choice")
	}
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, _, err := m.current(ctx, tx, c, memberID); err != nil {
			return apperr.Field("member_id", "coop.member.not_current")
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM coop_offices WHERE member_id = $1 AND until IS NULL`, memberID).Scan(&n); err != nil {
			return err
		}
		if n > 0 { // § 37: nobody sits on both boards
			return apperr.Field("member_id", "coop.office.holds_one")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO coop_offices (id, coop_id, member_id, office, since, recorded_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, newID(), c.ID, memberID, office, day(m.today()), now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "coop.office.add", ObjectType: "coop_member",
			ObjectID: memberID, Details: map[string]any{"office": office}})
	})
}

// EndOffice ends an office today.
func (m *Module) EndOffice(ctx context.Context, actor *auth.Identity, coopID, officeID string) error {
	c, _, err := m.asBoard(ctx, actor, coopID)
	if err != nil {
		return err
	}
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE coop_offices SET until = $3 WHERE coop_id = $1 AND id = $2 AND until IS NULL`,
			c.ID, officeID, day(m.today()))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "")
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "coop.office.end", ObjectType: "coop_office", ObjectID: officeID})
	})
}

// Offices lists the offices of today with their holders' names.
func (m *Module) Offices(ctx context.Context, c *Coop) ([]Office, error) {
	os, err := listOffices(ctx, m.s.DB, c.ID)
	if err != nil {
		return nil, err
	}
	names, _, err := m.members(ctx, c)
	if err != nil {
		return nil, err
	}
	today := m.today()
	var out []Office
	for _, o := range os {
		if o.Until != nil && o.Until.Before(today) {
			continue
		}
		if mb := names[o.MemberID]; mb != nil {
			o.Name = mb.Name
		}
		out = append(out, o)
	}
	return out, nil
}
