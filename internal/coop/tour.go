package coop

import (
	"fmt"
	"net/url"
	"regexp"

	"teilhabe.org/teilhabe/internal/app"
)

var tourAssemblyLink = regexp.MustCompile(`/assemblies/[0-9a-f-]{36}`)

// TourPages are the cooperatives' pages (app.Toured) on the demo's
// Brückenbau eG: the list and its public page, what a member, the board
// and a newcomer to it see, and the forms posted wrong.
func (m *Module) TourPages(tour app.Tour) ([]app.TourPage, error) {
	c := tour.Demo().Orgs["coop"]
	if c == "" {
		return nil, fmt.Errorf("no demo cooperative")
	}
	_, body := tour.Get("mso_ar", "/coops/"+c)
	links := tourAssemblyLink.FindAllString(body, -1)
	if len(links) < 2 {
		return nil, fmt.Errorf("the demo cooperative's page lists %d assemblies", len(links))
	}
	base := "/coops/" + c
	return []app.TourPage{
		app.TourGet("", "/coops", 200),
		app.TourGet("", base, 200),
		app.TourGet("newcomer_fa", base, 200),
		app.TourGet("mso_ar", base, 200),
		app.TourGet("company", "/coops/new", 200),
		app.TourPost("company", "/coops/new", url.Values{"organization_id": {c}, "stage": {"idea"}, "share_price": {"x"}}, 422),
		app.TourGet("mso_ar", base+"/edit", 200),
		app.TourPost("mso_ar", base+"/edit", url.Values{"stage": {"registered"}, "share_price": {"100"}, "multiple_votes": {"9"}}, 422),
		app.TourGet("company", base+"/apply", 200),
		app.TourPost("company", base+"/apply", url.Values{"name": {"Chris"}, "shares": {"99"}}, 422),
		app.TourGet("mso_ar", base+"/applications", 200),
		app.TourGet("newcomer_uk", base+"/members", 200),
		app.TourGet("mso_ar", base+"/members", 200),
		app.TourGet("mso_ar", base+"/members?as_of=gestern", 422),
		app.TourGet("newcomer_fa", base+"/shares", 200),
		app.TourGet("mso_ar", base+"/shares", 200),
		app.TourPost("mso_ar", base+"/shares", url.Values{"kind": {"payment"}, "amount": {"viel"}}, 422),
		app.TourGet("newcomer_uk", base+"/founding", 200),
		app.TourGet("mso_ar", base+"/founding", 200),
		app.TourPost("mso_ar", base+"/founding", url.Values{"step": {"audit"}, "done_on": {"2099-01-01"}}, 422),
		app.TourGet("mso_ar", base+"/assemblies/new", 200),
		app.TourPost("mso_ar", base+"/assemblies/new", url.Values{"kind": {"ordinary"}, "format": {"online"}, "start_date": {"morgen"}}, 422),
		app.TourGet("mso_ar", links[0], 200),
		app.TourGet("newcomer_ar", links[0], 200),
		app.TourGet("newcomer_fa", links[1], 200),
		app.TourPost("mso_ar", links[0]+"/motions", url.Values{"title": {""}}, 422),
		app.TourGet("newcomer_ar", links[1]+"/minutes", 200),
		app.TourGet("mso_ar", links[0]+"/minutes", 200),
	}, nil
}
