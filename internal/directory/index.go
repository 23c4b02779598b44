package directory

import (
	"context"
	"net/http"
	"strings"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/organization"
	"teilhabe.org/teilhabe/internal/text"
)

// indexData is what the directory's entry page shows.
type indexData struct {
	Municipalities []MunicipalitySummary
	Query          string
	NotFound       bool
	Mine           []organization.Membership
}

// index is the entry page: find your municipality by postcode or name,
// or pick it from the list.
func (m *Module) index(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	data := indexData{Query: q}
	if q != "" {
		mu, err := m.find(ctx, q)
		if err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
		if mu != nil {
			http.Redirect(w, r, "/municipalities/"+mu.AGS, http.StatusSeeOther)
			return
		}
		data.NotFound = true
	}
	var err error
	if data.Municipalities, err = m.Municipalities(ctx); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if id := auth.From(ctx); id != nil {
		if data.Mine, err = m.orgs.Memberships(ctx, id.UserID); err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
	}
	status := http.StatusOK
	if data.NotFound {
		status = http.StatusNotFound
	}
	m.s.Render.Page(w, r, status, "directory/index", data, nil)
}

// find resolves what a person typed: a municipality key, a municipality's
// name, a postcode or a place.
func (m *Module) find(ctx context.Context, q string) (*Municipality, error) {
	if len(q) > maxShortLen {
		return nil, nil
	}
	if ValidAGS(q) {
		mu, err := municipalityByAGS(ctx, m.s.DB, q)
		if !apperr.Is(err, apperr.NotFound) {
			return mu, err
		}
	}
	all, err := listMunicipalities(ctx, m.s.DB)
	if err != nil {
		return nil, err
	}
	key := text.Fold(q)
	for _, mu := range all {
		if text.Fold(mu.Name) == key {
			return &mu.Municipality, nil
		}
	}
	if check.ValidPostcode(q) {
		return m.SuggestMunicipality(ctx, q)
	}
	if m.places == nil {
		return nil, nil
	}
	p, err := m.places.Resolve(ctx, q)
	if err != nil {
		if apperr.Is(err, apperr.NotFound) || apperr.Is(err, apperr.Unavailable) || apperr.Is(err, apperr.Invalid) {
			return nil, nil
		}
		return nil, err
	}
	return m.SuggestMunicipality(ctx, p.Postcode)
}
