package account

import (
	"context"
	"net/http"
	"time"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/paging"
	"teilhabe.org/teilhabe/internal/web"
)

// The inbox: what every module told the person through notify, newest
// first, each with one link to act. Opening an item through the inbox
// marks it read; so does "mark all read".

// InboxItem is one notice as the inbox shows it.
type InboxItem struct {
	ID        string    `json:"id" format:"uuid"`
	Kind      string    `json:"kind" doc:"The kind of notice, '<module>/<name>': 'board/response_new'."`
	ItemType  string    `json:"item_type" doc:"What the notice is about: 'listing', 'partnership', 'organization', …"`
	ItemID    string    `json:"item_id"`
	Line      string    `json:"line" doc:"The notice in one line, in the caller's language."`
	Link      string    `json:"link,omitempty" doc:"Path of the page where the thing waits; absent when there is nothing left to see."`
	CreatedAt time.Time `json:"created_at"`
	Unread    bool      `json:"unread"`
}

// Inbox is a page of a person's inbox.
type Inbox struct {
	Items  []InboxItem
	Unread int    // the person's unread notices in all
	Next   string // cursor of the next page; "" on the last
}

// inboxPageSize is how many notices a page of the inbox shows.
const inboxPageSize = 30

// Inbox returns a page of what waits for the person, newest first, each
// line in l's language, after cursor ("" for the first page); limit is kept
// between 1 and 100. A bad cursor is paging.BadCursor.
func (m *Module) Inbox(ctx context.Context, id *auth.Identity, l *i18n.Localizer, cursor string, limit int) (*Inbox, error) {
	if id == nil {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	records, next, err := m.s.Notify.Page(ctx, id.UserID, cursor, limit)
	if err != nil {
		return nil, err
	}
	unread, err := m.s.Notify.Unread(ctx, id.UserID)
	if err != nil {
		return nil, err
	}
	out := &Inbox{Items: make([]InboxItem, len(records)), Unread: unread, Next: next}
	for i, r := range records {
		out.Items[i] = InboxItem{ID: r.ID, Kind: r.Kind, ItemType: r.Item.Type, ItemID: r.Item.ID,
			Line: m.s.Notify.Line(l, r), Link: r.Link, CreatedAt: r.CreatedAt, Unread: r.Unread()}
	}
	return out, nil
}

// OpenNotice marks one of the person's notices read and returns the path
// it leads to ("" when there is nothing left to see). NotFound for a
// notice of somebody else.
func (m *Module) OpenNotice(ctx context.Context, id *auth.Identity, noticeID string) (string, error) {
	if id == nil {
		return "", apperr.New(apperr.Unauthenticated, "")
	}
	r, err := m.s.Notify.Record(ctx, id.UserID, noticeID)
	if err != nil {
		return "", err
	}
	if err := m.s.Notify.MarkRead(ctx, m.s.DB, id.UserID, r.ID, m.s.Clock.Now()); err != nil {
		return "", err
	}
	return r.Link, nil
}

// MarkInboxRead marks every notice of the person read.
func (m *Module) MarkInboxRead(ctx context.Context, id *auth.Identity) error {
	if id == nil {
		return apperr.New(apperr.Unauthenticated, "")
	}
	return m.s.Notify.MarkAllRead(ctx, id.UserID, m.s.Clock.Now())
}

// inboxRoutes registers the inbox pages.
func (m *Module) inboxRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /me/inbox", m.inbox)
	mux.HandleFunc("GET /me/inbox/{id}", m.openNotice)
	mux.HandleFunc("POST /me/inbox/read", m.markInboxRead)
}

func (m *Module) inbox(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	in, err := m.Inbox(r.Context(), id, web.Localizer(r.Context()), r.URL.Query().Get(paging.Param), inboxPageSize)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "account/inbox", in, nil)
}

// openNotice marks the notice read and goes where it leads, or back to
// the inbox when nothing is left to see.
func (m *Module) openNotice(w http.ResponseWriter, r *http.Request) {
	link, err := m.OpenNotice(r.Context(), auth.From(r.Context()), r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if link == "" {
		link = "/me/inbox"
	}
	m.s.Render.Redirect(w, r, link, "")
}

func (m *Module) markInboxRead(w http.ResponseWriter, r *http.Request) {
	if err := m.MarkInboxRead(r.Context(), auth.From(r.Context())); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/me/inbox", "account.inbox.all_read_now")
}

// inboxBadge counts the person's unread notices for the navigation.
func (m *Module) inboxBadge(ctx context.Context, who *auth.Identity) (int, error) {
	return m.s.Notify.Unread(ctx, who.UserID)
}
