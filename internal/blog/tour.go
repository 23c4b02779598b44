package blog

import (
	"fmt"
	"net/url"
	"regexp"

	"teilhabe.org/teilhabe/internal/app"
)

var tourReportLink = regexp.MustCompile(`/blog/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// TourPages are the blog's pages (app.Toured): the blog, and the demo
// volunteer centre's published report, read and edited by the centre, its
// form posted empty.
func (m *Module) TourPages(tour app.Tour) ([]app.TourPage, error) {
	_, blog := tour.Get("agency", "/blog")
	report := tourReportLink.FindString(blog)
	if report == "" {
		return nil, fmt.Errorf("no report on the demo blog")
	}
	return []app.TourPage{
		app.TourGet("", "/blog", 200),
		app.TourGet("agency", report, 200),
		app.TourGet("agency", report+"/edit", 200),
		app.TourPost("agency", report+"/edit", url.Values{"title": {""}}, 422),
	}, nil
}
