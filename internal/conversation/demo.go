package conversation

import (
	"context"
	"database/sql"

	"teilhabe.org/teilhabe/internal/app"
)

// SeedDemo starts two conversations between demo people: a newcomer asks
// the volunteer centre how to help as an interpreter (contact sharing
// allowed, she agreed, the centre not yet), and a volunteer offers a
// newcomer help with the flat search.
func (m *Module) SeedDemo(ctx context.Context, demo *app.Demo) error {
	u := demo.Users
	if u["agency"] == "" || u["newcomer_uk"] == "" || u["volunteer"] == "" || u["newcomer_ar"] == "" {
		return nil
	}
	if org := demo.Orgs["agency"]; org != "" {
		var convID string
		err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
			var err error
			convID, err = m.Start(ctx, tx,
				About{Kind: "organization", ID: org, Title: "Freiwilligenzentrum Kassel", URL: "/organizations/" + org},
				Participant{UserID: u["newcomer_uk"]}, []Participant{{UserID: u["agency"], OrgID: org}},
				"Guten Tag, ich möchte mich gern als Dolmetscherin für Ukrainisch und Russisch engagieren. "+
					"Wie kann ich anfangen?\nViele Grüße, Olena")
			if err != nil {
				return err
			}
			return m.EnableContactSharing(ctx, tx, convID)
		})
		if err != nil {
			return err
		}
		if _, err := m.Post(ctx, convID, u["agency"], "Hallo Olena, wie schön! Komm gern am Dienstag zwischen 10 und 13 Uhr "+
			"in unsere Sprechstunde in der Lindenhofstraße 14. Dann besprechen wir alles Weitere."); err != nil {
			return err
		}
		if _, err := m.Post(ctx, convID, u["newcomer_uk"], "Дякую! Am Dienstag komme ich gern vorbei."); err != nil {
			return err
		}
		if err := m.ShareContact(ctx, convID, u["newcomer_uk"], true); err != nil {
			return err
		}
	}
	var convID string
	err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		convID, err = m.Start(ctx, tx, About{}, Participant{UserID: u["volunteer"]}, []Participant{{UserID: u["newcomer_ar"]}},
			"Hallo Amal, ich habe gehört, dass du eine Wohnung suchst. Ich kann am Samstag mit dir Anzeigen durchgehen "+
				"und bei Anrufen helfen, wenn du magst.")
		return err
	})
	if err != nil {
		return err
	}
	_, err = m.Post(ctx, convID, u["newcomer_ar"], "شكرًا جزيلًا يا يوناس! السبت يناسبني.\nDanke, Samstag passt mir gut.")
	return err
}
