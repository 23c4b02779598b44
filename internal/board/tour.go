package board

import (
	"net/url"
	"regexp"
	"strings"

	"teilhabe.org/teilhabe/internal/app"
)

var (
	tourExtendLink      = regexp.MustCompile(`/listings/[0-9a-f-]{36}/extend/[A-Za-z0-9_-]+`)
	tourUnsubscribeLink = regexp.MustCompile(`/searches/unsubscribe/[A-Za-z0-9_-]+`)
)

// TourPages are the board's pages (app.Toured): the board and a listing
// as a visitor sees them; posting, editing and responding as the owner of
// the demo volunteer centre; and the pages the board's mails link, after
// the jobs have sent the demo's reminders and saved-search digests.
func (m *Module) TourPages(tour app.Tour) ([]app.TourPage, error) {
	pages := []app.TourPage{
		app.TourGet("", "/board", 200),
		app.TourGet("", "/board?q=fahrrad&kind=offer&category=goods&near=34117&lang=ar&org_kind=company&verified=true", 200),
		app.TourGet("", "/board?sort=distance", 422),
		app.TourGet("", "/listings/{listing:bike_offer}", 200),
		app.TourGet("", "/listings/{listing:bike_offer}/flyer", 200),
		app.TourGet("agency", "/listings/new", 200),
		app.TourPost("agency", "/listings/new", url.Values{"kind": {"offer"}, "postcode": {"1"}}, 422),
		app.TourGet("agency", "/me/listings", 200),
		app.TourGet("agency", "/listings/{listing:homework_volunteers}", 200),
		app.TourGet("agency", "/listings/{listing:homework_volunteers}/edit", 200),
		app.TourPost("agency", "/listings/{listing:homework_volunteers}/edit", url.Values{"title": {""}}, 422),
		app.TourGet("agency", "/listings/{listing:homework_volunteers}/respond", 200),
		app.TourGet("agency", "/listings/{listing:homework_volunteers}/thanks", 200),
		app.TourGet("agency", "/listings/{listing:german_tandem}/respond", 200),
		app.TourPost("agency", "/listings/{listing:german_tandem}/responses", url.Values{"body": {""}}, 422),
		app.TourGet("agency", "/me/responses", 200),
		app.TourGet("agency", "/me/searches", 200),
		app.TourPost("agency", "/me/searches", url.Values{"q": {"Fahrrad"}, "name": {strings.Repeat("x", 81)}}, 422),
	}
	// Demo listings that end within three days get their reminders, and the
	// demo's saved searches their first digest; opening the reminder's link
	// changes nothing.
	if err := tour.RunJobs(); err != nil {
		return nil, err
	}
	reminder, err := tour.MailText("/extend/")
	if err != nil {
		return nil, err
	}
	digest, err := tour.MailText("/searches/unsubscribe/")
	if err != nil {
		return nil, err
	}
	unsubscribe := tourUnsubscribeLink.FindString(digest)
	return append(pages,
		app.TourGet("", tourExtendLink.FindString(reminder), 200),
		app.TourGet("", unsubscribe, 200),
		app.TourPost("", unsubscribe, url.Values{"digest": {"off"}}, 200),
		app.TourPost("", unsubscribe, url.Values{"digest": {"on"}}, 200),
	), nil
}
