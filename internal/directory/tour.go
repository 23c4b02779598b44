package directory

import (
	"fmt"
	"net/url"
	"regexp"

	"teilhabe.org/teilhabe/internal/app"
)

// TourPages are the directory's pages (app.Toured): the public ones, the
// coordinators' municipality pages, and those of the demo volunteer
// centre's services and locations, found on its directory page.
func (m *Module) TourPages(tour app.Tour) ([]app.TourPage, error) {
	pages := []app.TourPage{
		app.TourGet("", "/directory", 200),
		app.TourGet("", "/directory?q=99999", 404),
		app.TourGet("", "/municipalities/06611000?need=legal&open=1&lang=fa", 200),
		app.TourGet("", "/municipalities/06611000/print?need=language", 200),
		app.TourGet("", "/municipalities/06611000/print", 200),
		app.TourGet("", "/organizations/{org:agency}/services", 200),
		app.TourGet("admin", "/municipalities/new", 200),
		app.TourPost("admin", "/municipalities/new", url.Values{"ags": {"1"}}, 422),
		app.TourGet("admin", "/municipalities/06611000/edit", 200),
		app.TourGet("admin", "/municipalities/06611000/facts", 200),
		app.TourPost("admin", "/municipalities/06611000/facts", url.Values{"label": {""}}, 422),
		app.TourGet("agency", "/organizations/{org:agency}/services/new", 200),
		app.TourPost("agency", "/organizations/{org:agency}/services/new", url.Values{"name": {""}}, 422),
		app.TourGet("agency", "/organizations/{org:agency}/locations/new", 200),
		app.TourPost("agency", "/organizations/{org:agency}/locations/new", url.Values{"postcode": {"1"}}, 422),
	}
	_, body := tour.Get("agency", "/organizations/{org:agency}/services")
	var found []string
	for _, prefix := range []string{"/services/", "/locations/"} {
		link := regexp.MustCompile(prefix + `[0-9a-f-]{36}`).FindString(body)
		if link == "" {
			return nil, fmt.Errorf("no %s on the volunteer centre's directory page", prefix)
		}
		found = append(found, link)
	}
	service, location := found[0], found[1]
	return append(pages,
		app.TourGet("agency", service, 200),
		app.TourGet("", service+"/flyer", 200),
		app.TourGet("agency", service+"/edit", 200),
		app.TourPost("agency", service+"/edit", url.Values{"name": {""}}, 422),
		app.TourGet("agency", location, 200),
		app.TourPost("agency", location+"/closures", url.Values{"first": {"x"}}, 422),
		app.TourGet("agency", location+"/edit", 200),
		app.TourPost("agency", location+"/edit", url.Values{"postcode": {"1"}}, 422),
	), nil
}
