package network_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apptest"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/network"
)

// TestNetworkView draws the network of a municipality and counts bridges
// and isolated organisations.
func TestNetworkView(t *testing.T) {
	e := newEnv(t, "sqlite")
	coord := e.NewPerson(t, "koord", auth.Coordinator)
	mu := e.Municipality(t, coord, "06611000", "Kassel")
	e.Municipality(t, coord, "05315000", "Köln")
	people := map[string]*apptest.Person{}
	orgs := map[string]string{}
	for _, o := range []struct{ handle, name, kind string }{
		{"mso1", "Syrischer Verein", "migrant_organization"}, {"mso2", "Afghanischer Verein", "migrant_organization"},
		{"welfare", "Diakonie", "welfare_association"}, {"agency", "Freiwilligenagentur", "volunteer_agency"},
		{"company", "Logistik GmbH", "company"},
	} {
		people[o.handle] = e.NewPerson(t, o.handle, auth.Member)
		org := e.NewOrg(t, people[o.handle], o.name, o.kind, "34117", "Kassel", "de")
		orgs[o.handle] = org.ID
		e.Location(t, people[o.handle], org.ID, mu.AGS, o.name+" Straße 1")
	}
	elsewhere := e.NewPerson(t, "koeln", auth.Member)
	e.NewOrg(t, elsewhere, "Kölner Verein", "migrant_organization", "50667", "Köln", "de")
	partner := func(a, b string, confirm bool) {
		p, err := e.Net.Propose(ctx, people[a].ID, network.PartnershipInput{ProposerID: orgs[a], PartnerIDs: []string{orgs[b]},
			Goal: "Ziel", Benefit: "Nutzen", StartsOn: "2026-01-01", Lang: "de"})
		if err != nil {
			t.Fatal(err)
		}
		if confirm {
			if _, err := e.Net.Confirm(ctx, people[b].ID, p.ID, "", nil); err != nil {
				t.Fatal(err)
			}
		}
	}
	partner("mso1", "welfare", true)
	partner("agency", "company", true)
	partner("mso2", "agency", false)

	n, err := e.Net.Network(ctx, mu.AGS)
	if err != nil {
		t.Fatal(err)
	}
	var isolated []string
	for _, node := range n.Isolated {
		isolated = append(isolated, node.Org.Name)
	}
	if len(n.Nodes) != 5 || n.Partnerships != 2 || n.MSOs != 2 || n.MSOsBridged != 1 || !slices.Equal(isolated, []string{"Afghanischer Verein"}) {
		t.Errorf("network: %d nodes, %d partnerships, %d/%d MSOs bridged, isolated %v", len(n.Nodes), n.Partnerships,
			n.MSOsBridged, n.MSOs, isolated)
	}
	if len(n.Pairs) != 2 || n.Pairs[0] != (network.KindPair{A: "volunteer_agency", B: "company", Count: 1}) ||
		n.Pairs[1] != (network.KindPair{A: "migrant_organization", B: "welfare_association", Count: 1}) {
		t.Errorf("pairs: %+v", n.Pairs)
	}
	bridges := 0
	for _, edge := range n.Edges {
		if edge.Bridge {
			bridges++
		}
	}
	if len(n.Edges) != 2 || bridges != 1 {
		t.Errorf("edges %d, bridges %d", len(n.Edges), bridges)
	}
	page := e.Client(t).Get("/network?ags=06611000")
	if page.Status != http.StatusOK || strings.Count(page.Body, "<line ") != 2+1 || strings.Count(page.Body, `stroke="#a3360d" stroke-width="3"`) != 2+1 ||
		!strings.Contains(page.Body, "<svg viewBox=") || strings.Contains(page.Body, "Kölner Verein") {
		t.Errorf("network page: %d", page.Status)
	}
	all, _ := e.Net.Network(ctx, "")
	if len(all.Nodes) != 6 || all.MSOs != 3 {
		t.Errorf("whole network: %d nodes, %d MSOs", len(all.Nodes), all.MSOs)
	}
	if res := e.Client(t).Get("/network?ags=12345678"); res.Status != http.StatusNotFound {
		t.Errorf("unknown municipality: %d", res.Status)
	}
	finder := e.Client(t).Get("/organizations/" + orgs["mso2"] + "/partners")
	if finder.Status != http.StatusOK || !strings.Contains(finder.Body, "Diakonie") || strings.Contains(finder.Body, ">Freiwilligenagentur<") {
		t.Errorf("finder page: %d", finder.Status)
	}
}

// TestDemo checks what the demo promises: at least four migrant
// organisations, and partnerships that leave both bridges and gaps, shown
// on the partners' pages.
func TestDemo(t *testing.T) {
	forEach(t, func(t *testing.T, e *env) {
		demo := app.NewDemo()
		for _, s := range []app.Seeder{e.P.Accounts, e.Orgs, e.Dir, e.Net} {
			if err := s.SeedDemo(ctx, demo); err != nil {
				t.Fatal(err)
			}
		}
		all, err := e.Net.Network(ctx, "")
		if err != nil {
			t.Fatal(err)
		}
		if all.MSOs < 4 || all.MSOsBridged < 3 || all.MSOsBridged == all.MSOs || len(all.Isolated) == 0 {
			t.Errorf("network: %d MSOs, %d bridged, %d isolated", all.MSOs, all.MSOsBridged, len(all.Isolated))
		}
		kassel, err := e.Net.Network(ctx, "06611000")
		if err != nil {
			t.Fatal(err)
		}
		bridges := 0
		for _, edge := range kassel.Edges {
			if edge.Bridge {
				bridges++
			}
		}
		if bridges < 2 || kassel.Partnerships != 3 {
			t.Errorf("Kassel: %d bridges, %d partnerships", bridges, kassel.Partnerships)
		}
		if page := e.Client(t).Get("/organizations/" + demo.Orgs["agency"]); !strings.Contains(page.Body, "/partnerships/") {
			t.Errorf("no partnership on the volunteer centre's page")
		}
	})
}
