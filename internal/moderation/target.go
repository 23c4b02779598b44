package moderation

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/ids"
)

// Item is what the queue and the flag form show of a flagged thing.
type Item struct {
	Title   string // the item's own title, or the first words of a message
	URL     string // a local path where the item is seen, e.g. "/listings/<id>"
	OwnerID string // the account that wrote it; they are told of decisions
	Excerpt string // a few lines of its text, for coordinators
}

// Target is implemented by a module whose items can be flagged and
// moderated (the board's listings, the conversations' messages, ...).
// Item ids are the module's UUIDs. SetHidden and Remove run in the
// moderation module's transaction, beside its audit entry and mail.
type Target interface {
	Kind() string // "listing", "message", "pledge", "report", "question"
	// Describe returns the item, hidden or not; NotFound when it is gone.
	Describe(ctx context.Context, id string) (Item, error)
	// SetHidden hides the item from everybody but its owner and staff, or
	// shows it again.
	SetHidden(ctx context.Context, tx *sql.Tx, id string, hidden bool) error
	// Remove deletes or withdraws the item for good.
	Remove(ctx context.Context, tx *sql.Tx, id string) error
}

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

// Register adds a module's Target. Modules call it when they are built; a
// kind registered twice is a programming mistake and panics.
func (m *Module) Register(t Target) {
	kind := t.Kind()
	if kind == "" || strings.ContainsAny(kind, "/?#& ") {
		panic(fmt.Sprintf("moderation: invalid kind %q", kind))
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, dup := m.targets[kind]; dup {
		panic(fmt.Sprintf("moderation: kind %q registered twice", kind))
	}
	m.targets[kind] = t
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
