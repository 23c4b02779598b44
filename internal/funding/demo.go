package funding

import (
	"context"
	"fmt"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/db"
)

// demoSupporters are the demo people who reserved for the successful
// campaign, with their amounts in cents; the second campaign's are fewer.
var demoSupporters = []struct {
	handle    string
	cents     int64
	anonymous bool
	message   string
}{
	{"newcomer_ar", 2500, false, "بالتوفيق!"}, {"newcomer_fa", 5000, false, "موفق باشید"}, {"newcomer_uk", 2000, true, ""},
	{"volunteer", 15000, false, "Tolle Idee, viel Erfolg!"}, {"agency", 20000, false, ""}, {"municipality", 30000, true, ""},
	{"mso_tr", 10000, false, "Kolay gelsin!"}, {"coordinator", 5000, false, ""}, {"admin", 2500, true, ""},
}

// SeedDemo makes the demo campaigns: the Syrian-German association's
// kitchen campaign, doubled by the logistics company and successful, and
// the Turkish-German association's running campaign for a homework room.
func (m *Module) SeedDemo(ctx context.Context, demo *app.Demo) error {
	now := m.s.Clock.Now()
	as := func(handle string) *auth.Identity {
		return &auth.Identity{UserID: demo.Users[handle], Role: auth.Member}
	}
	kitchen := CampaignDraft{OrganizationID: demo.Orgs["mso_ar"], Title: "Eine Küche für das Freitagscafé",
		Story: "Jeden Freitag kochen wir für bis zu 60 Gäste – bisher auf zwei Herdplatten.\n\n" +
			"Mit **1.500 Euro** kaufen wir einen gebrauchten Gastroherd, Töpfe und eine Spülmaschine.\n\n" +
			"## Was wir schon haben\n\n- einen Raum\n- viele helfende Hände\n- Rezepte aus Aleppo, Damaskus und Kassel",
		ContentLang: "de", Purpose: Donation, Goal: 150000, Deadline: now.AddDate(0, 0, 3),
		Holder: "Jasmin – Syrisch-Deutscher Gemeinschaftsverein Kassel e. V.", IBAN: "DE02120300000000202051",
		BIC: "BYLADEM1001", Receipts: true, LedgerPublic: true}
	c, err := m.Create(ctx, as("mso_ar"), kitchen)
	if err == nil {
		_, err = m.Publish(ctx, as("mso_ar"), c.ID)
	}
	if err == nil {
		_, err = m.OfferMatch(ctx, as("company"), c.ID, demo.Orgs["company"], 100000)
	}
	if err != nil {
		return fmt.Errorf("demo campaign: %w", err)
	}
	for _, s := range demoSupporters {
		if _, err := m.Reserve(ctx, as(s.handle), c.ID, Pledge{Amount: s.cents, Anonymous: s.anonymous, Message: s.message}); err != nil {
			return fmt.Errorf("demo reservation of %s: %w", s.handle, err)
		}
	}
	// Its deadline passed a week ago: it is judged as the job would.
	if _, err := m.s.DB.ExecContext(ctx, `UPDATE funding_campaigns SET deadline = $1 WHERE id = $2`,
		now.AddDate(0, 0, -7), c.ID); err != nil {
		return db.Err(err)
	}
	if err := m.judge(ctx, c.ID, now); err != nil {
		return err
	}
	if err := m.seedStatement(ctx, as("mso_ar"), c, now); err != nil {
		return fmt.Errorf("demo statement: %w", err)
	}

	room := CampaignDraft{OrganizationID: demo.Orgs["mso_tr"], Title: "Ein Lernraum für die Hausaufgabenhilfe",
		Story: "Unsere Hausaufgabenhilfe braucht Tische, Stühle, zwei Laptops und ein Regal voller Bücher.\n\n" +
			"Ab 20 Euro gibt es als Dankeschön eine Postkarte, gemalt von den Kindern.",
		ContentLang: "de", Purpose: Rewards, Goal: 300000, Stretch: 450000, Deadline: now.AddDate(0, 0, 30),
		Holder: "Türkisch-Deutscher Kulturverein Kassel e. V.", IBAN: "DE89370400440532013000", LedgerPublic: true,
		Rewards: []Reward{{Title: "Postkarte der Kinder", Amount: 2000}, {Title: "Einladung zum Sommerfest", Amount: 5000, Quantity: 30}}}
	r, err := m.Create(ctx, as("mso_tr"), room)
	if err == nil {
		_, err = m.Publish(ctx, as("mso_tr"), r.ID)
	}
	if err != nil {
		return fmt.Errorf("demo campaign: %w", err)
	}
	for _, s := range demoSupporters[:4] {
		if _, err := m.Reserve(ctx, as(s.handle), r.ID, Pledge{Amount: s.cents, Anonymous: s.anonymous, Message: s.message}); err != nil {
			return fmt.Errorf("demo reservation of %s: %w", s.handle, err)
		}
	}
	return nil
}

// seedStatement imports a camt.053 statement in which most supporters and
// the company paid (two have not yet), with the rent and the cooker: the
// cooker is booked as an expense, the rent discarded.
func (m *Module) seedStatement(ctx context.Context, treasurer *auth.Identity, c *Campaign, now time.Time) error {
	rs, err := reservationsOf(ctx, m.s.DB, c.ID, false)
	if err != nil {
		return err
	}
	ms, err := matchesOf(ctx, m.s.DB, c.ID)
	if err != nil {
		return err
	}
	day := clock.DayOf(now.AddDate(0, 0, -2)).Format(time.DateOnly)
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">` +
		`<BkToCstmrStmt><GrpHdr><MsgId>DEMO</MsgId><CreDtTm>` + day + `T06:00:00</CreDtTm></GrpHdr><Stmt><Id>DEMO</Id>`)
	entry := func(ref string, cents int64, ind, name, strd, ustrd string) {
		party := "Dbtr"
		if ind == "DBIT" {
			party = "Cdtr"
		}
		fmt.Fprintf(&b, `<Ntry><Amt Ccy="EUR">%s</Amt><CdtDbtInd>%s</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><Dt>%s</Dt></BookgDt>`+
			`<AcctSvcrRef>%s</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><%s><Pty><Nm>%s</Nm></Pty></%s></RltdPties><RmtInf>`,
			euroDecimal(cents), ind, day, ref, party, name, party)
		if ustrd != "" {
			fmt.Fprintf(&b, `<Ustrd>%s</Ustrd>`, ustrd)
		}
		if strd != "" {
			fmt.Fprintf(&b, `<Strd><CdtrRefInf><Ref>%s</Ref></CdtrRefInf></Strd>`, strd)
		}
		b.WriteString(`</RmtInf></TxDtls></NtryDtls></Ntry>`)
	}
	for i, r := range rs[:max(len(rs)-2, 0)] {
		entry(fmt.Sprintf("DEMO-%03d", i), r.Amount, "CRDT", "Unterstuetzer", r.Reference, "")
	}
	for i, x := range ms {
		entry(fmt.Sprintf("DEMO-M%02d", i), min(x.Cap, sumAmounts(rs)), "CRDT", "Nordhessen Logistik GmbH", x.Reference, "")
	}
	entry("DEMO-RENT", 80000, "DBIT", "Hausverwaltung", "", "Miete")
	entry("DEMO-COOKER", 148000, "DBIT", "Gastro Gebraucht Kassel", "", "Gastroherd 6 Flammen")
	b.WriteString(`</Stmt></BkToCstmrStmt></Document>`)
	if _, err := m.Import(ctx, treasurer, c.OrganizationID, []byte(b.String()), Layout{}); err != nil {
		return err
	}
	pending, err := m.Bookings(ctx, treasurer, c.OrganizationID, Pending, 100)
	if err != nil {
		return err
	}
	for _, p := range pending {
		rv := Review{Action: "discard"}
		if strings.Contains(p.Remittance, "Gastroherd") {
			rv = Review{Action: "expense", Category: "equipment", Note: "Gastroherd für das Freitagscafé"}
		}
		if _, err := m.ReviewBooking(ctx, treasurer, c.OrganizationID, p.ID, rv); err != nil {
			return err
		}
	}
	return nil
}

func sumAmounts(rs []*Reservation) int64 {
	var n int64
	for _, r := range rs {
		n += r.Amount
	}
	return n
}
