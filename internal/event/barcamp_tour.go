package event

import (
	"fmt"
	"net/url"
	"regexp"

	"teilhabe.org/teilhabe/internal/app"
)

var (
	tourBarcampLink  = regexp.MustCompile(`/events/[0-9a-f-]{36}`)
	tourSessionLink  = regexp.MustCompile(`/events/[0-9a-f-]{36}/sessions/([0-9a-f-]{36})/edit`)
	tourSessionCells = regexp.MustCompile(`<select id="cell-([0-9a-f-]{36})" name="cell">\s*<option value="">[^<]*</option>((?:\s*<option[^>]*>[^<]*</option>)*)`)
	tourSelectedCell = regexp.MustCompile(`<option value="([^"]+)" selected>`)
)

// barcampTourPages are the demo barcamp's pages: the event, its
// sessions, a session and its calendar file as a visitor and as
// Olena, who proposed sessions; the forms of proposals, rooms and slots
// posted wrong; the schedule, its organisers' page and a move that
// clashes.
func (m *Module) barcampTourPages(tour app.Tour) ([]app.TourPage, error) {
	_, body := tour.Get("", "/events?kind=barcamp")
	camp := tourBarcampLink.FindString(body)
	if camp == "" {
		return nil, fmt.Errorf("no barcamp in the events list")
	}
	_, body = tour.Get("newcomer_uk", camp+"/sessions")
	own := tourSessionLink.FindStringSubmatch(body)
	if own == nil {
		return nil, fmt.Errorf("no session of Olena's on the barcamp's sessions page")
	}
	session := camp + "/sessions/" + own[1]
	_, body = tour.Get("agency", camp+"/schedule/edit")
	var placed [][2]string // session, cell
	for _, c := range tourSessionCells.FindAllStringSubmatch(body, -1) {
		if sel := tourSelectedCell.FindStringSubmatch(c[2]); sel != nil {
			placed = append(placed, [2]string{c[1], sel[1]})
		}
	}
	if len(placed) < 2 {
		return nil, fmt.Errorf("fewer than two sessions in the demo barcamp's schedule")
	}
	return []app.TourPage{
		app.TourGet("", camp, 200),
		app.TourGet("agency", camp, 200),
		app.TourGet("", camp+"/sessions", 200),
		app.TourGet("newcomer_uk", camp+"/sessions", 200),
		app.TourGet("newcomer_uk", camp+"/sessions/new", 200),
		app.TourPost("newcomer_uk", camp+"/sessions/new", url.Values{"title": {""}, "format": {"lecture"}}, 422),
		app.TourGet("", session, 200),
		app.TourGet("newcomer_uk", session, 200),
		app.TourPost("newcomer_uk", session+"/notes", url.Values{"body": {" "}}, 422),
		app.TourGet("newcomer_uk", session+"/edit", 200),
		app.TourPost("newcomer_uk", session+"/edit", url.Values{"title": {""}, "lang": {"xx"}}, 422),
		app.TourGet("", camp+"/schedule", 200),
		app.TourGet("agency", camp+"/barcamp", 200),
		app.TourPost("agency", camp+"/barcamp/rooms", url.Values{"name": {""}, "size": {"0"}}, 422),
		app.TourPost("agency", camp+"/barcamp/slots", url.Values{"start_date": {"2000-01-01"}, "start_time": {"10:00"},
			"end_time": {"09:00"}}, 422),
		app.TourGet("agency", camp+"/schedule/edit", 200),
		app.TourPost("agency", camp+"/schedule/place", url.Values{"session_id": {placed[0][0]}, "cell": {placed[1][1]}}, 409),
	}, nil
}
