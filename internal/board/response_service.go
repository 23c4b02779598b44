package board

import (
	"context"
	"database/sql"
	"slices"
	"time"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/conversation"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/ids"
	"teilhabe.org/teilhabe/internal/text"
)

// aboutListing is what a listing's conversations are about.
func aboutListing(l *Listing) conversation.About {
	return conversation.About{Kind: "listing", ID: l.ID, Title: l.Title, URL: "/listings/" + l.ID}
}

// Respond answers a listing for the person, or for an organisation they
// belong to: it opens a private conversation between responder and poster
// (and the members of the organisations on either side) with the first
// message, in one transaction with the response. Refused: one's own
// listing, a second response, a listing that is no longer open, and
// people one of whom blocked the other.
func (m *Module) Respond(ctx context.Context, id *auth.Identity, listingID string, in ResponseInput) (*Response, error) {
	if id == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	now := m.s.Clock.Now()
	l, err := getListing(ctx, m.s.DB, listingID)
	if err != nil {
		return nil, err
	}
	if !m.canSee(ctx, l, id, now) {
		return nil, apperr.New(apperr.NotFound, "")
	}
	if m.canManage(ctx, l, id) || l.PosterID == id.UserID {
		return nil, apperr.New(apperr.Forbidden, "board.response.own")
	}
	if !l.Live(now) {
		return nil, apperr.New(apperr.Conflict, "board.response.not_open")
	}
	body := text.MultiLine(in.Body)
	f := apperr.Fields{}
	switch {
	case body == "":
		f.Add("body", "form.required")
	case utf8.RuneCountInString(body) > conversation.MaxBody:
		f.Add("body", "form.too_long")
	}
	if in.OrganizationID != "" {
		switch {
		case !ids.Valid(in.OrganizationID) || !m.orgs.CanEdit(ctx, in.OrganizationID, id.UserID):
			f.Add("organization_id", "board.response.not_member")
		case in.OrganizationID == l.OrganizationID:
			return nil, apperr.New(apperr.Forbidden, "board.response.own")
		}
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	if _, err := responseOf(ctx, m.s.DB, l.ID, id.UserID); err == nil {
		return nil, apperr.New(apperr.Conflict, "board.response.duplicate")
	} else if !apperr.Is(err, apperr.NotFound) {
		return nil, err
	}
	blocked, err := m.conversations.Blocked(ctx, id.UserID, l.PosterID)
	if err != nil {
		return nil, err
	}
	if blocked {
		return nil, apperr.New(apperr.Forbidden, "board.response.blocked")
	}
	if err := m.s.Limiter.Allow(ctx, respondRule, id.UserID); err != nil {
		return nil, err
	}
	r := &Response{ID: ids.New(), ListingID: l.ID, ResponderID: id.UserID, ResponderOrgID: in.OrganizationID,
		Status: ResponsePending, CreatedAt: now}
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		convID, err := m.conversations.StartTold(ctx, tx, aboutListing(l),
			conversation.Participant{UserID: id.UserID, OrgID: in.OrganizationID},
			[]conversation.Participant{{UserID: l.PosterID, OrgID: l.OrganizationID}}, body)
		if err != nil {
			return err
		}
		r.ConversationID = convID
		if err := insertResponse(ctx, tx, r); err != nil {
			return err
		}
		return m.mailResponded(ctx, tx, l, id.Name, now)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// managedListing loads a listing for a person who manages it: NotFound when
// they may not see it, Forbidden when they see but do not manage it.
func (m *Module) managedListing(ctx context.Context, id *auth.Identity, listingID string) (*Listing, error) {
	if id == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	l, err := getListing(ctx, m.s.DB, listingID)
	if err != nil {
		return nil, err
	}
	if !m.canManage(ctx, l, id) {
		if m.canSee(ctx, l, id, m.s.Clock.Now()) || m.isResponder(ctx, l.ID, id.UserID) {
			return nil, apperr.New(apperr.Forbidden, "board.response.managers_only")
		}
		return nil, apperr.New(apperr.NotFound, "")
	}
	return l, nil
}

// isResponder reports whether the person responded to the listing.
func (m *Module) isResponder(ctx context.Context, listingID, userID string) bool {
	_, err := responseOf(ctx, m.s.DB, listingID, userID)
	return err == nil
}

// decidable reports whether the poster may still accept or decline: while
// the listing is open and not hidden by a coordinator.
func decidable(l *Listing, now time.Time) bool {
	return l.Status == Open && !l.Hidden && now.Before(l.ExpiresAt)
}

// Accept accepts a response (the listing's poster and its organisation's
// editors only). Both sides may then share their contact details in the
// conversation; the responder gets a mail in their language. A declined
// response may still be accepted; accepting twice changes nothing.
func (m *Module) Accept(ctx context.Context, id *auth.Identity, listingID, responseID string) (*Response, error) {
	return m.decide(ctx, id, listingID, responseID, ResponseAccepted)
}

// Decline declines a pending response; the responder gets a kind mail.
func (m *Module) Decline(ctx context.Context, id *auth.Identity, listingID, responseID string) (*Response, error) {
	return m.decide(ctx, id, listingID, responseID, ResponseDeclined)
}

func (m *Module) decide(ctx context.Context, id *auth.Identity, listingID, responseID string, to ResponseStatus) (*Response, error) {
	l, err := m.managedListing(ctx, id, listingID)
	if err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	r, err := responseByID(ctx, m.s.DB, l.ID, responseID)
	if err != nil {
		return nil, err
	}
	if r.Status == to {
		return m.named(ctx, r)
	}
	if !decidable(l, now) {
		return nil, apperr.New(apperr.Conflict, "board.response.listing_closed")
	}
	from := []ResponseStatus{ResponsePending}
	if to == ResponseAccepted {
		from = append(from, ResponseDeclined)
	}
	if !slices.Contains(from, r.Status) {
		return nil, apperr.New(apperr.Conflict, "board.response.decided")
	}
	if err := m.s.Limiter.Allow(ctx, decideRule, id.UserID); err != nil {
		return nil, err
	}
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		ok, err := setResponseStatus(ctx, tx, r.ID, from, to, now)
		if err != nil {
			return err
		}
		if !ok {
			return apperr.New(apperr.Conflict, "board.response.decided")
		}
		if to == ResponseAccepted {
			if err := m.conversations.EnableContactSharing(ctx, tx, r.ConversationID); err != nil {
				return err
			}
		}
		r.Status, r.DecidedAt = to, &now
		return m.mailDecision(ctx, tx, l, r, id.Name, now)
	})
	if err != nil {
		return nil, err
	}
	return m.named(ctx, r)
}

// WithdrawResponse takes back one's own pending or accepted response (the
// responder only); the poster gets a mail. The conversation stays.
func (m *Module) WithdrawResponse(ctx context.Context, id *auth.Identity, listingID, responseID string) (*Response, error) {
	if id == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	r, err := responseByID(ctx, m.s.DB, listingID, responseID)
	if err != nil {
		return nil, err
	}
	l, err := getListing(ctx, m.s.DB, listingID)
	if err != nil {
		return nil, err
	}
	if r.ResponderID != id.UserID {
		if m.canManage(ctx, l, id) {
			return nil, apperr.New(apperr.Forbidden, "board.response.responder_only")
		}
		return nil, apperr.New(apperr.NotFound, "")
	}
	if r.Status == ResponseWithdrawn {
		return m.named(ctx, r)
	}
	now := m.s.Clock.Now()
	if err := m.s.Limiter.Allow(ctx, decideRule, id.UserID); err != nil {
		return nil, err
	}
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		ok, err := setResponseStatus(ctx, tx, r.ID, []ResponseStatus{ResponsePending, ResponseAccepted}, ResponseWithdrawn, now)
		if err != nil {
			return err
		}
		if !ok {
			return apperr.New(apperr.Conflict, "board.response.decided")
		}
		r.Status, r.DecidedAt = ResponseWithdrawn, &now
		return m.mailWithdrawn(ctx, tx, l, r, id.Name, now)
	})
	if err != nil {
		return nil, err
	}
	return m.named(ctx, r)
}

// Responses lists the responses to a listing, oldest first, with the
// responders' names (the poster and the organisation's editors only).
func (m *Module) Responses(ctx context.Context, id *auth.Identity, listingID string) ([]*Response, error) {
	l, err := m.managedListing(ctx, id, listingID)
	if err != nil {
		return nil, err
	}
	rs, err := queryResponses(ctx, m.s.DB, "r.listing_id = $1", l.ID)
	if err != nil {
		return nil, err
	}
	return rs, m.fillNames(ctx, rs)
}

// Response returns one response to its responder and to the listing's
// managers; anybody else gets NotFound.
func (m *Module) Response(ctx context.Context, id *auth.Identity, listingID, responseID string) (*Response, error) {
	if id == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	r, err := responseByID(ctx, m.s.DB, listingID, responseID)
	if err != nil {
		return nil, err
	}
	if r.ResponderID != id.UserID {
		if _, err := m.managedListing(ctx, id, listingID); err != nil {
			return nil, err
		}
	}
	return m.named(ctx, r)
}

// named fills in the names of one response.
func (m *Module) named(ctx context.Context, r *Response) (*Response, error) {
	return r, m.fillNames(ctx, []*Response{r})
}

// fillNames puts the responders' and organisations' names on responses.
func (m *Module) fillNames(ctx context.Context, rs []*Response) error {
	people := make([]string, 0, len(rs))
	for _, r := range rs {
		people = append(people, r.ResponderID)
	}
	names, err := m.accounts.Names(ctx, people)
	if err != nil {
		return err
	}
	orgNames := map[string]string{}
	for _, r := range rs {
		r.ResponderName = names[r.ResponderID]
		if r.ResponderOrgID == "" {
			continue
		}
		if _, ok := orgNames[r.ResponderOrgID]; !ok {
			if o, err := m.orgs.Get(ctx, r.ResponderOrgID); err == nil {
				orgNames[r.ResponderOrgID] = o.Name
			} else if !apperr.Is(err, apperr.NotFound) {
				return err
			}
		}
		r.OrgName = orgNames[r.ResponderOrgID]
	}
	return nil
}

// MyResponse is one of a person's responses with what they need to know
// about its listing.
type MyResponse struct {
	Response
	Title         string
	Kind          Kind
	ListingStatus Status
	ListingGone   bool // hidden by a coordinator or removed
}

// MyResponses lists the person's responses, newest first.
func (m *Module) MyResponses(ctx context.Context, userID string) ([]MyResponse, error) {
	out := []MyResponse{}
	if !ids.Valid(userID) {
		return out, nil
	}
	rows, err := m.s.DB.QueryContext(ctx, "SELECT "+responseColumns+`, l.title, l.kind, l.status,
		l.hidden OR l.removed_at IS NOT NULL FROM listing_responses r JOIN listings l ON l.id = r.listing_id
		WHERE r.responder_id = $1 ORDER BY r.created_at DESC, r.id DESC`, userID)
	err = db.Each(rows, err, func(row db.Scanner) error {
		var mr MyResponse
		var kind, status string
		r, err := scanResponse(db.WithExtra(row, &mr.Title, &kind, &status, &mr.ListingGone))
		if err != nil {
			return err
		}
		mr.Response, mr.Kind, mr.ListingStatus = *r, Kind(kind), Status(status)
		if mr.ListingGone {
			mr.Title = ""
		}
		out = append(out, mr)
		return nil
	})
	if err != nil {
		return nil, err
	}
	rs := make([]*Response, len(out))
	for i := range out {
		rs[i] = &out[i].Response
	}
	return out, m.fillNames(ctx, rs)
}

// mayThank reports whether the person may leave a note on the listing:
// its managers, and people whose response was accepted.
func (m *Module) mayThank(ctx context.Context, l *Listing, id *auth.Identity) bool {
	if id == nil {
		return false
	}
	if m.canManage(ctx, l, id) {
		return true
	}
	r, err := responseOf(ctx, m.s.DB, l.ID, id.UserID)
	return err == nil && r.Status == ResponseAccepted
}

// Thank leaves (or replaces) the person's short public note of thanks on a
// fulfilled listing.
func (m *Module) Thank(ctx context.Context, id *auth.Identity, listingID, note string) (*Thanks, error) {
	if id == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	l, err := getListing(ctx, m.s.DB, listingID)
	if err != nil {
		return nil, err
	}
	if !m.mayThank(ctx, l, id) {
		if m.canSee(ctx, l, id, m.s.Clock.Now()) || m.isResponder(ctx, l.ID, id.UserID) {
			return nil, apperr.New(apperr.Forbidden, "board.thanks.not_involved")
		}
		return nil, apperr.New(apperr.NotFound, "")
	}
	if l.Status != Fulfilled {
		return nil, apperr.New(apperr.Conflict, "board.thanks.not_fulfilled")
	}
	note = text.MultiLine(note)
	if err := checkThanks(note); err != nil {
		return nil, err
	}
	if err := m.s.Limiter.Allow(ctx, thanksRule, id.UserID); err != nil {
		return nil, err
	}
	t := &Thanks{ListingID: l.ID, AuthorID: id.UserID, AuthorName: id.Name, Text: note, CreatedAt: m.s.Clock.Now()}
	if err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error { return upsertThanks(ctx, tx, t) }); err != nil {
		return nil, err
	}
	return t, nil
}

// DeleteThanks removes the person's own note; there is nobody else's to
// remove (coordinators moderate the listing as a whole).
func (m *Module) DeleteThanks(ctx context.Context, id *auth.Identity, listingID string) error {
	if id == nil {
		return apperr.New(apperr.Unauthenticated, "")
	}
	if !ids.Valid(listingID) {
		return apperr.New(apperr.NotFound, "")
	}
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM listing_thanks WHERE listing_id = $1 AND author_id = $2", listingID, id.UserID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "")
		}
		return nil
	})
}

// ThanksFor lists the notes on a listing with their authors' names as the
// viewer may see them (personName: none for visitors); a deleted
// account's note is left out.
func (m *Module) ThanksFor(ctx context.Context, l *Listing, viewer *auth.Identity) ([]*Thanks, error) {
	ts, err := queryThanks(ctx, m.s.DB, l.ID)
	if err != nil {
		return nil, err
	}
	people := make([]string, len(ts))
	for i, t := range ts {
		people[i] = t.AuthorID
	}
	names, err := m.accounts.Names(ctx, people)
	if err != nil {
		return nil, err
	}
	out := ts[:0]
	for _, t := range ts {
		if full := names[t.AuthorID]; full != "" {
			t.AuthorName = m.personName(ctx, l, viewer, t.AuthorID, full)
			out = append(out, t)
		}
	}
	return out, nil
}

// settleEvery is how often responses to listings that closed are settled.
const settleEvery = 15 * time.Minute

// settleBatch bounds the responses settled in one run.
const settleBatch = 200

// settleResponses settles the responses of listings that their poster
// marked fulfilled or withdrew, once each: a response still waiting for a
// decision is declined and its responder learns by mail that the listing
// is closed; an accepted response stays accepted (they are who helped),
// and on a fulfilled listing its responder is invited by mail to leave a
// note of thanks. Each response is claimed with a conditional update in
// its own transaction, so two servers never mail twice.
func (m *Module) settleResponses(ctx context.Context, now time.Time) error {
	rows, err := m.s.DB.QueryContext(ctx, "SELECT "+responseColumns+`, l.status FROM listing_responses r
		JOIN listings l ON l.id = r.listing_id
		WHERE r.closed_notice_at IS NULL AND r.status IN ($1, $2) AND l.status IN ($3, $4) AND l.removed_at IS NULL
		ORDER BY r.created_at, r.id LIMIT $5`,
		string(ResponsePending), string(ResponseAccepted), string(Fulfilled), string(Withdrawn), settleBatch)
	type due struct {
		r      *Response
		status Status
	}
	list, err := db.Collect(rows, err, func(row db.Scanner) (due, error) {
		var st string
		r, err := scanResponse(db.WithExtra(row, &st))
		return due{r, Status(st)}, err
	})
	if err != nil {
		return err
	}
	for _, d := range list {
		if err := m.settle(ctx, d.r, now); err != nil {
			return err
		}
	}
	return nil
}

// settle tells one responder that the listing closed.
func (m *Module) settle(ctx context.Context, r *Response, now time.Time) error {
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		l, err := getListing(ctx, tx, r.ListingID)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE listing_responses SET closed_notice_at = $1,
			status = CASE WHEN status = $2 THEN $3 ELSE status END,
			decided_at = CASE WHEN status = $2 THEN $1 ELSE decided_at END
			WHERE id = $4 AND closed_notice_at IS NULL AND status = $5`,
			now, string(ResponsePending), string(ResponseDeclined), r.ID, string(r.Status))
		if err != nil {
			return db.Err(err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // settled by another run, or decided meanwhile
		}
		switch {
		case r.Status == ResponsePending:
			return m.mailClosed(ctx, tx, l, r, now)
		case l.Status == Fulfilled:
			return m.mailFulfilled(ctx, tx, l, r, now)
		}
		return nil
	})
}
