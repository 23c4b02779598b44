package search

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
)

// SearchInput is GET /api/v1/search: the parameters of the page /search.
type SearchInput struct {
	Q        string   `query:"q" maxLength:"200" doc:"Words; \"an exact phrase\", -leave out, prefix*. Words find their other forms and, through the category taxonomy, the same thing in the other languages."`
	Type     []string `query:"type,explode" doc:"Only these types; several allowed."` // allowed values: setEnums
	Category string   `query:"category" doc:"A category id of GET /api/v1/categories; a top-level one includes its subcategories."`
	Lang     string   `query:"lang" maxLength:"8" doc:"A language (ISO 639) the text is written in or its people speak."`
	Near     string   `query:"near" maxLength:"200" doc:"A postcode or place; results within radius_km of it."`
	RadiusKm int      `query:"radius_km" minimum:"0" maximum:"200" doc:"Radius around near in kilometres; 25 when 0."`
	OrgKind  string   `query:"org_kind"` // allowed values: setEnums
	Verified bool     `query:"verified" doc:"Only what verified organisations publish."`
	From     string   `query:"from" doc:"Only what takes place on or after this day (2006-01-02): events."`
	To       string   `query:"to" doc:"Only what takes place on or before this day."`
	Sort     string   `query:"sort" enum:"relevance,distance,newest,ending" doc:"relevance (default; newest without words), distance (needs near), newest, ending (soonest deadline first)."`
	Cursor   string   `query:"cursor" doc:"next_cursor of the previous page."`
	Limit    int      `query:"limit" minimum:"1" maximum:"100" default:"20"`
	Facets   string   `query:"facets" enum:"true,false" default:"true" doc:"Count types, categories, languages and organisation kinds (false answers faster)."`
	Exact    bool     `query:"exact" doc:"Do not replace words that find little by known ones."`
}

// SearchHit is one result.
type SearchHit struct {
	Type       string     `json:"type"` // allowed values: setEnums
	ID         string     `json:"id"`
	URL        string     `json:"url" format:"uri"`
	Title      string     `json:"title"`
	Snippet    string     `json:"snippet" doc:"Part of the text around the first word found."`
	Highlights [][2]int   `json:"highlights" doc:"Where the query's words are in the snippet: [start, end) byte offsets."`
	Lang       string     `json:"lang,omitempty"`
	Languages  []string   `json:"languages"`
	Category   string     `json:"category,omitempty"`
	OrgKind    string     `json:"org_kind,omitempty"`
	Verified   bool       `json:"verified"`
	Postcode   string     `json:"postcode,omitempty"`
	Place      string     `json:"place,omitempty"`
	DistanceKm *int       `json:"distance_km,omitempty" doc:"From near, in whole kilometres."`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
	Deadline   *time.Time `json:"deadline,omitempty"`
	StartsAt   *time.Time `json:"starts_at,omitempty"`
	EndsAt     *time.Time `json:"ends_at,omitempty"`
	Score      int        `json:"score,omitempty" doc:"Relevance; equal scores go newest first."`
}

// SearchFacet is one value of a facet.
type SearchFacet struct {
	Value    string `json:"value"`
	Count    int    `json:"count"`
	Selected bool   `json:"selected,omitempty"`
}

// SearchFacets count the matches per value, each ignoring its own filter.
type SearchFacets struct {
	Type        []SearchFacet `json:"type"`
	Category    []SearchFacet `json:"category"`
	Subcategory []SearchFacet `json:"subcategory" doc:"Of the chosen category's top-level category."`
	Lang        []SearchFacet `json:"lang"`
	OrgKind     []SearchFacet `json:"org_kind"`
}

// SearchOutput is one page of results.
type SearchOutput struct {
	Body struct {
		Total          *int          `json:"total,omitempty" doc:"Every match, exactly; absent with facets=false and relevance order, which stop at the page."`
		Results        []SearchHit   `json:"results"`
		Facets         *SearchFacets `json:"facets,omitempty"`
		NextCursor     string        `json:"next_cursor,omitempty"`
		CorrectedQuery string        `json:"corrected_query,omitempty" doc:"The words the results are for, when those asked found little."`
		Near           *SearchPlace  `json:"near,omitempty"`
	}
}

// SearchPlace is the place searched around.
type SearchPlace struct {
	Postcode string  `json:"postcode"`
	Name     string  `json:"name"`
	Lat      float64 `json:"lat"`
	Lon      float64 `json:"lon"`
}

func (in *SearchInput) query() (Query, error) {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("q", in.Q)
	v["type"] = in.Type
	set("category", in.Category)
	set("lang", in.Lang)
	set("near", in.Near)
	if in.RadiusKm > 0 {
		v.Set("radius_km", strconv.Itoa(in.RadiusKm))
	}
	set("org_kind", in.OrgKind)
	if in.Verified {
		v.Set("verified", "true")
	}
	set("from", in.From)
	set("to", in.To)
	set("sort", in.Sort)
	set("cursor", in.Cursor)
	if in.Exact {
		v.Set("exact", "1")
	}
	q, err := QueryFrom(v)
	q.Limit = in.Limit
	q.Facets = in.Facets != "false"
	return q, err
}

func facetsOut(fs []FacetValue) []SearchFacet {
	out := make([]SearchFacet, len(fs))
	for i, f := range fs {
		out[i] = SearchFacet{Value: f.Value, Count: f.Count, Selected: f.Selected}
	}
	return out
}

// RegisterAPI adds the search and the open data operations.
func (m *Module) RegisterAPI(a huma.API) {
	huma.Register(a, huma.Operation{
		OperationID: "search", Method: http.MethodGet, Path: api.Prefix + "/search", Tags: []string{"Search"},
		Summary: "Search everything public",
		Description: "One search over listings, opportunities, organisations and what else modules publish, " +
			"with the parameters of the page /search. Results are ordered the same on every server and database; " +
			"page with next_cursor. Visibility follows the caller: a token of a member finds documents for members.",
	}, m.apiSearch)
	m.setEnums(a, api.Prefix+"/search")
	m.registerOpenData(a)
}

func (m *Module) apiSearch(ctx context.Context, in *SearchInput) (*SearchOutput, error) {
	q, err := in.query()
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	res, err := m.Search(ctx, q, m.ViewerOf(ctx))
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &SearchOutput{}
	if res.Total >= 0 {
		out.Body.Total = &res.Total
	}
	out.Body.Results = make([]SearchHit, len(res.Hits))
	for i, h := range res.Hits {
		snippet, marks := "", [][2]int{}
		for _, s := range h.Snippet {
			if s.Mark {
				marks = append(marks, [2]int{len(snippet), len(snippet) + len(s.Text)})
			}
			snippet += s.Text
		}
		langs := h.Langs
		if langs == nil {
			langs = []string{}
		}
		out.Body.Results[i] = SearchHit{Type: h.Type, ID: h.ID, URL: m.s.BaseURL + h.URL, Title: h.Title, Snippet: snippet,
			Highlights: marks, Lang: h.Lang, Languages: langs, Category: h.Category, OrgKind: h.OrgKind,
			Verified: h.Verified, Postcode: h.Postcode, Place: h.Place, DistanceKm: h.DistanceKm, CreatedAt: h.CreatedAt,
			UpdatedAt: h.UpdatedAt, Deadline: h.Deadline, StartsAt: h.Start, EndsAt: h.End, Score: h.Score}
	}
	if q.Facets {
		out.Body.Facets = &SearchFacets{Type: facetsOut(res.Types), Category: facetsOut(res.Categories),
			Subcategory: facetsOut(res.Subcategories), Lang: facetsOut(res.Languages), OrgKind: facetsOut(res.OrgKinds)}
	}
	out.Body.NextCursor = res.Next
	out.Body.CorrectedQuery = res.Corrected
	if p := res.Near; p != nil {
		out.Body.Near = &SearchPlace{Postcode: p.Postcode, Name: p.Name, Lat: p.Lat, Lon: p.Lon}
	}
	return out, nil
}
