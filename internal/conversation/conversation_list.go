package conversation

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/web"
)

// listData is what /conversations shows.
type listData struct {
	Conversations []summaryView
	PrevURL       string
	NextURL       string
	MailText      bool
	Blocks        []Block
}

// summaryView is one conversation of the list, its labels translated.
type summaryView struct {
	Summary
	Title string        // the subject, or the names of the others
	Names template.HTML // the others, each isolated, "" when alone
}

// localizer is the request's translator.
func (m *Module) localizer(r *http.Request) *i18n.Localizer {
	if l := web.Localizer(r.Context()); l != nil {
		return l
	}
	return m.s.Catalog.Localizer(i18n.Default)
}

// names joins display names for a sentence.
func names(l *i18n.Localizer, members []Member) string {
	out := make([]string, len(members))
	for i, p := range members {
		out[i] = displayName(l, p)
	}
	return strings.Join(out, l.T("conversation.names.separator"))
}

// isolatedNames joins display names for a page, each name a person chose
// in <bdi>: a Latin and an Arabic name side by side keep their own order.
// The member me, if among them, is "you".
func isolatedNames(l *i18n.Localizer, members []Member, me string) template.HTML {
	out := make([]string, len(members))
	for i, p := range members {
		switch {
		case me != "" && p.UserID == me:
			out[i] = template.HTMLEscapeString(l.T("conversation.you"))
		case p.Name == "":
			out[i] = template.HTMLEscapeString(displayName(l, p))
		default:
			out[i] = string(web.Isolate(p.Name))
		}
	}
	return template.HTML(strings.Join(out, template.HTMLEscapeString(l.T("conversation.names.separator"))))
}

// displayName is how a page names a participant: by name, or as taking
// part anonymously, or as a deleted account.
func displayName(l *i18n.Localizer, p Member) string {
	switch {
	case p.Anonymous && p.Name == "":
		return l.T("conversation.anonymous")
	case p.Name == "":
		return l.T("conversation.deleted_person")
	}
	return p.Name
}

// title is a conversation's heading: its subject, or whom it is with.
func title(l *i18n.Localizer, about About, with []Member) string {
	if about.Title != "" {
		return about.Title
	}
	if len(with) == 0 {
		return l.T("conversation.untitled")
	}
	return l.T("conversation.with", "Names", names(l, with))
}

func (m *Module) listPage(w http.ResponseWriter, r *http.Request, status int, form *web.Form) {
	ctx := r.Context()
	id, err := auth.Require(ctx)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	list, more, err := m.List(ctx, id.UserID, page)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	l := m.localizer(r)
	data := listData{}
	for _, s := range list {
		data.Conversations = append(data.Conversations, summaryView{Summary: s, Title: title(l, s.About, s.With), Names: isolatedNames(l, s.With, "")})
	}
	if more {
		data.NextURL = "/conversations?page=" + strconv.Itoa(page+1)
	}
	if page > 1 {
		data.PrevURL = "/conversations?page=" + strconv.Itoa(page-1)
	}
	if data.MailText, err = m.MailText(ctx, id.UserID); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if data.Blocks, err = m.Blocks(ctx, id.UserID); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if form == nil {
		notify := "link"
		if data.MailText {
			notify = "text"
		}
		form = web.EmptyForm(map[string]string{"notify": notify})
	}
	m.s.Render.Page(w, r, status, "conversation/list", data, form)
}

func (m *Module) list(w http.ResponseWriter, r *http.Request) {
	m.listPage(w, r, http.StatusOK, nil)
}

// saveSettings stores the notification preference.
func (m *Module) saveSettings(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	var on bool
	switch form.Get("notify") {
	case "text":
		on = true
	case "link":
	default:
		m.listPage(w, r, form.Fail(apperr.Field("notify", "form.invalid_choice")), form)
		return
	}
	if err := m.SetMailText(r.Context(), id.UserID, on); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/conversations", "conversation.settings.saved")
}

// unblock lifts a block and returns to where the form was.
func (m *Module) unblock(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	if err := m.Unblock(r.Context(), id.UserID, form.Get("user")); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, web.SafeNext(form.Get("next"), "/conversations"), "conversation.block.lifted")
}
