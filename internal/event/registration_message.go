package event

import (
	"context"
	"database/sql"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"teilhabe.org/teilhabe/internal/api"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/capacity"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/notify"
	"teilhabe.org/teilhabe/internal/ratelimit"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

// Organisers write to everybody registered or waiting for a date through
// the platform: each gets the message in the mail, introduced in their
// own language, without anybody's address shown to anyone.

// messaged is the notice carrying the organisers' message.
var messaged = notify.Kind{Name: "event/message", Subject: "event.mail.message.subject",
	Greeting: "event.mail.greeting", Body: []string{"event.mail.message.body"}, Action: "event.mail.open",
	Footer: "event.mail.footer"}

// maxMessageLen bounds a message to the participants.
const maxMessageLen = 5000

// messageRule bounds how many messages one organiser sends a day.
var messageRule = ratelimit.Rule{Name: "event.message", Limit: 20, Window: 24 * time.Hour}

// MessageParticipants sends the organisers' text to everybody registered
// or waiting for the date named day ("" for a one-off event) and returns
// how many it went to.
func (m *Module) MessageParticipants(ctx context.Context, actor *auth.Identity, eventID, day, body string) (int, error) {
	if actor == nil {
		return 0, apperr.New(apperr.Unauthenticated, "")
	}
	e, err := m.Get(ctx, eventID)
	if err != nil {
		return 0, err
	}
	if !m.canManage(ctx, e, actor) {
		return 0, apperr.New(apperr.Forbidden, "event.not_yours")
	}
	body = text.MultiLine(body)
	f := apperr.Fields{}
	check.Text(f, "text", body, maxMessageLen, true)
	if err := f.Err(); err != nil {
		return 0, err
	}
	if err := m.s.Limiter.Allow(ctx, messageRule, actor.UserID); err != nil {
		return 0, err
	}
	sent := 0
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		d, err := m.dateFor(ctx, tx, eventID, day)
		if err != nil {
			return err
		}
		claims, err := capacity.List(ctx, tx, poolOf(d))
		if err != nil || len(claims) == 0 {
			return err
		}
		to := make([]string, len(claims))
		for i, c := range claims {
			to[i] = c.Holder
		}
		sent = len(to)
		return m.s.Notify.Send(ctx, tx, notify.Notice{Kind: messaged, Item: notify.Item{Type: "event", ID: d.ID},
			Link: d.Path(), To: to, Params: []any{"Title", d.Title, "Start", d.Start},
			Mail: notify.Mail{Text: strings.Split(body, "\n\n")}}, m.s.Clock.Now())
	})
	return sent, err
}

// messageRoutes: the organisers' page to write to the participants.
func (m *Module) messageRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /events/{id}/message", m.messagePage)
	mux.HandleFunc("POST /events/{id}/message", m.sendMessage)
}

func (m *Module) renderMessage(w http.ResponseWriter, r *http.Request, status int, id *auth.Identity, day string, form *web.Form) {
	d, ps, err := m.ParticipantsOf(r.Context(), id, r.PathValue("id"), day)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, status, "event/message", &participantsPage{Event: d, Participants: ps}, form)
}

func (m *Module) messagePage(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.renderMessage(w, r, http.StatusOK, id, r.URL.Query().Get("date"), web.EmptyForm(nil))
}

func (m *Module) sendMessage(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	day := form.Get("date")
	if _, err := m.MessageParticipants(r.Context(), id, r.PathValue("id"), day, form.Raw("text")); err != nil {
		switch apperr.CodeOf(err) {
		case apperr.Invalid, apperr.RateLimited:
			m.renderMessage(w, r, form.Fail(err), id, day, form)
		default:
			m.s.Render.Error(w, r, err)
		}
		return
	}
	path := "/events/" + r.PathValue("id") + "/participants"
	if day != "" {
		path += "?date=" + day
	}
	m.s.Render.Redirect(w, r, path, "event.message.sent")
}

// MessageInput is a message to the participants of a date.
type MessageInput struct {
	EventIDPath
	Body struct {
		Date string `json:"date,omitempty" format:"date" doc:"The date whose participants are written to; needed for a series."`
		Text string `json:"text" minLength:"1" maxLength:"5000" doc:"Plain text; an empty line starts a paragraph."`
	}
}

// MessageOutput says how many people the message went to.
type MessageOutput struct {
	Body struct {
		Recipients int `json:"recipients" doc:"The people registered or waiting who are told."`
	}
}

func (m *Module) messageAPI(a huma.API) {
	huma.Register(a, huma.Operation{
		OperationID: "message-event-participants", Method: http.MethodPost, Path: api.Prefix + "/events/{id}/messages",
		Tags: []string{"Events"}, Summary: "Write to the participants", Security: api.Secured,
		Description: "By the event's organisers: everybody registered or waiting for the date gets the text by mail, " +
			"introduced in their language. At most 20 messages a day per organiser.",
	}, m.apiMessage)
}

func (m *Module) apiMessage(ctx context.Context, in *MessageInput) (*MessageOutput, error) {
	id, err := api.User(ctx)
	if err != nil {
		return nil, err
	}
	n, err := m.MessageParticipants(ctx, id, in.ID, in.Body.Date, in.Body.Text)
	if err != nil {
		return nil, api.Err(ctx, err)
	}
	out := &MessageOutput{}
	out.Body.Recipients = n
	return out, nil
}
