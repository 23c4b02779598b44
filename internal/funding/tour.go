package funding

import (
	"context"
	"net/url"

	"teilhabe.org/teilhabe/internal/app"
)

// TourPages are the campaigns' pages on the demo content: the list; the
// successful campaign as a visitor and as a supporter with the transfer
// details; the running campaign as a visitor, a supporter, the matching
// company and its organisation, with its edit, cancel and reservations
// pages; and the forms posted wrong.
func (m *Module) TourPages(tour app.Tour) ([]app.TourPage, error) {
	demo := tour.Demo()
	done, err := m.demoCampaign(demo.Orgs["mso_ar"])
	if err != nil {
		return nil, err
	}
	running, err := m.demoCampaign(demo.Orgs["mso_tr"])
	if err != nil {
		return nil, err
	}
	return []app.TourPage{
		app.TourGet("", "/campaigns", 200),
		app.TourGet("", "/campaigns/"+done, 200),
		app.TourGet("newcomer_fa", "/campaigns/"+done, 200),
		app.TourGet("mso_ar", "/campaigns/"+done+"/reservations", 200),
		app.TourGet("", "/campaigns/"+running, 200),
		app.TourGet("newcomer_ar", "/campaigns/"+running, 200),
		app.TourGet("company", "/campaigns/"+running, 200),
		app.TourPost("company", "/campaigns/"+running+"/reserve", url.Values{"amount": {"2"}, "message": {"Viel Erfolg"}}, 422),
		app.TourGet("mso_tr", "/campaigns/"+running, 200),
		app.TourGet("mso_tr", "/campaigns/new?org={org:mso_tr}", 200),
		app.TourPost("mso_tr", "/campaigns/new", url.Values{"organization_id": {demo.Orgs["mso_tr"]}, "goal": {"viel"},
			"iban": {"DE00 1234"}, "deadline": {"31.02.2026"}, "reward_title_1": {"Tasse"}}, 422),
		app.TourGet("mso_tr", "/campaigns/"+running+"/edit", 200),
		app.TourPost("mso_tr", "/campaigns/"+running+"/edit", url.Values{"title": {""}, "goal": {"1"}}, 422),
		app.TourGet("mso_tr", "/campaigns/"+running+"/cancel", 200),
		app.TourGet("mso_tr", "/campaigns/"+running+"/reservations", 200),
		app.TourGet("", "/campaigns/"+done+"/ledger", 200),
		app.TourGet("", "/organizations/{org:mso_ar}/ledger", 200),
		app.TourGet("mso_ar", "/organizations/{org:mso_ar}/bookings", 200),
		app.TourPost("mso_ar", "/organizations/{org:mso_ar}/statements", url.Values{"col_date": {"Datum"}}, 422),
	}, nil
}

// demoCampaign is the id of the organisation's first campaign.
func (m *Module) demoCampaign(orgID string) (string, error) {
	var id string
	err := m.s.DB.QueryRowContext(context.Background(),
		`SELECT id FROM funding_campaigns WHERE organization_id = $1 ORDER BY created_at LIMIT 1`, orgID).Scan(&id)
	return id, err
}
