package app

import "net/url"

// Toured lists a module's pages for the page tour: the test that draws
// every page of every module in every language on the demo content
// (platform/pages_test.go) and fails on a missing message, a wrong lang or
// dir, a template printing <no value>, or a page template no request drew.
// TourPages is called once, after the demo content is seeded, in the order
// of the module list; a module reaches pages whose address only the
// running platform knows through the Tour.
type Toured interface {
	TourPages(tour Tour) ([]TourPage, error)
}

// TourPage is one request of the tour, made in every language.
type TourPage struct {
	// As is the handle of the demo person asking (a key of Demo.Users:
	// "admin", "agency", "company"); "" is a visitor.
	As     string
	Method string // "GET" or "POST"
	// Path is the path and query. {org:handle} and {listing:handle} name
	// demo objects (Demo.Orgs, Demo.Listings).
	Path   string
	Form   url.Values // what a POST sends
	Status int        // the status the page must answer with
	// Fresh, when set, gives the path anew in each language (lang), for a
	// page behind a link that works once or for one person (a mailed reset
	// link); Path is then ignored.
	Fresh func(tour Tour, lang string) (string, error)
}

// Tour is the running platform with its demo content, as the tour's
// pages are found on it.
type Tour interface {
	Demo() *Demo
	// Get reads a page as the demo person as ("" a visitor).
	Get(as, path string) (status int, body string)
	// Post sends a form as the demo person as and returns the status and
	// the target of a redirect.
	Post(as, path string, form url.Values) (status int, location string)
	// MailText returns the text of the oldest mail in the outbox whose
	// text contains s; an error when there is none.
	MailText(s string) (string, error)
	// MailedLink delivers the outbox and returns the first link starting
	// with prefix (a path, "/password/reset/") in the next mails to
	// address, as a path.
	MailedLink(address, prefix string) (string, error)
	// RunJobs runs the jobs that are due.
	RunJobs() error
}

// TourGet is a page of the tour read with GET as the demo person as ("" a
// visitor), answering status.
func TourGet(as, path string, status int) TourPage {
	return TourPage{As: as, Method: "GET", Path: path, Status: status}
}

// TourPost is a form of the tour posted as as, answering status: usually
// wrong values, so the form is drawn again with its errors.
func TourPost(as, path string, form url.Values, status int) TourPage {
	return TourPage{As: as, Method: "POST", Path: path, Form: form, Status: status}
}
