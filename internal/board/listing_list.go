package board

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/flyer"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/paging"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

// listingRoutes registers the pages of the listings area.
func (m *Module) listingRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /board", m.board)
	mux.HandleFunc("GET /listings/new", m.newListing)
	mux.HandleFunc("POST /listings/new", m.createListing)
	mux.HandleFunc("GET /listings/{id}", m.showListing)
	mux.HandleFunc("GET /listings/{id}/edit", m.editListing)
	flyerPage, flyerPDF := flyer.Handlers(m.s.Render, "board/flyer", "/listings/", m.flyerOf)
	mux.HandleFunc("GET /listings/{id}/flyer", flyerPage)
	mux.HandleFunc("GET /listings/{id}/flyer.pdf", flyerPDF)
	mux.HandleFunc("POST /listings/{id}/edit", m.saveListing)
	mux.HandleFunc("POST /listings/{id}/fulfil", m.fulfilListing)
	mux.HandleFunc("POST /listings/{id}/withdraw", m.withdrawListing)
	mux.HandleFunc("POST /listings/{id}/extend", m.extendListing)
	mux.HandleFunc("GET /listings/{id}/extend/{secret}", m.extendLinkPage)
	mux.HandleFunc("POST /listings/{id}/extend/{secret}", m.extendByLink)
	mux.HandleFunc("GET /me/listings", m.myListings)
}

// Radii offered by the board's filter, in kilometres.
var Radii = []int{5, 10, 25, 50, 100, 200}

// Sorts offered by the board's filter.
var Sorts = []string{SortRelevance, SortNewest, SortDistance, SortEnding}

// boardPage is what /board shows.
type boardPage struct {
	Results    *Results
	Categories []taxonomy.Option
	Names      map[string]string // category id → name in the page language
	Orgs       map[string]orgInfo
	Languages  []string
	OrgKinds   []string
	Radii      []int
	Sorts      []string
	NextURL    string
	Chips      []web.Chip // the filters set, each removable, above the results
}

// orgInfo is what a card shows of the organisation behind a listing.
type orgInfo struct {
	Name     string
	Verified bool
}

// filterForm shows the filter as typed, so the form keeps it; radius and
// sort start at their defaults.
func filterForm(q url.Values) *web.Form {
	f := web.EmptyForm(nil)
	for k, v := range q {
		if k != "cursor" {
			f.Values[k] = v
		}
	}
	if f.Get("radius_km") == "" {
		f.Values.Set("radius_km", strconv.Itoa(DefaultRadiusKm))
	}
	return f
}

func (m *Module) board(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	form := filterForm(q)
	f := ParseFilter(q)
	lang := web.Localizer(ctx).Lang()
	data := &boardPage{Categories: taxonomy.Default().Options(lang), Languages: text.LanguageCodes(),
		OrgKinds: organization.Kinds, Radii: Radii, Sorts: Sorts, Names: map[string]string{}, Orgs: map[string]orgInfo{}}
	data.Chips = boardChips(q, web.Localizer(ctx), lang)
	status := http.StatusOK
	res, err := m.Search(ctx, auth.From(ctx), f, DefaultLimit)
	switch {
	case err == nil:
		data.Results = res
		if res.Next != "" {
			v := res.Filter.Values()
			v.Set("cursor", res.Next)
			data.NextURL = "/board?" + v.Encode()
		}
		if data.Orgs, err = m.orgInfos(ctx, res.Items); err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
		for _, it := range res.Items {
			data.Names[it.Category] = taxonomy.Default().Name(it.Category, lang)
		}
	case apperr.Is(err, apperr.Invalid) && !paging.IsBadCursor(err):
		status = form.Fail(err)
	default:
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, status, "board/board", data, form)
}

// orgInfos loads the organisations behind the listings, once each.
func (m *Module) orgInfos(ctx context.Context, items []Found) (map[string]orgInfo, error) {
	out := map[string]orgInfo{}
	for _, it := range items {
		if it.OrganizationID == "" {
			continue
		}
		if _, ok := out[it.OrganizationID]; ok {
			continue
		}
		o, err := m.orgs.Get(ctx, it.OrganizationID)
		if err != nil {
			return nil, err
		}
		out[o.ID] = orgInfo{Name: o.Name, Verified: o.Verified()}
	}
	return out, nil
}

// boardChips names the board's filters that are set, in the reader's
// language, each with a link that removes it.
func boardChips(q url.Values, l *i18n.Localizer, lang string) []web.Chip {
	prefixed := func(prefix string) func(string) string {
		return func(v string) string { return l.T(prefix + v) }
	}
	checked := func(string) string { return "✓" }
	return web.FilterChips("/board", q, []web.ChipField{
		{Name: "q", Label: "board.filter.q"},
		{Name: "kind", Label: "board.field.kind", Show: prefixed("board.kind.")},
		{Name: "category", Label: "board.field.category", Show: func(v string) string { return taxonomy.Default().Name(v, lang) }},
		{Name: "lang", Label: "board.filter.lang", Show: prefixed("lang.")},
		{Name: "near", Label: "board.filter.near", Drop: []string{"radius_km"}},
		{Name: "org_kind", Label: "board.filter.org_kind", Show: prefixed("organization.kind.")},
		{Name: "verified", Label: "board.filter.verified", Show: checked},
	})
}
