package network

import (
	"context"
	"fmt"
	"slices"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/directory"
)

// demoPartnerships: the first organisation proposes; all confirm unless
// proposed only.
var demoPartnerships = []struct {
	orgs          []string
	goal, benefit string
	contributions []string
	startsOn      directory.Day
	proposedOnly  bool
}{
	{[]string{"agency", "mso_ar"}, "Sprachpatenschaften zwischen Ehrenamtlichen und neu angekommenen Familien aus Syrien.",
		"Familien finden schneller Anschluss; Ehrenamtliche lernen die Community kennen.",
		[]string{"Vermittlung und Schulung der Ehrenamtlichen, Räume", "Kontakt zu den Familien, Übersetzung"}, "2025-09-01", false},
	{[]string{"diakonie", "mso_af", "municipality"}, "Psychosoziale Erstversorgung auf Dari und Farsi.",
		"Belastete Geflüchtete bekommen früher Hilfe in ihrer Sprache.",
		[]string{"Fachberatung und Supervision", "Sprachmittlerinnen und Vertrauen in der Community", "Finanzierung und Räume"}, "2026-01-15", false},
	{[]string{"company", "agency"}, "Praktikumspatenschaften: Ehrenamtliche begleiten Geflüchtete im Praktikum.",
		"Mehr Praktika führen zu Ausbildung.",
		[]string{"Praktikumsplätze", "Patinnen und Paten"}, "2025-11-01", false},
	{[]string{"caritas_koeln", "mso_uk"}, "Jobcoaching auf Ukrainisch in den Räumen des Vereins.",
		"Geflüchtete aus der Ukraine erreichen das Coaching dort, wo sie ohnehin hinkommen.",
		[]string{"Coaches und Kontakte zu Betrieben", "Räume, Übersetzung, Bekanntheit in der Community"}, "2025-10-01", false},
	{[]string{"fluechtlingsrat_koeln", "koeln"}, "Runder Tisch Asyl: Fälle und Lücken der Versorgung gemeinsam besprechen.",
		"Probleme kommen früher bei der Verwaltung an.",
		[]string{"Erfahrungen aus der Rechtsberatung", "Moderation und Zuständige aus den Ämtern"}, "2024-03-01", false},
	{[]string{"fa_wolfhagen", "wolfhagen"}, "Patenschaftsprogramm für Neuzugezogene in Wolfhagen.",
		"Neuzugezogene finden sich schneller zurecht; die Stadt erfährt, was fehlt.",
		[]string{"Ehrenamtliche und Begleitung", "Informationen und Räume im Rathaus"}, "2025-05-01", false},
	{[]string{"mso_tr", "municipality"}, "Gemeinsames Nachbarschaftsfest mit Informationsständen der Stadt.",
		"Familien lernen Angebote der Stadt kennen.",
		[]string{"Organisation des Festes", "Informationsstände"}, "2026-06-01", true},
}

// demoSeeking are the demo organisations looking for partners.
var demoSeeking = []struct{ org, whatFor string }{
	{"mso_er", "Räume für die Hebammensprechstunde und einen Partner für Deutschkurse."},
	{"mso_tr", "Ehrenamtliche für die Hausaufgabenhilfe und gemeinsame Feste in der Nachbarschaft."},
	{"fa_wolfhagen", "Eine Migrantenorganisation aus der Region für Patenschaften in mehreren Sprachen."},
}

// SeedDemo proposes and confirms the demo partnerships and marks some
// organisations as looking for partners. The organisation and directory
// seeders made the organisations of demo.Orgs before.
func (m *Module) SeedDemo(ctx context.Context, demo *app.Demo) error {
	var needed []string
	for _, d := range demoPartnerships {
		needed = append(needed, d.orgs...)
	}
	for _, s := range demoSeeking {
		needed = append(needed, s.org)
	}
	editors, err := m.demoEditors(ctx, demo, needed)
	if err != nil {
		return err
	}
	for _, d := range demoPartnerships {
		in := PartnershipInput{ProposerID: demo.Orgs[d.orgs[0]], Goal: d.goal, Benefit: d.benefit, StartsOn: d.startsOn,
			Lang: "de", Contributions: map[string]string{}}
		for i, h := range d.orgs {
			if i > 0 {
				in.PartnerIDs = append(in.PartnerIDs, demo.Orgs[h])
			}
			in.Contributions[demo.Orgs[h]] = d.contributions[i]
		}
		p, err := m.Propose(ctx, editors[d.orgs[0]], in)
		if err != nil {
			return fmt.Errorf("partnership %s: %w", d.goal, err)
		}
		if d.proposedOnly {
			continue
		}
		for _, h := range d.orgs[1:] {
			if _, err := m.Confirm(ctx, editors[h], p.ID, demo.Orgs[h], nil); err != nil {
				return fmt.Errorf("confirm %s: %w", h, err)
			}
		}
	}
	for _, s := range demoSeeking {
		if err := m.SetSeeking(ctx, editors[s.org], demo.Orgs[s.org], s.whatFor, "de"); err != nil {
			return err
		}
	}
	return nil
}

// demoEditors finds for each of the demo organisations named a demo
// person who edits it, trying the people in the order of their handles.
func (m *Module) demoEditors(ctx context.Context, demo *app.Demo, orgs []string) (map[string]string, error) {
	handles := make([]string, 0, len(demo.Users))
	for h := range demo.Users {
		handles = append(handles, h)
	}
	slices.Sort(handles)
	out := map[string]string{}
	for _, org := range orgs {
		orgID, ok := demo.Orgs[org]
		if !ok {
			return nil, fmt.Errorf("no demo organisation %q", org)
		}
		for _, h := range handles {
			if m.orgs.CanEdit(ctx, orgID, demo.Users[h]) {
				out[org] = demo.Users[h]
				break
			}
		}
		if out[org] == "" {
			return nil, fmt.Errorf("nobody edits the demo organisation %q", org)
		}
	}
	return out, nil
}
