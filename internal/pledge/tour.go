package pledge

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/app"
)

var (
	tourUUID        = `[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`
	tourDeclineLink = regexp.MustCompile(`/admin/pledges/` + tourUUID + `/decline`)
	tourAnswerLink  = regexp.MustCompile(`/pledges/` + tourUUID + `/questions/` + tourUUID + `/answer`)
	tourPledgeLink  = regexp.MustCompile(`^/pledges/(` + tourUUID + `)`)
	tourTablets     = regexp.MustCompile(`href="(/pledges/` + tourUUID + `)" lang="de" dir="ltr">20 Tablets`)
)

// TourPages are the pledge pages and the form for a pledge's report
// (app.Toured; the blog tours its own pages). It finds the demo's pledges
// through the pages and plays one more through to success, so that every
// page has something to show: the company's open pledge with a question
// to answer, the volunteer's pledge waiting for approval, a draft and a
// redeemed pledge still without report.
func (m *Module) TourPages(tour app.Tour) ([]app.TourPage, error) {
	_, mine := tour.Get("company", "/me/pledges")
	tablets := tourTablets.FindStringSubmatch(mine)
	if tablets == nil {
		return nil, fmt.Errorf("no demo pledge of the company")
	}
	_, open := tour.Get("company", tablets[1])
	answer := tourAnswerLink.FindString(open)
	_, queue := tour.Get("admin", "/admin/pledges")
	decline := tourDeclineLink.FindString(queue)
	_, draft := tour.Post("agency", tablets[1]+"/copy", nil)
	_, created := tour.Post("company", "/pledges/new", url.Values{"promise": {"Regale"}, "needed": {"1"}, "who": {"Initiative"},
		"condition": {"sie aufbaut"}, "deadline": {m.s.Clock.Now().Add(240 * time.Hour).Format("2006-01-02")},
		"category": {"housing.furnishing"}, "content_lang": {"de"}, "auto_confirm": {"1"}, "then": {"submit"}})
	shelves := tourPledgeLink.FindString(created)
	tour.Post("admin", "/admin"+shelves+"/approve", nil)
	tour.Post("agency", shelves+"/signups", url.Values{"note": {"Wir bauen sie auf."}})
	tour.Post("company", shelves+"/close", nil)
	if answer == "" || decline == "" || draft == "" || shelves == "" {
		return nil, fmt.Errorf("demo pledges not found: %q %q %q %q", answer, decline, draft, shelves)
	}
	return []app.TourPage{
		app.TourGet("", "/pledges", 200),
		app.TourGet("", "/pledges?show=open&category=children&place=kassel", 200),
		app.TourGet("admin", "/admin/pledges", 200),
		app.TourGet("agency", "/pledges/new", 200),
		app.TourPost("agency", "/pledges/new", url.Values{"promise": {""}}, 422),
		app.TourGet("agency", "/me/pledges", 200),

		app.TourGet("company", tablets[1], 200),
		app.TourGet("", tablets[1]+"/flyer", 200),
		app.TourGet("company", answer, 200),
		app.TourPost("company", answer, url.Values{"answer": {""}}, 422),
		app.TourGet("company", shelves, 200),

		app.TourGet("admin", decline, 200),
		app.TourPost("admin", decline, url.Values{"reason": {""}}, 422),
		app.TourGet("admin", strings.TrimSuffix(strings.TrimPrefix(decline, "/admin"), "/decline"), 200),

		app.TourGet("agency", draft, 200),
		app.TourPost("agency", strings.TrimSuffix(draft, "/edit")+"/edit", url.Values{"who": {""}}, 422),
		app.TourGet("agency", shelves+"/report", 200),
		app.TourPost("agency", shelves+"/report", url.Values{"title": {""}}, 422),
		app.TourPost("agency", tablets[1]+"/questions", url.Values{"question": {""}}, 422),
	}, nil
}
