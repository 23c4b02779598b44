// Package legal serves the pages every German website needs: imprint
// (Impressum), privacy notice and terms of use, in every interface
// language. The operator writes them in the admin area; until then a
// default text stands in (for the imprint, a notice that it is missing).
package legal

import (
	"context"
	"database/sql"
	"embed"
	"net/http"
	"slices"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/web"
)

//go:embed migrations templates locales
var files embed.FS

// Pages are the legal pages, by URL name.
var Pages = []string{"imprint", "privacy", "terms"}

// maxBody bounds an operator's text.
const maxBody = 60000

// Module serves and edits the legal pages.
type Module struct {
	app.Folder
	s *app.Services
}

// New returns the module.
func New(s *app.Services) *Module { return &Module{Folder: app.NewFolder("legal", files), s: s} }

// Routes registers the public pages and the administrators' editor.
func (m *Module) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /legal/{page}", m.show)
	mux.HandleFunc("GET /admin/legal", m.adminList)
	mux.HandleFunc("GET /admin/legal/{page}/{lang}", m.editForm)
	mux.HandleFunc("POST /admin/legal/{page}/{lang}", m.save)
}

// Text returns the operator's text of a page in lang, falling back to
// German; "" when the operator wrote none.
func (m *Module) Text(ctx context.Context, page, lang string) (string, *time.Time, error) {
	var body string
	var updated time.Time
	err := m.s.DB.QueryRowContext(ctx, `SELECT body, updated_at FROM legal_pages WHERE page = $1 AND lang IN ($2, $3)
		ORDER BY CASE WHEN lang = $2 THEN 0 ELSE 1 END LIMIT 1`, page, lang, i18n.Default).Scan(&body, &updated)
	if apperr.Is(db.Err(err), apperr.NotFound) {
		return "", nil, nil
	}
	if err != nil {
		return "", nil, db.Err(err)
	}
	return body, &updated, nil
}

// Paragraphs splits a text at blank lines, for rendering without markup.
func Paragraphs(text string) [][]string {
	var out [][]string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, strings.Split(p, "\n"))
		}
	}
	return out
}

type pageData struct {
	Page       string
	Paragraphs [][]string
	Default    bool // no operator text: the default text is shown
	UpdatedAt  *time.Time
}

func (m *Module) show(w http.ResponseWriter, r *http.Request) {
	page := r.PathValue("page")
	if !slices.Contains(Pages, page) {
		m.s.Render.NotFound(w, r)
		return
	}
	l := web.Localizer(r.Context())
	text, updated, err := m.Text(r.Context(), page, l.Lang())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := pageData{Page: page, UpdatedAt: updated}
	if text == "" {
		data.Default = true
		text = l.T("legal.default." + page)
	}
	data.Paragraphs = Paragraphs(text)
	m.s.Render.Page(w, r, http.StatusOK, "legal/page", data, nil)
}

func (m *Module) adminList(w http.ResponseWriter, r *http.Request) {
	if _, err := requireAdmin(r.Context()); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "legal/admin_list", map[string]any{"Pages": Pages}, nil)
}

func requireAdmin(ctx context.Context) (*auth.Identity, error) {
	id, err := auth.Require(ctx)
	if err != nil {
		return nil, err
	}
	if !id.IsAdmin() {
		return nil, apperr.New(apperr.Forbidden, "")
	}
	return id, nil
}

func validPageLang(page, lang string) bool {
	return slices.Contains(Pages, page) && i18n.Supported(lang)
}

func (m *Module) editForm(w http.ResponseWriter, r *http.Request) {
	page, lang := r.PathValue("page"), r.PathValue("lang")
	if _, err := requireAdmin(r.Context()); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if !validPageLang(page, lang) {
		m.s.Render.NotFound(w, r)
		return
	}
	var body string
	err := m.s.DB.QueryRowContext(r.Context(), "SELECT body FROM legal_pages WHERE page = $1 AND lang = $2", page, lang).Scan(&body)
	if err != nil && !apperr.Is(db.Err(err), apperr.NotFound) {
		m.s.Render.Error(w, r, db.Err(err))
		return
	}
	form := web.EmptyForm(map[string]string{"body": body})
	m.s.Render.Page(w, r, http.StatusOK, "legal/edit", map[string]string{"Page": page, "Lang": lang}, form)
}

// Save stores the operator's text of a page in one language; an empty text
// brings the default back.
func (m *Module) Save(ctx context.Context, actor *auth.Identity, page, lang, body string) error {
	if !validPageLang(page, lang) {
		return apperr.New(apperr.NotFound, "")
	}
	if len(body) > maxBody {
		return apperr.Field("body", "form.too_long")
	}
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if strings.TrimSpace(body) == "" {
			_, err = tx.ExecContext(ctx, "DELETE FROM legal_pages WHERE page = $1 AND lang = $2", page, lang)
		} else {
			_, err = tx.ExecContext(ctx, `INSERT INTO legal_pages (page, lang, body, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (page, lang) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
				page, lang, body, now, actor.UserID)
		}
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "legal.edit", ObjectType: "legal_page",
			ObjectID: page + "/" + lang})
	})
}

func (m *Module) save(w http.ResponseWriter, r *http.Request) {
	page, lang := r.PathValue("page"), r.PathValue("lang")
	actor, err := requireAdmin(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	form := web.NewForm(r)
	if err := m.Save(r.Context(), actor, page, lang, form.Raw("body")); err != nil {
		if apperr.Is(err, apperr.Invalid) {
			m.s.Render.Page(w, r, form.Fail(err), "legal/edit", map[string]string{"Page": page, "Lang": lang}, form)
			return
		}
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Redirect(w, r, "/admin/legal", "legal.saved")
}
