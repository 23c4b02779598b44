package volunteer

import (
	"context"
	"database/sql"
	"net/http"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/check"
	"teilhabe.org/teilhabe/internal/notify"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

// shiftMessage is what the organisation writes to all helpers of a shift.
var shiftMessage = notify.Kind{Name: "volunteer/shift_message", Subject: "volunteer.mail.message.subject",
	Greeting: "volunteer.mail.greeting", Body: []string{"volunteer.mail.message.body"}, Action: "volunteer.mail.open_shift",
	Footer: "volunteer.mail.message.footer"}

// maxMessageLen bounds a message to the helpers.
const maxMessageLen = 2000

// MessageHelpers writes to everybody holding a place in the shift, each in
// their language, for the organisation's planners. It returns how many
// were told.
func (m *Module) MessageHelpers(ctx context.Context, actor *auth.Identity, shiftID, message string) (int, error) {
	if actor == nil {
		return 0, apperr.New(apperr.Unauthenticated, "")
	}
	sh, err := getShift(ctx, m.s.DB, shiftID)
	if err != nil {
		return 0, err
	}
	if !m.mayPlan(ctx, sh.OrganizationID, actor) {
		return 0, apperr.New(apperr.NotFound, "")
	}
	message = text.MultiLine(message)
	f := apperr.Fields{}
	check.Text(f, "message", message, maxMessageLen, true)
	if err := f.Err(); err != nil {
		return 0, err
	}
	var to []string
	for _, sl := range sh.Slots {
		for _, h := range sl.Helpers {
			to = append(to, h.UserID)
		}
	}
	if len(to) == 0 {
		return 0, apperr.New(apperr.Conflict, "volunteer.message.nobody")
	}
	o, err := m.orgs.Get(ctx, sh.OrganizationID)
	if err != nil {
		return 0, err
	}
	err = m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		return m.s.Notify.Send(ctx, tx, notify.Notice{Kind: shiftMessage, Item: notify.Item{Type: "shift", ID: sh.ID},
			Link: "/shifts/" + sh.ID, To: to, Params: []any{"Title", sh.Title, "Start", sh.Start, "Org", o.Name},
			Mail: notify.Mail{Text: []string{message}}}, m.s.Clock.Now())
	})
	return len(to), err
}

func (m *Module) messageHelpers(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	if _, err := m.MessageHelpers(r.Context(), id, r.PathValue("id"), form.Raw("message")); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/shifts/"+r.PathValue("id"), "volunteer.message.sent")
}
