package search

import "teilhabe.org/teilhabe/internal/app"

// TourPages are the search page, with results and facets and with an
// error (app.Toured).
func (m *Module) TourPages(app.Tour) ([]app.TourPage, error) {
	return []app.TourPage{
		app.TourGet("", "/search", 200),
		app.TourGet("", "/search?q=Freiwillige&type=organization&verified=true", 200),
		app.TourGet("", "/search?type=event", 200),
		app.TourGet("", "/search?q=Deutsch&radius_km=500", 422),
	}, nil
}
