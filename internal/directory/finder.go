package directory

import (
	"context"
	"database/sql"
	"slices"

	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
)

// The partner finder suggests organisations that complement each other,
// after the bagfa guide ("a new, unusual mix of partners: established and
// young actors, migrant and non-migrant organisations") and ALL IN (migrant
// organisations bring direct contact to their communities, established
// actors bring infrastructure). Everything it uses is public.
//
// The score of a candidate B for an organisation A:
//
//	area — required; without it B is not suggested
//	  +3  A and B have a location in the same municipality
//	  +2  otherwise two of their places are at most NearbyKm apart
//	kinds
//	  +4  one is a migrant organisation, the other an established actor
//	      (see Established)
//	  +2  otherwise their kinds differ
//	offers
//	  +1  per top-level category B offers and A does not, at most +3
//	languages
//	  +1  per language B speaks (itself or in its services) and A does not,
//	      at most +2
//	openness
//	  +2  B says it looks for partners
//
// A itself and organisations already in a proposed or active partnership
// with A are left out. Higher scores come first; ties by name, then id.
// Every point comes with its reason, shown beside the suggestion.

// NearbyKm is how far apart two places may be to count as one area.
const NearbyKm = 25

// Established are the kinds of "established actors" (Regelakteure): those
// with infrastructure, staff and access to the receiving society.
var Established = []string{"welfare_association", "volunteer_agency", "municipality", "refugee_council", "education", "foundation"}

const msoKind = "migrant_organization"

// IsEstablished reports whether a kind is an established actor.
func IsEstablished(kind string) bool { return slices.Contains(Established, kind) }

// profile is what the finder and the network know of an organisation.
type profile struct {
	Org       *organization.Organization
	AGS       map[string]bool // municipalities it has a location in
	Points    [][2]float64    // coordinates of its places
	Tops      map[string]bool // top-level categories of its services
	Languages map[string]bool // languages it or its services speak
	Seeking   *Seeking
}

// Reason is one part of a suggestion's score: a message id and its values.
type Reason struct {
	ID     string
	Points int
	Args   []any
}

// Suggestion is an organisation the finder proposes, with its score and
// why.
type Suggestion struct {
	Org     *organization.Organization
	Score   int
	Reasons []Reason
	Seeking *Seeking
}

// score rates b as a partner for a; ok is false when b is not suggested.
func score(a, b *profile) (s Suggestion, ok bool) {
	s = Suggestion{Org: b.Org, Seeking: b.Seeking}
	add := func(points int, id string, args ...any) {
		s.Score += points
		s.Reasons = append(s.Reasons, Reason{ID: id, Points: points, Args: args})
	}
	switch {
	case shareMunicipality(a, b):
		add(3, "directory.finder.reason.same_municipality")
	case nearby(a, b):
		add(2, "directory.finder.reason.nearby", "Km", NearbyKm)
	default:
		return s, false
	}
	ak, bk := a.Org.Kind, b.Org.Kind
	switch {
	case ak == msoKind && IsEstablished(bk) || bk == msoKind && IsEstablished(ak):
		add(4, "directory.finder.reason.bridge")
	case ak != bk:
		add(2, "directory.finder.reason.other_kind")
	}
	if n := min(countMissing(b.Tops, a.Tops), 3); n > 0 {
		add(n, "directory.finder.reason.offers", "Count", n)
	}
	if n := min(countMissing(b.Languages, a.Languages), 2); n > 0 {
		add(n, "directory.finder.reason.languages", "Count", n)
	}
	if b.Seeking != nil {
		add(2, "directory.finder.reason.seeking")
	}
	return s, true
}

func shareMunicipality(a, b *profile) bool {
	for ags := range a.AGS {
		if b.AGS[ags] {
			return true
		}
	}
	return false
}

func nearby(a, b *profile) bool {
	for _, p := range a.Points {
		for _, q := range b.Points {
			if geo.DistanceKm(p[0], p[1], q[0], q[1]) <= NearbyKm {
				return true
			}
		}
	}
	return false
}

// countMissing counts the keys of have that other lacks.
func countMissing(have, other map[string]bool) int {
	n := 0
	for k := range have {
		if !other[k] {
			n++
		}
	}
	return n
}

// rank scores every candidate for self and orders the suggestions.
func rank(self *profile, candidates []*profile, excluded map[string]bool) []Suggestion {
	var out []Suggestion
	for _, c := range candidates {
		if c.Org.ID == self.Org.ID || excluded[c.Org.ID] {
			continue
		}
		if s, ok := score(self, c); ok {
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(x, y Suggestion) int {
		if x.Score != y.Score {
			return y.Score - x.Score
		}
		if c := compareStrings(text.Fold(x.Org.Name), text.Fold(y.Org.Name)); c != 0 {
			return c
		}
		return compareStrings(x.Org.ID, y.Org.ID)
	})
	return out
}

// maxSuggestions bounds the finder's list.
const maxSuggestions = 20

// Suggestions proposes partners for an organisation.
func (m *Module) Suggestions(ctx context.Context, orgID string) ([]Suggestion, error) {
	self, err := m.orgs.Get(ctx, orgID)
	if err != nil {
		return nil, err
	}
	profiles, err := m.profiles(ctx)
	if err != nil {
		return nil, err
	}
	var me *profile
	for _, p := range profiles {
		if p.Org.ID == self.ID {
			me = p
		}
	}
	if me == nil {
		return nil, nil
	}
	excluded := map[string]bool{}
	ps, err := partnershipsOf(ctx, m.s.DB, orgID)
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		if p.Status == Proposed || p.Status == Active {
			for _, id := range p.OrgIDs() {
				excluded[id] = true
			}
		}
	}
	out := rank(me, profiles, excluded)
	if len(out) > maxSuggestions {
		out = out[:maxSuggestions]
	}
	return out, nil
}

// allOrgs lists every organisation by name.
func (m *Module) allOrgs(ctx context.Context) ([]*organization.Organization, error) {
	var out []*organization.Organization
	f := organization.Filter{Sort: organization.SortName, Limit: organization.MaxLimit}
	for {
		page, err := m.orgs.List(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Items...)
		if page.Next == "" {
			return out, nil
		}
		f.Cursor = page.Next
	}
}

// profiles gathers what the finder and the network need about every
// organisation: its municipalities and places (from its locations, being
// a municipality's own organisation, or, without locations, its postcode),
// what it offers and which languages it speaks.
func (m *Module) profiles(ctx context.Context) ([]*profile, error) {
	orgs, err := m.allOrgs(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[string]*profile{}
	out := make([]*profile, len(orgs))
	orgIDs := make([]string, len(orgs))
	for i, o := range orgs {
		p := &profile{Org: o, AGS: map[string]bool{}, Tops: map[string]bool{}, Languages: map[string]bool{}}
		for _, l := range o.Languages {
			p.Languages[l] = true
		}
		out[i], byID[o.ID], orgIDs[i] = p, p, o.ID
	}
	rows, err := m.s.DB.QueryContext(ctx, "SELECT organization_id, ags, lat, lon FROM directory_locations")
	err = db.Each(rows, err, func(s db.Scanner) error {
		var orgID, ags string
		var lat, lon sql.NullFloat64
		if err := s.Scan(&orgID, &ags, &lat, &lon); err != nil {
			return err
		}
		if p := byID[orgID]; p != nil {
			p.AGS[ags] = true
			if lat.Valid && lon.Valid {
				p.Points = append(p.Points, [2]float64{lat.Float64, lon.Float64})
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	rows, err = m.s.DB.QueryContext(ctx, `SELECT s.organization_id, s.category, l.lang FROM directory_services s
		LEFT JOIN directory_service_languages l ON l.service_id = s.id`)
	err = db.Each(rows, err, func(s db.Scanner) error {
		var orgID, category string
		var lang sql.NullString
		if err := s.Scan(&orgID, &category, &lang); err != nil {
			return err
		}
		if p := byID[orgID]; p != nil {
			p.Tops[taxonomy.Default().TopOf(category)] = true
			if lang.Valid {
				p.Languages[lang.String] = true
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	munis, err := listMunicipalities(ctx, m.s.DB)
	if err != nil {
		return nil, err
	}
	for _, mu := range munis {
		if p := byID[mu.OrganizationID]; p != nil {
			p.AGS[mu.AGS] = true
		}
	}
	for _, p := range out {
		if len(p.AGS) > 0 || p.Org.Postcode == "" || m.places == nil {
			continue
		}
		if pl, err := m.places.Resolve(ctx, p.Org.Postcode); err == nil {
			p.Points = append(p.Points, [2]float64{pl.Lat, pl.Lon})
		}
		if mu, err := m.SuggestMunicipality(ctx, p.Org.Postcode); err != nil {
			return nil, err
		} else if mu != nil {
			p.AGS[mu.AGS] = true
		}
	}
	seeking, err := seekingOf(ctx, m.s.DB, orgIDs)
	if err != nil {
		return nil, err
	}
	for id, s := range seeking {
		s := s
		byID[id].Seeking = &s
	}
	return out, nil
}

// Text is the reason in the page's language.
func (r Reason) Text(l *i18n.Localizer) string { return l.T(r.ID, r.Args...) }
