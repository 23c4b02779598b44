package directory

import (
	"html/template"
	"net/http"
	"net/url"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/qr"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

// municipalityData is what a municipality's page shows.
type municipalityData struct {
	*Overview
	Filter    Filter
	Needs     []string
	Languages []string
	MayKeep   bool // may edit facts and links
	Staff     bool
	Lang      string // page language, for category names
	Today     Day
	Filtered  bool
	JSONLD    map[string]any
	Sections  []template.HTML // drawn by other modules (AddSection)
}

// filterFrom reads the page's filter from the query string.
func filterFrom(q url.Values) Filter {
	return Filter{Need: q.Get("need"), OpenNow: q.Get("open") != "", Lang: text.CanonicalLanguage(q.Get("lang"))}
}

func (m *Module) municipalityShow(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f := filterFrom(r.URL.Query())
	now := m.s.Clock.Now()
	ov, err := m.Overview(ctx, r.PathValue("ags"), f, now)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	id := auth.From(ctx)
	data := &municipalityData{Overview: ov, Filter: f, Needs: Needs, Languages: text.LanguageCodes(),
		MayKeep: m.MayKeepFacts(ctx, id, ov.Municipality), Staff: id.Staff(), Lang: web.Localizer(ctx).Lang(),
		Today: DayOf(now), Filtered: f != (Filter{}), JSONLD: m.municipalityJSONLD(ov.Municipality)}
	if data.Sections, err = m.drawSections(ctx, MunicipalityPage, ov.Municipality.AGS, data.Lang); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "directory/municipality", data, nil)
}

// printData is what a printable overview shows.
type printData struct {
	*Overview
	Need  string
	Needs []string
	URL   string        // the municipality's page, printed at the bottom
	QR    template.HTML // the same address as a code for phones
	Lang  string
	Today Day
}

// municipalityPrint is the one-page overview of one need for a notice
// board, in the page language; without a need it lists the needs.
func (m *Module) municipalityPrint(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	need := r.URL.Query().Get("need")
	now := m.s.Clock.Now()
	ov, err := m.Overview(ctx, r.PathValue("ags"), Filter{Need: need}, now)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := &printData{Overview: ov, Need: need, Needs: Needs, Lang: web.Localizer(ctx).Lang(), Today: DayOf(now),
		URL: m.s.BaseURL + "/municipalities/" + ov.Municipality.AGS}
	if data.QR, err = qr.SVG(data.URL, qr.Medium, web.Localizer(ctx).T("flyer.code_label")); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "directory/print", data, nil)
}
