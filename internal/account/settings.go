package account

import (
	"encoding/json"
	"net/http"

	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/web"
)

// settingsData is what the settings page shows besides the forms.
type settingsData struct {
	User     *User
	Tokens   []APIToken
	NewToken string // shown once after creation
	Section  string // the form that failed, to show its errors
}

// settingsPage renders the settings page; form holds the values of the
// section that was posted, or the current profile.
func (m *Module) settingsPage(w http.ResponseWriter, r *http.Request, status int, section string, form *web.Form, newToken string) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	u, err := userByID(r.Context(), m.s.DB, id.UserID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	tokens, err := listAPITokens(r.Context(), m.s.DB, id.UserID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if form == nil {
		form = web.EmptyForm(nil)
	}
	if section != "profile" {
		form.Values.Set("name", u.Name)
		form.Values.Set("lang", u.Lang)
	}
	if section != "notices" {
		form.Values.Set("notice_mails", string(u.NoticeMails))
	}
	m.s.Render.Page(w, r, status, "account/settings", settingsData{User: u, Tokens: tokens, NewToken: newToken, Section: section}, form)
}

func (m *Module) settings(w http.ResponseWriter, r *http.Request) {
	m.settingsPage(w, r, http.StatusOK, "", nil, "")
}

// settingsAction runs a settings form: on success it redirects back with a
// flash; on failure it shows the page again with the errors and the input.
func (m *Module) settingsAction(w http.ResponseWriter, r *http.Request, section, flash string, do func(id *auth.Identity, form *web.Form) error) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	if err := do(id, form); err != nil {
		m.settingsPage(w, r, form.Fail(err), section, form, "")
		return
	}
	m.s.Render.Redirect(w, r, "/settings", flash)
}

func (m *Module) saveProfile(w http.ResponseWriter, r *http.Request) {
	m.settingsAction(w, r, "profile", "account.saved", func(id *auth.Identity, f *web.Form) error {
		return m.UpdateProfile(r.Context(), id.UserID, Profile{Name: f.Get("name"), Lang: f.Get("lang")})
	})
}

func (m *Module) saveNoticeMails(w http.ResponseWriter, r *http.Request) {
	m.settingsAction(w, r, "notices", "account.notices.saved", func(id *auth.Identity, f *web.Form) error {
		return m.SetNoticeMails(r.Context(), id.UserID, f.Get("notice_mails"))
	})
}

func (m *Module) changePassword(w http.ResponseWriter, r *http.Request) {
	m.settingsAction(w, r, "password", "account.password.changed", func(id *auth.Identity, f *web.Form) error {
		version, err := m.ChangePassword(r.Context(), id.UserID, f.Raw("current_password"), f.Raw("new_password"), f.Raw("new_password_again"))
		if err != nil {
			return err
		}
		// Other sessions end; this one continues under a new id.
		if err := m.s.Sessions.RenewToken(r.Context()); err != nil {
			return err
		}
		m.s.Sessions.Put(r.Context(), sessionVersion, version)
		// The browser's device cookie was signed for the old password.
		if u, err := userByID(r.Context(), m.s.DB, id.UserID); err == nil {
			m.rememberDevice(w, r, u)
		}
		return nil
	})
}

func (m *Module) changeEmail(w http.ResponseWriter, r *http.Request) {
	m.settingsAction(w, r, "email", "account.email.sent", func(id *auth.Identity, f *web.Form) error {
		return m.RequestEmailChange(r.Context(), id.UserID, f.Get("new_email"), f.Raw("email_password"))
	})
}

// confirmEmailForm asks with a button to confirm a changed address: like
// verifyForm, opening the mailed link changes nothing.
func (m *Module) confirmEmailForm(w http.ResponseWriter, r *http.Request) {
	m.linkPage(w, r, m.CheckEmailLink, "account/email_confirm")
}

func (m *Module) confirmEmail(w http.ResponseWriter, r *http.Request) {
	if err := m.ConfirmEmailChange(r.Context(), r.PathValue("token")); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	target := "/login"
	if auth.From(r.Context()) != nil {
		target = "/settings"
	}
	m.s.Render.Redirect(w, r, target, "account.email.changed")
}

func (m *Module) createToken(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	secret, _, err := m.CreateToken(r.Context(), id.UserID, form.Get("token_name"))
	if err != nil {
		m.settingsPage(w, r, form.Fail(err), "tokens", form, "")
		return
	}
	// The secret is shown on this response only; it is never stored.
	m.settingsPage(w, r, http.StatusOK, "tokens", nil, secret)
}

func (m *Module) revokeToken(w http.ResponseWriter, r *http.Request) {
	m.settingsAction(w, r, "tokens", "account.token.revoked", func(id *auth.Identity, _ *web.Form) error {
		return revokeAPIToken(r.Context(), m.s.DB, id.UserID, r.PathValue("id"))
	})
}

func (m *Module) exportPage(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	e, err := m.Export(r.Context(), id.UserID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	l := web.Localizer(r.Context())
	parts := map[string][]dataNode{}
	for k, v := range e.Modules {
		if parts[k], err = readable(l, m.s.Catalog.Has, v); err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
	}
	m.s.Render.Page(w, r, http.StatusOK, "account/export", map[string]any{"Export": e, "Parts": parts}, nil)
}

func (m *Module) exportJSON(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	e, err := m.Export(r.Context(), id.UserID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="teilhabe-export.json"`)
	w.Header().Set("Cache-Control", "no-store")
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(e)
}

func (m *Module) deleteAccount(w http.ResponseWriter, r *http.Request) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	if err := m.Delete(r.Context(), id.UserID, form.Raw("delete_password")); err != nil {
		m.settingsPage(w, r, form.Fail(err), "delete", form, "")
		return
	}
	_ = m.s.Sessions.Destroy(r.Context())
	m.s.Render.Redirect(w, r, "/", "account.deleted")
}
