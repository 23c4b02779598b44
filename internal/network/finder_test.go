package network

import (
	"slices"
	"testing"

	"teilhabe.org/teilhabe/internal/directory"
	"teilhabe.org/teilhabe/internal/organization"
)

func testProfile(id, name, kind string, ags []string, point *[2]float64, tops, langs []string, seeking bool) *profile {
	p := &profile{Org: &organization.Organization{ID: id, Profile: organization.Profile{Name: name, Kind: kind}},
		Footprint: &directory.Footprint{AGS: map[string]bool{}, Tops: map[string]bool{}, Languages: map[string]bool{}}}
	for _, a := range ags {
		p.AGS[a] = true
	}
	if point != nil {
		p.Points = append(p.Points, *point)
	}
	for _, t := range tops {
		p.Tops[t] = true
	}
	for _, l := range langs {
		p.Languages[l] = true
	}
	if seeking {
		p.Seeking = &Seeking{OrganizationID: id, WhatFor: "Räume"}
	}
	return p
}

// TestFinderRanking ranks a fixed set of organisations for a migrant
// organisation in Kassel and checks the order, the scores and the reasons
// (see the score in finder.go).
func TestFinderRanking(t *testing.T) {
	kassel := &[2]float64{51.3166, 9.4912}
	baunatal := &[2]float64{51.2553, 9.4181} // about 8 km from Kassel's centre
	koeln := &[2]float64{50.9387, 6.9547}
	self := testProfile("00", "Syrischer Verein", "migrant_organization", []string{"06611000"}, kassel,
		[]string{"children"}, []string{"ar", "de"}, false)
	candidates := []*profile{
		self,
		testProfile("01", "Türkischer Verein", "migrant_organization", []string{"06611000"}, kassel,
			[]string{"children", "leisure"}, []string{"tr", "ku", "de"}, false),
		testProfile("02", "Diakonie", "welfare_association", []string{"06611000"}, kassel,
			[]string{"legal_advice", "health"}, []string{"de", "fa"}, true),
		testProfile("03", "Auto Nord GmbH", "company", []string{"06633004"}, baunatal,
			[]string{"work"}, []string{"de", "pl"}, false),
		testProfile("04", "Freiwilligenagentur", "volunteer_agency", []string{"06611000"}, kassel,
			[]string{"volunteering"}, []string{"de", "en", "fr"}, false),
		testProfile("05", "Stiftung Köln", "foundation", []string{"05315000"}, koeln,
			[]string{"work", "housing", "digital", "goods"}, []string{"uk"}, true),
		testProfile("06", "Flüchtlingsrat", "refugee_council", []string{"06611000"}, kassel,
			[]string{"legal_advice"}, []string{"de"}, true),
		testProfile("07", "Nachbarschaftsinitiative", "initiative", []string{"06611000"}, nil, nil, []string{"de"}, false),
		testProfile("08", "Anderer Sportverein", "initiative", nil, baunatal, []string{"leisure"}, []string{"de"}, false),
	}
	got := rank(self, candidates, map[string]bool{"06": true})
	type row struct {
		name  string
		score int
	}
	var rows []row
	for _, s := range got {
		rows = append(rows, row{s.Org.Name, s.Score})
	}
	want := []row{
		{"Diakonie", 3 + 4 + 2 + 1 + 2},        // same place, bridge, 2 offers, Farsi, looks for partners
		{"Freiwilligenagentur", 3 + 4 + 1 + 2}, // same place, bridge, 1 offer, English and French
		{"Auto Nord GmbH", 2 + 2 + 1 + 1},      // nearby, another kind, work, Polish
		{"Türkischer Verein", 3 + 0 + 1 + 2},   // same place, same kind, leisure, Turkish and Kurdish
		{"Anderer Sportverein", 2 + 2 + 1},     // nearby, another kind, leisure; ties go by name …
		{"Nachbarschaftsinitiative", 3 + 2},    // … same place, another kind
	}
	if !slices.Equal(rows, want) {
		t.Errorf("ranking:\n got  %v\n want %v", rows, want)
	}
	var reasons []string
	for _, r := range got[0].Reasons {
		reasons = append(reasons, r.ID)
	}
	if !slices.Equal(reasons, []string{"network.finder.reason.same_municipality", "network.finder.reason.bridge",
		"network.finder.reason.offers", "network.finder.reason.languages", "network.finder.reason.seeking"}) {
		t.Errorf("reasons of the first: %v", reasons)
	}
	for _, s := range got {
		if s.Org.ID == "05" || s.Org.ID == "06" || s.Org.ID == "00" {
			t.Errorf("%s should not be suggested", s.Org.Name)
		}
	}
	// The score is symmetric in its area and kinds: the welfare
	// association finds the migrant organisation as a bridge too.
	back, _ := score(candidates[2], self)
	if back.Reasons[1].ID != "network.finder.reason.bridge" {
		t.Errorf("from the other side: %+v", back.Reasons)
	}
}
