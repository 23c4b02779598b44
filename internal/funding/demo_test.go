package funding_test

import (
	"net/http"
	"testing"

	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/funding"
)

func TestDemoCampaignsAndTheirLedger(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		demo, err := e.P.App.Seed(ctx)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := e.Funding.List(ctx, nil, demo.Orgs["mso_ar"], 10)
		if err != nil || len(cs) != 1 || cs[0].Status != funding.Succeeded {
			t.Fatalf("kitchen campaign: %v %+v", err, cs)
		}
		p, _ := e.Funding.Progress(ctx, cs[0])
		if p.Paid == 0 || p.Paid >= p.Total || p.Matched == 0 {
			t.Errorf("progress %+v: most paid, two not yet, the company's share too", p)
		}
		l, err := e.Funding.OrgLedger(ctx, nil, demo.Orgs["mso_ar"])
		if err != nil || l.In != p.Paid || l.Out != 148000 || l.Balance != l.In-l.Out {
			t.Errorf("ledger: %v in %d out %d; paid %d", err, l.In, l.Out, p.Paid)
		}
		page := e.Client(t).Get("/organizations/" + demo.Orgs["mso_ar"] + "/ledger")
		apptest.WantStatus(t, "ledger page", page.Status, http.StatusOK, page.Body)
		apptest.Contains(t, "ledger page", page.Body, "Gastroherd für das Freitagscafé", "Eine Küche für das Freitagscafé")
		apptest.Lacks(t, "ledger page", page.Body, "Miete", "Unterstuetzer", "Nordhessen Logistik GmbH")
		running, _ := e.Funding.List(ctx, nil, demo.Orgs["mso_tr"], 10)
		if len(running) != 1 || running[0].Status != funding.Running {
			t.Errorf("running campaign: %+v", running)
		}
	})
}
