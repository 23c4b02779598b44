package pledge

import (
	"cmp"
	"context"
	"html/template"
	"slices"

	"teilhabe.org/teilhabe/internal/app"
)

// homePledges is how many pledges the front page shows; homeCandidates is
// how many open ones it weighs to find those closest to their goal.
const (
	homePledges    = 3
	homeCandidates = MaxLimit
)

// Sections: the front page ("home", drawn with the reader's place) shows
// the open pledges closest to their goal, near the reader where there are
// any.
func (m *Module) Sections() []app.Section {
	return []app.Section{{Page: "home", Draw: m.homeSection, Order: 30}}
}

// homeSectionData is the pledges' part of the front page.
type homeSectionData struct {
	Cards []card
	Near  bool // the pledges are at the reader's place
}

func (m *Module) homeSection(ctx context.Context, place, _ string) (template.HTML, error) {
	var pledges []*Pledge
	var err error
	if place != "" {
		pledges, err = m.closestToGoal(ctx, place)
	}
	data := &homeSectionData{Near: len(pledges) > 0}
	if err == nil && len(pledges) == 0 {
		pledges, err = m.closestToGoal(ctx, "")
	}
	if err != nil || len(pledges) == 0 {
		return "", err
	}
	data.Cards = m.cards(ctx, pledges)
	return m.s.Render.Fragment(ctx, "pledge/home_section", data, nil)
}

// closestToGoal returns the open pledges at place ("" for anywhere) that
// still need sign-ups, the largest share reached first.
func (m *Module) closestToGoal(ctx context.Context, place string) ([]*Pledge, error) {
	page, err := m.List(ctx, Filter{Show: ShowOpen, Place: place, Limit: homeCandidates})
	if err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	open := slices.DeleteFunc(page.Items, func(p *Pledge) bool { return p.Reached() || !p.Open(now) })
	slices.SortStableFunc(open, func(a, b *Pledge) int { return cmp.Compare(b.Percent(), a.Percent()) })
	return open[:min(len(open), homePledges)], nil
}
