package coordination

import (
	"context"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
)

// Area is what a dashboard covers for one person: the whole country or
// some regions, and whether it lies outside the person's scopes (shown
// through the switch that shows everything, to read only).
type Area struct {
	Region     string   // the region asked for ("" for the person's own)
	Regions    []string // the keys covered; empty for the whole country
	Everything bool     // the whole country, unplaced requests included
	ReadOnly   bool     // outside the person's scopes
	Scopes     []string // the person's own regions; empty: the whole country
}

// AreaFor decides what the dashboard shows actor: the region asked for when
// it lies in their scopes (or they have none, or are an administrator),
// their own regions when none is asked for, and anything else only with
// all, to read. Members and visitors are refused.
func (m *Module) AreaFor(ctx context.Context, actor *auth.Identity, region string, all bool) (Area, error) {
	if actor == nil {
		return Area{}, apperr.New(apperr.Unauthenticated, "")
	}
	if !actor.Staff() {
		return Area{}, apperr.New(apperr.Forbidden, "")
	}
	if region != "" && !ValidRegion(region) {
		return Area{}, apperr.Field("query.region", "coordination.region.invalid")
	}
	var scopes []string
	if !actor.IsAdmin() {
		var err error
		if scopes, err = m.ScopesOf(ctx, actor.UserID); err != nil {
			return Area{}, err
		}
	}
	a := Area{Region: region, Scopes: scopes}
	switch {
	case region == "" && (all || len(scopes) == 0):
		a.Everything = true
		a.ReadOnly = len(scopes) > 0
	case region == "":
		a.Regions = scopes
	case len(scopes) == 0 || covers(scopes, region):
		a.Regions = []string{region}
	case all:
		a.Regions = []string{region}
		a.ReadOnly = true
	default:
		return Area{}, apperr.New(apperr.Forbidden, "coordination.region.outside")
	}
	return a, nil
}

// postcodes are the postcodes of the area, for the board's figures.
func (m *Module) postcodes(ctx context.Context, a Area) (app.Postcodes, error) {
	if a.Everything {
		return app.Everywhere, nil
	}
	seen := map[string]bool{}
	var list []string
	for _, r := range a.Regions {
		pcs, err := m.places.PostcodesIn(ctx, r)
		if err != nil {
			return app.Postcodes{}, err
		}
		for _, p := range pcs {
			if !seen[p] {
				seen[p] = true
				list = append(list, p)
			}
		}
	}
	return app.Postcodes{List: list}, nil
}
