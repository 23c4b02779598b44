package legal

import "teilhabe.org/teilhabe/internal/app"

// TourPages are the legal texts and their editor (app.Toured).
func (m *Module) TourPages(app.Tour) ([]app.TourPage, error) {
	return []app.TourPage{
		app.TourGet("", "/legal/imprint", 200),
		app.TourGet("", "/legal/privacy", 200),
		app.TourGet("", "/legal/terms", 200),
		app.TourGet("admin", "/admin/legal", 200),
		app.TourGet("admin", "/admin/legal/imprint/ar", 200),
	}, nil
}
