package account

import (
	"context"
	"net/http"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/web"
)

func (m *Module) registerForm(w http.ResponseWriter, r *http.Request) {
	if auth.From(r.Context()) != nil {
		http.Redirect(w, r, "/settings", http.StatusSeeOther)
		return
	}
	form := web.EmptyForm(map[string]string{"lang": web.Localizer(r.Context()).Lang()})
	m.s.Render.Page(w, r, http.StatusOK, "account/register", nil, form)
}

func (m *Module) register(w http.ResponseWriter, r *http.Request) {
	form := web.NewForm(r)
	reg := Registration{
		Email: form.Get("email"), Name: form.Get("name"), Password: form.Raw("password"),
		PasswordAgain: form.Raw("password_again"), Lang: form.Get("lang"), Consent: form.Checked("consent"),
	}
	if err := m.Register(r.Context(), reg, web.Client(r.Context())); err != nil {
		m.s.Render.Page(w, r, form.Fail(err), "account/register", nil, form)
		return
	}
	http.Redirect(w, r, "/register/done", http.StatusSeeOther)
}

func (m *Module) registerDone(w http.ResponseWriter, r *http.Request) {
	m.s.Render.Page(w, r, http.StatusOK, "account/register_done", m.s.Mail, nil)
}

// verifyForm shows what the mailed link confirms and asks with a button:
// opening the link changes nothing, since mail scanners open every link of
// a mail. An unknown, used or expired link gets the error page at once.
func (m *Module) verifyForm(w http.ResponseWriter, r *http.Request) {
	m.linkPage(w, r, m.CheckVerifyLink, "account/verify")
}

// linkPage answers a GET of a mailed link whose POST acts: the page with
// the button when check accepts the link's secret, else the error page.
func (m *Module) linkPage(w http.ResponseWriter, r *http.Request, check func(context.Context, string) error, page string) {
	// The link is a secret: keep it out of other sites' logs.
	w.Header().Set("Referrer-Policy", "no-referrer")
	if err := check(r.Context(), r.PathValue("token")); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	// The button posts back to the link itself.
	m.s.Render.Page(w, r, http.StatusOK, page, r.URL.Path, nil)
}

func (m *Module) verify(w http.ResponseWriter, r *http.Request) {
	if _, err := m.Verify(r.Context(), r.PathValue("token")); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/login", "account.verified")
}

func (m *Module) loginForm(w http.ResponseWriter, r *http.Request) {
	next := web.SafeNext(r.URL.Query().Get("next"), "/")
	if auth.From(r.Context()) != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "account/login", nil, web.EmptyForm(map[string]string{"next": next}))
}

func (m *Module) login(w http.ResponseWriter, r *http.Request) {
	form := web.NewForm(r)
	u, err := m.Authenticate(r.Context(), Credentials{Email: form.Get("email"), Password: form.Raw("password"),
		Client: web.Client(r.Context()), Device: deviceOf(r)})
	if err == nil {
		err = m.logIn(r.Context(), u)
	}
	if err != nil {
		m.s.Render.Page(w, r, form.Fail(err), "account/login", nil, form)
		return
	}
	m.rememberDevice(w, r, u)
	m.s.Render.Redirect(w, r, web.SafeNext(form.Get("next"), "/"), "account.logged_in")
}

func (m *Module) logout(w http.ResponseWriter, r *http.Request) {
	if err := m.s.Sessions.Destroy(r.Context()); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (m *Module) forgotForm(w http.ResponseWriter, r *http.Request) {
	m.s.Render.Page(w, r, http.StatusOK, "account/forgot", nil, web.EmptyForm(nil))
}

func (m *Module) forgot(w http.ResponseWriter, r *http.Request) {
	form := web.NewForm(r)
	if err := m.RequestReset(r.Context(), form.Get("email"), web.Client(r.Context())); err != nil {
		m.s.Render.Page(w, r, form.Fail(err), "account/forgot", nil, form)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "account/forgot_done", nil, nil)
}

func (m *Module) resetForm(w http.ResponseWriter, r *http.Request) {
	if err := m.CheckResetLink(r.Context(), r.PathValue("token")); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "account/reset", nil, web.EmptyForm(nil))
}

func (m *Module) reset(w http.ResponseWriter, r *http.Request) {
	form := web.NewForm(r)
	u, err := m.ResetPassword(r.Context(), r.PathValue("token"), form.Raw("password"), form.Raw("password_again"))
	if apperr.Is(err, apperr.NotFound) {
		m.s.Render.Error(w, r, err)
		return
	}
	if err != nil {
		m.s.Render.Page(w, r, form.Fail(err), "account/reset", nil, form)
		return
	}
	// The mailed link proved the browser's owner: it stays known, so even
	// while someone guesses at the account, its owner gets in from here.
	m.rememberDevice(w, r, u)
	m.s.Render.Redirect(w, r, "/login", "account.password.reset_done")
}

// language sets the interface language: a cookie for everybody and the
// account's setting for a logged-in person (whose setting wins otherwise).
func (m *Module) language(w http.ResponseWriter, r *http.Request) {
	form := web.NewForm(r)
	lang := form.Get("lang")
	if !i18n.Supported(lang) {
		m.s.Render.Error(w, r, apperr.Field("lang", "form.invalid_choice"))
		return
	}
	http.SetCookie(w, &http.Cookie{Name: web.LangCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil || m.s.Sessions.Cookie.Secure})
	if id := auth.From(r.Context()); id != nil {
		if err := m.SetLanguage(r.Context(), id.UserID, lang); err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
	}
	http.Redirect(w, r, web.SafeNext(form.Get("next"), "/"), http.StatusSeeOther)
}
