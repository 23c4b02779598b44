package directory

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/organization"
)

// The demo directory: Kassel, Köln and the small town of Wolfhagen (Landkreis
// Kassel), with the organisation module's demo organisations and some more,
// among them five migrant organisations. Addresses, phone numbers (0561 999
// …, 0221 999 …, 05692 999 …), coordinates and local figures are made up.

// demoMunicipalities are entered as a coordinator would.
var demoMunicipalities = []struct {
	ags, name, org string // org: handle of the municipality's organisation
}{
	{"06611000", "Kassel", "municipality"},
	{"05315000", "Köln", "koeln"},
	{"06633028", "Wolfhagen", "wolfhagen"},
}

// demoExtraOrgs are created through the organisation module.
var demoExtraOrgs = []struct {
	handle, owner string
	profile       organization.Profile
}{
	{"diakonie", "coordinator", organization.Profile{Name: "Diakonie Kassel – Migrationsdienst", Kind: "welfare_association",
		Description: "Beratung für Geflüchtete und Zugewanderte: Asylverfahren, Aufenthalt, Familie, Gesundheit. Mit Kleiderkammer und Frauencafé.",
		Email:       "migration@diakonie-kassel.example", Phone: "0561 999 6060", Street: "Kölnische Straße 20", Postcode: "34117",
		City: "Kassel", Languages: []string{"de", "en", "ar", "fa"}}},
	{"mso_af", "newcomer_fa", organization.Profile{Name: "Afghanischer Kulturverein Kassel e. V.", Kind: "migrant_organization",
		Description: "Ein Verein von Afghaninnen und Afghanen in Kassel: Beratung auf Dari und Paschtu, Deutschkurse für Frauen, Kulturabende.",
		Email:       "kontakt@afghanischer-kulturverein.example", Phone: "0561 999 7070", Street: "Holländische Straße 66",
		Postcode: "34127", City: "Kassel", Languages: []string{"de", "fa", "prs", "ps"}}},
	{"koeln", "municipality", organization.Profile{Name: "Stadt Köln – Kommunales Integrationszentrum", Kind: "municipality",
		Description: "Das Kommunale Integrationszentrum berät Neuzugewanderte und vernetzt Vereine, Verwaltung und Wohlfahrtsverbände.",
		Email:       "ki@stadt-koeln.example", Phone: "0221 999 1010", Street: "Willy-Brandt-Platz 2", Postcode: "50679",
		City: "Köln", Languages: []string{"de", "en", "tr", "uk", "ar"}}},
	{"caritas_koeln", "coordinator", organization.Profile{Name: "Caritas Köln – Integrationsagentur", Kind: "welfare_association",
		Description: "Asylverfahrensberatung, Jobcoaching und psychosoziale Hilfe für Geflüchtete in Köln.",
		Email:       "integration@caritas-koeln.example", Phone: "0221 999 2020", Street: "Bartholomäus-Schink-Straße 6",
		Postcode: "50825", City: "Köln", Languages: []string{"de", "en", "fr", "ar"}}},
	{"fluechtlingsrat_koeln", "coordinator", organization.Profile{Name: "Kölner Flüchtlingsrat e. V.", Kind: "refugee_council",
		Description: "Unabhängige Rechtsberatung und Unterstützung für Geflüchtete; Ehrenamtliche übernehmen Vormundschaften.",
		Email:       "info@fluechtlingsrat-koeln.example", Phone: "0221 999 3030", Street: "Herwarthstraße 7", Postcode: "50672",
		City: "Köln", Languages: []string{"de", "en", "fr"}}},
	{"mso_uk", "newcomer_uk", organization.Profile{Name: "Ukrainischer Verein Köln e. V.", Kind: "migrant_organization",
		Description: "Seit 2022 beraten und begleiten wir Menschen aus der Ukraine in Köln; samstags gibt es Schule für Kinder.",
		Email:       "info@ukrverein-koeln.example", Phone: "0221 999 4040", Street: "Venloer Straße 240", Postcode: "50823",
		City: "Köln", Languages: []string{"de", "uk", "ru"}}},
	{"mso_er", "newcomer_ar", organization.Profile{Name: "Eritreische Gemeinschaft Köln e. V.", Kind: "migrant_organization",
		Description: "Treffpunkt der eritreischen Gemeinschaft in Köln; wir helfen auf Tigrinya bei Behörden und Arztbesuchen.",
		Email:       "kontakt@eritrea-koeln.example", Phone: "0221 999 5050", Street: "Keupstraße 12", Postcode: "51063",
		City: "Köln", Languages: []string{"de", "ti", "ar", "en"}}},
	{"wolfhagen", "municipality", organization.Profile{Name: "Stadt Wolfhagen – Bürgerbüro", Kind: "municipality",
		Description: "Das Bürgerbüro der Stadt Wolfhagen: Anmeldung, Ausweise und Auskunft für Neuzugezogene.",
		Email:       "buergerbuero@wolfhagen.example", Phone: "05692 999 100", Street: "Burgstraße 35", Postcode: "34466",
		City: "Wolfhagen", Languages: []string{"de", "en"}}},
	{"fa_wolfhagen", "agency", organization.Profile{Name: "Freiwilligenagentur Wolfhagen", Kind: "volunteer_agency",
		Description: "Wir vermitteln Ehrenamtliche in Wolfhagen und den Stadtteilen und begleiten Patenschaften.",
		Email:       "engagement@wolfhagen.example", Phone: "05692 999 200", Street: "Schützeberger Straße 12", Postcode: "34466",
		City: "Wolfhagen", Languages: []string{"de", "en", "ar"}}},
}

// demoLocation is a place of a demo organisation with weekly hours as
// "1-4 09:00-16:00" (days Monday=1 … Sunday=7).
type demoLocation struct {
	org, key, name, street, postcode, city, ags string
	lat, lon                                    float64
	hours                                       []string
	wheelchair, access                          string
}

var demoLocations = []demoLocation{
	{"diakonie", "diakonie", "Beratungsstelle Mitte", "Kölnische Straße 20", "34117", "Kassel", "06611000", 51.3157, 9.4840,
		[]string{"1-4 09:00-16:00", "5 09:00-13:00"}, "yes", "Eingang ebenerdig, Aufzug, barrierefreie Toilette."},
	{"diakonie", "kleiderkammer", "Kleiderkammer Nord", "Mönchebergstraße 7", "34125", "Kassel", "06611000", 51.3229, 9.5080,
		[]string{"2 10:00-13:00", "4 15:00-18:00"}, "partly", "Zwei Stufen am Eingang; Hilfe beim Tragen auf Nachfrage."},
	{"agency", "agency", "", "Lindenhofstraße 14", "34117", "Kassel", "06611000", 51.3140, 9.4895,
		[]string{"2 10:00-13:00", "4 15:00-18:00"}, "yes", ""},
	{"agency", "werkstatt", "Fahrradwerkstatt im Hinterhof", "Friedrich-Ebert-Straße 102", "34119", "Kassel", "06611000", 51.3139, 9.4693,
		[]string{"3 16:00-19:00", "6 10:00-14:00"}, "no", "Werkstatt im Hof über drei Stufen."},
	{"mso_tr", "mso_tr", "", "Mühlengasse 8", "34125", "Kassel", "06611000", 51.3210, 9.5004,
		[]string{"1-5 14:00-18:00", "6 10:00-13:00"}, "partly", ""},
	{"mso_ar", "mso_ar", "", "Am Wasserturm 3", "34127", "Kassel", "06611000", 51.3322, 9.4950,
		[]string{"1 15:00-19:00", "3 15:00-19:00", "5 14:00-20:00"}, "", ""},
	{"municipality", "rathaus", "Büro für Integration im Rathaus", "Obere Königsstraße 8", "34117", "Kassel", "06611000", 51.3156, 9.4976,
		[]string{"1-3 08:30-12:30", "4 08:30-12:30", "4 14:00-17:30", "5 08:30-12:00"}, "yes", "Aufzug am Seiteneingang Wilhelmsstraße."},
	{"company", "company", "Ausbildungsbüro", "Industriestraße 40", "34123", "Kassel", "06611000", 51.2929, 9.5318,
		[]string{"1-5 08:00-15:00"}, "yes", ""},
	{"mso_af", "mso_af", "", "Holländische Straße 66", "34127", "Kassel", "06611000", 51.3320, 9.4862,
		[]string{"1 15:00-19:00", "3 15:00-19:00", "6 11:00-15:00"}, "", ""},
	{"koeln", "koeln", "Willkommenspunkt im Stadthaus", "Willy-Brandt-Platz 2", "50679", "Köln", "05315000", 50.9380, 6.9777,
		[]string{"1-4 08:00-16:00", "5 08:00-12:00"}, "yes", "Stufenloser Zugang, Induktionsschleife an Schalter 3."},
	{"caritas_koeln", "caritas_koeln", "", "Bartholomäus-Schink-Straße 6", "50825", "Köln", "05315000", 50.9512, 6.9165,
		[]string{"1-4 09:00-17:00", "5 09:00-14:00"}, "yes", ""},
	{"fluechtlingsrat_koeln", "fluechtlingsrat_koeln", "", "Herwarthstraße 7", "50672", "Köln", "05315000", 50.9449, 6.9387,
		[]string{"2 10:00-13:00", "4 14:00-18:00"}, "partly", "Altbau mit Aufzug; die Tür ist schwer."},
	{"mso_uk", "mso_uk", "", "Venloer Straße 240", "50823", "Köln", "05315000", 50.9497, 6.9264,
		[]string{"1-5 10:00-18:00", "6 09:00-14:00"}, "", ""},
	{"mso_er", "mso_er", "", "Keupstraße 12", "51063", "Köln", "05315000", 50.9623, 7.0066,
		[]string{"3 17:00-20:00", "7 12:00-17:00"}, "", ""},
	{"wolfhagen", "wolfhagen", "", "Burgstraße 35", "34466", "Wolfhagen", "06633028", 51.3263, 9.1723,
		[]string{"1-2 08:00-12:00", "4 08:00-12:00", "4 14:00-18:00", "5 08:00-12:00"}, "yes", ""},
	{"fa_wolfhagen", "fa_wolfhagen", "", "Schützeberger Straße 12", "34466", "Wolfhagen", "06633028", 51.3245, 9.1667,
		[]string{"2 09:00-12:00", "4 15:00-18:00"}, "yes", ""},
}

// demoService: access is a combination of w (walk in), a (appointment) and
// r (referral); locations name demoLocation keys; fee "" means free.
type demoService struct {
	org, name, category, langs, access, targets, fee, description string
	locations                                                     []string
}

var demoServices = []demoService{
	{"diakonie", "Asylverfahrensberatung", "legal_advice.asylum_counselling", "de ar fa en", "wa", "refugees", "",
		"Wir erklären das Asylverfahren, bereiten auf die Anhörung vor und helfen bei Bescheiden. Vertraulich und unabhängig.", []string{"diakonie"}},
	{"diakonie", "Psychosoziale Beratung für Geflüchtete", "health.psychosocial", "de fa ar en", "ar", "refugees", "",
		"Gespräche bei Belastung, Schlafproblemen und Trauer, auch mit Dolmetscherinnen. Wir vermitteln in Therapie.", []string{"diakonie"}},
	{"diakonie", "Migrationsberatung für Erwachsene", "everyday.paperwork", "de ru tr en", "a", "newcomers", "",
		"Hilfe bei Anträgen, Briefen von Ämtern, Sprachkurs und Arbeit in den ersten Jahren.", []string{"diakonie"}},
	{"diakonie", "Kleiderkammer", "goods.clothing", "de ar fa uk", "w", "", "",
		"Kleidung und Schuhe für Erwachsene und Kinder, kostenlos.", []string{"kleiderkammer"}},
	{"diakonie", "Frauencafé", "leisure.meetups", "de ar fa tr", "w", "women", "",
		"Jeden Donnerstag: Tee, Gespräche und Deutsch üben, mit Kinderecke.", []string{"kleiderkammer"}},
	{"agency", "Beratung zum Engagement", "volunteering", "de en fr", "wa", "volunteers", "",
		"Wir finden mit dir ein Ehrenamt, das passt: Sprachpatenschaften, Begleitung, Hausaufgabenhilfe und mehr.", []string{"agency"}},
	{"agency", "Sprachcafé", "german_lessons.conversation", "de en ar fa uk", "w", "", "",
		"Deutsch sprechen ohne Prüfungsdruck, mit Ehrenamtlichen bei Kaffee und Tee.", []string{"agency"}},
	{"agency", "Fahrradwerkstatt", "mobility.bike_repair", "de ar fa", "w", "", "",
		"Gemeinsam Fahrräder reparieren; gespendete Räder für Neuangekommene.", []string{"werkstatt"}},
	{"mso_tr", "Hausaufgabenhilfe", "children.homework", "de tr ku", "w", "children", "",
		"Für Schulkinder der Klassen 1 bis 7, montags bis freitags am Nachmittag.", []string{"mso_tr"}},
	{"mso_tr", "Frauentreff", "leisure.meetups", "tr de ku", "w", "women", "",
		"Ein Treffpunkt für Frauen aus der Nachbarschaft, samstags mit Frühstück.", []string{"mso_tr"}},
	{"mso_tr", "Beratung auf Türkisch und Kurdisch", "everyday.paperwork", "tr ku de", "a", "", "",
		"Wir helfen bei Briefen, Anträgen und Terminen bei Ämtern.", []string{"mso_tr"}},
	{"mso_ar", "Begleitung zu Arzt und Behörden", "translation.doctor", "ar de en ku", "a", "", "",
		"Ehrenamtliche aus dem Verein übersetzen und begleiten zu Terminen.", []string{"mso_ar"}},
	{"mso_ar", "Offenes Café am Freitag", "leisure.meetups", "ar de", "w", "", "",
		"Jeden Freitag ab 14 Uhr: Begegnung, Musik, Kinderprogramm.", []string{"mso_ar"}},
	{"mso_ar", "Elternabende auf Arabisch", "children.school", "ar de", "w", "families", "",
		"Wie funktioniert Schule in Hessen? Wir laden Lehrerinnen und Lehrer ein und übersetzen.", []string{"mso_ar"}},
	{"municipality", "Erstberatung für Neuzugewanderte", "everyday.orientation", "de en ar fa uk tr ru", "wa", "newcomers", "",
		"Erste Schritte in Kassel: Anmeldung, Sprachkurs, Schule, Beratungsstellen. Wir sagen, wer weiterhilft.", []string{"rathaus"}},
	{"municipality", "Wohnraumberatung", "housing.flat_search", "de en ar", "a", "", "",
		"Beratung zur Wohnungssuche, zu Wohnberechtigungsschein und Mietverträgen.", []string{"rathaus"}},
	{"company", "Praktika für Geflüchtete", "work.internship", "de en pl ro", "a", "refugees", "",
		"Praktika im Lager und in der Logistik, auch mit wenig Deutsch; Kolleginnen und Kollegen begleiten.", []string{"company"}},
	{"mso_af", "Beratung auf Dari und Farsi", "translation.authorities", "fa prs ps de", "w", "", "",
		"Wir helfen bei Briefen und begleiten zu Ämtern, auf Dari, Farsi und Paschtu.", []string{"mso_af"}},
	{"mso_af", "Deutschkurs für Frauen mit Kinderbetreuung", "german_lessons.courses", "de fa prs", "w", "women", "",
		"Zweimal pro Woche Deutsch für Anfängerinnen; die Kinder werden nebenan betreut.", []string{"mso_af"}},
	{"mso_af", "Kulturabende", "leisure.culture", "fa prs de", "w", "", "3 Euro Eintritt",
		"Musik, Essen und Gespräche, einmal im Monat am Samstag.", []string{"mso_af"}},
	{"koeln", "Willkommenspunkt für Neuzugewanderte", "everyday.orientation", "de en uk ar fa tr", "w", "newcomers", "",
		"Erste Orientierung in Köln und Weitervermittlung an Beratungsstellen.", []string{"koeln"}},
	{"koeln", "Anerkennungsberatung", "work.recognition", "de en uk ru ar", "a", "", "",
		"Beratung zur Anerkennung ausländischer Abschlüsse und zu Anpassungsqualifizierungen.", []string{"koeln"}},
	{"caritas_koeln", "Asylverfahrensberatung", "legal_advice.asylum_counselling", "de en fr ar", "a", "refugees", "",
		"Unabhängige Beratung im Asylverfahren und nach dem Bescheid.", []string{"caritas_koeln"}},
	{"caritas_koeln", "Jobcoaching", "work.application", "de en ar uk", "a", "", "",
		"Bewerbungsunterlagen, Vorstellungsgespräche, Kontakte zu Betrieben.", []string{"caritas_koeln"}},
	{"caritas_koeln", "Psychosoziales Zentrum", "health.psychosocial", "de en fa ar ti", "r", "refugees", "",
		"Beratung und Therapie für traumatisierte Geflüchtete; Anmeldung über Beratungsstellen und Ärzte.", []string{"caritas_koeln"}},
	{"fluechtlingsrat_koeln", "Rechtsberatung Aufenthaltsrecht", "legal_advice.residence_law", "de en fr", "w", "", "",
		"Offene Sprechstunde mit Juristinnen: Duldung, Aufenthaltserlaubnis, Abschiebung.", []string{"fluechtlingsrat_koeln"}},
	{"fluechtlingsrat_koeln", "Ehrenamtliche Vormundschaften", "volunteering", "de", "a", "volunteers", "",
		"Wir suchen und begleiten Ehrenamtliche, die Vormundschaften für junge Geflüchtete übernehmen.", []string{"fluechtlingsrat_koeln"}},
	{"mso_uk", "Beratung für Geflüchtete aus der Ukraine", "everyday.paperwork", "uk ru de", "w", "refugees", "",
		"Jobcenter, Aufenthaltstitel, Schule: Wir helfen auf Ukrainisch und Russisch.", []string{"mso_uk"}},
	{"mso_uk", "Samstagsschule", "children.activities", "uk de", "w", "children", "10 Euro im Monat",
		"Ukrainisch, Mathematik und Kunst für Kinder von 6 bis 14 Jahren.", []string{"mso_uk"}},
	{"mso_er", "Sprachhilfe auf Tigrinya bei Behörden", "translation.authorities", "ti ar de en", "a", "", "",
		"Ehrenamtliche aus der Gemeinschaft übersetzen bei Terminen.", []string{"mso_er"}},
	{"mso_er", "Hebammensprechstunde mit Übersetzung", "health.pregnancy", "ti de ar", "a", "women families", "",
		"Eine Hebamme und eine Übersetzerin beraten Schwangere und junge Mütter.", []string{"mso_er"}},
	{"wolfhagen", "Bürgerbüro: Anmeldung und Auskunft", "everyday.paperwork", "de en", "w", "", "",
		"Wohnsitz anmelden, Ausweise, Auskunft für Neuzugezogene.", []string{"wolfhagen"}},
	{"fa_wolfhagen", "Patenschaften für Neuangekommene", "everyday.mentoring", "de en ar", "a", "newcomers volunteers", "",
		"Ehrenamtliche Patinnen und Paten begleiten durch die ersten Monate.", []string{"fa_wolfhagen"}},
	{"fa_wolfhagen", "Fahrdienst zu Ämtern in Kassel", "mobility.rides", "de", "a", "", "",
		"Ehrenamtliche fahren zu Terminen in Kassel, wo Bus und Bahn selten fahren.", []string{"fa_wolfhagen"}},
	{"fa_wolfhagen", "Mitmachen bei der Tafel-Ausgabe", "volunteering.distribution", "de en", "w", "volunteers", "",
		"Helferinnen und Helfer für die Ausgabe am Dienstag gesucht, auch Geflüchtete.", []string{"fa_wolfhagen"}},
}

// SeedDemo fills the directory. The organisation module's seeder made the
// organisations of demo.Orgs before.
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
	owners := map[string]string{} // organisation handle → a user who edits it
	for _, h := range []string{"agency", "mso_tr", "mso_ar", "municipality", "company"} {
		if _, ok := demo.Orgs[h]; !ok {
			return fmt.Errorf("no demo organisation %q", h)
		}
		if owners[h], err = user(h); err != nil {
			return err
		}
	}
	for _, d := range demoExtraOrgs {
		owner, err := user(d.owner)
		if err != nil {
			return err
		}
		o, err := m.orgs.Create(ctx, owner, d.profile)
		if err != nil {
			return fmt.Errorf("%s: %w", d.handle, err)
		}
		demo.Orgs[d.handle], owners[d.handle] = o.ID, owner
	}
	for _, d := range demoMunicipalities {
		if _, err := m.CreateMunicipality(ctx, staff, Municipality{AGS: d.ags, Name: d.name, State: d.ags[:2],
			OrganizationID: demo.Orgs[d.org]}); err != nil {
			return fmt.Errorf("municipality %s: %w", d.name, err)
		}
	}
	if err := m.seedFacts(ctx, staff); err != nil {
		return err
	}
	locs := map[string]string{}
	for _, d := range demoLocations {
		in := LocationInput{Name: d.name, Street: d.street, Postcode: d.postcode, City: d.city, AGS: d.ags, Lat: &d.lat,
			Lon: &d.lon, Wheelchair: d.wheelchair, Accessibility: d.access}
		for _, h := range d.hours {
			ps, err := demoPeriods(h)
			if err != nil {
				return err
			}
			in.Periods = append(in.Periods, ps...)
		}
		l, err := m.CreateLocation(ctx, owners[d.org], demo.Orgs[d.org], in)
		if err != nil {
			return fmt.Errorf("location %s: %w", d.key, err)
		}
		locs[d.key] = l.ID
	}
	closures := []struct {
		loc         string
		first, last Day
		note        string
	}{
		{"diakonie", "2026-12-24", "2027-01-01", "Weihnachtspause"},
		{"kleiderkammer", "2026-07-20", "2026-08-07", "Sommerpause"},
		{"koeln", "2026-02-16", "2026-02-16", "Rosenmontag"},
		{"caritas_koeln", "2026-02-16", "2026-02-16", "Rosenmontag"},
	}
	for _, c := range closures {
		for _, d := range demoLocations {
			if d.key == c.loc {
				if _, err := m.AddClosure(ctx, owners[d.org], locs[c.loc], Closure{First: c.first, Last: c.last, Closed: true,
					Note: c.note}); err != nil {
					return err
				}
			}
		}
	}
	services := map[string]string{}
	for _, d := range demoServices {
		in := ServiceInput{Name: d.name, Description: d.description, Category: d.category, Lang: "de", Cost: Free,
			WalkIn: strings.Contains(d.access, "w"), Appointment: strings.Contains(d.access, "a"),
			Referral: strings.Contains(d.access, "r"), Languages: strings.Fields(d.langs), Targets: strings.Fields(d.targets)}
		if d.fee != "" {
			in.Cost, in.FeeNote = Fee, d.fee
		}
		for _, k := range d.locations {
			in.LocationIDs = append(in.LocationIDs, locs[k])
		}
		s, err := m.CreateService(ctx, owners[d.org], demo.Orgs[d.org], in)
		if err != nil {
			return fmt.Errorf("service %s: %w", d.name, err)
		}
		services[d.org+"/"+d.name] = s.ID
	}
	// Two entries nobody confirmed for seven months, so their editors see
	// "please check" and get a reminder.
	old := m.s.Clock.Now().AddDate(0, -7, 0)
	for _, id := range []string{services["mso_tr/Frauentreff"], services["agency/Fahrradwerkstatt"]} {
		err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, "UPDATE directory_services SET confirmed_at = $1, updated_at = $1 WHERE id = $2", old, id); err != nil {
				return err
			}
			return m.indexServices(ctx, tx, id)
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func (m *Module) seedFacts(ctx context.Context, staff *auth.Identity) error {
	facts := []struct {
		ags   string
		fact  Fact
		links []Link
	}{
		{"06611000", Fact{Label: "Geflüchtete in Gemeinschaftsunterkünften (Beispielzahl)", Value: "1 240", AsOf: "2025-12-31",
			Source: "Demo-Daten, nicht amtlich", Lang: "de"},
			[]Link{{Title: "Integrationsportal der Stadt (Beispiel)", URL: "https://integration.stadt-kassel.example", Lang: "de"}}},
		{"06611000", Fact{Label: "Plätze in Integrationskursen (Beispielzahl)", Value: "860", AsOf: "2026-01-31",
			Source: "Demo-Daten, nicht amtlich", Lang: "de"}, nil},
		{"05315000", Fact{Label: "Neu zugewiesene Geflüchtete im Jahr 2025 (Beispielzahl)", Value: "3 100", AsOf: "2025-12-31",
			Source: "Demo-Daten, nicht amtlich", Lang: "de"},
			[]Link{{Title: "Übersicht der Anlaufstellen in Köln (Beispiel)", URL: "https://wiku-koeln.example", Lang: "de"}}},
		{"06633028", Fact{Label: "Ehrenamtliche in der Flüchtlingshilfe (Beispielzahl)", Value: "85", AsOf: "2025-10-01",
			Source: "Demo-Daten, nicht amtlich", Lang: "de"}, nil},
	}
	for _, f := range facts {
		if _, err := m.AddFact(ctx, staff, f.ags, f.fact); err != nil {
			return fmt.Errorf("fact %s: %w", f.fact.Label, err)
		}
		for _, l := range f.links {
			if _, err := m.AddLink(ctx, staff, f.ags, l); err != nil {
				return err
			}
		}
	}
	return nil
}

// demoPeriods reads "1-4 09:00-16:00" or "5 09:00-13:00".
func demoPeriods(s string) ([]Period, error) {
	days, times, _ := strings.Cut(s, " ")
	from, to, found := strings.Cut(days, "-")
	if !found {
		to = from
	}
	o, c, _ := strings.Cut(times, "-")
	opens, ok1 := ParseMinute(o)
	closes, ok2 := ParseMinute(c)
	if !ok1 || !ok2 || len(from) != 1 || len(to) != 1 {
		return nil, fmt.Errorf("demo hours %q", s)
	}
	var out []Period
	for d := int(from[0] - '0'); d <= int(to[0]-'0'); d++ {
		out = append(out, Period{Weekday: d, Span: Span{opens, closes}})
	}
	return out, nil
}
