package coop

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/google/uuid"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/notify"
	"teilhabe.org/teilhabe/internal/text"
)

const (
	maxTitleLen    = 200
	maxBodyLen     = 10000
	maxAgendaItems = 30
	maxHeldProxies = 2 // § 43 (5): one holder represents at most two members
)

// AssemblyDraft is what the board fills in to convene an assembly.
type AssemblyDraft struct {
	Kind      string
	Format    Format
	StartsAt  time.Time
	Place     string
	OnlineURL string
	ChairID   string
	KeeperID  string
	Agenda    []string
}

var invitedKind = notify.Kind{Name: "coop/invited", Subject: "coop.mail.invited.subject", Greeting: "coop.mail.greeting",
	Body: []string{"coop.mail.invited.body"}, Action: "coop.mail.open_assembly", Footer: "coop.mail.footer", Required: true}

// Convene calls an assembly: at least two weeks ahead (but the founding
// meeting), with the agenda; every member with an account is told in
// their language with the German invitation attached, and the
// invitation's text is kept as the evidence.
func (m *Module) Convene(ctx context.Context, actor *auth.Identity, coopID string, d AssemblyDraft) (*Assembly, error) {
	c, _, err := m.asBoard(ctx, actor, coopID)
	if err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	d.Place, d.OnlineURL = text.OneLine(d.Place), strings.TrimSpace(d.OnlineURL)
	var agenda []string
	for _, t := range d.Agenda {
		if t = text.OneLine(t); t != "" {
			agenda = append(agenda, t)
		}
	}
	f := apperr.Fields{}
	if !validChoice(d.Kind, AssemblyKinds...) {
		f.Add("kind", "form.invalid_choice")
	}
	if !validChoice(string(d.Format), "in_person", "online", "hybrid", "split") {
		f.Add("format", "form.invalid_choice")
	}
	switch {
	case d.StartsAt.IsZero():
		f.Add("starts_at", "form.required")
	case d.Kind != "founding" && d.StartsAt.Before(now.Add(inviteAhead)):
		f.Add("starts_at", "coop.assembly.too_soon")
	case d.StartsAt.Before(now):
		f.Add("starts_at", "coop.assembly.too_soon")
	}
	if d.Format == InPerson || d.Format == Hybrid {
		check.Text(f, "place", d.Place, maxShortLen, true)
	}
	if d.Format != InPerson {
		check.URL(f, "online_url", d.OnlineURL, true)
	}
	if len(agenda) == 0 {
		f.Add("agenda", "form.required")
	}
	if len(agenda) > maxAgendaItems {
		f.Add("agenda", "form.too_long")
	}
	for _, t := range agenda {
		if len([]rune(t)) > maxTitleLen {
			f.Add("agenda", "form.too_long")
		}
	}
	members, list, err := m.members(ctx, c)
	if err != nil {
		return nil, err
	}
	current := map[string]bool{}
	for _, e := range list {
		if e.LeftOn == nil {
			current[e.MemberID] = true
		}
	}
	for name, id := range map[string]string{"chair_id": d.ChairID, "keeper_id": d.KeeperID} {
		if id != "" && !current[id] {
			f.Add(name, "coop.member.not_current")
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	a := &Assembly{ID: ids.New(), CoopID: c.ID, Kind: d.Kind, Format: d.Format, StartsAt: d.StartsAt.UTC(), Place: d.Place,
		OnlineURL: d.OnlineURL, ChairID: d.ChairID, KeeperID: d.KeeperID, Status: "convened", ConvenedAt: now}
	if d.Format == InPerson {
		a.OnlineURL = ""
	}
	for i, t := range agenda {
		a.Agenda = append(a.Agenda, AgendaItem{ID: ids.New(), Position: i + 1, Title: t, AnnouncedAt: now})
	}
	a.Invitation = invitation(c, a)
	var to []string
	for id := range current {
		if mb := members[id]; mb != nil && mb.UserID != "" {
			to = append(to, mb.UserID)
		}
	}
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO coop_assemblies (id, coop_id, kind, format, starts_at, place, online_url,
			chair_id, keeper_id, status, invitation, convened_at, convened_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
			a.ID, c.ID, a.Kind, string(a.Format), a.StartsAt, a.Place, a.OnlineURL, db.NullString(a.ChairID), db.NullString(a.KeeperID),
			a.Status, a.Invitation, now, actor.UserID); err != nil {
			return db.Err(err)
		}
		for _, i := range a.Agenda {
			if err := insertItem(ctx, tx, a.ID, i); err != nil {
				return err
			}
		}
		if err := audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "coop.assembly.convene", ObjectType: "coop_assembly", ObjectID: a.ID}); err != nil {
			return err
		}
		if len(to) == 0 {
			return nil
		}
		return m.s.Notify.Send(ctx, tx, notify.Notice{Kind: invitedKind, Item: notify.Item{Type: "coop_assembly", ID: a.ID},
			Link: "/assemblies/" + a.ID, To: to, Params: []any{"Coop", c.Name, "Start", a.StartsAt},
			Mail: notify.Mail{Text: []string{a.Invitation}}}, now)
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

func insertItem(ctx context.Context, tx *sql.Tx, assemblyID string, i AgendaItem) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO coop_agenda (id, assembly_id, position, title, announced_at) VALUES ($1, $2, $3, $4, $5)`,
		i.ID, assemblyID, i.Position, i.Title, i.AnnouncedAt)
	return db.Err(err)
}

func validChoice(s string, choices ...string) bool {
	for _, c := range choices {
		if s == c {
			return true
		}
	}
	return false
}

var formatGerman = map[Format]string{InPerson: "Präsenzversammlung", Online: "virtuelle Versammlung (online)",
	Hybrid: "hybride Versammlung (vor Ort und online)", Split: "gestreckte Versammlung: Erörterungsphase, danach Abstimmungsphase"}

// kindDative names a kind of assembly after "zur".
var kindDative = map[string]string{"founding": "Gründungsversammlung", "ordinary": "ordentlichen Generalversammlung",
	"extraordinary": "außerordentlichen Generalversammlung"}

// invitation is the German invitation (§ 46 GenG) as it is sent and kept.
func invitation(c *Coop, a *Assembly) string {
	local := clock.Local(a.StartsAt)
	var b strings.Builder
	fmt.Fprintf(&b, "Einladung zur %s der %s\n\n", kindDative[a.Kind], c.Name)
	fmt.Fprintf(&b, "Der Vorstand lädt hiermit ein zur %s am %s um %s Uhr.\n", kindDative[a.Kind], local.Format("02.01.2006"), local.Format("15:04"))
	fmt.Fprintf(&b, "Form der Versammlung: %s.\n", formatGerman[a.Format])
	if a.Place != "" {
		fmt.Fprintf(&b, "Ort: %s\n", a.Place)
	}
	if a.OnlineURL != "" {
		b.WriteString("Zugang zur Online-Teilnahme: über die Seite der Versammlung auf der Plattform.\n")
	}
	b.WriteString("\nTagesordnung:\n")
	for _, i := range a.Agenda {
		fmt.Fprintf(&b, "%d. %s\n", i.Position, i.Title)
	}
	b.WriteString("\nJedes Mitglied kann sich durch ein anderes Mitglied in Textform vertreten lassen; ein Bevollmächtigter kann nicht mehr als zwei Mitglieder vertreten (§ 43 Abs. 5 GenG).")
	return b.String()
}

// AssemblyView is an assembly as a member or the board sees it.
type AssemblyView struct {
	*Assembly
	Coop      *Coop
	Standing  Standing
	Chair     bool // the viewer chairs it
	Attending bool
	GaveProxy *Proxy  // the viewer's own proxy, if given
	Holds     []Proxy // proxies the viewer holds
	Proxies   []Proxy
	Attendees []Attendee
	Members   map[string]*Member
	Current   []Entry // today's members
}

// View loads an assembly for its cooperative's members and boards.
func (m *Module) View(ctx context.Context, actor *auth.Identity, id string) (*AssemblyView, error) {
	if actor == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	a, err := getAssembly(ctx, m.s.DB, id)
	if err != nil {
		return nil, err
	}
	c, err := m.Get(ctx, a.CoopID)
	if err != nil {
		return nil, err
	}
	st, err := m.standingIn(ctx, c, actor)
	if err != nil {
		return nil, err
	}
	if !st.SeesList() {
		return nil, apperr.New(apperr.NotFound, "")
	}
	v := &AssemblyView{Assembly: a, Coop: c, Standing: st, Chair: st.MemberID != "" && st.MemberID == a.ChairID}
	if v.Members, v.Current, err = m.members(ctx, c); err != nil {
		return nil, err
	}
	if v.Proxies, err = listProxies(ctx, m.s.DB, a.ID); err != nil {
		return nil, err
	}
	if v.Attendees, err = listAttendance(ctx, m.s.DB, a.ID); err != nil {
		return nil, err
	}
	held := map[string]int{}
	for i := range v.Proxies {
		p := &v.Proxies[i]
		p.Principal, p.Holder = v.name(p.PrincipalID), v.name(p.HolderID)
		held[p.HolderID]++
		if p.PrincipalID == st.MemberID {
			v.GaveProxy = p
		}
		if p.HolderID == st.MemberID {
			v.Holds = append(v.Holds, *p)
		}
	}
	for i := range v.Attendees {
		at := &v.Attendees[i]
		at.Name = v.name(at.MemberID)
		at.Votes = 1 + held[at.MemberID]
		if at.MemberID == st.MemberID {
			v.Attending = true
		}
	}
	return v, nil
}

func (v *AssemblyView) name(memberID string) string {
	if mb := v.Members[memberID]; mb != nil {
		return mb.Name
	}
	return ""
}

// isCurrent reports whether the member is a member today.
func (v *AssemblyView) isCurrent(memberID string) bool {
	for _, e := range v.Current {
		if e.MemberID == memberID && e.LeftOn == nil {
			return true
		}
	}
	return false
}

// Manages reports whether the viewer may run the assembly: the board and
// its chair.
func (v *AssemblyView) Manages() bool { return v.Standing.Board || v.Chair }

// openFor loads the assembly for an action of a current member while it
// is open.
func (m *Module) openFor(ctx context.Context, actor *auth.Identity, id string) (*AssemblyView, error) {
	v, err := m.View(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if v.Status != "convened" {
		return nil, apperr.New(apperr.Conflict, "coop.assembly.closed")
	}
	return v, nil
}

// Attend records the person present online; from an hour before the start.
func (m *Module) Attend(ctx context.Context, actor *auth.Identity, id string) error {
	v, err := m.openFor(ctx, actor, id)
	if err != nil {
		return err
	}
	if !v.Standing.Member {
		return apperr.New(apperr.Forbidden, "coop.assembly.members_only")
	}
	now := m.s.Clock.Now()
	if now.Before(v.StartsAt.Add(-time.Hour)) {
		return apperr.New(apperr.Conflict, "coop.assembly.not_yet")
	}
	return m.attend(ctx, actor, v, v.Standing.MemberID, "online", now)
}

// CheckIn records a member present in person; the chair and the board.
func (m *Module) CheckIn(ctx context.Context, actor *auth.Identity, id, memberID string) error {
	v, err := m.openFor(ctx, actor, id)
	if err != nil {
		return err
	}
	if !v.Manages() {
		return apperr.New(apperr.Forbidden, "coop.not_board")
	}
	if !v.isCurrent(memberID) {
		return apperr.Field("member_id", "coop.member.not_current")
	}
	return m.attend(ctx, actor, v, memberID, "in_person", m.s.Clock.Now())
}

func (m *Module) attend(ctx context.Context, actor *auth.Identity, v *AssemblyView, memberID, how string, now time.Time) error {
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO coop_attendance (assembly_id, member_id, how, at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (assembly_id, member_id) DO NOTHING`, v.ID, memberID, how, now)
		if err != nil {
			return db.Err(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "coop.assembly.attend", ObjectType: "coop_assembly",
			ObjectID: v.ID, Details: map[string]any{"member": memberID, "how": how}})
	})
}

// GiveProxy authorises another member to vote for the person at the
// assembly, in text form: the principal gives it on the platform
// themselves. A holder represents at most two members; a principal who
// gave a proxy does not vote while it stands.
func (m *Module) GiveProxy(ctx context.Context, actor *auth.Identity, id, holderID string) (*Proxy, error) {
	v, err := m.openFor(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !v.Standing.Member {
		return nil, apperr.New(apperr.Forbidden, "coop.assembly.members_only")
	}
	if holderID == v.Standing.MemberID || !v.isCurrent(holderID) {
		return nil, apperr.Field("holder_id", "coop.proxy.holder_invalid")
	}
	now := m.s.Clock.Now()
	p := &Proxy{ID: ids.New(), PrincipalID: v.Standing.MemberID, HolderID: holderID, GivenAt: now}
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var held, given int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM coop_proxies WHERE assembly_id = $1 AND holder_id = $2`, v.ID, holderID).Scan(&held); err != nil {
			return db.Err(err)
		}
		if held >= maxHeldProxies {
			return apperr.Field("holder_id", "coop.proxy.holder_full")
		}
		// A holder who gave a proxy himself cannot be one; nor can a principal.
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM coop_proxies WHERE assembly_id = $1 AND (principal_id = $2 OR holder_id = $3)`,
			v.ID, holderID, p.PrincipalID).Scan(&given); err != nil {
			return db.Err(err)
		}
		if given > 0 {
			return apperr.Field("holder_id", "coop.proxy.chain")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO coop_proxies (id, assembly_id, principal_id, holder_id, given_at) VALUES ($1, $2, $3, $4, $5)`,
			p.ID, v.ID, p.PrincipalID, p.HolderID, now); err != nil {
			if apperr.Is(db.Err(err), apperr.Conflict) {
				return apperr.Field("holder_id", "coop.proxy.already")
			}
			return db.Err(err)
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "coop.proxy.give", ObjectType: "coop_assembly",
			ObjectID: v.ID, Details: map[string]any{"principal": p.PrincipalID, "holder": p.HolderID}})
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// RevokeProxy withdraws the person's proxy, unless its holder voted with it.
func (m *Module) RevokeProxy(ctx context.Context, actor *auth.Identity, id string) error {
	v, err := m.openFor(ctx, actor, id)
	if err != nil {
		return err
	}
	if v.GaveProxy == nil {
		return apperr.New(apperr.NotFound, "coop.proxy.none")
	}
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var used int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM coop_votes v JOIN coop_motions mo ON mo.id = v.motion_id
			WHERE mo.assembly_id = $1 AND v.member_id = $2) + (SELECT count(*) FROM coop_voters v JOIN coop_motions mo ON mo.id = v.motion_id
			WHERE mo.assembly_id = $1 AND v.member_id = $2)`, v.ID, v.Standing.MemberID).Scan(&used); err != nil {
			return db.Err(err)
		}
		if used > 0 {
			return apperr.New(apperr.Conflict, "coop.proxy.used")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM coop_proxies WHERE id = $1`, v.GaveProxy.ID); err != nil {
			return db.Err(err)
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "coop.proxy.revoke", ObjectType: "coop_assembly", ObjectID: v.ID})
	})
}

// MotionDraft is a motion the board puts on an agenda item.
type MotionDraft struct {
	AgendaID  string
	Title     string
	Body      string
	Kind      ResolutionKind
	Secret    bool
	SubjectID string // for a discharge: whose
}

// AddMotion puts a motion to the assembly with the statutes' majority and
// quorum for its kind; an item announced late cannot be resolved.
func (m *Module) AddMotion(ctx context.Context, actor *auth.Identity, id string, d MotionDraft) (*Motion, error) {
	v, err := m.openFor(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	if !v.Manages() {
		return nil, apperr.New(apperr.Forbidden, "coop.not_board")
	}
	d.Title, d.Body = text.OneLine(d.Title), text.MultiLine(d.Body)
	f := apperr.Fields{}
	check.Text(f, "title", d.Title, maxTitleLen, true)
	check.Text(f, "body", d.Body, maxBodyLen, false)
	if !validKind(d.Kind) {
		f.Add("kind", "form.invalid_choice")
	}
	var item *AgendaItem
	for i := range v.Agenda {
		if v.Agenda[i].ID == d.AgendaID {
			item = &v.Agenda[i]
		}
	}
	switch {
	case item == nil:
		f.Add("agenda_id", "form.invalid_choice")
	case !item.Resolvable(v.Assembly):
		f.Add("agenda_id", "coop.motion.item_late")
	}
	if d.Kind == Discharge {
		if d.SubjectID == "" || v.Members[d.SubjectID] == nil {
			f.Add("subject_id", "coop.motion.subject_required")
		}
	} else {
		d.SubjectID = ""
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	rule := v.Coop.RuleFor(d.Kind)
	now := m.s.Clock.Now()
	mo := &Motion{ID: ids.New(), AssemblyID: v.ID, AgendaID: item.ID, Title: d.Title, Body: d.Body, Kind: d.Kind,
		Majority: rule.Majority, QuorumPercent: rule.QuorumPercent, Secret: d.Secret, SubjectID: d.SubjectID, Status: "open", CreatedAt: now}
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO coop_motions (id, assembly_id, agenda_id, title, body, kind, majority,
			quorum_percent, secret, subject_id, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
			mo.ID, mo.AssemblyID, mo.AgendaID, mo.Title, mo.Body, string(mo.Kind), string(mo.Majority), mo.QuorumPercent,
			mo.Secret, db.NullString(mo.SubjectID), mo.Status, now); err != nil {
			return db.Err(err)
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "coop.motion.add", ObjectType: "coop_motion", ObjectID: mo.ID})
	})
	if err != nil {
		return nil, err
	}
	return mo, nil
}

// motionFor loads a motion with its assembly for an action of actor.
func (m *Module) motionFor(ctx context.Context, actor *auth.Identity, motionID string) (*Motion, *AssemblyView, error) {
	mo, err := getMotion(ctx, m.s.DB, motionID)
	if err != nil {
		return nil, nil, err
	}
	v, err := m.openFor(ctx, actor, mo.AssemblyID)
	if err != nil {
		return nil, nil, err
	}
	return mo, v, nil
}

// Cast records the person's vote, or their principal's (for): once per
// member and motion, while the assembly is open and the motion is.
func (m *Module) Cast(ctx context.Context, actor *auth.Identity, motionID string, choice Choice, forID string) error {
	mo, v, err := m.motionFor(ctx, actor, motionID)
	if err != nil {
		return err
	}
	self := v.Standing.MemberID
	if !v.Standing.Member {
		return apperr.New(apperr.Forbidden, "coop.assembly.members_only")
	}
	now := m.s.Clock.Now()
	switch {
	case !v.Open(now):
		return apperr.New(apperr.Conflict, "coop.assembly.not_yet")
	case mo.Closed():
		return apperr.New(apperr.Conflict, "coop.motion.closed")
	case choice != Yes && choice != No && choice != Abstain:
		return apperr.Field("choice", "form.invalid_choice")
	case !v.Attending:
		return apperr.New(apperr.Conflict, "coop.vote.attend_first")
	}
	voter := self
	if forID != "" && forID != self {
		voter = ""
		for _, p := range v.Holds {
			if p.PrincipalID == forID {
				voter = forID
			}
		}
		if voter == "" {
			return apperr.Field("for", "coop.vote.no_proxy")
		}
	} else if v.GaveProxy != nil {
		return apperr.New(apperr.Conflict, "coop.vote.gave_proxy")
	}
	// § 43 (6): nobody votes on their own discharge, nor for another on it.
	if mo.SubjectID != "" && (mo.SubjectID == voter || mo.SubjectID == self) {
		return apperr.New(apperr.Forbidden, "coop.vote.own_discharge")
	}
	return m.record(ctx, v, mo, voter, self, choice, now, nil)
}

// EnterVote records the open vote of a member present in person, as the
// chair hears it in a hybrid or in-person assembly; the chair and the
// board. Secret in-person votes are not entered per member.
func (m *Module) EnterVote(ctx context.Context, actor *auth.Identity, motionID, memberID string, choice Choice) error {
	mo, v, err := m.motionFor(ctx, actor, motionID)
	if err != nil {
		return err
	}
	if !v.Manages() {
		return apperr.New(apperr.Forbidden, "coop.not_board")
	}
	now := m.s.Clock.Now()
	inPerson := false
	for _, at := range v.Attendees {
		if at.MemberID == memberID && at.How == "in_person" {
			inPerson = true
		}
	}
	switch {
	case !v.Open(now):
		return apperr.New(apperr.Conflict, "coop.assembly.not_yet")
	case mo.Closed():
		return apperr.New(apperr.Conflict, "coop.motion.closed")
	case mo.Secret:
		return apperr.New(apperr.Conflict, "coop.vote.secret_in_person")
	case choice != Yes && choice != No && choice != Abstain:
		return apperr.Field("choice", "form.invalid_choice")
	case !inPerson:
		return apperr.Field("member_id", "coop.vote.not_checked_in")
	}
	for _, p := range v.Proxies {
		if p.PrincipalID == memberID {
			return apperr.New(apperr.Conflict, "coop.vote.gave_proxy")
		}
	}
	if mo.SubjectID == memberID {
		return apperr.New(apperr.Forbidden, "coop.vote.own_discharge")
	}
	return m.record(ctx, v, mo, memberID, memberID, choice, now, actor)
}

// record stores a vote of voter, cast by castBy (the voter or their proxy
// holder): a row of the open votes, or for a secret vote the voter apart
// from one unit ballot per vote. enteredBy is the chair who entered an
// in-person vote, nil otherwise.
func (m *Module) record(ctx context.Context, v *AssemblyView, mo *Motion, voter, castBy string, choice Choice, now time.Time, enteredBy *auth.Identity) error {
	self := castBy
	mb := v.Members[voter]
	if mb == nil || !v.isCurrent(voter) {
		return apperr.Field("for", "coop.member.not_current")
	}
	if mb.Investing && !v.Coop.InvestingVote {
		return apperr.New(apperr.Forbidden, "coop.vote.investing_excluded")
	}
	weight := voteWeight(v.Coop, mb.Votes, mo.Kind)
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := lockOpen(ctx, tx, mo.ID); err != nil {
			return err
		}
		if mo.Secret {
			if _, err := tx.ExecContext(ctx, `INSERT INTO coop_voters (motion_id, member_id, cast_by) VALUES ($1, $2, $3)`,
				mo.ID, voter, self); err != nil {
				return alreadyVoted(err)
			}
			for range weight {
				if _, err := tx.ExecContext(ctx, `INSERT INTO coop_ballots (id, motion_id, choice, investing) VALUES ($1, $2, $3, $4)`,
					uuid.NewString(), mo.ID, string(choice), mb.Investing); err != nil {
					return db.Err(err)
				}
			}
			return nil
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO coop_votes (motion_id, member_id, choice, weight, investing, cast_by, at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, mo.ID, voter, string(choice), weight, mb.Investing, self, now); err != nil {
			return alreadyVoted(err)
		}
		if enteredBy == nil {
			return nil
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: enteredBy.UserID, Action: "coop.vote.enter", ObjectType: "coop_motion",
			ObjectID: mo.ID, Details: map[string]any{"member": voter}})
	})
}

// lockOpen locks the motion's row and refuses once it is closed, so no
// vote slips in beside the count.
func lockOpen(ctx context.Context, tx *sql.Tx, motionID string) error {
	if err := db.LockRow(ctx, tx, "coop_motions", motionID); err != nil {
		return err
	}
	var status string
	if err := tx.QueryRowContext(ctx, `SELECT status FROM coop_motions WHERE id = $1`, motionID).Scan(&status); err != nil {
		return db.Err(err)
	}
	if status != "open" {
		return apperr.New(apperr.Conflict, "coop.motion.closed")
	}
	return nil
}

func alreadyVoted(err error) error {
	if apperr.Is(db.Err(err), apperr.Conflict) {
		return apperr.New(apperr.Conflict, "coop.vote.already")
	}
	return db.Err(err)
}

// CloseMotion ends the vote and counts it; the chair and the board.
func (m *Module) CloseMotion(ctx context.Context, actor *auth.Identity, motionID string) (*Motion, error) {
	mo, v, err := m.motionFor(ctx, actor, motionID)
	if err != nil {
		return nil, err
	}
	if !v.Manages() {
		return nil, apperr.New(apperr.Forbidden, "coop.not_board")
	}
	if mo.Closed() {
		return nil, apperr.New(apperr.Conflict, "coop.motion.closed")
	}
	members, present := v.presence()
	now := m.s.Clock.Now()
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := lockOpen(ctx, tx, mo.ID); err != nil {
			return err
		}
		ballots, err := ballotsOf(ctx, tx, mo)
		if err != nil {
			return err
		}
		t := Counted(Count{Majority: mo.Majority, QuorumPercent: mo.QuorumPercent, Members: members, Present: present}, ballots)
		mo.Status, mo.Yes, mo.No, mo.Abstain, mo.Present, mo.Members = "closed", t.Yes, t.No, t.Abstain, present, members
		mo.QuorumMet, mo.Adopted, mo.Capped, mo.ClosedAt = t.QuorumMet, t.Adopted, t.Capped, &now
		if _, err := tx.ExecContext(ctx, `UPDATE coop_motions SET status = 'closed', yes = $2, no = $3, abstain = $4, present = $5,
			members = $6, quorum_met = $7, adopted = $8, capped = $9, closed_at = $10 WHERE id = $1`,
			mo.ID, t.Yes, t.No, t.Abstain, present, members, t.QuorumMet, t.Adopted, t.Capped, now); err != nil {
			return db.Err(err)
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "coop.motion.close", ObjectType: "coop_motion", ObjectID: mo.ID})
	})
	if err != nil {
		return nil, err
	}
	return mo, nil
}

// presence counts today's members and those present or represented: the
// attendees and the principals whose holder attends.
func (v *AssemblyView) presence() (members, present int) {
	attending := map[string]bool{}
	for _, a := range v.Attendees {
		attending[a.MemberID] = true
	}
	for _, e := range v.Current {
		if e.LeftOn == nil {
			members++
		}
	}
	present = len(attending)
	for _, p := range v.Proxies {
		if attending[p.HolderID] && !attending[p.PrincipalID] {
			present++
		}
	}
	return members, present
}

// CloseAssembly ends the assembly once every motion is counted.
func (m *Module) CloseAssembly(ctx context.Context, actor *auth.Identity, id string) error {
	v, err := m.openFor(ctx, actor, id)
	if err != nil {
		return err
	}
	if !v.Manages() {
		return apperr.New(apperr.Forbidden, "coop.not_board")
	}
	for _, mo := range v.Motions {
		if !mo.Closed() {
			return apperr.New(apperr.Conflict, "coop.assembly.motions_open")
		}
	}
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE coop_assemblies SET status = 'closed', closed_at = $2 WHERE id = $1 AND status = 'convened'`, v.ID, now); err != nil {
			return db.Err(err)
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "coop.assembly.close", ObjectType: "coop_assembly", ObjectID: v.ID})
	})
}
