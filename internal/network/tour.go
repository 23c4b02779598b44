package network

import (
	"fmt"
	"net/url"
	"regexp"

	"teilhabe.org/teilhabe/internal/app"
)

// TourPages are the network's pages (app.Toured): the network view, the
// partnerships, the partner finder, and a partnership of the demo
// volunteer centre found on its directory page, where the network draws
// its section; with the seeking form posted wrong, that page again.
func (m *Module) TourPages(tour app.Tour) ([]app.TourPage, error) {
	_, body := tour.Get("agency", "/organizations/{org:agency}/services")
	partnership := regexp.MustCompile(`/partnerships/[0-9a-f-]{36}`).FindString(body)
	if partnership == "" {
		return nil, fmt.Errorf("no partnership on the volunteer centre's directory page")
	}
	long := make([]byte, maxTextLen+1)
	for i := range long {
		long[i] = 'x'
	}
	return []app.TourPage{
		app.TourGet("", "/network?ags=06611000", 200),
		app.TourGet("", "/partnerships", 200),
		app.TourGet("", "/organizations/{org:agency}/partners", 200),
		app.TourGet("agency", "/partnerships/new?org={org:agency}", 200),
		app.TourPost("agency", "/partnerships/new", url.Values{"org": {""}}, 422),
		app.TourPost("agency", "/organizations/{org:agency}/seeking", url.Values{"what_for": {string(long)}}, 422),
		app.TourGet("agency", partnership, 200),
	}, nil
}
