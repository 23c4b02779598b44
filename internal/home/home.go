// Package home is the front page and the page for addresses that lead
// nowhere. The front page shows what other modules draw for it (what is
// needed and offered near the reader, upcoming events, pledges close to
// their goal) and, for a person who is logged in, what waits for them.
package home

import (
	"context"
	"embed"
	"html/template"
	"net/http"
	"net/url"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/text"
	"teilhabe.org/teilhabe/internal/web"
)

//go:embed templates locales
var files embed.FS

// Page names the front page for other modules' sections; a section is
// drawn with the reader's place (a postcode or town, "" when none is
// chosen) as its id.
const Page = "home"

// placeCookie keeps the place a visitor chose once, for a year.
const (
	placeCookie  = "teilhabe_place"
	placeMaxAge  = 365 * 24 * time.Hour
	maxPlaceLen  = 80
	inboxPreview = 5
)

// Module is the front page.
type Module struct {
	app.Folder
	s        *app.Services
	sections app.SectionList
}

// New returns the module.
func New(s *app.Services) *Module { return &Module{Folder: app.NewFolder("home", files), s: s} }

// SectionPages: other modules draw on the front page.
func (m *Module) SectionPages() []string { return []string{Page} }

// AddSection keeps a module's part of the front page.
func (m *Module) AddSection(s app.Section) { m.sections.Add(s) }

// Routes serves "/" and answers every unknown address with the translated
// 404 page.
func (m *Module) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", m.front)
	mux.HandleFunc("/", m.s.Render.NotFound)
}

// frontData is what the front page shows.
type frontData struct {
	Place    string
	Inbox    []inboxLine
	Sections []template.HTML
}

// inboxLine is one of the first things waiting for a person.
type inboxLine struct {
	Text   string
	Link   string
	Unread bool
}

func (m *Module) front(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	data := &frontData{Place: m.place(w, r)}
	l := web.Localizer(ctx)
	var err error
	if who := auth.From(ctx); who != nil {
		if data.Inbox, err = m.inbox(ctx, who.UserID); err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
	}
	if data.Sections, err = m.sections.Draw(ctx, Page, data.Place, l.Lang()); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "home/index", data, nil)
}

// place is the place the reader chose: a new choice from the form (kept
// in a cookie, or forgotten when emptied), else the one chosen before.
func (m *Module) place(w http.ResponseWriter, r *http.Request) string {
	if r.URL.Query().Has("near") {
		place := cleanPlace(r.URL.Query().Get("near"))
		// Escaped: a cookie carries only ASCII without spaces.
		c := &http.Cookie{Name: placeCookie, Value: url.QueryEscape(place), Path: "/", HttpOnly: true,
			SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil || m.s.Sessions.Cookie.Secure,
			MaxAge: int(placeMaxAge.Seconds())}
		if place == "" {
			c.MaxAge = -1
		}
		http.SetCookie(w, c)
		return place
	}
	if c, err := r.Cookie(placeCookie); err == nil {
		if place, err := url.QueryUnescape(c.Value); err == nil {
			return cleanPlace(place)
		}
	}
	return ""
}

// cleanPlace keeps a place to one short line of text.
func cleanPlace(s string) string {
	s = text.OneLine(text.StripControls(s))
	if r := []rune(s); len(r) > maxPlaceLen {
		s = string(r[:maxPlaceLen])
	}
	return s
}

// inbox is the first of what waits for a person, in the page language.
func (m *Module) inbox(ctx context.Context, userID string) ([]inboxLine, error) {
	records, err := m.s.Notify.List(ctx, userID, inboxPreview)
	if err != nil {
		return nil, err
	}
	l := web.Localizer(ctx)
	out := make([]inboxLine, 0, len(records))
	for _, rec := range records {
		// Through the inbox, which marks the notice read on the way.
		out = append(out, inboxLine{Text: m.s.Notify.Line(l, rec), Link: "/me/inbox/" + rec.ID, Unread: rec.Unread()})
	}
	return out, nil
}
