package event

import (
	"fmt"
	"net/url"
	"regexp"

	"teilhabe.org/teilhabe/internal/app"
)

var tourDayLink = regexp.MustCompile(`/events/[0-9a-f-]{36}`)

// projectTourPages are the volunteer day's pages for the page tour: the
// demo day's projects, filtered and with a wrong filter; a project as a
// visitor, as the volunteer signed up for it and as its organisers see
// it, with its volunteers and the page to cancel; a sign-up refused for
// an overlapping slot; the form to add a project, posted wrong; the
// figures, the closing date posted wrong, and the programme.
func (m *Module) projectTourPages(tour app.Tour) ([]app.TourPage, error) {
	_, body := tour.Get("", "/events?kind=volunteer_day")
	day := tourDayLink.FindString(body)
	if day == "" {
		return nil, fmt.Errorf("no volunteer day in the events list")
	}
	_, list := tour.Get("agency", day+"/projects")
	link := func(title string) (string, error) {
		m := regexp.MustCompile(`href="(` + day + `/projects/[0-9a-f-]{36})"[^>]*>` + regexp.QuoteMeta(title)).FindStringSubmatch(list)
		if m == nil {
			return "", fmt.Errorf("no project %q on the volunteer day's page", title)
		}
		return m[1], nil
	}
	garden, err := link("Gemeinschaftsgarten am Wasserturm anlegen")
	if err != nil {
		return nil, err
	}
	painting, err := link("Hausaufgabenhilfe-Raum streichen")
	if err != nil {
		return nil, err
	}
	pending, err := link("Bewerbungsfotos und Lebenslauf-Check")
	if err != nil {
		return nil, err
	}
	return []app.TourPage{
		app.TourGet("", day, 200),
		app.TourGet("", day+"/projects", 200),
		app.TourGet("agency", day+"/projects", 200),
		app.TourGet("", day+"/projects?from=10:00&until=14:00&lang=ar&families=1&without_german=1", 200),
		app.TourGet("", day+"/projects?from=morgen", 422),
		app.TourGet("", garden, 200),
		app.TourGet("volunteer", garden, 200),
		app.TourGet("agency", garden, 200),
		app.TourGet("agency", garden+"/volunteers", 200),
		app.TourGet("volunteer", garden+"/signup/cancel", 200),
		app.TourPost("volunteer", painting+"/signup", nil, 409),
		app.TourGet("company", pending, 200),
		app.TourGet("agency", pending, 200),
		app.TourGet("mso_tr", day+"/projects/new", 200),
		app.TourPost("mso_tr", day+"/projects/new", url.Values{"title": {""}, "date": {"morgen"}, "start_time": {"25:00"},
			"capacity": {"0"}}, 422),
		app.TourGet("agency", day+"/projects/totals", 200),
		app.TourPost("agency", day+"/projects/closing", url.Values{"closes": {"2099-01-01"}}, 422),
		app.TourGet("", day+"/projects/programme", 200),
	}, nil
}
