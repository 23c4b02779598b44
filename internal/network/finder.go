package network

import (
	"context"
	"slices"
	"strings"

	"teilhabe.org/teilhabe/internal/directory"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/organization"
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
	Org *organization.Organization
	*directory.Footprint
	Seeking *Seeking
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
		add(3, "network.finder.reason.same_municipality")
	case nearby(a, b):
		add(2, "network.finder.reason.nearby", "Km", NearbyKm)
	default:
		return s, false
	}
	ak, bk := a.Org.Kind, b.Org.Kind
	switch {
	case ak == msoKind && IsEstablished(bk) || bk == msoKind && IsEstablished(ak):
		add(4, "network.finder.reason.bridge")
	case ak != bk:
		add(2, "network.finder.reason.other_kind")
	}
	if n := min(countMissing(b.Tops, a.Tops), 3); n > 0 {
		add(n, "network.finder.reason.offers", "Count", n)
	}
	if n := min(countMissing(b.Languages, a.Languages), 2); n > 0 {
		add(n, "network.finder.reason.languages", "Count", n)
	}
	if b.Seeking != nil {
		add(2, "network.finder.reason.seeking")
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
		if c := strings.Compare(text.Fold(x.Org.Name), text.Fold(y.Org.Name)); c != 0 {
			return c
		}
		return strings.Compare(x.Org.ID, y.Org.ID)
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

// profiles gathers what the finder and the network need about every
// organisation: the directory's footprint (its municipalities, places,
// offers and languages) and whether it looks for partners.
func (m *Module) profiles(ctx context.Context) ([]*profile, error) {
	orgs, err := m.orgs.All(ctx)
	if err != nil {
		return nil, err
	}
	feet, err := m.dir.Footprints(ctx, orgs)
	if err != nil {
		return nil, err
	}
	orgIDs := make([]string, len(orgs))
	for i, o := range orgs {
		orgIDs[i] = o.ID
	}
	seeking, err := seekingOf(ctx, m.s.DB, orgIDs)
	if err != nil {
		return nil, err
	}
	out := make([]*profile, len(orgs))
	for i, o := range orgs {
		out[i] = &profile{Org: o, Footprint: feet[o.ID]}
		if s, ok := seeking[o.ID]; ok {
			out[i].Seeking = &s
		}
	}
	return out, nil
}

// Text is the reason in the page's language.
func (r Reason) Text(l *i18n.Localizer) string { return l.T(r.ID, r.Args...) }
