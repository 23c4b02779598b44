package organization

import (
	"context"
	"database/sql"
	"fmt"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
)

// demoOrgs are organisations of the Kassel region. Addresses, numbers
// (0561 999 …) and web addresses are made up.
var demoOrgs = []struct {
	handle, owner string
	verified      bool
	profile       Profile
}{
	{"agency", "agency", true, Profile{
		Name: "Freiwilligenzentrum Kassel",
		Kind: "volunteer_agency",
		Description: "Wir bringen Menschen, die sich engagieren möchten, mit Vereinen, Initiativen und Einrichtungen " +
			"in Kassel und im Landkreis zusammen.\n\n" +
			"Bei uns finden Sie Beratung zu Engagement in der Geflüchtetenhilfe: Sprachpatenschaften, Begleitung " +
			"zu Ämtern, Hausaufgabenhilfe, Fahrradwerkstatt und vieles mehr. Wir bieten Einführungsabende, " +
			"Fortbildungen und den jährlichen Freiwilligentag an.\n\n" +
			"Sprechzeiten: Dienstag 10–13 Uhr und Donnerstag 15–18 Uhr, gerne auch nach Vereinbarung.",
		Website: "https://freiwilligenzentrum-kassel.example", Email: "kontakt@freiwilligenzentrum-kassel.example",
		Phone: "0561 999 1010", Street: "Lindenhofstraße 14", Postcode: "34117", City: "Kassel",
		Languages: []string{"de", "en", "fr"},
	}},
	{"mso_tr", "mso_tr", false, Profile{
		Name: "Türkisch-Deutscher Kulturverein Kassel e. V.",
		Kind: "migrant_organization",
		Description: "Seit über dreißig Jahren ein Treffpunkt für Familien aus der Türkei und alle, die sie " +
			"kennenlernen möchten.\n\n" +
			"Wir bieten Hausaufgabenhilfe für Schulkinder, einen Frauentreff, Beratung auf Türkisch und Kurdisch " +
			"und begleiten Neuangekommene bei den ersten Schritten in Kassel. Gemeinsam mit anderen Vereinen " +
			"organisieren wir Kulturabende und das Nachbarschaftsfest im Sommer.",
		Website: "https://tdkv-kassel.example", Email: "info@tdkv-kassel.example",
		Phone: "0561 999 2020", Street: "Mühlengasse 8", Postcode: "34125", City: "Kassel",
		Languages: []string{"de", "tr", "ku"},
	}},
	{"mso_ar", "mso_ar", false, Profile{
		Name: "Jasmin – Syrisch-Deutscher Gemeinschaftsverein Kassel e. V.",
		Kind: "migrant_organization",
		Description: "Wir sind ein Verein von Menschen aus Syrien und ihren Freundinnen und Freunden in Kassel. " +
			"Viele von uns sind selbst 2015 oder später angekommen und geben heute weiter, was ihnen geholfen hat.\n\n" +
			"Wir übersetzen und begleiten bei Arztbesuchen und Behördengängen, bieten arabischsprachige " +
			"Elternabende an und laden jeden Freitag zum offenen Café ein. Neue Mitglieder und Ehrenamtliche " +
			"sind herzlich willkommen.",
		Website: "https://jasmin-kassel.example", Email: "kontakt@jasmin-kassel.example",
		Phone: "0561 999 3030", Street: "Am Wasserturm 3", Postcode: "34127", City: "Kassel",
		Languages: []string{"de", "ar", "en", "ku"},
	}},
	{"municipality", "municipality", true, Profile{
		Name: "Stadt Kassel – Büro für Integration",
		Kind: "municipality",
		Description: "Das Büro für Integration ist die Anlaufstelle der Stadt für Zugewanderte, für Vereine und " +
			"für alle, die sich für ein gutes Zusammenleben einsetzen.\n\n" +
			"Wir informieren über Sprachkurse, Beratungsstellen und Fördermöglichkeiten, vernetzen " +
			"Migrantenorganisationen mit Verwaltung und Wohlfahrtsverbänden und koordinieren den Runden Tisch " +
			"Integration.\n" +
			"Termine bitte telefonisch oder per E-Mail vereinbaren.",
		Website: "https://integration.stadt-kassel.example", Email: "integration@stadt-kassel.example",
		Phone: "0561 999 4040", Street: "Rathausgasse 4", Postcode: "34117", City: "Kassel",
		Languages: []string{"de", "en", "ar", "fa", "uk", "tr", "ru"},
	}},
	{"company", "company", false, Profile{
		Name: "Nordhessen Logistik GmbH",
		Kind: "company",
		Description: "Mittelständisches Logistikunternehmen mit rund 180 Beschäftigten in Kassel-Waldau.\n\n" +
			"Wir bilden Fachkräfte für Lagerlogistik und Berufskraftfahrer aus und bieten Praktika für " +
			"Geflüchtete an, auch mit geringen Deutschkenntnissen. Kolleginnen und Kollegen begleiten als " +
			"Patinnen und Paten; Deutschunterricht findet während der Arbeitszeit statt.",
		Website: "https://nordhessen-logistik.example", Email: "ausbildung@nordhessen-logistik.example",
		Phone: "0561 999 5050", Street: "Industriestraße 40", Postcode: "34123", City: "Kassel",
		Languages: []string{"de", "en", "pl", "ro"},
	}},
}

// SeedDemo creates the demo organisations; the accounts module's seeder has
// filled demo.Users before.
func (m *Module) SeedDemo(ctx context.Context, demo *app.Demo) error {
	user := func(handle string) (string, error) {
		id, ok := demo.Users[handle]
		if !ok {
			return "", fmt.Errorf("no demo user %q", handle)
		}
		return id, nil
	}
	coordinator, err := user("coordinator")
	if err != nil {
		return err
	}
	staff := &auth.Identity{UserID: coordinator, Role: auth.Coordinator}
	for _, d := range demoOrgs {
		owner, err := user(d.owner)
		if err != nil {
			return err
		}
		o, err := m.Create(ctx, owner, d.profile)
		if err != nil {
			return fmt.Errorf("%s: %w", d.handle, err)
		}
		demo.Orgs[d.handle] = o.ID
		if d.verified {
			if _, err := m.SetVerified(ctx, staff, o.ID, true); err != nil {
				return err
			}
		}
	}
	volunteer, err := user("volunteer")
	if err != nil {
		return err
	}
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		return insertMember(ctx, tx, demo.Orgs["agency"], volunteer, Editor, now)
	})
}
