package board

import (
	"net/url"
	"strconv"
	"strings"

	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/text"
)

// Sort orders of the board.
const (
	SortRelevance = "relevance"
	SortDistance  = "distance"
	SortNewest    = "newest"
	SortEnding    = "ending"
)

// Filter is what the board page, GET /api/v1/listings and saved searches
// filter by. The parameter names are shared with the search engine.
type Filter struct {
	Q        string // words in title or description
	Kind     Kind   // "" for both
	Category string // a taxonomy id; a top-level id includes its children
	Lang     string // a language the poster speaks or the listing is written in
	Near     string // a postcode or place name
	RadiusKm int    // with Near; 0 means DefaultRadiusKm
	OrgKind  string // only listings on behalf of this kind of organisation
	Verified bool   // only listings of verified organisations
	Sort     string
	Cursor   string // opaque, from the previous page
}

// DefaultRadiusKm is the radius around Near when none is given.
const DefaultRadiusKm = geo.DefaultRadiusKm

// MaxRadiusKm bounds radius searches.
const MaxRadiusKm = geo.MaxRadiusKm

// ParseFilter reads a filter from query parameters (board page, API, saved
// searches store the same encoding).
func ParseFilter(v url.Values) Filter {
	f := Filter{
		Q:        strings.TrimSpace(v.Get("q")),
		Kind:     Kind(v.Get("kind")),
		Category: v.Get("category"),
		Lang:     text.CanonicalLanguage(v.Get("lang")),
		Near:     strings.TrimSpace(v.Get("near")),
		OrgKind:  v.Get("org_kind"),
		Verified: v.Get("verified") == "true" || v.Get("verified") == "1" || v.Get("verified") == "on",
		Sort:     v.Get("sort"),
		Cursor:   v.Get("cursor"),
	}
	if f.Kind != Offer && f.Kind != Request {
		f.Kind = ""
	}
	if r, err := strconv.Atoi(v.Get("radius_km")); err == nil && r > 0 {
		f.RadiusKm = min(r, MaxRadiusKm)
	}
	switch f.Sort {
	case SortRelevance, SortDistance, SortNewest, SortEnding:
	default:
		f.Sort = ""
	}
	return f
}

// Values encodes the filter as query parameters (without the cursor).
func (f Filter) Values() url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("q", f.Q)
	set("kind", string(f.Kind))
	set("category", f.Category)
	set("lang", f.Lang)
	set("near", f.Near)
	if f.RadiusKm > 0 {
		v.Set("radius_km", strconv.Itoa(f.RadiusKm))
	}
	set("org_kind", f.OrgKind)
	if f.Verified {
		v.Set("verified", "true")
	}
	set("sort", f.Sort)
	return v
}
