// The page of one listing. Its lower part belongs to the responses area:
// listing.html calls the template "listing_responses" (defined in
// partials_responses.html) with the page's View, and listingPage.Responses
// is what m.responsesFor returns for the listing and the visitor.
package board

import (
	"net/http"
	"strings"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/moderation"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/web"
)

// listingPage is what /listings/{id} shows.
type listingPage struct {
	Listing    *Listing
	Category   string     // its name in the page language
	Top        string     // the name of its top-level category, if it has one
	Paragraphs [][]string // the description's paragraphs, each as its lines
	PosterName string     // "" for a deleted account
	Org        *organization.Organization
	CanManage  bool
	Staff      bool
	History    []Change // for managers and staff
	FlagURL    string   // the report form, for everybody who does not manage it
	Live       bool     // on the board now
	Days       int      // how long the extend button extends
	Responses  any      // the responses area's part, from m.responsesFor
}

func (m *Module) showListing(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	viewer := auth.From(ctx)
	l, err := m.Get(ctx, viewer, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	lang := web.Localizer(ctx).Lang()
	data := &listingPage{
		Listing:    l,
		Category:   taxonomy.Default().Name(l.Category, lang),
		Top:        topCategory(l.Category, lang),
		Paragraphs: paragraphs(l.Description),
		CanManage:  m.canManage(ctx, l, viewer),
		Staff:      viewer.Staff(),
		Live:       l.Live(m.s.Clock.Now()),
		Days:       ExtendDays,
	}
	names, err := m.accounts.Names(ctx, []string{l.PosterID})
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data.PosterName = names[l.PosterID]
	if l.OrganizationID != "" {
		if data.Org, err = m.orgs.Get(ctx, l.OrganizationID); err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
	}
	if data.CanManage || data.Staff {
		if data.History, err = m.History(ctx, viewer, l.ID); err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
	}
	if !data.CanManage {
		data.FlagURL = moderation.FlagURL(listingKind, l.ID)
	}
	if data.Responses, err = m.responsesFor(ctx, l, viewer); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "board/listing", data, nil)
}

// topCategory names the top-level category of id; "" when id is one.
func topCategory(id, lang string) string {
	t := taxonomy.Default()
	if top := t.TopOf(id); top != "" && top != id {
		return t.Name(top, lang)
	}
	return ""
}

// paragraphs splits a description at blank lines into paragraphs, and
// those into lines, so the page keeps the breaks people typed.
func paragraphs(s string) [][]string {
	var out [][]string
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
			continue
		}
		if len(lines) > 0 {
			out, lines = append(out, lines), nil
		}
	}
	if len(lines) > 0 {
		out = append(out, lines)
	}
	return out
}
