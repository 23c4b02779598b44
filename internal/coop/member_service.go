package coop

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/notify"
	"teilhabe.org/teilhabe/internal/text"
)

const (
	maxNameLen    = 200
	maxAddressLen = 500
	maxNoteLen    = 1000
)

// ApplicationDraft is what an applicant fills in.
type ApplicationDraft struct {
	Name, Address string
	Shares        int
	Investing     bool
	StatutesSeen  bool // the applicant confirms having been shown the statutes
	Declare       bool // the applicant ticks the unconditional declaration
}

// euros writes cents as German money: 1.234,50 €.
func euros(cents int64) string {
	s := fmt.Sprintf("%d", cents/100)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return fmt.Sprintf("%s,%02d €", b.String(), cents%100)
}

// Declaration is the German text of the declaration to join (§ 15, § 15a
// GenG) with the statutes' numbers: what the applicant declares.
func (c *Coop) Declaration(name string, shares int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Ich, %s, erkläre hiermit unbedingt meinen Beitritt zur Genossenschaft %s und beteilige mich mit %d Geschäftsanteil(en) zu je %s (zusammen %s). ",
		name, c.Name, shares, euros(c.SharePriceCents), euros(c.SharePriceCents*int64(shares)))
	fmt.Fprintf(&b, "Ich verpflichte mich, die nach Gesetz und Satzung geschuldeten Einzahlungen auf die Geschäftsanteile zu leisten; die Mindesteinzahlung beträgt %s je Geschäftsanteil. ",
		euros(c.MinPaymentCents))
	if c.FurtherContributions {
		b.WriteString("Ich verpflichte mich, die nach Gesetz und Satzung zur Insolvenzmasse zu leistenden Nachschüsse zu zahlen (§ 6 Nr. 3 GenG). ")
	} else {
		b.WriteString("Nach der Satzung besteht keine Pflicht, Nachschüsse zur Insolvenzmasse zu leisten. ")
	}
	b.WriteString("Die Satzung in der gültigen Fassung wurde mir vor Abgabe dieser Erklärung zur Verfügung gestellt.")
	return b.String()
}

func (d *ApplicationDraft) normalize() {
	d.Name = text.OneLine(d.Name)
	d.Address = text.MultiLine(d.Address)
}

func (d *ApplicationDraft) validate(c *Coop) error {
	f := apperr.Fields{}
	check.Text(f, "name", d.Name, maxNameLen, true)
	check.Text(f, "address", d.Address, maxAddressLen, true)
	if d.Shares < c.SharesRequired || d.Shares > c.MaxShares {
		f.Add("shares", "coop.field.shares_range")
	}
	if d.Investing && !c.InvestingMembers {
		f.Add("investing", "coop.field.no_investing")
	}
	if !d.StatutesSeen {
		f.Add("statutes_seen", "coop.apply.statutes_required")
	}
	if !d.Declare {
		f.Add("declare", "coop.apply.declare_required")
	}
	return f.Err()
}

// Apply records a person's declaration to join.
func (m *Module) Apply(ctx context.Context, actor *auth.Identity, coopID string, d ApplicationDraft, lang string) (*Application, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	c, err := m.Get(ctx, coopID)
	if err != nil {
		return nil, err
	}
	d.normalize()
	if err := d.validate(c); err != nil {
		return nil, err
	}
	st, err := m.standingIn(ctx, c, actor)
	if err != nil {
		return nil, err
	}
	if st.MemberID != "" {
		return nil, apperr.New(apperr.Conflict, "coop.member.already")
	}
	now := m.s.Clock.Now()
	a := &Application{ID: ids.New(), CoopID: c.ID, UserID: actor.UserID, Name: d.Name, Address: d.Address, Shares: d.Shares,
		Investing: d.Investing, Lang: text.CanonicalLanguage(lang), Declaration: c.Declaration(d.Name, d.Shares), DeclaredAt: now}
	if a.Lang == "" {
		a.Lang = "de"
	}
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := insertApplication(ctx, tx, a, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "coop.apply", ObjectType: "coop", ObjectID: c.ID})
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// MyApplication returns the person's pending application, or nil.
func (m *Module) MyApplication(ctx context.Context, actor *auth.Identity, coopID string) (*Application, error) {
	if actor == nil || !ids.Valid(actor.UserID) {
		return nil, nil
	}
	a, err := applicationOf(ctx, m.s.DB, coopID, actor.UserID)
	if apperr.Is(err, apperr.NotFound) {
		return nil, nil
	}
	return a, err
}

// Applications lists the pending applications for the board.
func (m *Module) Applications(ctx context.Context, actor *auth.Identity, coopID string) (*Coop, []*Application, error) {
	c, _, err := m.asBoard(ctx, actor, coopID)
	if err != nil {
		return nil, nil, err
	}
	as, err := listApplications(ctx, m.s.DB, c.ID)
	return c, as, err
}

var (
	admittedKind = notify.Kind{Name: "coop/admitted", Subject: "coop.mail.admitted.subject", Greeting: "coop.mail.greeting",
		Body: []string{"coop.mail.admitted.body"}, Action: "coop.mail.open", Footer: "coop.mail.footer"}
	rejectedKind = notify.Kind{Name: "coop/rejected", Subject: "coop.mail.rejected.subject", Greeting: "coop.mail.greeting",
		Body: []string{"coop.mail.rejected.body"}, Footer: "coop.mail.footer"}
)

// NotifyKinds are the notices the module sends.
func (m *Module) NotifyKinds() []notify.Kind {
	return []notify.Kind{admittedKind, rejectedKind, invitedKind}
}

// Admit makes the applicant a member from today with the shares applied
// for: a join line in the register and the subscription in the share
// journal; the application is used up.
func (m *Module) Admit(ctx context.Context, actor *auth.Identity, coopID, appID string) (*Member, error) {
	c, _, err := m.asBoard(ctx, actor, coopID)
	if err != nil {
		return nil, err
	}
	var mb *Member
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		a, err := getApplication(ctx, tx, c.ID, appID)
		if err != nil {
			return err
		}
		now := m.s.Clock.Now()
		mb = &Member{ID: ids.New(), CoopID: c.ID, UserID: a.UserID, Kind: "person", Investing: a.Investing, Votes: 1, Lang: a.Lang, Name: a.Name}
		if err := m.join(ctx, tx, c, mb, a.Address, a.Shares, actor.UserID, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM coop_applications WHERE id = $1`, a.ID); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "coop.admit", ObjectType: "coop_member", ObjectID: mb.ID}); err != nil {
			return err
		}
		return m.s.Notify.Send(ctx, tx, notify.Notice{Kind: admittedKind, Item: notify.Item{Type: "coop", ID: c.ID},
			Link: "/coops/" + c.ID, To: []string{a.UserID}, Params: []any{"Coop", c.Name}}, now)
	})
	if err != nil {
		return nil, err
	}
	return mb, nil
}

// join records a new member from today: the member row, the join line
// and the subscription.
func (m *Module) join(ctx context.Context, tx *sql.Tx, c *Coop, mb *Member, address string, shares int, actorID string, now time.Time) error {
	if err := insertMember(ctx, tx, mb, now); err != nil {
		return err
	}
	today := m.today()
	if err := appendRegister(ctx, tx, c.ID, registerLine{MemberID: mb.ID, Kind: "join", EffectiveOn: day(today),
		Name: mb.Name, Address: address, Shares: shares}, actorID, now); err != nil {
		return err
	}
	return appendShares(ctx, tx, c.ID, ShareEntry{MemberID: mb.ID, Kind: "subscribe", Shares: shares, BookedOn: today}, actorID, now)
}

// Reject refuses an application: the applicant is told, then its data is
// deleted.
func (m *Module) Reject(ctx context.Context, actor *auth.Identity, coopID, appID string) error {
	c, _, err := m.asBoard(ctx, actor, coopID)
	if err != nil {
		return err
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		a, err := getApplication(ctx, tx, c.ID, appID)
		if err != nil {
			return err
		}
		now := m.s.Clock.Now()
		if err := m.s.Notify.Send(ctx, tx, notify.Notice{Kind: rejectedKind, Item: notify.Item{Type: "coop", ID: c.ID},
			Link: "/coops/" + c.ID, To: []string{a.UserID}, Params: []any{"Coop", c.Name}}, now); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM coop_applications WHERE id = $1`, a.ID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "coop.reject", ObjectType: "coop", ObjectID: c.ID})
	})
}

// MemberDraft is a member the board records directly: a founder, or a
// member without a platform account.
type MemberDraft struct {
	UserID    string // "" for a member without an account
	Kind      string // person (default) or organization
	Name      string
	Address   string
	Shares    int
	Investing bool
	Votes     int
	Lang      string
}

// RecordMember adds a member from today; the board only.
func (m *Module) RecordMember(ctx context.Context, actor *auth.Identity, coopID string, d MemberDraft) (*Member, error) {
	c, _, err := m.asBoard(ctx, actor, coopID)
	if err != nil {
		return nil, err
	}
	d.Name, d.Address = text.OneLine(d.Name), text.MultiLine(d.Address)
	if d.Kind == "" {
		d.Kind = "person"
	}
	if d.Votes == 0 {
		d.Votes = 1
	}
	if d.Lang = text.CanonicalLanguage(d.Lang); d.Lang == "" {
		d.Lang = "de"
	}
	f := apperr.Fields{}
	check.Text(f, "name", d.Name, maxNameLen, true)
	check.Text(f, "address", d.Address, maxAddressLen, true)
	if d.Kind != "person" && d.Kind != "organization" {
		f.Add("kind", "form.invalid_choice")
	}
	if d.Shares < c.SharesRequired || d.Shares > c.MaxShares {
		f.Add("shares", "coop.field.shares_range")
	}
	if d.Investing && !c.InvestingMembers {
		f.Add("investing", "coop.field.no_investing")
	}
	if d.Votes < 1 || d.Votes > c.MultipleVotes {
		f.Add("votes", "coop.field.votes_range")
	}
	if d.UserID != "" && !ids.Valid(d.UserID) {
		f.Add("user_id", "form.invalid_choice")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	mb := &Member{ID: ids.New(), CoopID: c.ID, UserID: d.UserID, Kind: d.Kind, Investing: d.Investing, Votes: d.Votes, Lang: d.Lang, Name: d.Name}
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := m.join(ctx, tx, c, mb, d.Address, d.Shares, actor.UserID, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "coop.member.record", ObjectType: "coop_member", ObjectID: mb.ID})
	})
	if err != nil {
		return nil, err
	}
	return mb, nil
}

// current loads a member who is a member today and has no leaving recorded.
func (m *Module) current(ctx context.Context, q db.Querier, c *Coop, memberID string) (*Member, Entry, error) {
	mb, err := getMember(ctx, q, c.ID, memberID)
	if err != nil {
		return nil, Entry{}, err
	}
	e, ok, err := entryOn(ctx, q, c.ID, mb.ID, m.today())
	if err != nil {
		return nil, e, err
	}
	if !ok || e.LeftOn != nil {
		return nil, e, apperr.New(apperr.Conflict, "coop.member.not_current")
	}
	if leaving, err := pendingLeave(ctx, q, mb.ID); err != nil || leaving {
		if err == nil {
			err = apperr.New(apperr.Conflict, "coop.member.leaving")
		}
		return nil, e, err
	}
	mb.Name = e.Name
	return mb, e, nil
}

// End ends a membership with its reason: notice (the member or the
// board; at the end of the financial year after the notice period, § 65),
// exclusion (the board, by the assembly's or board's resolution, from
// today, § 68) or death (the board; at the end of the financial year of
// the death, § 77). A leaving is never recorded before today.
func (m *Module) End(ctx context.Context, actor *auth.Identity, coopID, memberID string, reason LeaveReason, on time.Time, note string) (time.Time, error) {
	if actor == nil {
		return time.Time{}, apperr.New(apperr.Unauthenticated, "")
	}
	c, err := m.Get(ctx, coopID)
	if err != nil {
		return time.Time{}, err
	}
	st, err := m.standingIn(ctx, c, actor)
	if err != nil {
		return time.Time{}, err
	}
	own := st.MemberID == memberID && st.Member
	if !st.Board && !(own && reason == Notice) {
		return time.Time{}, apperr.New(apperr.Forbidden, "coop.not_board")
	}
	note = text.MultiLine(note)
	f := apperr.Fields{}
	check.Text(f, "note", note, maxNoteLen, reason == Exclusion || reason == Death)
	today := m.today()
	var effective time.Time
	switch reason {
	case Notice:
		effective = c.LeavingDay(today)
	case Exclusion:
		effective = today
	case Death:
		if on.IsZero() || on.After(today) {
			f.Add("died_on", "coop.field.day_past")
		}
		effective = c.YearEnd(on)
		if effective.Before(today) {
			effective = today
		}
	default:
		f.Add("reason", "form.invalid_choice")
	}
	if err := f.Err(); err != nil {
		return time.Time{}, err
	}
	now := m.s.Clock.Now()
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, _, err := m.current(ctx, tx, c, memberID); err != nil {
			return err
		}
		if err := appendRegister(ctx, tx, c.ID, registerLine{MemberID: memberID, Kind: "leave", EffectiveOn: day(effective),
			Reason: string(reason), Note: note}, actor.UserID, now); err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "coop.member." + string(reason),
			ObjectType: "coop_member", ObjectID: memberID, Details: map[string]any{"effective_on": day(effective)}})
	})
	return effective, err
}

// ChangeDetails records a member's new name or address from today.
func (m *Module) ChangeDetails(ctx context.Context, actor *auth.Identity, coopID, memberID, name, address string) error {
	c, _, err := m.asBoard(ctx, actor, coopID)
	if err != nil {
		return err
	}
	name, address = text.OneLine(name), text.MultiLine(address)
	f := apperr.Fields{}
	check.Text(f, "name", name, maxNameLen, true)
	check.Text(f, "address", address, maxAddressLen, true)
	if err := f.Err(); err != nil {
		return err
	}
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, _, err := m.current(ctx, tx, c, memberID); err != nil {
			return err
		}
		return appendRegister(ctx, tx, c.ID, registerLine{MemberID: memberID, Kind: "details", EffectiveOn: day(m.today()),
			Name: name, Address: address}, actor.UserID, now)
	})
}

// MemberList is the list (§ 30) as of a day for the members, the board and
// the supervisory board; every view is in the audit log, what is the
// format ("page", "csv", "api").
func (m *Module) MemberList(ctx context.Context, actor *auth.Identity, coopID string, asOf time.Time, what string) (*Coop, []Entry, error) {
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
	if !st.SeesList() {
		return nil, nil, apperr.New(apperr.Forbidden, "coop.list.forbidden")
	}
	list, err := listAsOf(ctx, m.s.DB, c.ID, asOf)
	if err != nil {
		return nil, nil, err
	}
	err = audit.Record(ctx, m.s.DB, audit.Entry{At: m.s.Clock.Now(), ActorID: actor.UserID, Action: "coop.list.view",
		ObjectType: "coop", ObjectID: c.ID, Details: map[string]any{"as_of": day(asOf), "format": what}})
	return c, list, err
}

// Members returns the members of today, by id, for pages that name them.
func (m *Module) members(ctx context.Context, c *Coop) (map[string]*Member, []Entry, error) {
	list, err := listAsOf(ctx, m.s.DB, c.ID, m.today())
	if err != nil {
		return nil, nil, err
	}
	rows, err := membersOf(ctx, m.s.DB, c.ID)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range list {
		if mb := rows[e.MemberID]; mb != nil {
			mb.Name = e.Name
		}
	}
	return rows, list, nil
}
