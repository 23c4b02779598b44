package home

import "teilhabe.org/teilhabe/internal/app"

// TourPages are the front page and the page of an unknown address
// (app.Toured).
func (m *Module) TourPages(app.Tour) ([]app.TourPage, error) {
	return []app.TourPage{
		app.TourGet("", "/", 200),
		app.TourGet("", "/no/such/page", 404),
	}, nil
}
