// Package home is the front page and the page for addresses that lead
// nowhere.
package home

import (
	"embed"
	"net/http"

	"teilhabe.org/teilhabe/internal/app"
)

//go:embed templates locales
var files embed.FS

// Module is the front page.
type Module struct {
	app.Folder
	s *app.Services
}

// New returns the module.
func New(s *app.Services) *Module { return &Module{Folder: app.NewFolder("home", files), s: s} }

// Routes serves "/" and answers every unknown address with the translated
// 404 page.
func (m *Module) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		m.s.Render.Page(w, r, http.StatusOK, "home/index", nil, nil)
	})
	mux.HandleFunc("/", m.s.Render.NotFound)
}
