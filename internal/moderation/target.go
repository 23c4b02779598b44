package moderation

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"teilhabe.org/teilhabe/internal/app"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/ids"
)

// Item is what the queue and the flag form show of a flagged thing, and
// Target a kind of flaggable item: the contract is app's, so that modules
// hand their targets over without importing this one (app.Moderated).
type (
	Item   = app.ModerationItem
	Target = app.ModerationTarget
)

// Restricted may be implemented by a Target whose items not everybody may
// see (the messages of a conversation): only people who may see an item
// can flag it; for everybody else it does not exist.
type Restricted interface {
	VisibleTo(ctx context.Context, userID, id string) (bool, error)
}

// Reasons are the reasons a reporter chooses from, in the order the form
// shows them.
var Reasons = []string{"spam", "offensive", "personal_data", "dangerous", "discrimination", "wrong_category", "other"}

// ValidReason reports whether r is one of Reasons.
func ValidReason(r string) bool { return slices.Contains(Reasons, r) }

// FlagURL is the address of the form that reports an item; modules link it
// beside each item ("Report").
func FlagURL(kind, id string) string {
	return "/flags/new?kind=" + url.QueryEscape(kind) + "&id=" + url.QueryEscape(id)
}

// Register adds a Target; app.New registers the targets of every
// app.Moderated module. An invalid kind or one registered twice is a
// programming mistake and stops the start.
func (m *Module) Register(t Target) error {
	kind := t.Kind()
	if kind == "" || strings.ContainsAny(kind, "/?#& ") {
		return fmt.Errorf("moderation: invalid kind %q", kind)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.targets[kind]; dup {
		return fmt.Errorf("moderation: kind %q registered twice", kind)
	}
	m.targets[kind] = t
	return nil
}

// target returns the Target of kind; NotFound when none is registered.
func (m *Module) target(kind string) (Target, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	t, ok := m.targets[kind]
	if !ok {
		return nil, apperr.New(apperr.NotFound, "")
	}
	return t, nil
}

// Kinds lists the registered kinds, sorted.
func (m *Module) Kinds() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	out := make([]string, 0, len(m.targets))
	for k := range m.targets {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// KindLabel returns the message id that names kind for people:
// "moderation.kind.<kind>", or a generic one for kinds this module has no
// name for yet.
func (m *Module) KindLabel(kind string) string {
	if id := "moderation.kind." + kind; m.s.Catalog.Has(id) {
		return id
	}
	return "moderation.kind.other"
}

// describe resolves kind and id to the target and the item; NotFound for
// unknown kinds, malformed ids and items that are gone.
func (m *Module) describe(ctx context.Context, kind, id string) (Target, string, Item, error) {
	t, err := m.target(kind)
	if err != nil {
		return nil, "", Item{}, err
	}
	if !ids.Valid(id) {
		return nil, "", Item{}, apperr.New(apperr.NotFound, "")
	}
	id = strings.ToLower(id)
	item, err := t.Describe(ctx, id)
	if err != nil {
		return nil, "", Item{}, err
	}
	return t, id, item, nil
}

// visibleTo applies a Restricted target's rule: NotFound for people who
// may not see the item.
func visibleTo(ctx context.Context, t Target, userID, id string) error {
	r, ok := t.(Restricted)
	if !ok {
		return nil
	}
	visible, err := r.VisibleTo(ctx, userID, id)
	if err != nil {
		return err
	}
	if !visible {
		return apperr.New(apperr.NotFound, "")
	}
	return nil
}
