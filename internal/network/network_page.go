package network

import (
	"net/http"

	"teilhabe.org/teilhabe/internal/directory"
)

// networkData is what the network view shows.
type networkData struct {
	*Network
	AGS            string
	Municipalities []directory.MunicipalitySummary
	KindColors     map[string]string
	Radius         int
}

// networkPage draws the cooperation network of a municipality (?ags=) or
// of all organisations, as SVG drawn on the server.
func (m *Module) networkPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ags := r.URL.Query().Get("ags")
	n, err := m.Network(ctx, ags)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := networkData{Network: n, AGS: ags, KindColors: KindColors, Radius: NodeRadius}
	if data.Municipalities, err = m.dir.Municipalities(ctx); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "network/network", data, nil)
}
