package web

import (
	"cmp"
	"context"
	"net/http"
	"slices"

	"teilhabe.org/teilhabe/internal/auth"
)

// NavEntry is one entry of the site navigation. Modules give theirs (see
// app.Navigator); the layout draws them ordered by Order.
type NavEntry struct {
	Path  string // where it leads: "/board"
	Label string // message id of its text
	// Order places it: lowest first. The platform's modules use tens:
	// board 10, organisations 20, directory 30, pledges 40, conversations
	// 50, settings 60, administration 70, logging in or out 80, registering 90.
	Order int
	Show  Audience
	Post  bool // drawn as a button posting to Path (logging out)
	// Badge, when set, counts what waits for the person (unread
	// conversations); a count above zero is shown beside the label in the
	// message BadgeLabel, which is given the Count; who is nil for a
	// visitor. A failing count is logged and left out: the page matters
	// more.
	Badge      func(ctx context.Context, who *auth.Identity) (int, error)
	BadgeLabel string
}

// Audience is who sees a navigation entry.
type Audience int

const (
	Everyone Audience = iota
	Visitors          // only people not logged in
	Members           // only people logged in
	Staff             // only coordinators and administrators
)

// NavLink is a navigation entry as one page draws it.
type NavLink struct {
	Path, Label string
	Post        bool
	Badge       int
	BadgeLabel  string
}

// AddNav adds entries to the navigation. Call it while assembling,
// before serving.
func (r *Renderer) AddNav(entries ...NavEntry) {
	r.nav = append(r.nav, entries...)
	slices.SortStableFunc(r.nav, func(a, b NavEntry) int { return cmp.Compare(a.Order, b.Order) })
}

// navFor returns the links the person of req sees.
func (r *Renderer) navFor(req *http.Request, who *auth.Identity) []NavLink {
	out := make([]NavLink, 0, len(r.nav))
	for _, e := range r.nav {
		switch {
		case e.Show == Visitors && who != nil,
			e.Show == Members && who == nil,
			e.Show == Staff && (who == nil || !who.Staff()):
			continue
		}
		l := NavLink{Path: e.Path, Label: e.Label, Post: e.Post, BadgeLabel: e.BadgeLabel}
		if e.Badge != nil {
			n, err := e.Badge(req.Context(), who)
			if err != nil {
				r.log.WarnContext(req.Context(), "navigation badge", "path", e.Path, "err", err)
				n = 0
			}
			l.Badge = n
		}
		out = append(out, l)
	}
	return out
}
