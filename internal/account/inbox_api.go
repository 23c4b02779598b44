package account

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/web"
)

// InboxInput pages through the caller's inbox.
type InboxInput struct {
	Limit  int    `query:"limit" minimum:"1" maximum:"100" default:"30"`
	Cursor string `query:"cursor" doc:"next_cursor of the previous page."`
}

// InboxOutput is a page of the caller's inbox, newest first.
type InboxOutput struct {
	Body struct {
		Items      []InboxItem `json:"items"`
		Unread     int         `json:"unread" doc:"The caller's unread notices in all."`
		NextCursor string      `json:"next_cursor,omitempty" doc:"Pass as cursor for the next page; absent on the last page."`
	}
}

// NoticePath names one of the caller's notices.
type NoticePath struct {
	ID string `path:"id" format:"uuid"`
}

// inboxAPI adds the inbox operations.
func (m *Module) inboxAPI(a huma.API) {
	tags := []string{"Accounts"}
	huma.Register(a, huma.Operation{
		OperationID: "get-inbox", Method: http.MethodGet, Path: api.Prefix + "/me/inbox", Tags: tags,
		Summary: "What waits for me",
		Description: "The notices every part of the platform sent the caller (responses to decide, partnership " +
			"proposals, held listings, event changes, …), newest first, each with its line in the caller's " +
			"language and the path of the page where to act.",
		Security: api.Secured,
	}, m.apiInbox)
	huma.Register(a, huma.Operation{
		OperationID: "read-notice", Method: http.MethodPost, Path: api.Prefix + "/me/inbox/{id}/read", Tags: tags,
		Summary: "Mark one of my notices read", Security: api.Secured, DefaultStatus: http.StatusNoContent,
	}, m.apiReadNotice)
	huma.Register(a, huma.Operation{
		OperationID: "read-inbox", Method: http.MethodPost, Path: api.Prefix + "/me/inbox/read", Tags: tags,
		Summary: "Mark all my notices read", Security: api.Secured, DefaultStatus: http.StatusNoContent,
	}, m.apiReadInbox)
}

func (m *Module) apiInbox(ctx context.Context, in *InboxInput) (*InboxOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	l := web.Localizer(ctx)
	if l == nil {
		l = m.s.Catalog.Localizer(id.Lang)
	}
	inbox, err := m.Inbox(ctx, id, l, in.Cursor, in.Limit)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &InboxOutput{}
	out.Body.Items, out.Body.Unread, out.Body.NextCursor = inbox.Items, inbox.Unread, inbox.Next
	return out, nil
}

func (m *Module) apiReadNotice(ctx context.Context, in *NoticePath) (*api.NoContent, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	_, err = m.OpenNotice(ctx, id, in.ID)
	return nil, api.Err(ctx, err)
}

func (m *Module) apiReadInbox(ctx context.Context, _ *api.NoInput) (*api.NoContent, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	return nil, api.Err(ctx, m.MarkInboxRead(ctx, id))
}
