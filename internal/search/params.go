package search

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
)

// QueryFrom reads a search from the parameters of /search (the board's
// names): q, type (several, or comma-separated), category, lang, near,
// radius_km, org_kind, verified, from and to (days, 2006-01-02), sort,
// cursor and exact=1 (no "showing results for").
func QueryFrom(v url.Values) (Query, error) {
	q := Query{Q: v.Get("q"), Category: v.Get("category"), Lang: v.Get("lang"), Near: v.Get("near"),
		OrgKind: v.Get("org_kind"), Sort: v.Get("sort"), Cursor: v.Get("cursor"), Exact: v.Get("exact") == "1"}
	for _, t := range v["type"] {
		for _, part := range strings.Split(t, ",") {
			if part = strings.TrimSpace(part); part != "" {
				q.Types = append(q.Types, part)
			}
		}
	}
	f := apperr.Fields{}
	if r := strings.TrimSpace(v.Get("radius_km")); r != "" {
		n, err := strconv.Atoi(r)
		if err != nil || n <= 0 || n > MaxRadiusKm {
			f.Add("radius_km", "search.radius.invalid")
		} else {
			q.RadiusKm = n
		}
	}
	switch v.Get("verified") {
	case "", "false", "0":
	case "true", "1", "on":
		q.Verified = true
	default:
		f.Add("verified", "form.invalid_choice")
	}
	for _, d := range []struct {
		name string
		to   **time.Time
	}{{"from", &q.From}, {"to", &q.To}} {
		s := strings.TrimSpace(v.Get(d.name))
		if s == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			f.Add(d.name, "search.dates.invalid")
			continue
		}
		*d.to = &t
	}
	return q, f.Err()
}

// Values encodes a query as the parameters of /search, leaving out
// defaults and the cursor.
func (q Query) Values() url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("q", q.Q)
	for _, t := range q.Types {
		v.Add("type", t)
	}
	set("category", q.Category)
	set("lang", q.Lang)
	set("near", q.Near)
	if q.Near != "" && q.RadiusKm != 0 && q.RadiusKm != DefaultRadiusKm {
		v.Set("radius_km", strconv.Itoa(q.RadiusKm))
	}
	set("org_kind", q.OrgKind)
	if q.Verified {
		v.Set("verified", "true")
	}
	if q.From != nil {
		v.Set("from", q.From.Format(time.DateOnly))
	}
	if q.To != nil {
		v.Set("to", q.To.Format(time.DateOnly))
	}
	if q.Sort != "" && q.Sort != SortRelevance {
		v.Set("sort", q.Sort)
	}
	if q.Exact {
		v.Set("exact", "1")
	}
	return v
}

// With returns a copy of q changed by fn (for links that change one
// filter).
func (q Query) With(fn func(*Query)) Query {
	q.Types = slices.Clone(q.Types)
	q.Cursor = ""
	fn(&q)
	return q
}
