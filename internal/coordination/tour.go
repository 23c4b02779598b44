package coordination

import "teilhabe.org/teilhabe/internal/app"

// TourPages are the dashboard, in the coordinators' own district, the
// whole country through the switch and as an administrator, and the
// scopes' admin page with a mistake in its form.
func (m *Module) TourPages(app.Tour) ([]app.TourPage, error) {
	return []app.TourPage{
		app.TourGet("coordinator", "/coordination", 200),
		app.TourGet("coordinator", "/coordination?all=1", 200),
		app.TourGet("coordinator", "/coordination?region=06633", 403),
		app.TourGet("admin", "/coordination?region=06", 200),
		app.TourGet("admin", "/admin/scopes", 200),
		app.TourPost("admin", "/admin/scopes", map[string][]string{"email": {"nobody@example.org"}, "region": {"6"}}, 422),
	}, nil
}
