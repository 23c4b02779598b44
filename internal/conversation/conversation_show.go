package conversation

import (
	"html/template"
	"net/http"
	"strconv"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/web"
)

// showData is what a conversation's page shows.
type showData struct {
	Thread  *Thread
	Me      string
	Title   string
	Names   template.HTML     // everybody else taking part, each isolated
	Others  []otherView       // the others who still have an account, to block or unblock
	Waiting template.HTML     // who has not agreed to share contact details yet
	Older   string            // link to older messages
	Newest  string            // link back to the newest, on a page of older ones
	Staff   map[string]string // message id of the role of coordinators and administrators, by user id
}

// otherView is another participant as the block section shows them.
type otherView struct {
	UserID, Name string
	Blocked      bool // by the person reading
}

func (m *Module) showPage(w http.ResponseWriter, r *http.Request, status int, form *web.Form, markRead bool) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	before, _ := strconv.Atoi(r.URL.Query().Get("before"))
	t, err := m.Read(ctx, r.PathValue("id"), id.UserID, before)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if markRead {
		if err := m.MarkRead(ctx, t.Conversation.ID, id.UserID); err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
	}
	l := m.localizer(r)
	data := showData{Thread: t, Me: id.UserID}
	var with, waiting []Member
	for _, p := range t.Members {
		if p.UserID != id.UserID {
			with = append(with, p)
			if p.Name != "" || p.Anonymous {
				data.Others = append(data.Others, otherView{UserID: p.UserID, Name: displayName(l, p), Blocked: t.BlockedByMe[p.UserID]})
			}
		}
		if (p.Name != "" || p.Anonymous) && !p.ShareContact {
			waiting = append(waiting, p)
		}
	}
	data.Title, data.Names, data.Waiting = title(l, t.Conversation.About, with), isolatedNames(l, with, ""), isolatedNames(l, waiting, id.UserID)
	if t.Older > 0 {
		data.Older = "/conversations/" + t.Conversation.ID + "?before=" + strconv.Itoa(t.Older)
	}
	if before > 0 {
		data.Newest = "/conversations/" + t.Conversation.ID
	}
	if data.Staff, err = m.staffBadges(r, t); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if form == nil {
		form = web.EmptyForm(nil)
	}
	m.s.Render.Page(w, r, status, "conversation/show", data, form)
}

// staffBadges names the role of the coordinators and administrators among
// the authors, shown beside their names so nobody can pass for them.
func (m *Module) staffBadges(r *http.Request, t *Thread) (map[string]string, error) {
	authors := make([]string, 0, len(t.Messages))
	for _, msg := range t.Messages {
		authors = append(authors, msg.AuthorID)
	}
	roles, err := m.accounts.StaffRoles(r.Context(), authors)
	if err != nil {
		return nil, err
	}
	badges := make(map[string]string, len(roles))
	for id, role := range roles {
		badges[id] = "role." + string(role)
	}
	return badges, nil
}

// show opens a conversation and marks it read.
func (m *Module) show(w http.ResponseWriter, r *http.Request) {
	m.showPage(w, r, http.StatusOK, nil, true)
}

// reply posts a message; the text stays in the form when it is refused.
func (m *Module) reply(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	msg, err := m.Post(r.Context(), r.PathValue("id"), id.UserID, form.Raw("body"))
	if err != nil {
		switch apperr.CodeOf(err) {
		case apperr.Invalid, apperr.RateLimited, apperr.Forbidden:
			m.showPage(w, r, form.Fail(err), form, false)
		default:
			m.s.Render.Error(w, r, err)
		}
		return
	}
	m.s.Render.Redirect(w, r, "/conversations/"+msg.ConversationID+"#m-"+msg.ID, "conversation.sent")
}

// shareContact records the person's choice to show their address.
func (m *Module) shareContact(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	share := form.Get("share") == "1"
	convID := r.PathValue("id")
	if err := m.ShareContact(r.Context(), convID, id.UserID, share); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	flash := "conversation.contact.unshared"
	if share {
		flash = "conversation.contact.shared"
	}
	m.s.Render.Redirect(w, r, "/conversations/"+convID+"#contact", flash)
}
