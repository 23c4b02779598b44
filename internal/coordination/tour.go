package coordination

import (
	"fmt"
	"regexp"

	"teilhabe.org/teilhabe/internal/app"
)

var tourReferralLink = regexp.MustCompile(`/referrals/[0-9a-f-]{36}`)

// TourPages are the dashboard, in the coordinators' own district, the
// whole country through the switch and as an administrator, the scopes'
// admin page with a mistake in its form, a request with its places that
// can help and the demo referral.
func (m *Module) TourPages(app.Tour) ([]app.TourPage, error) {
	return []app.TourPage{
		app.TourGet("coordinator", "/coordination", 200),
		app.TourGet("coordinator", "/coordination?all=1", 200),
		app.TourGet("coordinator", "/coordination?region=06633", 403),
		app.TourGet("admin", "/coordination?region=06", 200),
		app.TourGet("admin", "/admin/scopes", 200),
		app.TourPost("admin", "/admin/scopes", map[string][]string{"email": {"nobody@example.org"}, "region": {"6"}}, 422),
		app.TourGet("coordinator", "/listings/{listing:"+demoReferral.listing+"}", 200),
		{As: "coordinator", Method: "GET", Status: 200, Fresh: tourReferral},
	}, nil
}

// tourReferral is the demo referral's page, as the request's page links it.
func tourReferral(tour app.Tour, _ string) (string, error) {
	_, body := tour.Get("coordinator", "/listings/"+tour.Demo().Listings[demoReferral.listing])
	path := tourReferralLink.FindString(body)
	if path == "" {
		return "", fmt.Errorf("the demo request's page links no referral")
	}
	return path, nil
}
