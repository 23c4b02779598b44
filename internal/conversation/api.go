package conversation

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
)

// ConversationAbout is what a conversation is about.
type ConversationAbout struct {
	Kind  string `json:"kind" doc:"What kind of thing, e.g. listing or pledge; empty for none."`
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url" doc:"Path of the thing on this site."`
}

// ConversationPerson is a person taking part, as others see them: a name,
// never an address.
type ConversationPerson struct {
	UserID    string `json:"user_id" format:"uuid"`
	Name      string `json:"name" doc:"Empty for a deleted account and for someone taking part anonymously."`
	Anonymous bool   `json:"anonymous,omitempty" doc:"Takes part without a name (an anonymous supporter of a pledge)."`
}

// ConversationOut is one of the caller's conversations.
type ConversationOut struct {
	ID            string               `json:"id" format:"uuid"`
	About         ConversationAbout    `json:"about"`
	With          []ConversationPerson `json:"with" doc:"Everybody taking part but the caller."`
	Messages      int                  `json:"messages"`
	Unread        int                  `json:"unread" doc:"Messages by others the caller has not read."`
	LastMessageAt time.Time            `json:"last_message_at"`
}

// ConversationMessage is one message.
type ConversationMessage struct {
	ID         string    `json:"id" format:"uuid"`
	Seq        int       `json:"seq" doc:"Number of the message in its conversation, from 1."`
	AuthorID   string    `json:"author_id" format:"uuid"`
	AuthorName string    `json:"author_name" doc:"Empty for a deleted account and for an anonymous author."`
	Anonymous  bool      `json:"anonymous,omitempty" doc:"The author takes part without a name."`
	Body       string    `json:"body" doc:"Empty when the moderation hid or removed the message."`
	CreatedAt  time.Time `json:"created_at"`
	Hidden     bool      `json:"hidden"`
	Removed    bool      `json:"removed"`
}

func conversationMessage(msg *Message) ConversationMessage {
	return ConversationMessage{ID: msg.ID, Seq: msg.Seq, AuthorID: msg.AuthorID, AuthorName: msg.AuthorName, Body: msg.Body,
		CreatedAt: msg.CreatedAt, Hidden: msg.Hidden, Removed: msg.Removed, Anonymous: msg.Anonymous}
}

// ConversationListInput pages through the caller's conversations.
type ConversationListInput struct {
	Page int `query:"page" minimum:"1" default:"1"`
}

// ConversationListOutput is one page of the caller's conversations.
type ConversationListOutput struct {
	Body struct {
		Conversations []ConversationOut `json:"conversations"`
		Unread        int               `json:"unread" doc:"How many of all the caller's conversations hold unread messages."`
		NextPage      int               `json:"next_page,omitempty" doc:"Absent on the last page."`
	}
}

// ConversationMessagesInput names a conversation and, to page back, a message number.
type ConversationMessagesInput struct {
	ID     string `path:"id" doc:"The conversation's id (a UUID)."`
	Before int    `query:"before" minimum:"0" doc:"Only messages before this seq (older ones); 0 or absent for the newest."`
}

// ConversationMessagesOutput is a conversation's messages, oldest first.
type ConversationMessagesOutput struct {
	Body struct {
		Messages []ConversationMessage `json:"messages"`
		Older    int                   `json:"older,omitempty" doc:"Pass as before for older messages; absent when there are none."`
	}
}

// ConversationPostInput is a new message.
type ConversationPostInput struct {
	ID   string `path:"id" doc:"The conversation's id (a UUID)."`
	Body struct {
		Body string `json:"body" doc:"1 to 4000 characters."`
	}
}

// ConversationPostOutput is the message as stored.
type ConversationPostOutput struct {
	Body ConversationMessage
}

// RegisterAPI adds the conversation operations.
func (m *Module) RegisterAPI(a huma.API) {
	tags := []string{"Conversations"}
	huma.Register(a, huma.Operation{
		OperationID: "list-conversations", Method: http.MethodGet, Path: api.Prefix + "/conversations", Tags: tags,
		Summary: "List my conversations", Description: "Newest activity first, 30 per page.", Security: api.Secured,
	}, m.apiListConversations)
	huma.Register(a, huma.Operation{
		OperationID: "list-conversation-messages", Method: http.MethodGet, Path: api.Prefix + "/conversations/{id}/messages",
		Tags: tags, Summary: "Read a conversation",
		Description: "For the people taking part and the members of an organisation one of them speaks for. " +
			"Up to 30 messages, oldest first. Reading the newest messages marks the conversation as read.",
		Security: api.Secured,
	}, m.apiReadConversation)
	huma.Register(a, huma.Operation{
		OperationID: "post-conversation-message", Method: http.MethodPost, Path: api.Prefix + "/conversations/{id}/messages",
		Tags: tags, Summary: "Write in a conversation",
		Description: "Refused when a block stands between the caller and another participant; at most 30 messages in 10 minutes.",
		Security:    api.Secured, DefaultStatus: http.StatusCreated,
	}, m.apiPostMessage)
}

func (m *Module) apiListConversations(ctx context.Context, in *ConversationListInput) (*ConversationListOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	list, more, err := m.List(ctx, id.UserID, in.Page)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &ConversationListOutput{}
	out.Body.Conversations = make([]ConversationOut, len(list))
	for i, s := range list {
		c := ConversationOut{ID: s.ID, About: ConversationAbout(s.About), With: []ConversationPerson{}, Messages: s.Messages,
			Unread: s.Unread, LastMessageAt: s.LastMessageAt}
		for _, p := range s.With {
			c.With = append(c.With, ConversationPerson{UserID: p.UserID, Name: p.Name, Anonymous: p.Anonymous})
		}
		out.Body.Conversations[i] = c
	}
	if more {
		out.Body.NextPage = max(in.Page, 1) + 1
	}
	if out.Body.Unread, err = m.Unread(ctx, id.UserID); err != nil {
		return nil, api.Err(ctx, err)
	}
	return out, nil
}

func (m *Module) apiReadConversation(ctx context.Context, in *ConversationMessagesInput) (*ConversationMessagesOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	t, err := m.Read(ctx, in.ID, id.UserID, in.Before)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	if in.Before == 0 {
		if err := m.MarkRead(ctx, t.Conversation.ID, id.UserID); err != nil {
			return nil, api.Err(ctx, err)
		}
	}
	out := &ConversationMessagesOutput{}
	out.Body.Messages = make([]ConversationMessage, len(t.Messages))
	for i, msg := range t.Messages {
		out.Body.Messages[i] = conversationMessage(msg)
	}
	out.Body.Older = t.Older
	return out, nil
}

func (m *Module) apiPostMessage(ctx context.Context, in *ConversationPostInput) (*ConversationPostOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	msg, err := m.Post(ctx, in.ID, id.UserID, in.Body.Body)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	return &ConversationPostOutput{Body: conversationMessage(msg)}, nil
}
