package board

import (
	"net/http"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/taxonomy"
	"teilhabe.org/teilhabe/internal/web"
)

// minePage is what /me/listings shows: the person's listings in every
// state, and those of the organisations they edit.
type minePage struct {
	Items []*Listing
	Names map[string]string // category id → name in the page language
	Orgs  map[string]orgInfo
	Me    string
	Days  int // how long the extend button extends
}

func (m *Module) myListings(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	ls, err := m.Mine(ctx, id)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	lang := web.Localizer(ctx).Lang()
	data := minePage{Items: ls, Names: map[string]string{}, Me: id.UserID, Days: ExtendDays}
	found := make([]Found, len(ls))
	for i, l := range ls {
		data.Names[l.Category] = taxonomy.Default().Name(l.Category, lang)
		found[i] = Found{Listing: l}
	}
	if data.Orgs, err = m.orgInfos(ctx, found); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "board/my_listings", data, nil)
}
