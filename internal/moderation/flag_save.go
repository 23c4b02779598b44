package moderation

import (
	"net/http"
	"net/url"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/web"
)

// flagData is what the flag form shows besides the form.
type flagData struct {
	Kind, ID  string
	KindLabel string // message id
	Item      Item
	Reasons   []string
}

// flaggable resolves the item a logged-in person wants to flag: NotFound
// for unknown kinds and items and for items the person may not see.
func (m *Module) flaggable(r *http.Request, kind, id string) (*auth.Identity, *flagData, error) {
	who, err := auth.Require(r.Context())
	if err != nil {
		return nil, nil, err
	}
	t, id, item, err := m.describe(r.Context(), kind, id)
	if err != nil {
		return nil, nil, err
	}
	if err := visibleTo(r.Context(), t, who.UserID, id); err != nil {
		return nil, nil, err
	}
	return who, &flagData{Kind: kind, ID: id, KindLabel: m.KindLabel(kind), Item: item, Reasons: Reasons}, nil
}

func (m *Module) flagForm(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	_, data, err := m.flaggable(r, q.Get("kind"), q.Get("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.EmptyForm(map[string]string{"reason": q.Get("reason")})
	m.s.Render.Page(w, r, http.StatusOK, "moderation/flag_new", data, form)
}

func (m *Module) flagSave(w http.ResponseWriter, r *http.Request) {
	form := web.NewForm(r)
	who, data, err := m.flaggable(r, form.Get("kind"), form.Get("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if err := m.Flag(r.Context(), who.UserID, data.Kind, data.ID, form.Get("reason"), form.Raw("text")); err != nil {
		if apperr.Is(err, apperr.NotFound) {
			m.s.Render.Error(w, r, err)
			return
		}
		m.s.Render.Page(w, r, form.Fail(err), "moderation/flag_new", data, form)
		return
	}
	back := url.Values{}
	if data.Item.URL != "" {
		back.Set("next", data.Item.URL)
	}
	target := "/flags/done"
	if len(back) > 0 {
		target += "?" + back.Encode()
	}
	m.s.Render.Redirect(w, r, target, "")
}

// flagDone thanks the reporter and leads back to where they were.
func (m *Module) flagDone(w http.ResponseWriter, r *http.Request) {
	if _, err := auth.Require(r.Context()); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	back := web.SafeNext(r.URL.Query().Get("next"), "/")
	m.s.Render.Page(w, r, http.StatusOK, "moderation/flag_done", map[string]string{"Back": back}, nil)
}
