package search

import (
	"html"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/paging"
	"teilhabe.org/teilhabe/internal/searchdoc"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

// Radii are the radius choices of the form.
var Radii = geo.Radii

type langView struct {
	Tag, Name string
	Dir       string
}

// langOf names a language in its own script (with lang set, so screen
// readers say it right).
func langOf(tag string) langView {
	l, ok := text.LanguageOf(tag)
	if !ok {
		return langView{Tag: tag, Name: tag, Dir: "ltr"}
	}
	dir := "ltr"
	if l.RightToLeft {
		dir = "rtl"
	}
	return langView{Tag: l.Code, Name: l.Endonym, Dir: dir}
}

// facetLink is one value of a facet as a link that switches it.
type facetLink struct {
	Label    string
	Lang     *langView // for languages: shown in their own script
	Count    int
	Selected bool
	URL      string
}

type facetGroup struct {
	ID, Title string
	Links     []facetLink
}

type hitView struct {
	Hit
	TypeLabel    string
	CategoryName string
	Languages    []langView
	TitleHTML    template.HTML // the title, the query's words in <mark>
	SnippetHTML  template.HTML
}

// marked writes segments as HTML, the marked ones in <mark>.
func marked(segs []Segment) template.HTML {
	var b strings.Builder
	for _, s := range segs {
		if s.Mark {
			b.WriteString("<mark>" + html.EscapeString(s.Text) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(s.Text))
		}
	}
	return template.HTML(b.String())
}

type option struct {
	Value, Label string
	Depth        int
	Selected     bool
}

// optionCache keeps the <option> lists of the form, rendered once per
// language and choice: a page lists some 150 options, and drawing them
// each time took longer than the search.
var optionCache sync.Map // string → template.HTML

// options renders the choices of a select, the empty "all" choice first
// when all is not "".
func options(key, all string, choices func() []option) template.HTML {
	if h, ok := optionCache.Load(key); ok {
		return h.(template.HTML)
	}
	list := choices()
	// Only lists with nothing or a known choice chosen are kept: anything
	// else comes from a mistyped address and must not fill the memory.
	keep := strings.HasSuffix(key, "\x00")
	for _, o := range list {
		keep = keep || o.Selected
	}
	var b strings.Builder
	if all != "" {
		b.WriteString(`<option value="">` + html.EscapeString(all) + "</option>\n")
	}
	for _, o := range list {
		b.WriteString(`<option value="` + html.EscapeString(o.Value) + `"`)
		if o.Selected {
			b.WriteString(" selected")
		}
		b.WriteString(">")
		if o.Depth > 0 {
			b.WriteString("– ")
		}
		b.WriteString(html.EscapeString(o.Label) + "</option>\n")
	}
	h := template.HTML(b.String())
	if keep {
		optionCache.Store(key, h)
	}
	return h
}

// pageData is what /search shows.
type pageData struct {
	Query       Query
	Result      *Result
	Hits        []hitView
	Facets      []facetGroup
	Types       []option
	Categories  template.HTML // <option>s
	Languages   template.HTML
	OrgKinds    template.HTML
	Sorts       template.HTML
	Radii       template.HTML
	NextURL     string
	FirstURL    string
	FeedURL     string
	CalendarURL string     // the results as iCalendar, for a search of events only
	ExactURL    string     // the query as asked, without corrections
	Asked       string     // the words as asked
	Searched    bool       // any word or filter given
	Chips       []web.Chip // filters the facets do not show, each removable
}

func (m *Module) page(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	switch v.Get("format") {
	case "atom":
		m.feed(w, r)
		return
	case "ics":
		m.calendar(w, r)
		return
	}
	ctx := r.Context()
	form := &web.Form{Values: v, Errors: map[string]string{}}
	q, err := QueryFrom(v)
	if err == nil {
		err = q.Normalize()
	}
	data := &pageData{Query: q}
	status := http.StatusOK
	if err == nil {
		q.Facets = true
		data.Result, err = m.Search(ctx, q, m.ViewerOf(ctx))
	}
	if err != nil {
		if !apperr.Is(err, apperr.Invalid) || paging.IsBadCursor(err) {
			m.s.Render.Error(w, r, err)
			return
		}
		status = form.Fail(err)
	}
	lang := i18n.Default
	if l := web.Localizer(ctx); l != nil {
		lang = l.Lang()
	}
	m.fillPage(data, q, lang, web.Localizer(ctx))
	data.Chips = web.FilterChips("/search", v, []web.ChipField{
		{Name: "near", Label: "search.near", Drop: []string{"radius_km"}},
		{Name: "from", Label: "search.from"},
		{Name: "to", Label: "search.to"},
		{Name: "verified", Label: "search.verified", Show: func(string) string { return "✓" }},
	})
	m.s.Render.Page(w, r, status, "search/search", data, form)
}

// fillPage prepares the choices of the form, the facets and the results.
func (m *Module) fillPage(d *pageData, q Query, lang string, l *i18n.Localizer) {
	t := func(id string, args ...any) string {
		if l == nil {
			return id
		}
		return l.T(id, args...)
	}
	tax := taxonomy.Default()
	d.Asked = q.Q
	d.Searched = len(q.Values()) > 0
	for _, ty := range m.types.shown {
		d.Types = append(d.Types, option{Value: ty.Name, Label: t(ty.Label), Selected: slices.Contains(q.Types, ty.Name)})
	}
	d.Categories = options("c\x00"+lang+"\x00"+q.Category, t("search.category.all"), func() []option {
		var out []option
		for _, o := range tax.Options(lang) {
			out = append(out, option{Value: o.Value, Label: o.Label, Depth: o.Depth, Selected: o.Value == q.Category})
		}
		return out
	})
	d.Languages = options("l\x00"+lang+"\x00"+q.Lang, t("search.lang.all"), func() []option {
		var out []option
		for _, sl := range text.Languages() {
			out = append(out, option{Value: sl.Code, Label: sl.Endonym, Selected: sl.Code == q.Lang})
		}
		return out
	})
	d.OrgKinds = options("k\x00"+lang+"\x00"+q.OrgKind, t("search.org_kind.all"), func() []option {
		var out []option
		for _, k := range organization.Kinds {
			out = append(out, option{Value: k, Label: t(organization.KindLabel(k)), Selected: k == q.OrgKind})
		}
		return out
	})
	d.Sorts = options("s\x00"+lang+"\x00"+q.Sort, "", func() []option {
		var out []option
		for _, s := range Sorts {
			out = append(out, option{Value: s, Label: t("search.sort." + s), Selected: s == q.Sort})
		}
		return out
	})
	radius := q.RadiusKm
	if radius == 0 {
		radius = DefaultRadiusKm
	}
	d.Radii = options("r\x00"+lang+"\x00"+strconv.Itoa(radius), "", func() []option {
		var out []option
		for _, km := range Radii {
			out = append(out, option{Value: strconv.Itoa(km), Label: t("search.radius.km", "Km", km), Selected: km == radius})
		}
		return out
	})
	d.FeedURL = "/search?" + withFormat(q.Values(), "atom")
	if len(q.Types) == 1 && q.Types[0] == searchdoc.Event {
		d.CalendarURL = "/search?" + withFormat(q.Values(), "ics")
	}
	if q.Cursor != "" {
		d.FirstURL = "/search?" + q.Values().Encode()
	}
	res := d.Result
	if res == nil {
		return
	}
	if res.Next != "" {
		v := q.Values()
		v.Set("cursor", res.Next)
		d.NextURL = "/search?" + v.Encode()
	}
	if res.Corrected != "" {
		d.ExactURL = "/search?" + q.With(func(x *Query) { x.Exact = true }).Values().Encode()
	}
	link := func(fn func(*Query)) string { return "/search?" + q.With(fn).Values().Encode() }

	var g facetGroup
	g = facetGroup{ID: "type", Title: t("search.facet.type")}
	for _, f := range res.Types {
		g.Links = append(g.Links, facetLink{Label: t(m.types.label(f.Value)), Count: f.Count, Selected: f.Selected,
			URL: link(func(x *Query) { x.Types = toggle(x.Types, f.Value) })})
	}
	d.Facets = append(d.Facets, g)
	g = facetGroup{ID: "category", Title: t("search.facet.category")}
	for _, f := range res.Categories {
		g.Links = append(g.Links, facetLink{Label: tax.Name(f.Value, lang), Count: f.Count, Selected: f.Selected,
			URL: link(func(x *Query) { x.Category = unless(f.Selected, f.Value) })})
	}
	d.Facets = append(d.Facets, g)
	if len(res.Subcategories) > 0 {
		g = facetGroup{ID: "subcategory", Title: t("search.facet.subcategory", "Category", tax.Name(tax.TopOf(q.Category), lang))}
		for _, f := range res.Subcategories {
			g.Links = append(g.Links, facetLink{Label: tax.Name(f.Value, lang), Count: f.Count, Selected: f.Selected,
				URL: link(func(x *Query) {
					x.Category = f.Value
					if f.Selected {
						x.Category = tax.TopOf(f.Value)
					}
				})})
		}
		d.Facets = append(d.Facets, g)
	}
	g = facetGroup{ID: "lang", Title: t("search.facet.lang")}
	for _, f := range res.Languages {
		lv := langOf(f.Value)
		g.Links = append(g.Links, facetLink{Label: lv.Name, Lang: &lv, Count: f.Count, Selected: f.Selected,
			URL: link(func(x *Query) { x.Lang = unless(f.Selected, f.Value) })})
	}
	d.Facets = append(d.Facets, g)
	g = facetGroup{ID: "org_kind", Title: t("search.facet.org_kind")}
	for _, f := range res.OrgKinds {
		g.Links = append(g.Links, facetLink{Label: t(organization.KindLabel(f.Value)), Count: f.Count, Selected: f.Selected,
			URL: link(func(x *Query) { x.OrgKind = unless(f.Selected, f.Value) })})
	}
	d.Facets = append(d.Facets, g)
	d.Facets = slices.DeleteFunc(d.Facets, func(g facetGroup) bool { return len(g.Links) == 0 })

	for _, h := range res.Hits {
		hv := hitView{Hit: h, TypeLabel: t(m.types.label(h.Type)), TitleHTML: marked(h.TitleMarks), SnippetHTML: marked(h.Snippet)}
		if h.Category != "" {
			hv.CategoryName = tax.Name(h.Category, lang)
		}
		if h.Lang != "" {
			hv.Languages = append(hv.Languages, langOf(h.Lang))
		}
		for _, x := range h.Langs {
			if x != h.Lang {
				hv.Languages = append(hv.Languages, langOf(x))
			}
		}
		d.Hits = append(d.Hits, hv)
	}
}

func toggle(list []string, v string) []string {
	if slices.Contains(list, v) {
		return slices.DeleteFunc(list, func(s string) bool { return s == v })
	}
	return append(list, v)
}

func unless(selected bool, v string) string {
	if selected {
		return ""
	}
	return v
}

func withFormat(v url.Values, format string) string {
	v.Set("format", format)
	return v.Encode()
}

// Km is the hit's distance for the template.
func (h hitView) Km() int {
	if h.DistanceKm == nil {
		return 0
	}
	return *h.DistanceKm
}
