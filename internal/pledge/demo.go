package pledge

import (
	"context"
	"fmt"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/blog"
	"teilhabe.org/teilhabe/internal/clock"
)

// SeedDemo makes pledges of the demo company and organisations: one open
// with sign-ups and questions, one open in Turkish, one successful with a
// published, featured report, and one waiting for a coordinator. The
// accounts and organisations modules have filled demo before.
func (m *Module) SeedDemo(ctx context.Context, demo *app.Demo) error {
	who := func(handle string, role auth.Role) (*auth.Identity, error) {
		id, ok := demo.Users[handle]
		if !ok {
			return nil, fmt.Errorf("no demo user %q", handle)
		}
		names, err := m.accounts.Names(ctx, []string{id})
		if err != nil {
			return nil, err
		}
		return &auth.Identity{UserID: id, Name: names[id], Role: role, Lang: "de"}, nil
	}
	org := func(handle string) (string, error) {
		id, ok := demo.Orgs[handle]
		if !ok {
			return "", fmt.Errorf("no demo organisation %q", handle)
		}
		return id, nil
	}
	people := map[string]*auth.Identity{}
	for handle, role := range map[string]auth.Role{"coordinator": auth.Coordinator, "company": auth.Member,
		"mso_tr": auth.Member, "mso_ar": auth.Member, "municipality": auth.Member, "agency": auth.Member,
		"volunteer": auth.Member, "newcomer_ar": auth.Member} {
		id, err := who(handle, role)
		if err != nil {
			return err
		}
		people[handle] = id
	}
	orgs := map[string]string{}
	for _, handle := range []string{"company", "mso_tr", "mso_ar", "municipality", "agency"} {
		id, err := org(handle)
		if err != nil {
			return err
		}
		orgs[handle] = id
	}
	now := m.s.Clock.Now()
	day := func(n int) time.Time { return clock.EndOfDay(now.Add(time.Duration(n) * 24 * time.Hour)) }
	staff := people["coordinator"]

	// publish makes a pledge and has the coordination office approve it.
	publish := func(owner *auth.Identity, t Terms) (*Pledge, error) {
		p, err := m.Create(ctx, owner, t, nil)
		if err != nil {
			return nil, fmt.Errorf("demo pledge %q: %w", t.Promise, err)
		}
		if _, err := m.Submit(ctx, owner, p.ID); err != nil {
			return nil, err
		}
		return m.Approve(ctx, staff, p.ID)
	}

	tablets, err := publish(people["company"], Terms{
		OrgID: orgs["company"], Promise: "20 Tablets für eine Willkommensklasse der Carl-Schomburg-Schule", Needed: 3,
		Who: "Ehrenamtliche", Condition: "mit den Kindern drei Monate lang einmal pro Woche damit lernen",
		Deadline: day(21), Postcode: "34117", Place: "Kassel", Category: "children.school", Lang: "de",
		Description: "Unsere Auszubildenden haben die Geräte eingerichtet: Lern-Apps für Deutsch und Mathematik, " +
			"keine Werbung, kein Konto nötig.\n\nWir suchen Menschen, die mittwochs zwischen 14 und 16 Uhr in die " +
			"Schule kommen und mit kleinen Gruppen üben. Die Lehrerin der Klasse führt euch ein.",
	})
	if err != nil {
		return err
	}
	if _, err := m.SignUp(ctx, people["mso_ar"], tablets.ID, SignupInput{OrgID: orgs["mso_ar"],
		Note: "Zwei unserer Mitglieder sprechen Arabisch und Deutsch und kommen jeden Mittwoch."}); err != nil {
		return err
	}
	pending, err := m.SignUp(ctx, people["volunteer"], tablets.ID, SignupInput{
		Note: "Ich bin pensionierter Grundschullehrer und habe mittwochs Zeit.", Anonymous: true})
	if err != nil {
		return err
	}
	signups, err := m.Signups(ctx, people["company"], tablets.ID)
	if err != nil {
		return err
	}
	for _, s := range signups {
		if s.ID != pending.ID {
			if _, err := m.ConfirmSignup(ctx, people["company"], tablets.ID, s.ID); err != nil {
				return err
			}
		}
	}
	q, err := m.Ask(ctx, people["newcomer_ar"], tablets.ID, "Dürfen die Kinder die Tablets auch mit nach Hause nehmen?")
	if err != nil {
		return err
	}
	if _, err := m.DecideQuestion(ctx, staff, q.ID, true); err != nil {
		return err
	}
	if _, err := m.Answer(ctx, people["company"], tablets.ID, q.ID,
		"Ja, nach den drei Monaten gehören die Tablets der Schule, und sie verleiht sie an die Familien."); err != nil {
		return err
	}
	if _, err := m.Ask(ctx, people["volunteer"], tablets.ID, "Gibt es für die Ehrenamtlichen eine Einführung?"); err != nil {
		return err
	}

	if _, err := publish(people["mso_tr"], Terms{
		OrgID: orgs["mso_tr"], Promise: "derneğimizin salonunu her cumartesi bir dil kafesi için açacağız", Needed: 2,
		Who: "gönüllü", Condition: "dil kafesine dönüşümlü olarak eşlik etmek", Deadline: day(35), Postcode: "34125",
		Place: "Kassel", Category: "german_lessons.conversation", Lang: "tr",
		Description: "Çay ve kurabiye bizden. Almanca konuşmak isteyen herkes gelebilir.",
	}); err != nil {
		return err
	}

	bikes, err := publish(people["municipality"], Terms{
		OrgID: orgs["municipality"], Promise: "die Ersatzteile für 10 gespendete Fahrräder", Needed: 2,
		Who: "Initiativen", Condition: "mit Geflüchteten eine offene Fahrradwerkstatt aufbauen", Deadline: day(14),
		Postcode: "34127", Place: "Kassel-Nord", Category: "mobility.bike_repair", Lang: "de", AutoConfirm: true,
		Description: "Die Stadt übernimmt Ketten, Schläuche, Bremsen und Lichter. Die Werkstatt braucht Menschen, " +
			"die zeigen, wie man ein Rad repariert.",
	})
	if err != nil {
		return err
	}
	for _, s := range []struct{ person, org, note string }{
		{"agency", "agency", "Wir stellen den Hof des Freiwilligenzentrums und zwei erfahrene Schrauber."},
		{"mso_ar", "mso_ar", "Wir bringen die Familien mit und übersetzen."},
	} {
		if _, err := m.SignUp(ctx, people[s.person], bikes.ID, SignupInput{OrgID: orgs[s.org], Note: s.note}); err != nil {
			return err
		}
	}
	if _, err := m.Close(ctx, people["municipality"], bikes.ID); err != nil {
		return err
	}
	report, err := m.reports.Write(ctx, people["agency"], reportKind, bikes.ID, blog.Input{Lang: "de",
		Title: "Zehn Räder, viele neue Schrauberinnen",
		Body: "Seit März treffen sich jeden Samstag **zwölf bis zwanzig Menschen** auf dem Hof des Freiwilligenzentrums.\n\n" +
			"Was wir geschafft haben:\n\n- alle zehn Räder sind verkehrssicher\n- drei Jugendliche reparieren inzwischen selbst\n" +
			"- die Werkstatt läuft weiter, auch ohne uns\n\n" +
			"> Ich wusste nicht, dass ich so etwas kann. – Ahmad, 16\n\n" +
			"Danke an das Büro für Integration für die Ersatzteile! Wer mitmachen will, kommt einfach samstags um 10 Uhr vorbei.",
	}, nil)
	if err != nil {
		return err
	}
	if _, err := m.reports.Confirm(ctx, people["municipality"], report.ID); err != nil {
		return err
	}
	if err := m.reports.SetFeatured(ctx, staff, report.ID, true); err != nil {
		return err
	}

	homework, err := m.Create(ctx, people["volunteer"], Terms{
		Promise: "zwei Nachmittage Hausaufgabenhilfe pro Woche", Needed: 1, Who: "Verein",
		Condition: "mir dafür einen Raum in der Nordstadt zur Verfügung stellt", Deadline: day(28), Postcode: "34127",
		Place: "Kassel", Category: "children.homework", Lang: "de",
	}, nil)
	if err != nil {
		return err
	}
	_, err = m.Submit(ctx, people["volunteer"], homework.ID)
	return err
}
