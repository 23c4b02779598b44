package board

import (
	"strings"
	"time"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/ratelimit"
)

// ResponseStatus is where a response is in its life: the poster accepts or
// declines a pending response; the responder may withdraw it.
type ResponseStatus string

const (
	ResponsePending   ResponseStatus = "pending"
	ResponseAccepted  ResponseStatus = "accepted"
	ResponseDeclined  ResponseStatus = "declined"
	ResponseWithdrawn ResponseStatus = "withdrawn"
)

// Response is somebody's "I can help" to a request or "I am interested" in
// an offer. It opens a private conversation between responder and poster;
// contact details stay hidden until the poster accepts and both sides
// choose to share them there.
type Response struct {
	ID             string
	ListingID      string
	ResponderID    string
	ResponderOrgID string // "" when the person responded for themselves
	ConversationID string
	Status         ResponseStatus
	CreatedAt      time.Time
	DecidedAt      *time.Time

	// For display, filled by the service.
	ResponderName string // "" for a deleted account
	OrgName       string
}

// Open reports whether the poster can still decide on the response.
func (r *Response) Open() bool { return r.Status == ResponsePending }

// ResponseInput is what a responder sends: the first message and,
// optionally, the organisation they speak for.
type ResponseInput struct {
	Body           string
	OrganizationID string
}

// Thanks is a short public note of thanks on a fulfilled listing, by its
// poster or by somebody whose response was accepted.
type Thanks struct {
	ListingID  string
	AuthorID   string
	AuthorName string // "" for a deleted account
	Text       string
	CreatedAt  time.Time
}

// Lines splits the note at line breaks for display.
func (t *Thanks) Lines() []string { return strings.Split(t.Text, "\n") }

// maxThanksLen bounds a thank-you note: a few sentences.
const maxThanksLen = 500

// Rate limits per account. Messages inside a conversation are limited by
// the conversation module.
var (
	respondRule = ratelimit.Rule{Name: "board.respond", Limit: 10, Window: time.Hour}
	decideRule  = ratelimit.Rule{Name: "board.response.decide", Limit: 60, Window: time.Hour}
	thanksRule  = ratelimit.Rule{Name: "board.thanks", Limit: 20, Window: time.Hour}
)

// checkThanks validates a thank-you note; the error is tied to the form
// field "text".
func checkThanks(text string) error {
	switch {
	case text == "":
		return apperr.Field("text", "form.required")
	case utf8.RuneCountInString(text) > maxThanksLen:
		return apperr.Field("text", "form.too_long")
	}
	return nil
}
