package app

import (
	"context"
	"time"
)

// RequestFigures is what a module holding requests (the board) tells the
// coordination office about them, from its own tables: open requests,
// requests nobody answered, and when requests were answered and accepted.
// The coordination module places the postcodes in regions (geo) and counts;
// it never reads the board's tables.
type RequestFigures interface {
	// OpenRequests counts the requests open at now (live: not hidden, held,
	// removed or expired) by category and postcode.
	OpenRequests(ctx context.Context, now time.Time, where Postcodes) ([]OpenRequests, error)
	// WaitingRequests counts the open requests created before before that
	// have no response at all and lists up to limit of them, oldest first.
	WaitingRequests(ctx context.Context, now, before time.Time, where Postcodes, limit int) (int, []WaitingRequest, error)
	// RequestTimings lists the requests created in [from, to) that are not
	// hidden or removed, with their first response and first acceptance.
	RequestTimings(ctx context.Context, from, to time.Time, where Postcodes) ([]RequestTiming, error)
}

// Postcodes narrows figures to a region: everything (All), or the items
// whose postcode is in the list (an empty list matches nothing).
type Postcodes struct {
	All  bool
	List []string
}

// Everywhere is the filter of the whole country, unplaced items included.
var Everywhere = Postcodes{All: true}

// OpenRequests is a count of open requests of one category and postcode
// ("" for a request without one).
type OpenRequests struct {
	Category, Postcode string
	Count              int
}

// WaitingRequest is an open request without a response.
type WaitingRequest struct {
	ID, Title, Category, Postcode, Place, ContentLang string
	CreatedAt                                         time.Time
	Link                                              string // where to act on it: "/listings/<id>"
}

// RequestTiming is one request with the moments the figures measure.
type RequestTiming struct {
	ID, Category, Postcode string
	CreatedAt              time.Time
	FirstResponse          *time.Time // nil: no response yet
	Accepted               *time.Time // the first accepted response's decision; nil: none
}
