package board

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/notify"
)

// responseKind is a notice of the responses area; its subject, body and
// button are messages of the area.
func responseKind(name, subject, action string, body ...string) notify.Kind {
	return notify.Kind{Name: "board/response_" + name, Subject: "board.response.mail." + subject + ".subject",
		Greeting: "board.response.mail.greeting", Body: body, Action: "board.response.mail." + action,
		Footer: "board.response.mail.footer"}
}

var (
	responseAccepted = responseKind("accepted", "accepted", "open_conversation",
		"board.response.mail.accepted.body", "board.response.mail.accepted.contact")
	responseDeclined  = responseKind("declined", "declined", "open_board", "board.response.mail.declined.body")
	responseWithdrawn = responseKind("withdrawn", "withdrawn", "open_listing", "board.response.mail.withdrawn.body")
	listingWithdrawn  = responseKind("closed_withdrawn", "closed", "open_board", "board.response.mail.closed.withdrawn")
	listingFulfilled  = responseKind("closed_fulfilled", "closed", "open_board", "board.response.mail.closed.fulfilled")
	responseFulfilled = responseKind("fulfilled", "fulfilled", "write_thanks", "board.response.mail.fulfilled.body")
	responseNew       = responseKind("new", "new", "decide", "board.response.mail.new.body", "board.response.mail.new.decide")
)

// NotifyKinds are the notices the board sends.
func (m *Module) NotifyKinds() []notify.Kind {
	return []notify.Kind{responseAccepted, responseDeclined, responseWithdrawn, listingWithdrawn, listingFulfilled,
		responseFulfilled, listingEnds, responseNew}
}

// listingNotice is a notice about l to one person: its title is kept with
// the notice, people's names only go into the mail.
func listingNotice(kind notify.Kind, l *Listing, to, path string, names ...any) notify.Notice {
	return notify.Notice{Kind: kind, Item: notify.Item{Type: "listing", ID: l.ID}, Link: path, To: []string{to},
		Params: []any{"Title", l.Title}, Mail: notify.Mail{Args: names}}
}

// mailDecision tells the responder that the poster accepted or declined.
func (m *Module) mailDecision(ctx context.Context, tx *sql.Tx, l *Listing, r *Response, decider string, now time.Time) error {
	x := listingNotice(responseDeclined, l, r.ResponderID, "/board", "Poster", decider)
	if r.Status == ResponseAccepted {
		x = listingNotice(responseAccepted, l, r.ResponderID, "/conversations/"+r.ConversationID, "Poster", decider)
	}
	return m.s.Notify.Send(ctx, tx, x, now)
}

// mailResponded tells the listing's managers (its poster, or the editors
// of its organisation) that someone responded and waits for them to accept
// or decline. It stands for the conversation's own notice of the first
// message, so they are told once.
func (m *Module) mailResponded(ctx context.Context, tx *sql.Tx, l *Listing, responder string, now time.Time) error {
	to := []string{l.PosterID}
	if l.OrganizationID != "" {
		editors, err := m.orgs.Editors(ctx, l.OrganizationID)
		if err != nil {
			return err
		}
		to = editors
	}
	x := listingNotice(responseNew, l, "", "/listings/"+l.ID+"#responses", "Responder", responder)
	x.To = to
	return m.s.Notify.Send(ctx, tx, x, now)
}

// mailWithdrawn tells the poster that a responder withdrew, while the
// poster still manages the listing.
func (m *Module) mailWithdrawn(ctx context.Context, tx *sql.Tx, l *Listing, r *Response, responder string, now time.Time) error {
	if !m.posterManages(ctx, l) {
		return nil
	}
	return m.s.Notify.Send(ctx, tx, listingNotice(responseWithdrawn, l, l.PosterID, "/listings/"+l.ID, "Responder", responder), now)
}

// mailClosed tells a responder whose response was still open that the
// listing was closed.
func (m *Module) mailClosed(ctx context.Context, tx *sql.Tx, l *Listing, r *Response, now time.Time) error {
	kind := listingWithdrawn
	if l.Status == Fulfilled {
		kind = listingFulfilled
	}
	return m.s.Notify.Send(ctx, tx, listingNotice(kind, l, r.ResponderID, "/board"), now)
}

// mailFulfilled tells a responder whose response was accepted that the
// listing is fulfilled, and invites a note of thanks.
func (m *Module) mailFulfilled(ctx context.Context, tx *sql.Tx, l *Listing, r *Response, now time.Time) error {
	return m.s.Notify.Send(ctx, tx, listingNotice(responseFulfilled, l, r.ResponderID, "/listings/"+l.ID+"/thanks"), now)
}
