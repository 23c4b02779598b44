package board

import (
	"net/http"
	"net/url"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/web"
)

// savedPage is the page of a person's saved searches.
type savedPage struct {
	Searches []savedView
	Save     *savedView // the "save this search" form again, with its error
}

// savedView is a saved search with its filter in words.
type savedView struct {
	*SavedSearch
	Description string
	From        string // the board page the search was saved from
}

func (m *Module) savedSearchesPage(w http.ResponseWriter, r *http.Request) {
	m.renderSavedSearches(w, r, http.StatusOK, nil, nil)
}

func (m *Module) renderSavedSearches(w http.ResponseWriter, r *http.Request, status int, save *savedView, form *web.Form) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	list, err := m.SavedSearches(r.Context(), id.UserID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	loc := web.Localizer(r.Context())
	if loc == nil {
		loc = m.s.Catalog.Localizer(id.Lang)
	}
	data := savedPage{Save: save}
	for _, s := range list {
		data.Searches = append(data.Searches, savedView{SavedSearch: s, Description: describeFilter(loc, s.Filter)})
	}
	m.s.Render.Page(w, r, status, "board/saved_searches", data, form)
}

// filterFromForm reads the filter to save: from the board page the form
// was on ("from", a local path with the filter as its query), else from
// the form's own fields, named as on the board.
func filterFromForm(form *web.Form) (Filter, string) {
	from := web.SafeNext(form.Get("from"), "")
	if from != "" {
		if u, err := url.Parse(from); err == nil {
			return ParseFilter(u.Query()), from
		}
	}
	return ParseFilter(form.Values), ""
}

func (m *Module) saveSearch(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	f, from := filterFromForm(form)
	if _, err := m.SaveSearch(r.Context(), id, form.Get("name"), f); err != nil {
		switch apperr.CodeOf(err) {
		case apperr.Invalid, apperr.Conflict:
			loc := web.Localizer(r.Context())
			if loc == nil {
				loc = m.s.Catalog.Localizer(id.Lang)
			}
			save := &savedView{SavedSearch: &SavedSearch{Filter: f}, Description: describeFilter(loc, f), From: from}
			m.renderSavedSearches(w, r, form.Fail(err), save, form)
		default:
			m.s.Render.Error(w, r, err)
		}
		return
	}
	m.s.Render.Redirect(w, r, "/me/searches", "board.saved.created")
}

func (m *Module) deleteSavedSearch(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err == nil {
		err = m.DeleteSavedSearch(r.Context(), id.UserID, r.PathValue("id"))
	}
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/me/searches", "board.saved.deleted")
}

func (m *Module) setDigest(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	on := web.NewForm(r).Get("digest") == "on"
	if _, err := m.SetDigest(r.Context(), id.UserID, r.PathValue("id"), on); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	flash := "board.saved.digest_off"
	if on {
		flash = "board.saved.digest_on"
	}
	m.s.Render.Redirect(w, r, "/me/searches", flash)
}

// unsubscribeData is the page a digest's unsubscribe link opens.
type unsubscribeData struct {
	Search *SavedSearch
	Token  string
	Done   bool // the page answers a POST that set the digest
}

// unsubscribe shows what the mailed link is about and asks with a button:
// opening the link changes nothing, since mail scanners open every link of
// a mail.
func (m *Module) unsubscribe(w http.ResponseWriter, r *http.Request) {
	token := r.PathValue("token")
	s, err := m.SearchByLink(r.Context(), token)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.unsubscribePage(w, r, unsubscribeData{Search: s, Token: token})
}

// setDigestByLink turns the digest off or on with the page's buttons
// (digest=off or on), or off with the one-click POST of a mail program
// (List-Unsubscribe=One-Click, RFC 8058). The link's secret authorises
// it: no login.
func (m *Module) setDigestByLink(w http.ResponseWriter, r *http.Request) {
	f := web.NewForm(r)
	var on bool
	switch {
	case f.Get("List-Unsubscribe") == "One-Click", f.Get("digest") == "off":
	case f.Get("digest") == "on":
		on = true
	default:
		m.s.Render.Error(w, r, apperr.New(apperr.Invalid, ""))
		return
	}
	token := r.PathValue("token")
	s, err := m.SetDigestByLink(r.Context(), token, on)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.unsubscribePage(w, r, unsubscribeData{Search: s, Token: token, Done: true})
}

func (m *Module) unsubscribePage(w http.ResponseWriter, r *http.Request, d unsubscribeData) {
	// The link is a secret: keep it out of other sites' logs.
	w.Header().Set("Referrer-Policy", "no-referrer")
	m.s.Render.Page(w, r, http.StatusOK, "board/saved_unsubscribe", d, nil)
}

// spokenLangName is a language's name in the page language.
func spokenLangName(l *i18n.Localizer, code string) string { return l.T("lang." + code) }
