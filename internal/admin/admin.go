// Package admin is the coordinators' and administrators' area: the start
// page linking every module's admin pages, the audit log, the mail outbox
// (where mail can be read when no SMTP server is configured) and the state
// of periodic jobs. Module-specific admin pages live in their modules.
package admin

import (
	"context"
	"embed"
	"net/http"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/geo"
	"teilhabe.org/teilhabe/internal/jobs"
	"teilhabe.org/teilhabe/internal/mail"
	"teilhabe.org/teilhabe/internal/paging"
	"teilhabe.org/teilhabe/internal/web"
)

//go:embed templates locales
var files embed.FS

// NameLookup resolves user ids to display names ("" for deleted people).
type NameLookup func(ctx context.Context, userIDs []string) (map[string]string, error)

// Module is the admin area.
type Module struct {
	app.Folder
	s      *app.Services
	names  NameLookup
	places *geo.Gazetteer // whose import the start page reports; nil: nothing to import
}

// New returns the admin area.
func New(s *app.Services, names NameLookup, places *geo.Gazetteer) *Module {
	return &Module{Folder: app.NewFolder("admin", files), s: s, names: names, places: places}
}

// Nav is the administration's entry in the site navigation, for staff.
func (m *Module) Nav() []web.NavEntry {
	return []web.NavEntry{{Path: "/admin", Label: "layout.nav.admin", Order: 70, Show: web.Staff}}
}

// Routes registers the admin pages.
func (m *Module) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /admin", m.staffOnly(m.index))
	mux.HandleFunc("GET /admin/audit", m.staffOnly(m.auditLog))
	mux.HandleFunc("GET /admin/mail", m.adminOnly(m.outbox))
	mux.HandleFunc("GET /admin/mail/{id}", m.adminOnly(m.outboxMail))
	mux.HandleFunc("GET /admin/jobs", m.adminOnly(m.jobStates))
}

func (m *Module) staffOnly(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, err := auth.RequireStaff(r.Context()); err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
		h(w, r)
	}
}

func (m *Module) adminOnly(h http.HandlerFunc) http.HandlerFunc {
	return m.staffOnly(func(w http.ResponseWriter, r *http.Request) {
		if !auth.From(r.Context()).IsAdmin() {
			m.s.Render.Error(w, r, errForbidden)
			return
		}
		h(w, r)
	})
}

func (m *Module) index(w http.ResponseWriter, r *http.Request) {
	geoImported := true // without a gazetteer there is nothing to import
	if m.places != nil {
		ok, err := m.places.Imported(r.Context())
		if err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
		geoImported = ok
	}
	m.s.Render.Page(w, r, http.StatusOK, "admin/index", map[string]any{"Delivers": m.s.Mail.Delivers, "GeoImported": geoImported}, nil)
}

// auditRow is one audit entry with the actor's name.
type auditRow struct {
	audit.Logged
	Actor string
}

func (m *Module) auditLog(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := audit.Filter{ActionPrefix: q.Get("action"), ObjectID: q.Get("object")}
	if c := q.Get(paging.Param); c != "" {
		cur, err := audit.ParseCursor(c)
		if err != nil {
			m.s.Render.Error(w, r, err)
			return
		}
		f.Before = &cur
	}
	entries, err := audit.List(r.Context(), m.s.DB, f)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	var actorIDs []string
	for _, e := range entries {
		actorIDs = append(actorIDs, e.ActorID)
	}
	names, err := m.names(r.Context(), actorIDs)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	rows := make([]auditRow, len(entries))
	for i, e := range entries {
		rows[i] = auditRow{Logged: e, Actor: names[e.ActorID]}
	}
	next := ""
	if len(entries) == audit.DefaultLimit {
		next = entries[len(entries)-1].Cursor().String()
	}
	m.s.Render.Page(w, r, http.StatusOK, "admin/audit", map[string]any{
		"Rows": rows, "Next": next, "Action": f.ActionPrefix, "Object": f.ObjectID,
	}, nil)
}

func (m *Module) outbox(w http.ResponseWriter, r *http.Request) {
	entries, err := mail.Recent(r.Context(), m.s.DB, 100)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "admin/mail", map[string]any{"Entries": entries, "Delivers": m.s.Mail.Delivers}, nil)
}

// outboxMail shows one mail's text (its link secrets cut out, as in the
// list); the reading is audit-logged, since mails carry what people wrote.
func (m *Module) outboxMail(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, err := mail.Get(ctx, m.s.DB, r.PathValue("id"))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	if err := audit.Record(ctx, m.s.DB, audit.Entry{At: m.s.Clock.Now(), ActorID: auth.From(ctx).UserID,
		Action: "mail.read", ObjectType: "mail", ObjectID: e.ID, Details: map[string]any{"to": e.To}}); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "admin/mail_one", e, nil)
}

func (m *Module) jobStates(w http.ResponseWriter, r *http.Request) {
	states, err := jobs.States(r.Context(), m.s.DB)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, http.StatusOK, "admin/jobs", states, nil)
}
