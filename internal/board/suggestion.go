package board

import (
	"context"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
)

// Suggestions are the best counterparts of a listing: open listings of the
// opposite kind in the same or a related category, near enough, whose
// posters share a language with this one's. docs/SUGGESTIONS.md explains
// the score; this is its definition.
//
//	score = category + distance + language + freshness          (0 … 100)
//
//	category   40  same category
//	           30  one is the other's top-level category
//	           20  siblings: subcategories of the same top-level one
//	            –  anything else (another top-level category) is no
//	               candidate
//	distance   30 × (1 − d / R) when both listings have coordinates and
//	               d ≤ R (R = SuggestRadiusKm, the poster's radius)
//	           15  when one has no coordinates but both name the same
//	               postcode or place (near, but how near is unknown)
//	            –  anything else is no candidate
//	language   10  one language in common (what the posters speak or
//	               wrote in), 15 for two or more; none in common: no
//	               candidate
//	freshness  15 × (1 − age / 30 days), at least 0
//
// Equal scores go to the newer listing, then by id. A candidate must be
// live, not the person's own (nor their organisation's), visible to the
// person asking (canSee), and its poster must not have blocked them or be
// blocked by them.
type Suggestion struct {
	Listing *Listing
	Score   float64
	Match   string   // "same", "top" (parent and child) or "related" (siblings)
	Located bool     // the distance is known
	Km      int      // rounded distance, when Located
	Shared  []string // languages in common, the less common ones first
}

// Weights of the score; see Suggestion.
const (
	scoreSameCategory    = 40
	scoreSameTop         = 30
	scoreRelated         = 20
	scoreDistance        = 30
	scoreSamePlace       = 15
	scoreOneLanguage     = 10
	scoreLanguages       = 15
	scoreFreshness       = 15
	freshnessSpan        = 30 * 24 * time.Hour
	SuggestRadiusKm      = DefaultRadiusKm
	suggestLimit         = 5
	suggestCandidatesMax = 300
)

// categoryMatch says how well two categories match, and its points; ""
// for no match.
func categoryMatch(a, b string) (string, float64) {
	t := taxonomy.Default()
	switch {
	case a == b:
		return "same", scoreSameCategory
	case !t.Related(a, b):
		return "", 0
	case t.TopOf(a) == a || t.TopOf(b) == b:
		return "top", scoreSameTop
	}
	return "related", scoreRelated
}

// spoken is what a listing's poster speaks: the listed languages and the
// language the listing is written in.
func spoken(l *Listing) []string {
	out := slices.Clone(l.Languages)
	if l.ContentLang != "" && !slices.Contains(out, l.ContentLang) {
		out = append(out, l.ContentLang)
	}
	return out
}

// sharedLanguages lists the languages both speak, German last: "speaks
// Arabic" tells more than "speaks German" on a German platform.
func sharedLanguages(a, b *Listing) []string {
	theirs := spoken(b)
	var out []string
	for _, l := range spoken(a) {
		if slices.Contains(theirs, l) {
			out = append(out, l)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i] != "de" && out[j] == "de" })
	return out
}

// scoreSuggestion rates candidate c for listing l at now; ok is false when
// c is no counterpart at all.
func scoreSuggestion(l, c *Listing, radiusKm float64, now time.Time) (Suggestion, bool) {
	s := Suggestion{Listing: c}
	if c.Kind == l.Kind || c.ID == l.ID {
		return s, false
	}
	match, points := categoryMatch(l.Category, c.Category)
	if match == "" {
		return s, false
	}
	s.Match, s.Score = match, points

	if l.Lat != nil && l.Lon != nil && c.Lat != nil && c.Lon != nil {
		d := geo.DistanceKm(*l.Lat, *l.Lon, *c.Lat, *c.Lon)
		if d > radiusKm {
			return s, false
		}
		s.Located, s.Km = true, geo.RoundKm(d)
		s.Score += scoreDistance * (1 - d/radiusKm)
	} else {
		if !samePlace(l, c) {
			return s, false
		}
		s.Score += scoreSamePlace
	}

	s.Shared = sharedLanguages(l, c)
	switch {
	case len(s.Shared) == 0:
		return s, false
	case len(s.Shared) == 1:
		s.Score += scoreOneLanguage
	default:
		s.Score += scoreLanguages
	}

	age := now.Sub(c.CreatedAt)
	s.Score += scoreFreshness * math.Max(0, 1-float64(age)/float64(freshnessSpan))
	return s, true
}

// samePlace reports whether two listings name the same postcode or place.
func samePlace(a, b *Listing) bool {
	if a.Postcode != "" && a.Postcode == b.Postcode {
		return true
	}
	pa, pb := text.Key(a.Place), text.Key(b.Place)
	return pa != "" && pa == pb
}

// rankSuggestions orders scored candidates: best first, then newer, then
// by id.
func rankSuggestions(ss []Suggestion) {
	sort.SliceStable(ss, func(i, j int) bool {
		a, b := ss[i], ss[j]
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		if !a.Listing.CreatedAt.Equal(b.Listing.CreatedAt) {
			return a.Listing.CreatedAt.After(b.Listing.CreatedAt)
		}
		return a.Listing.ID < b.Listing.ID
	})
}

// Suggest returns the best counterparts of a listing for a person who
// manages it (others get Forbidden, or NotFound when they may not see the
// listing). A listing that is not open has none.
func (m *Module) Suggest(ctx context.Context, id *auth.Identity, listingID string) ([]Suggestion, error) {
	l, err := m.managedListing(ctx, id, listingID)
	if err != nil {
		return nil, err
	}
	return m.suggestFor(ctx, id, l, suggestLimit)
}

// suggestFor ranks the counterparts of l for id, who manages it.
func (m *Module) suggestFor(ctx context.Context, id *auth.Identity, l *Listing, limit int) ([]Suggestion, error) {
	now := m.s.Clock.Now()
	out := []Suggestion{}
	if !l.Live(now) {
		return out, nil
	}
	query, args, ok := candidatesQuery(l, id.UserID, now)
	if !ok {
		return out, nil
	}
	candidates, err := queryListings(ctx, m.s.DB, query, args...)
	if err != nil {
		return nil, err
	}
	var scored []Suggestion
	for _, c := range candidates {
		if s, ok := scoreSuggestion(l, c, SuggestRadiusKm, now); ok {
			scored = append(scored, s)
		}
	}
	rankSuggestions(scored)
	for _, s := range scored {
		if len(out) == limit {
			break
		}
		ok, err := m.suggestable(ctx, s.Listing, id, now)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, s)
		}
	}
	return out, nil
}

// candidatesQuery is the SQL that finds the counterparts of l worth
// scoring, newest first; ok is false when l has no place to search around.
func candidatesQuery(l *Listing, viewerID string, now time.Time) (query string, args []any, ok bool) {
	opposite := Offer
	if l.Kind == Offer {
		opposite = Request
	}
	var w db.Where
	w.Add("l.removed_at IS NULL AND l.status = 'open' AND l.hidden = FALSE AND l.held = FALSE")
	w.Add("l.expires_at > ?", now)
	w.Add("l.kind = ?", string(opposite))
	w.Add("l.poster_id <> ?", viewerID)
	w.Add("l.id <> ?", l.ID)
	if top := taxonomy.Default().TopOf(l.Category); top != "" {
		w.Add("l.category IN (?)", categoryAndBelow(top))
	}
	// A prefilter: inside the box around the listing, or in the same
	// postcode or place; scoreSuggestion measures exactly. Each part reads
	// its own index and the union is joined to the listings, so the query
	// visits only the listings nearby, whatever the planner's statistics
	// say (left to choose, SQLite read every open listing newest first:
	// 28 % of a loaded server's CPU at 100,000 listings).
	var near []string
	if l.Lat != nil && l.Lon != nil {
		minLat, maxLat, minLon, maxLon := geo.Box(*l.Lat, *l.Lon, SuggestRadiusKm)
		near = append(near, "SELECT id FROM listings WHERE lat BETWEEN "+w.Arg(minLat)+" AND "+w.Arg(maxLat)+
			" AND lon BETWEEN "+w.Arg(minLon)+" AND "+w.Arg(maxLon))
	}
	if l.Postcode != "" {
		near = append(near, "SELECT id FROM listings WHERE postcode = "+w.Arg(l.Postcode))
	}
	if key := text.Key(l.Place); key != "" {
		near = append(near, "SELECT id FROM listings WHERE place_key = "+w.Arg(key))
	}
	if len(near) == 0 {
		return "", nil, false
	}
	// CROSS JOIN makes SQLite loop over the nearby ids first (it keeps the
	// order of a CROSS JOIN); PostgreSQL plans it as any join.
	w.Add("l.id = near.id")
	query = "SELECT " + listingColumns + " FROM (" + strings.Join(near, " UNION ") + ") near CROSS JOIN listings l" +
		w.SQL() + " ORDER BY l.created_at DESC, l.id DESC LIMIT " + w.Arg(suggestCandidatesMax)
	return query, w.Args(), true
}

// suggestable reports whether a candidate may be shown to the person: they
// may see it, it is not theirs to manage, and neither blocked the other.
func (m *Module) suggestable(ctx context.Context, c *Listing, id *auth.Identity, now time.Time) (bool, error) {
	if m.canManage(ctx, c, id) || !m.canSee(ctx, c, id, now) {
		return false, nil
	}
	blocked, err := m.conversations.Blocked(ctx, id.UserID, c.PosterID)
	if err != nil {
		return false, err
	}
	return !blocked, nil
}
