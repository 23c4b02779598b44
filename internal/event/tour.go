package event

import (
	"fmt"
	"net/url"
	"regexp"

	"teilhabe.org/teilhabe/internal/app"
)

var tourEventLink = regexp.MustCompile(`/events/[0-9a-f-]{36}`)

// TourPages are the events' pages (app.Toured): the list and the month
// view, filtered (by kind, language, days, category and place) and with a
// filter that is wrong; the demo volunteer
// centre's info evening as a visitor, as its editor and as a newcomer
// registered for it sees it; its edit, cancel and participants pages, the
// newcomer's page to cancel the registration, and the forms posted wrong.
func (m *Module) TourPages(tour app.Tour) ([]app.TourPage, error) {
	_, body := tour.Get("", "/events?kind=info_event&lang=en")
	info := tourEventLink.FindString(body)
	if info == "" {
		return nil, fmt.Errorf("no info evening of the volunteer centre in the events list")
	}
	dates, err := m.dateTourPages(tour)
	if err != nil {
		return nil, err
	}
	projects, err := m.projectTourPages(tour)
	if err != nil {
		return nil, err
	}
	camp, err := m.barcampTourPages(tour)
	if err != nil {
		return nil, err
	}
	projects = append(append(projects, camp...), dates...)
	return append([]app.TourPage{
		app.TourGet("", "/events", 200),
		app.TourGet("", "/events?kind=language_cafe&lang=ar&from=2026-01-01&to=2030-12-31", 200),
		app.TourGet("", "/events?kind=party&from=morgen", 422),
		app.TourGet("", "/events?category=german_lessons&near=34117&radius_km=50", 200),
		app.TourGet("", "/events?category=nirgends&near=Kassel&radius_km=999", 422),
		app.TourGet("", "/events/month?category=work.recognition", 200),
		app.TourGet("", "/events/month", 200),
		app.TourGet("", "/events/month?month=2026-13", 422),
		app.TourGet("", info, 200),
		app.TourGet("", info+"/flyer", 200),
		app.TourGet("agency", info, 200),
		app.TourGet("agency", "/events/new?org={org:agency}", 200),
		app.TourPost("agency", "/events/new", url.Values{"organization_id": {tour.Demo().Orgs["agency"]}, "kind": {"course"},
			"start_date": {"31.02.2026"}, "end_time": {"25:00"}}, 422),
		app.TourGet("agency", info+"/edit", 200),
		app.TourPost("agency", info+"/edit", url.Values{"title": {""}, "place_kind": {"online"}}, 422),
		app.TourGet("agency", info+"/cancel", 200),
		app.TourGet("agency", info+"/participants", 200),
		app.TourGet("newcomer_uk", info, 200),
		app.TourGet("newcomer_uk", info+"/registration/cancel", 200),
	}, projects...), nil
}
