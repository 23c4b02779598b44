package board

import (
	"context"
	"database/sql"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/mail"
)

// responseMail is one mail of the responses area; every text is a message
// id translated into the recipient's language.
type responseMail struct {
	subject    string
	paragraphs []string
	action     string // message id of the button; "" for none
	path       string
	args       []any // name/value pairs for the subject and paragraphs
}

// sendResponseMail writes a mail to a person within tx, in their language.
// A deleted or suspended account gets nothing.
func (m *Module) sendResponseMail(ctx context.Context, tx *sql.Tx, userID string, rm responseMail, now time.Time) error {
	c, err := m.accounts.ContactByID(ctx, userID)
	if apperr.Is(err, apperr.NotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	l := m.s.Catalog.Localizer(c.Lang)
	body := mail.Body{
		Greeting: l.T("board.response.mail.greeting", "Name", c.Name),
		Footer:   l.T("board.response.mail.footer"),
		Dir:      l.Dir(),
	}
	for _, p := range rm.paragraphs {
		body.Paragraphs = append(body.Paragraphs, l.T(p, rm.args...))
	}
	if rm.action != "" {
		body.Action = &mail.Action{Label: l.T(rm.action), URL: m.s.BaseURL + rm.path}
	}
	return mail.Enqueue(ctx, tx, mail.Message{To: c.Email, Lang: l.Lang(), Subject: l.T(rm.subject, rm.args...), Body: body}, now)
}

// mailDecision tells the responder that the poster accepted or declined.
func (m *Module) mailDecision(ctx context.Context, tx *sql.Tx, l *Listing, r *Response, decider string, now time.Time) error {
	rm := responseMail{args: []any{"Title", l.Title, "Poster", decider}}
	if r.Status == ResponseAccepted {
		rm.subject = "board.response.mail.accepted.subject"
		rm.paragraphs = []string{"board.response.mail.accepted.body", "board.response.mail.accepted.contact"}
		rm.action, rm.path = "board.response.mail.open_conversation", "/conversations/"+r.ConversationID
	} else {
		rm.subject = "board.response.mail.declined.subject"
		rm.paragraphs = []string{"board.response.mail.declined.body"}
		rm.action, rm.path = "board.response.mail.open_board", "/board"
	}
	return m.sendResponseMail(ctx, tx, r.ResponderID, rm, now)
}

// mailWithdrawn tells the poster that a responder withdrew, while the
// poster still manages the listing.
func (m *Module) mailWithdrawn(ctx context.Context, tx *sql.Tx, l *Listing, r *Response, responder string, now time.Time) error {
	if !m.posterManages(ctx, l) {
		return nil
	}
	return m.sendResponseMail(ctx, tx, l.PosterID, responseMail{
		subject:    "board.response.mail.withdrawn.subject",
		paragraphs: []string{"board.response.mail.withdrawn.body"},
		action:     "board.response.mail.open_listing", path: "/listings/" + l.ID,
		args: []any{"Title", l.Title, "Responder", responder},
	}, now)
}

// mailClosed tells a responder whose response was still open that the
// listing was closed.
func (m *Module) mailClosed(ctx context.Context, tx *sql.Tx, l *Listing, r *Response, now time.Time) error {
	body := "board.response.mail.closed.withdrawn"
	if l.Status == Fulfilled {
		body = "board.response.mail.closed.fulfilled"
	}
	return m.sendResponseMail(ctx, tx, r.ResponderID, responseMail{
		subject:    "board.response.mail.closed.subject",
		paragraphs: []string{body},
		action:     "board.response.mail.open_board", path: "/board",
		args: []any{"Title", l.Title},
	}, now)
}

// mailFulfilled tells a responder whose response was accepted that the
// listing is fulfilled, and invites a note of thanks.
func (m *Module) mailFulfilled(ctx context.Context, tx *sql.Tx, l *Listing, r *Response, now time.Time) error {
	return m.sendResponseMail(ctx, tx, r.ResponderID, responseMail{
		subject:    "board.response.mail.fulfilled.subject",
		paragraphs: []string{"board.response.mail.fulfilled.body"},
		action:     "board.response.mail.write_thanks", path: "/listings/" + l.ID + "/thanks",
		args: []any{"Title", l.Title},
	}, now)
}
