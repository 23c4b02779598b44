package admin

import (
	"errors"
	"regexp"

	"teilhabe.org/teilhabe/internal/app"
)

var tourMail = regexp.MustCompile(`href="(/admin/mail/[0-9a-f-]{36})"`)

// TourPages are the admin area's pages (app.Toured), with one mail of the
// outbox, read anew in each language.
func (m *Module) TourPages(app.Tour) ([]app.TourPage, error) {
	return []app.TourPage{
		app.TourGet("admin", "/admin", 200),
		app.TourGet("admin", "/admin/audit", 200),
		app.TourGet("admin", "/admin/mail", 200),
		app.TourGet("admin", "/admin/jobs", 200),
		{As: "admin", Method: "GET", Status: 200, Fresh: outboxMail},
	}, nil
}

// outboxMail is the page of the newest mail in the outbox.
func outboxMail(tour app.Tour, _ string) (string, error) {
	_, body := tour.Get("admin", "/admin/mail")
	link := tourMail.FindStringSubmatch(body)
	if link == nil {
		return "", errors.New("no mail in the outbox")
	}
	return link[1], nil
}
