package conversation

import (
	"errors"
	"net/url"
	"regexp"
	"strings"

	"teilhabe.org/teilhabe/internal/app"
)

var (
	tourConversation = regexp.MustCompile(`href="(/conversations/[0-9a-f-]{36})"`)
	tourBlock        = regexp.MustCompile(`href="(/conversations/[0-9a-f-]{36}/block/[0-9a-f-]{36})"`)
	tourReport       = regexp.MustCompile(`href="(/flags/new\?kind=message&amp;id=[0-9a-f-]{36})"`)
)

// TourPages are a conversation of the demo volunteer centre, as its owner
// sees it: the list, the conversation, its forms with errors, the block
// confirmation and the report form of a message (app.Toured).
func (m *Module) TourPages(tour app.Tour) ([]app.TourPage, error) {
	_, list := tour.Get("agency", "/conversations")
	for _, conv := range tourConversation.FindAllStringSubmatch(list, -1) {
		_, page := tour.Get("agency", conv[1])
		block, report := tourBlock.FindStringSubmatch(page), tourReport.FindStringSubmatch(page)
		if block == nil || report == nil {
			continue
		}
		return []app.TourPage{
			app.TourGet("agency", "/conversations", 200),
			app.TourPost("agency", "/conversations/settings", url.Values{"notify": {"fax"}}, 422),
			app.TourGet("agency", conv[1], 200),
			app.TourPost("agency", conv[1]+"/messages", url.Values{"body": {" "}}, 422),
			app.TourGet("agency", block[1], 200),
			app.TourGet("agency", strings.ReplaceAll(report[1], "&amp;", "&"), 200),
		}, nil
	}
	return nil, errors.New("the demo volunteer centre has no conversation with a message to report")
}
