package volunteer

import (
	"fmt"
	"net/url"
	"regexp"

	"teilhabe.org/teilhabe/internal/app"
)

var (
	tourVerifyLink  = regexp.MustCompile(`/certificates/verify/[A-Z0-9-]+`)
	tourConfirmLink = regexp.MustCompile(`/organizations/[0-9a-f-]{36}/certificates/[0-9a-f-]{36}/confirm`)
	tourShiftLink   = regexp.MustCompile(`/shifts/[0-9a-f-]{36}`)
	tourLeaveLink   = regexp.MustCompile(`/shifts/[0-9a-f-]{36}/slots/[0-9a-f-]{36}/leave`)
)

// TourPages are the shift plans' pages (app.Toured): the list of shifts as
// a visitor and as a demo volunteer, the shelter's plan and its first
// Wednesday as a visitor, as its planner and as the volunteer who took a
// slot; the form to plan shifts, posted wrong; the page to give a slot
// back; the roster and two volunteers on it as the planner sees them; the
// profile form, empty, filled and posted wrong; a volunteer's hours with
// the form posted wrong, and the organisation's hours with one to confirm;
// the certificates of a volunteer and of the organisation, the page to
// confirm a request, the public verification of the demo certificate; the
// background check records with the form posted wrong.
func (m *Module) TourPages(tour app.Tour) ([]app.TourPage, error) {
	org := tour.Demo().Orgs[demoShelter]
	_, body := tour.Get("volunteer", "/shifts")
	shift := tourShiftLink.FindString(body)
	_, page := tour.Get("volunteer", shift)
	leave := tourLeaveLink.FindString(page)
	if shift == "" || leave == "" {
		return nil, fmt.Errorf("no shift with a slot of the demo volunteer in /shifts")
	}
	_, mine := tour.Get("volunteer", "/me/certificates")
	verify := tourVerifyLink.FindString(mine)
	_, requests := tour.Get(demoShelter, "/organizations/"+org+"/certificates")
	confirm := tourConfirmLink.FindString(requests)
	if verify == "" || confirm == "" {
		return nil, fmt.Errorf("no confirmed demo certificate or no request to confirm")
	}
	plan := "/organizations/" + org + "/shifts"
	roster := "/organizations/" + org + "/volunteers"
	return []app.TourPage{
		app.TourGet("", "/shifts", 200),
		app.TourGet("volunteer", "/shifts", 200),
		app.TourGet("", plan, 200),
		app.TourGet(demoShelter, plan, 200),
		app.TourGet("", plan+"?from=gestern", 422),
		app.TourGet("", shift, 200),
		app.TourGet(demoShelter, shift, 200),
		app.TourGet("volunteer", shift, 200),
		app.TourGet("volunteer", leave, 200),
		app.TourGet(demoShelter, plan+"/new", 200),
		app.TourPost(demoShelter, plan+"/new", url.Values{"title": {""}, "start_date": {"31.02.2026"},
			"start_time": {"25:00"}, "slot0_task": {"Küche"}, "slot0_needed": {"0"}}, 422),
		app.TourGet("volunteer", plan, 200),
		app.TourGet("newcomer_uk", plan, 200),
		app.TourGet(demoShelter, roster, 200),
		app.TourGet(demoShelter, roster+"/"+tour.Demo().Users["volunteer"], 200),
		app.TourGet(demoShelter, roster+"/"+tour.Demo().Users["newcomer_fa"], 200),
		app.TourGet("volunteer", "/me/volunteer-profile", 200),
		app.TourGet("newcomer_uk", "/me/volunteer-profile", 200),
		app.TourPost("newcomer_uk", "/me/volunteer-profile", url.Values{"radius_km": {"weit"}, "lang0": {"uk"},
			"level0": {"native"}, "postcode": {"123"}}, 422),
		app.TourGet("volunteer", "/me/hours", 200),
		app.TourGet("newcomer_uk", "/me/hours", 200),
		app.TourPost("volunteer", "/me/hours", url.Values{"organization_id": {org}, "day": {"gestern"}, "hours": {"viel"}}, 422),
		app.TourGet(demoShelter, "/organizations/"+org+"/hours", 200),
		app.TourGet(demoShelter, "/organizations/"+org+"/hours?from=2020-01-01&to=2030-12-31", 200),
		app.TourGet("volunteer", "/me/certificates", 200),
		app.TourPost("volunteer", "/me/certificates", url.Values{"organization_id": {org}, "from": {"2030-01-01"},
			"to": {"gestern"}}, 422),
		app.TourGet(demoShelter, "/organizations/"+org+"/certificates", 200),
		app.TourGet(demoShelter, confirm, 200),
		app.TourPost(demoShelter, confirm, url.Values{"role": {""}}, 422),
		app.TourGet("", verify, 200),
		app.TourGet("", "/certificates/verify/ABCD-EFGH-JKMN", 404),
		app.TourGet(demoShelter, "/organizations/"+org+"/background-checks", 200),
		app.TourPost(demoShelter, "/organizations/"+org+"/background-checks", url.Values{"user_id": {tour.Demo().Users["newcomer_fa"]},
			"issued_on": {"2026-02-30"}, "valid_years": {"20"}}, 422),
	}, nil
}
