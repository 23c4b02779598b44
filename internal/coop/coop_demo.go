package coop

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/organization"
)

// demoMembers are Brückenbau's nine members in four languages besides
// German: five with accounts of the demo people, four the board keeps.
var demoMembers = []struct {
	handle, name, address, lang string
	shares                      int
}{
	{"mso_ar", "Nour Al-Hassan", "Hafenstraße 12\n20457 Hamburg", "ar", 3},
	{"newcomer_ar", "Amal Darwish", "Veddeler Damm 4\n20539 Hamburg", "ar", 1},
	{"newcomer_fa", "Reza Ahmadi", "Billhorner Deich 7\n20539 Hamburg", "fa", 1},
	{"newcomer_uk", "Olena Kovalenko", "Wilhelmsburger Str. 21\n21107 Hamburg", "uk", 2},
	{"mso_tr", "Yusuf Demir", "Harburger Ring 3\n21073 Hamburg", "tr", 2},
	{"", "Samir Haddad", "Reiherstieg 5\n21107 Hamburg", "ar", 1},
	{"", "Mina Karimi", "Georgswerder Bogen 2\n21109 Hamburg", "fa", 1},
	{"", "Iryna Bondar", "Mengestraße 17\n21107 Hamburg", "uk", 1},
	{"", "Hans Peters", "Am Veringhof 9\n21107 Hamburg", "de", 1},
}

// SeedDemo founds the refugee cooperative Brückenbau eG (i. G.) in
// Hamburg: its nine members, a founding meeting held last month, an
// ordinary assembly in three weeks with two motions and a proxy, and a
// subsidiary in Syria at the idea stage.
func (m *Module) SeedDemo(ctx context.Context, demo *app.Demo) error {
	owner, ok := demo.Users["mso_ar"]
	if !ok {
		return fmt.Errorf("no demo user mso_ar")
	}
	board := &auth.Identity{UserID: owner, Role: auth.Member}
	org, err := m.orgs.Create(ctx, owner, organization.Profile{Name: "Brückenbau eG (i. G.)", Kind: "cooperative",
		Description: "Geflüchtete gründen gemeinsam eine Baugenossenschaft: Renovierung, Trockenbau, Malerarbeiten.",
		City:        "Hamburg", Postcode: "20457", Languages: []string{"ar", "de", "fa", "tr", "uk"}})
	if err != nil {
		return err
	}
	demo.Orgs["coop"] = org.ID
	d := defaultDraft()
	d.Stage, d.Purpose = Founded, "Wir renovieren Wohnungen und Läden in Hamburg. Jedes Mitglied arbeitet mit, lernt die Regeln der Genossenschaft und entscheidet mit."
	d.HowToJoin = "Ein Geschäftsanteil kostet 100 Euro; er kann in Raten von 10 Euro eingezahlt werden."
	d.AuditingAssociation = "Genossenschaftsverband – Verband der Regionen e. V."
	d.MultipleVotes, d.MaxShares = 2, 20
	d.Rules = []Rule{{Kind: StatutesChange, Majority: ThreeQuarters, QuorumPercent: 50}}
	c, err := m.Create(ctx, board, org.ID, d)
	if err != nil {
		return err
	}
	memberIDs := map[string]string{}
	for _, dm := range demoMembers {
		user := demo.Users[dm.handle]
		mb, err := m.RecordMember(ctx, board, c.ID, MemberDraft{UserID: user, Name: dm.name, Address: dm.address, Shares: dm.shares, Lang: dm.lang})
		if err != nil {
			return fmt.Errorf("demo member %s: %w", dm.name, err)
		}
		memberIDs[dm.name] = mb.ID
	}
	if err := m.AddOffice(ctx, board, c.ID, memberIDs["Nour Al-Hassan"], "board"); err != nil {
		return err
	}
	if err := m.AddOffice(ctx, board, c.ID, memberIDs["Yusuf Demir"], "board"); err != nil {
		return err
	}
	if err := m.AddOffice(ctx, board, c.ID, memberIDs["Olena Kovalenko"], "supervisory"); err != nil {
		return err
	}
	for i, step := range []string{"idea", "statutes", "meeting", "board"} {
		on := m.today().AddDate(0, 0, -60+10*i)
		if step == "meeting" || step == "board" {
			on = clock.DayOf(m.s.Clock.Now().Add(-30 * 24 * time.Hour))
		}
		if err := m.MarkStep(ctx, board, c.ID, step, on, "Nour Al-Hassan", ""); err != nil {
			return err
		}
	}
	founding, err := m.demoFounding(ctx, c, memberIDs)
	if err != nil {
		return err
	}
	for _, handle := range []string{"mso_ar", "mso_tr"} { // the chair, then a board member present
		if err := m.ConfirmMinutes(ctx, &auth.Identity{UserID: demo.Users[handle], Role: auth.Member}, founding); err != nil {
			return fmt.Errorf("founding minutes: %w", err)
		}
	}
	now := m.s.Clock.Now()
	a, err := m.Convene(ctx, board, c.ID, AssemblyDraft{Kind: "ordinary", Format: Hybrid, StartsAt: now.Add(21 * 24 * time.Hour).Truncate(time.Hour),
		Place: "Hafenstraße 12, 20457 Hamburg", OnlineURL: "https://meet.example.org/brueckenbau-gv", ChairID: memberIDs["Nour Al-Hassan"],
		KeeperID: memberIDs["Reza Ahmadi"], Agenda: []string{"Bericht des Vorstands", "Anschaffung eines Transporters", "Wahl des Aufsichtsrats"}})
	if err != nil {
		return err
	}
	for _, mo := range []MotionDraft{
		{AgendaID: a.Agenda[1].ID, Title: "Die Genossenschaft kauft einen gebrauchten Transporter für bis zu 18.000 Euro.", Kind: Ordinary},
		{AgendaID: a.Agenda[2].ID, Title: "Mina Karimi wird in den Aufsichtsrat gewählt.", Kind: Election, Secret: true},
	} {
		if _, err := m.AddMotion(ctx, board, a.ID, mo); err != nil {
			return err
		}
	}
	amal := &auth.Identity{UserID: demo.Users["newcomer_ar"], Role: auth.Member}
	if _, err := m.GiveProxy(ctx, amal, a.ID, memberIDs["Reza Ahmadi"]); err != nil {
		return err
	}
	sub, err := m.orgs.Create(ctx, owner, organization.Profile{Name: "Jisr Cooperative (Aleppo)", Kind: "cooperative",
		Description: "Die Tochtergenossenschaft in Syrien: Wissen, Geld und Arbeit fließen zurück."})
	if err != nil {
		return err
	}
	sd := defaultDraft()
	sd.Stage, sd.Country, sd.ParentID = Idea, "SY", c.ID
	sd.Purpose = "Eine Baugenossenschaft in Aleppo, gegründet mit dem Wissen aus Hamburg."
	_, err = m.Create(ctx, board, sub.ID, sd)
	return err
}

// demoFounding records the founding meeting of last month as it
// happened: three founders present, the statutes adopted and the board
// elected unanimously. It is written directly, as the meeting lies in the
// past the operations do not convene into.
func (m *Module) demoFounding(ctx context.Context, c *Coop, members map[string]string) (string, error) {
	now := m.s.Clock.Now()
	at := now.Add(-30 * 24 * time.Hour).Truncate(time.Hour)
	a := &Assembly{ID: ids.New(), CoopID: c.ID, Kind: "founding", Format: InPerson, StartsAt: at, Place: "Hafenstraße 12, 20457 Hamburg",
		ChairID: members["Nour Al-Hassan"], KeeperID: members["Reza Ahmadi"], Status: "closed"}
	a.Agenda = []AgendaItem{{ID: ids.New(), Position: 1, Title: "Feststellung der Satzung", AnnouncedAt: at.Add(-21 * 24 * time.Hour)},
		{ID: ids.New(), Position: 2, Title: "Wahl des Vorstands", AnnouncedAt: at.Add(-21 * 24 * time.Hour)}}
	a.Invitation = invitation(c, a)
	founders := []string{members["Nour Al-Hassan"], members["Yusuf Demir"], members["Olena Kovalenko"]}
	return a.ID, m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO coop_assemblies (id, coop_id, kind, format, starts_at, place, online_url,
			chair_id, keeper_id, status, invitation, convened_at, closed_at) VALUES ($1, $2, $3, $4, $5, $6, '', $7, $8, 'closed', $9, $10, $11)`,
			a.ID, c.ID, a.Kind, string(a.Format), at, a.Place, a.ChairID, a.KeeperID, a.Invitation, at.Add(-21*24*time.Hour), at.Add(2*time.Hour)); err != nil {
			return db.Err(err)
		}
		for _, i := range a.Agenda {
			if err := insertItem(ctx, tx, a.ID, i); err != nil {
				return err
			}
		}
		for _, f := range founders {
			if _, err := tx.ExecContext(ctx, `INSERT INTO coop_attendance (assembly_id, member_id, how, at) VALUES ($1, $2, 'in_person', $3)`, a.ID, f, at); err != nil {
				return db.Err(err)
			}
		}
		for i, t := range []struct {
			title string
			kind  ResolutionKind
		}{{"Die Satzung der Brückenbau eG wird in der vorliegenden Fassung festgestellt.", StatutesChange},
			{"Nour Al-Hassan und Yusuf Demir werden in den Vorstand gewählt.", Election}} {
			rule := c.RuleFor(t.kind)
			if _, err := tx.ExecContext(ctx, `INSERT INTO coop_motions (id, assembly_id, agenda_id, title, body, kind, majority, quorum_percent,
				secret, status, yes, no, abstain, present, members, quorum_met, adopted, capped, created_at, closed_at)
				VALUES ($1, $2, $3, $4, '', $5, $6, $7, FALSE, 'closed', 3, 0, 0, 3, 3, TRUE, TRUE, FALSE, $8, $9)`,
				ids.New(), a.ID, a.Agenda[i].ID, t.title, string(t.kind), string(rule.Majority), rule.QuorumPercent, at, at.Add(time.Hour)); err != nil {
				return db.Err(err)
			}
		}
		return nil
	})
}
