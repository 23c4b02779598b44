package moderation

import "teilhabe.org/teilhabe/internal/app"

// TourPages are the coordinators' queue and the page after a flag
// (app.Toured). The flag form needs an item of some module; the tour
// flags one of its own kind.
func (m *Module) TourPages(app.Tour) ([]app.TourPage, error) {
	return []app.TourPage{
		app.TourGet("admin", "/admin/moderation", 200),
		app.TourGet("admin", "/flags/done", 200),
	}, nil
}
