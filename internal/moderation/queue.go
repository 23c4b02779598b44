package moderation

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/paging"
	"teilhabe.org/teilhabe/internal/web"
)

// Entry is one item of the queue with everything a coordinator needs to
// decide: the item, its owner, whether it waits or is hidden, and its open
// flags with their reporters.
type Entry struct {
	Kind, ID  string
	KindLabel string // message id naming the kind
	Item      Item
	Gone      bool   // the item no longer exists (or its kind is no longer registered)
	Owner     string // the owner's display name; "" for a deleted account
	Held      *Hold
	Hidden    *Hidden
	HiddenBy  string // name of the coordinator who hid it
	Flags     []FlagView
	Reasons   []ReasonCount
	Reporters int

	// Set when a decision on this entry failed: the reason typed and the
	// message id of what was wrong with it.
	Typed, Error string
}

// FlagView is a flag with the reporter's name, for staff only.
type FlagView struct {
	*Flag
	Reporter string // "" when the reporter's account is deleted
}

// ReasonCount is how many flags gave a reason.
type ReasonCount struct {
	Reason string
	Count  int
}

// Key names the entry in element ids.
func (e *Entry) Key() string { return e.Kind + "-" + e.ID }

// Can reports whether an action makes sense for the entry, so the page
// offers only those.
func (e *Entry) Can(action Action) bool {
	if e.Gone {
		return action == Dismiss && len(e.Flags) > 0
	}
	switch action {
	case Approve:
		return e.Held != nil
	case Hide:
		return e.Held == nil && e.Hidden == nil
	case Restore:
		return e.Hidden != nil
	case Remove:
		return true
	case Dismiss:
		return len(e.Flags) > 0
	case Suspend:
		return e.Item.OwnerID != ""
	}
	return false
}

// Queue is the coordinators' work: items waiting for approval, flagged
// items (one page of them) and hidden items without new flags.
type Queue struct {
	Held         []*Entry
	HeldTotal    int
	Flagged      []*Entry
	FlaggedTotal int
	Page         int  // of the flagged items, from 1
	More         bool // there is a next page of flagged items
	Hidden       []*Entry
	HiddenTotal  int
}

// Page sizes of the queue.
const (
	QueuePageSize = 25
	queueSideSize = 50
)

// Queue returns the moderation queue (coordinators and administrators).
func (m *Module) Queue(ctx context.Context, actor *auth.Identity, page int) (*Queue, error) {
	if !actor.Staff() {
		return nil, apperr.New(apperr.Forbidden, "")
	}
	page = max(page, 1)
	q := &Queue{Page: page}
	holds, total, err := pendingHolds(ctx, m.s.DB, queueSideSize)
	if err != nil {
		return nil, err
	}
	q.HeldTotal = total
	for _, h := range holds {
		e := &Entry{Kind: h.Kind, ID: h.ItemID, Held: &h}
		q.Held = append(q.Held, e)
	}
	groups, total, err := flaggedGroups(ctx, m.s.DB, QueuePageSize+1, paging.Offset(page, QueuePageSize))
	if err != nil {
		return nil, err
	}
	q.FlaggedTotal = total
	if len(groups) > QueuePageSize {
		groups, q.More = groups[:QueuePageSize], true
	}
	for _, g := range groups {
		e := &Entry{Kind: g.Kind, ID: g.ItemID}
		if e.Hidden, err = hiddenItem(ctx, m.s.DB, g.Kind, g.ItemID); err != nil && !apperr.Is(err, apperr.NotFound) {
			return nil, err
		}
		q.Flagged = append(q.Flagged, e)
	}
	hidden, total, err := hiddenItems(ctx, m.s.DB, queueSideSize)
	if err != nil {
		return nil, err
	}
	q.HiddenTotal = total
	for _, h := range hidden {
		q.Hidden = append(q.Hidden, &Entry{Kind: h.Kind, ID: h.ItemID, Hidden: h})
	}
	all := slices.Concat(q.Held, q.Flagged, q.Hidden)
	if err := m.fill(ctx, all); err != nil {
		return nil, err
	}
	return q, nil
}

// fill describes the entries' items, loads their open flags and names the
// people involved.
func (m *Module) fill(ctx context.Context, entries []*Entry) error {
	var people []string
	for _, e := range entries {
		e.KindLabel = m.KindLabel(e.Kind)
		t, err := m.target(e.Kind)
		if err == nil {
			e.Item, err = t.Describe(ctx, e.ID)
		}
		if apperr.Is(err, apperr.NotFound) {
			e.Gone, err = true, nil
		}
		if err != nil {
			return err
		}
		flags, err := openFlagsOf(ctx, m.s.DB, e.Kind, e.ID)
		if err != nil {
			return err
		}
		counts := map[string]int{}
		for _, f := range flags {
			e.Flags = append(e.Flags, FlagView{Flag: f})
			counts[f.Reason]++
			people = append(people, f.ReporterID)
		}
		for _, r := range Reasons {
			if counts[r] > 0 {
				e.Reasons = append(e.Reasons, ReasonCount{r, counts[r]})
			}
		}
		// One open flag per reporter; erased reporters count one each.
		e.Reporters = len(flags)
		people = append(people, e.Item.OwnerID)
		if e.Hidden != nil {
			people = append(people, e.Hidden.HiddenBy)
		}
	}
	names, err := m.accounts.Names(ctx, people)
	if err != nil {
		return err
	}
	for _, e := range entries {
		e.Owner = names[e.Item.OwnerID]
		if e.Hidden != nil {
			e.HiddenBy = names[e.Hidden.HiddenBy]
		}
		for i := range e.Flags {
			e.Flags[i].Reporter = names[e.Flags[i].ReporterID]
		}
	}
	return nil
}

// queueData is what the queue page shows.
type queueData struct {
	Sections []section
	Page     int
	Actions  []Action
	Failed   *Entry // the entry whose decision failed, if any
	NextURL  string
	PrevURL  string
}

// section is one part of the queue page: "held", "flagged" or "hidden".
type section struct {
	Name    string
	Total   int
	Entries []*Entry
}

func (m *Module) queue(w http.ResponseWriter, r *http.Request) {
	m.queuePage(w, r, http.StatusOK, "", "", nil)
}

// queuePage draws the queue; after a failed decision, key names the entry
// and form holds what was typed and the error.
func (m *Module) queuePage(w http.ResponseWriter, r *http.Request, status int, kind, id string, form *web.Form) {
	actor, err := auth.RequireStaff(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	pageParam := r.URL.Query().Get("page")
	if form != nil && pageParam == "" {
		pageParam = form.Get("page")
	}
	page, _ := strconv.Atoi(pageParam)
	q, err := m.Queue(r.Context(), actor, page)
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	data := queueData{Page: q.Page, Actions: Actions, Sections: []section{
		{"held", q.HeldTotal, q.Held}, {"flagged", q.FlaggedTotal, q.Flagged}, {"hidden", q.HiddenTotal, q.Hidden},
	}}
	if q.More {
		data.NextURL = "/admin/moderation?page=" + strconv.Itoa(q.Page+1)
	}
	if q.Page > 1 {
		data.PrevURL = "/admin/moderation?page=" + strconv.Itoa(q.Page-1)
	}
	if form != nil {
		for _, e := range slices.Concat(q.Held, q.Flagged, q.Hidden) {
			if e.Kind == kind && e.ID == id {
				e.Typed, e.Error = form.Get("reason"), form.Errors["reason"]
				if e.Error != "" {
					data.Failed = e
				}
			}
		}
	}
	m.s.Render.Page(w, r, status, "moderation/queue", data, form)
}

// decide carries out a decision posted from the queue; a missing reason
// shows the queue again with the error beside that item's reason field.
func (m *Module) decide(w http.ResponseWriter, r *http.Request) {
	actor, err := auth.RequireStaff(r.Context())
	if err != nil {
		m.s.Render.Error(w, r, err)
		return
	}
	kind, id, action := r.PathValue("kind"), r.PathValue("id"), Action(r.PathValue("action"))
	form := web.NewForm(r)
	if err := m.Decide(r.Context(), actor, kind, id, action, form.Get("reason")); err != nil {
		if !apperr.Is(err, apperr.Invalid) {
			m.s.Render.Error(w, r, err)
			return
		}
		form.Fail(err)
		m.queuePage(w, r, apperr.Status(err), kind, id, form)
		return
	}
	target := "/admin/moderation"
	if p := form.Get("page"); p != "" && p != "1" {
		if n, err := strconv.Atoi(p); err == nil && n > 1 {
			target += "?" + url.Values{"page": {strconv.Itoa(n)}}.Encode()
		}
	}
	m.s.Render.Redirect(w, r, target, "moderation.done."+string(action))
}
