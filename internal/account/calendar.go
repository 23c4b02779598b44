package account

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/db"
	"teilhabe.org/teilhabe/internal/feed"
	"teilhabe.org/teilhabe/internal/secrets"
)

// The personal calendar feed: every person may have one address,
// /calendar/<secret>.ics, that calendar programs subscribe to. It holds
// what every module with an app.CalendarSource booked the person for. Only
// the secret's hash is stored, so the address is shown once, when it is
// made; renewing makes a new one and ends the old.

// AddCalendarSource takes a module's entries for the personal feeds
// (app.CalendarKeeper).
func (m *Module) AddCalendarSource(s app.CalendarSource) { m.calendars = append(m.calendars, s) }

// How far the feed reaches back and ahead: calendar programs keep what
// they read before, so past months need not be sent again and again.
const (
	calendarPast   = 92 * 24 * time.Hour
	calendarFuture = 2 * 366 * 24 * time.Hour
)

// calendarPath is the address of a feed with the secret.
func calendarPath(secret string) string { return "/calendar/" + secret + ".ics" }

// RenewCalendar makes the person's feed address, or a new one in place of
// the old, which stops working at once. It returns the secret, which is
// not stored.
func (m *Module) RenewCalendar(ctx context.Context, actor *auth.Identity) (string, error) {
	if actor == nil {
		return "", apperr.New(apperr.Unauthenticated, "")
	}
	secret, hash := secrets.New()
	_, err := m.s.DB.ExecContext(ctx, `INSERT INTO account_calendar_feeds (user_id, hash, created_at) VALUES ($1, $2, $3)
ON CONFLICT (user_id) DO UPDATE SET hash = excluded.hash, created_at = excluded.created_at`,
		actor.UserID, hash, m.s.Clock.Now())
	return secret, db.Err(err)
}

// calendarMadeAt is when the person's feed address was made; nil without one.
func calendarMadeAt(ctx context.Context, q db.Querier, userID string) (*time.Time, error) {
	var at time.Time
	err := q.QueryRowContext(ctx, "SELECT created_at FROM account_calendar_feeds WHERE user_id = $1", userID).Scan(&at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, db.Err(err)
	}
	at = at.UTC()
	return &at, nil
}

// CalendarOf returns the feed behind a secret: its owner's name for the
// calendar, and every entry of the window around now, soonest first.
// NotFound for an unknown secret or an account that is no longer active.
func (m *Module) CalendarOf(ctx context.Context, secret string) (*User, []feed.Event, error) {
	var userID string
	err := m.s.DB.QueryRowContext(ctx, "SELECT user_id FROM account_calendar_feeds WHERE hash = $1",
		secrets.Hash(secret)).Scan(&userID)
	if err != nil {
		return nil, nil, db.Err(err)
	}
	u, err := userByID(ctx, m.s.DB, userID)
	if err != nil {
		return nil, nil, err
	}
	if !u.Active() {
		return nil, nil, apperr.New(apperr.NotFound, "")
	}
	now := m.s.Clock.Now()
	var entries []feed.Event
	for _, src := range m.calendars {
		es, err := src.CalendarEntries(ctx, u.ID, now.Add(-calendarPast), now.Add(calendarFuture))
		if err != nil {
			return nil, nil, err
		}
		entries = append(entries, es...)
	}
	slices.SortStableFunc(entries, func(a, b feed.Event) int { return a.Start.Compare(b.Start) })
	return u, entries, nil
}

// calendarData is what the calendar page shows.
type calendarData struct {
	MadeAt *time.Time
	URL    string // the new address, shown once after it was made
}

func (m *Module) calendarPage(w http.ResponseWriter, r *http.Request, status int, url string) {
	id, err := auth.Require(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	made, err := calendarMadeAt(r.Context(), m.s.DB, id.UserID)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	m.s.Render.Page(w, r, status, "account/calendar", calendarData{MadeAt: made, URL: url}, nil)
}

func (m *Module) calendarSettings(w http.ResponseWriter, r *http.Request) {
	m.calendarPage(w, r, http.StatusOK, "")
}

// renewCalendar answers the button: the new address is on this response
// only, since it is never stored.
func (m *Module) renewCalendar(w http.ResponseWriter, r *http.Request) {
	secret, err := m.RenewCalendar(r.Context(), auth.From(r.Context()))
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	m.calendarPage(w, r, http.StatusOK, m.s.BaseURL+calendarPath(secret))
}

// calendarFeed answers /calendar/<secret>.ics; whoever holds the address
// reads it, as calendar programs do, without logging in.
func (m *Module) calendarFeed(w http.ResponseWriter, r *http.Request) {
	secret, ok := strings.CutSuffix(r.PathValue("file"), ".ics")
	if !ok || secret == "" {
		m.s.Render.NotFound(w, r)
		return
	}
	u, entries, err := m.CalendarOf(r.Context(), secret)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	cal := &feed.Calendar{Name: m.s.Catalog.Localizer(u.Lang).T("account.calendar.feed_name", "Name", u.Name),
		Events: entries}
	var buf bytes.Buffer
	if err := cal.WriteICS(&buf); err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	w.Header().Set("Content-Type", feed.CalendarType)
	w.Header().Set("Cache-Control", "private, no-cache")
	w.Header().Set("X-Robots-Tag", "noindex")
	_, _ = w.Write(buf.Bytes())
}

// calendarRoutes registers the personal feed and its settings page.
func (m *Module) calendarRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /settings/calendar", m.calendarSettings)
	mux.HandleFunc("POST /settings/calendar", m.renewCalendar)
	mux.HandleFunc("GET /calendar/{file}", m.calendarFeed)
}
