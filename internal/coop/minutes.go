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
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
)

// Minutes are an assembly's minutes (§ 47 GenG): the German text, legally
// binding, and what the translation aid beside it shows.
type Minutes struct {
	*AssemblyView
	Text             string // German
	Draft            bool   // not yet confirmed by the chair: generated anew on each reading
	ChairName        string
	KeeperName       string
	ChairConfirmedAt *time.Time
	BoardName        string
	BoardConfirmedAt *time.Time
}

// Final reports whether chair and a board member confirmed the minutes:
// they are read-only from then.
func (mi *Minutes) Final() bool { return mi.BoardConfirmedAt != nil }

// CanConfirm reports whether the viewer may confirm now: the chair first,
// then a board member present other than the chair.
func (mi *Minutes) CanConfirm() bool {
	if mi.Status != "closed" || mi.Final() || mi.Standing.MemberID == "" {
		return false
	}
	if mi.ChairConfirmedAt == nil {
		return mi.Standing.MemberID == mi.ChairID
	}
	return mi.Standing.Board && mi.Attending && mi.Standing.MemberID != mi.ChairID
}

// MinutesOf returns the minutes for the cooperative's members and boards:
// as confirmed, or generated from the records while not confirmed.
func (m *Module) MinutesOf(ctx context.Context, actor *auth.Identity, id string) (*Minutes, error) {
	v, err := m.View(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	mi := &Minutes{AssemblyView: v, ChairName: v.name(v.ChairID), KeeperName: v.name(v.KeeperID)}
	var chairID, boardID sql.NullString
	var chairAt, boardAt sql.NullTime
	err = m.s.DB.QueryRowContext(ctx, `SELECT text, CAST(chair_id AS TEXT), chair_confirmed_at, CAST(board_id AS TEXT), board_confirmed_at
		FROM coop_minutes WHERE assembly_id = $1`, id).Scan(&mi.Text, &chairID, &chairAt, &boardID, &boardAt)
	switch {
	case apperr.Is(db.Err(err), apperr.NotFound):
		mi.Draft, mi.Text = true, minutesText(mi)
	case err != nil:
		return nil, db.Err(err)
	default:
		mi.ChairConfirmedAt, mi.BoardConfirmedAt = db.TimePtr(chairAt), db.TimePtr(boardAt)
		mi.ChairName, mi.BoardName = v.name(chairID.String), v.name(boardID.String)
	}
	return mi, nil
}

// ConfirmMinutes records the viewer's confirmation: the chair's freezes
// the text; a board member's present makes them final.
func (m *Module) ConfirmMinutes(ctx context.Context, actor *auth.Identity, id string) error {
	mi, err := m.MinutesOf(ctx, actor, id)
	if err != nil {
		return err
	}
	if mi.Standing.MemberID == "" || (mi.Standing.MemberID != mi.ChairID && !mi.Standing.Board) {
		return apperr.New(apperr.Forbidden, "coop.minutes.not_yours")
	}
	if mi.Status != "closed" {
		return apperr.New(apperr.Conflict, "coop.minutes.not_closed")
	}
	if mi.Final() {
		return apperr.New(apperr.Conflict, "coop.minutes.final")
	}
	if !mi.CanConfirm() {
		return apperr.New(apperr.Forbidden, "coop.minutes.not_yours")
	}
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var res sql.Result
		var err error
		if mi.ChairConfirmedAt == nil {
			res, err = tx.ExecContext(ctx, `INSERT INTO coop_minutes (assembly_id, text, chair_id, chair_confirmed_at) VALUES ($1, $2, $3, $4)
				ON CONFLICT (assembly_id) DO NOTHING`, id, mi.Text, mi.Standing.MemberID, now)
		} else {
			res, err = tx.ExecContext(ctx, `UPDATE coop_minutes SET board_id = $2, board_confirmed_at = $3
				WHERE assembly_id = $1 AND board_confirmed_at IS NULL`, id, mi.Standing.MemberID, now)
		}
		if err != nil {
			return db.Err(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.Conflict, "coop.minutes.final")
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "coop.minutes.confirm", ObjectType: "coop_assembly", ObjectID: id})
	})
}

var majorityGerman = map[Majority]string{Simple: "einfache Mehrheit der abgegebenen Stimmen",
	TwoThirds: "Mehrheit von zwei Dritteln der abgegebenen Stimmen", ThreeQuarters: "Mehrheit von drei Vierteln der abgegebenen Stimmen"}

// minutesText writes the German minutes from the records.
func minutesText(mi *Minutes) string {
	a, c := mi.AssemblyView, mi.Coop
	local := clock.Local(a.StartsAt)
	var b strings.Builder
	fmt.Fprintf(&b, "Niederschrift über die %s der %s\n\n", kindDative[a.Kind], c.Name)
	fmt.Fprintf(&b, "Tag und Beginn: %s, %s Uhr\n", local.Format("02.01.2006"), local.Format("15:04"))
	fmt.Fprintf(&b, "Form: %s\n", formatGerman[a.Format])
	if a.Place != "" {
		fmt.Fprintf(&b, "Ort: %s\n", a.Place)
	}
	fmt.Fprintf(&b, "Versammlungsleitung: %s\n", orDash(mi.ChairName))
	fmt.Fprintf(&b, "Protokollführung: %s\n", orDash(mi.KeeperName))
	fmt.Fprintf(&b, "Einberufung: durch den Vorstand am %s (Einladung in der Anlage)\n", clock.Local(a.ConvenedAt).Format("02.01.2006"))
	members, present := a.presence()
	fmt.Fprintf(&b, "Mitglieder: %d, davon anwesend oder vertreten: %d\n\n", members, present)
	b.WriteString("Anwesende und vertretene Mitglieder (§ 47 Abs. 3 GenG):\n")
	how := map[string]string{"online": "online", "in_person": "vor Ort"}
	for _, at := range a.Attendees {
		fmt.Fprintf(&b, "- %s (%s), Stimmen: %d\n", at.Name, how[at.How], at.Votes)
	}
	for _, p := range a.Proxies {
		fmt.Fprintf(&b, "- %s, vertreten durch %s\n", p.Principal, p.Holder)
	}
	b.WriteString("\nBeschlüsse:\n")
	for _, item := range a.Agenda {
		fmt.Fprintf(&b, "\nTOP %d: %s\n", item.Position, item.Title)
		n := 0
		for _, mo := range a.Motions {
			if mo.AgendaID != item.ID {
				continue
			}
			n++
			kind := "offene Abstimmung"
			if mo.Secret {
				kind = "geheime Abstimmung"
			}
			fmt.Fprintf(&b, "Antrag: %s\n", mo.Title)
			fmt.Fprintf(&b, "Art der Abstimmung: %s; erforderlich: %s", kind, majorityGerman[mo.Majority])
			if mo.QuorumPercent > 0 {
				fmt.Fprintf(&b, "; Beschlussfähigkeit: %d %% der Mitglieder", mo.QuorumPercent)
			}
			b.WriteString("\n")
			if !mo.Closed() {
				b.WriteString("Die Abstimmung ist nicht abgeschlossen.\n")
				continue
			}
			fmt.Fprintf(&b, "Ergebnis: Ja %d, Nein %d, Enthaltungen %d\n", mo.Yes, mo.No, mo.Abstain)
			switch {
			case !mo.QuorumMet:
				b.WriteString("Feststellung der Versammlungsleitung: Die Versammlung war nicht beschlussfähig; der Antrag ist nicht angenommen.\n")
			case mo.Adopted:
				b.WriteString("Feststellung der Versammlungsleitung: Der Antrag ist angenommen.\n")
			default:
				b.WriteString("Feststellung der Versammlungsleitung: Der Antrag ist abgelehnt.\n")
			}
		}
		if n == 0 {
			b.WriteString("Kein Beschluss.\n")
		}
	}
	b.WriteString("\nAnlage: Einladung\n\n")
	b.WriteString(a.Invitation)
	b.WriteString("\n")
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "–"
	}
	return s
}
