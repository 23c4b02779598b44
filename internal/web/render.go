// Package web renders server-side HTML pages and holds the HTTP plumbing
// every module shares: the layout, forms, flash messages, language choice,
// static assets and middleware. It knows nothing of the modules: each hands
// its templates over with Add.
package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/alexedwards/scs/v2"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/clock"
	"teilhabe.org/teilhabe/internal/i18n"
	"teilhabe.org/teilhabe/internal/paging"
)

//go:embed templates/*.html
var baseTemplates embed.FS

//go:embed static
var staticFiles embed.FS

//go:embed locales/*.json
var locales embed.FS

// Messages returns the layout's own messages for the catalogue.
func Messages() fs.FS {
	sub, _ := fs.Sub(locales, "locales")
	return sub
}

// Renderer draws pages in the shared layout.
type Renderer struct {
	cat      *i18n.Catalog
	sessions *scs.SessionManager
	clock    clock.Clock
	log      *slog.Logger
	sources  []source
	pages    map[string]*template.Template
	css, js  string

	mu       sync.Mutex
	rendered map[string]bool // pages drawn since start, for the test that renders every page

	nav       []NavEntry        // ordered by Order
	funcs     template.FuncMap  // the modules' template functions
	assets    map[string]fs.FS  // module → its static files
	assetURLs map[string]string // "module/file" → versioned URL
}

type source struct {
	module string
	fsys   fs.FS
}

// NewRenderer returns a renderer; modules Add their templates, then Parse.
func NewRenderer(cat *i18n.Catalog, sessions *scs.SessionManager, clk clock.Clock, log *slog.Logger) *Renderer {
	return &Renderer{cat: cat, sessions: sessions, clock: clk, log: log, pages: map[string]*template.Template{},
		rendered: map[string]bool{}, funcs: template.FuncMap{}, assets: map[string]fs.FS{}, assetURLs: map[string]string{}}
}

// Add registers a module's templates: each "name.html" in fsys is the page
// "module/name", except "partials*.html", which hold templates shared by the
// module's pages. (Not "_name.html": embed leaves such files out.)
func (r *Renderer) Add(module string, fsys fs.FS) {
	r.sources = append(r.sources, source{module, fsys})
}

// Catalog returns the message catalogue.
func (r *Renderer) Catalog() *i18n.Catalog { return r.cat }

var funcs = template.FuncMap{
	"field":  field,
	"select": selectField,
	"join":   strings.Join,
	"query":  url.QueryEscape,
	"add":    func(a, b int) int { return a + b },
	"list":   func(s ...string) []string { return s },
	"langName": func(tag string) string {
		return i18n.LanguageOf(tag).Name
	},
	"bdi": Isolate,
}

// partialsFiles are a module's shared templates: "partials.html", or
// "partials_<area>.html" when a module splits them by area.
const partialsFiles = "partials*.html"

// Parse parses every template; a broken template stops the start, not a user.
func (r *Renderer) Parse() error {
	base, err := template.New("base").Funcs(funcs).Funcs(r.funcs).Funcs(template.FuncMap{"asset": r.asset}).ParseFS(baseTemplates, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return fmt.Errorf("layout templates: %w", err)
	}
	errorPage, err := template.Must(base.Clone()).ParseFS(baseTemplates, "templates/error.html")
	if err != nil {
		return fmt.Errorf("error page: %w", err)
	}
	r.pages["web/error"] = errorPage
	for _, s := range r.sources {
		partials, _ := fs.Glob(s.fsys, partialsFiles)
		files, err := fs.Glob(s.fsys, "*.html")
		if err != nil {
			return err
		}
		for _, f := range files {
			if slices.Contains(partials, f) {
				continue
			}
			t, err := base.Clone()
			if err != nil {
				return err
			}
			if _, err := t.ParseFS(s.fsys, append([]string{f}, partials...)...); err != nil {
				return fmt.Errorf("%s templates: %w", s.module, err)
			}
			for _, need := range []string{"title", "content"} {
				if t.Lookup(need) == nil {
					return fmt.Errorf("%s/%s defines no %q", s.module, f, need)
				}
			}
			r.pages[s.module+"/"+strings.TrimSuffix(f, ".html")] = t
		}
	}
	r.css = "/static/app.css?v=" + fileHash("static/app.css")
	r.js = "/static/app.js?v=" + fileHash("static/app.js")
	return nil
}

// Pages lists the names of all parsed pages.
func (r *Renderer) Pages() []string {
	out := make([]string, 0, len(r.pages))
	for k := range r.pages {
		out = append(out, k)
	}
	return out
}

// Unrendered lists the pages not drawn since start.
func (r *Renderer) Unrendered() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for name := range r.pages {
		if !r.rendered[name] && name != "web/error" {
			out = append(out, name)
		}
	}
	slices.Sort(out)
	return out
}

func fileHash(name string) string {
	b, err := staticFiles.ReadFile(name)
	if err != nil {
		return "0"
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:6])
}

// View builds the dot for a page of this request.
func (r *Renderer) View(req *http.Request, data any, form *Form) *View {
	ctx := req.Context()
	v := &View{
		L:         Localizer(ctx),
		User:      auth.From(ctx),
		Path:      req.URL.RequestURI(),
		Languages: i18n.Languages,
		CSS:       r.css,
		JS:        r.js,
		Data:      data,
		Form:      form,
		Now:       r.clock.Now(),
	}
	if v.L == nil {
		v.L = r.cat.Localizer(i18n.Default)
	}
	if r.sessions != nil {
		v.Flash = r.sessions.PopString(ctx, flashKey)
	}
	v.Nav = r.navFor(req, v.User)
	return v
}

// Page renders the named page ("module/name") with status.
func (r *Renderer) Page(w http.ResponseWriter, req *http.Request, status int, name string, data any, form *Form) {
	t, ok := r.pages[name]
	if !ok {
		r.Error(w, req, apperr.Wrap(apperr.Internal, fmt.Errorf("no page %q", name)))
		return
	}
	r.mu.Lock()
	r.rendered[name] = true
	r.mu.Unlock()
	r.execute(w, req, status, t, r.View(req, data, form))
}

func (r *Renderer) execute(w http.ResponseWriter, req *http.Request, status int, t *template.Template, v *View) {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", v); err != nil {
		r.log.ErrorContext(req.Context(), "render page", "err", err)
		http.Error(w, "Internal Server Error", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", v.Lang())
	h.Set("Cache-Control", "no-store")
	h.Add("Vary", "Cookie, Accept-Language")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// ErrorData is what the error page shows.
type ErrorData struct {
	Status    int
	Message   string // message id
	FirstPage string // for a bad cursor: the list's first page
}

// Error answers with the page for err: a visitor who must log in is sent to
// the login page and brought back afterwards; other errors get a translated
// message with the status of their code. Internal details are logged only.
func (r *Renderer) Error(w http.ResponseWriter, req *http.Request, err error) {
	code := apperr.CodeOf(err)
	if code == apperr.Unauthenticated && req.Method == http.MethodGet {
		http.Redirect(w, req, "/login?next="+url.QueryEscape(req.URL.RequestURI()), http.StatusSeeOther)
		return
	}
	status := apperr.Status(err)
	if status >= 500 {
		r.logFailure(req, code, err)
	}
	data := ErrorData{Status: status, Message: apperr.MessageID(err)}
	if paging.IsBadCursor(err) {
		data.FirstPage = paging.FirstPage(req.URL)
	}
	r.execute(w, req, status, r.pages["web/error"], r.View(req, data, nil))
}

// logFailure logs a request that failed on our side. One whose client went
// away before the answer is no fault (a browser closed, a load balancer
// gave up) and one that found the database unreachable is a passing state
// the operator sees in bulk; only the rest are errors someone must read.
func (r *Renderer) logFailure(req *http.Request, code apperr.Code, err error) {
	ctx := req.Context()
	switch {
	case ctx.Err() != nil:
		r.log.InfoContext(ctx, "request abandoned by the client", "err", err)
	case code == apperr.Unavailable:
		r.log.WarnContext(ctx, "request failed for now", "err", err)
	default:
		r.log.ErrorContext(ctx, "request failed", "err", err)
	}
}

// NotFound answers 404 with the error page.
func (r *Renderer) NotFound(w http.ResponseWriter, req *http.Request) {
	r.Error(w, req, apperr.New(apperr.NotFound, ""))
}

const flashKey = "flash"

// Flash stores a message id to show once on the next page.
func (r *Renderer) Flash(ctx context.Context, msgID string) {
	if r.sessions != nil {
		r.sessions.Put(ctx, flashKey, msgID)
	}
}

// Redirect answers a successful form post: 303 to target with a flash.
func (r *Renderer) Redirect(w http.ResponseWriter, req *http.Request, target, flashID string) {
	if flashID != "" {
		r.Flash(req.Context(), flashID)
	}
	http.Redirect(w, req, target, http.StatusSeeOther)
}
