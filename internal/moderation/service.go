package moderation

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"teilhabe.org/teilhabe/internal/account"
	"teilhabe.org/teilhabe/internal/apperr"
	"teilhabe.org/teilhabe/internal/audit"
	"teilhabe.org/teilhabe/internal/auth"
	"teilhabe.org/teilhabe/internal/ids"
)

// Limits on what people type.
const (
	maxFlagText    = 2000
	maxDecisionLen = 2000
)

// Flag records that reporterID reports the item kind/id for reason, with
// an optional text (required for "other"). Field errors name "kind",
// "reason" and "text"; an account may flag 20 times an hour; unknown items
// are NotFound. A reporter has one open flag per item: flagging it again
// replaces reason and text.
func (m *Module) Flag(ctx context.Context, reporterID, kind, id, reason, text string) error {
	_, err := m.flag(ctx, reporterID, kind, id, reason, text)
	return err
}

func (m *Module) flag(ctx context.Context, reporterID, kind, id, reason, text string) (*Flag, error) {
	if !ids.Valid(reporterID) {
		return nil, apperr.New(apperr.Unauthenticated, "")
	}
	reason, text = strings.TrimSpace(reason), strings.TrimSpace(text)
	f := apperr.Fields{}
	if _, err := m.target(kind); err != nil {
		f.Add("kind", "moderation.flag.unknown_kind")
	}
	switch {
	case reason == "":
		f.Add("reason", "moderation.flag.reason_required")
	case !ValidReason(reason):
		f.Add("reason", "form.invalid_choice")
	}
	switch {
	case utf8.RuneCountInString(text) > maxFlagText:
		f.Add("text", "form.too_long")
	case reason == "other" && text == "":
		f.Add("text", "moderation.flag.text_required")
	}
	if err := f.Err(); err != nil {
		return nil, err
	}
	// Counted before the item is looked up, so ids cannot be probed.
	if err := m.s.Limiter.Allow(ctx, flagLimit, reporterID); err != nil {
		return nil, err
	}
	t, id, _, err := m.describe(ctx, kind, id)
	if err != nil {
		return nil, err
	}
	if err := visibleTo(ctx, t, reporterID, id); err != nil {
		return nil, err
	}
	now := m.s.Clock.Now()
	fl := &Flag{ID: ids.New(), Kind: kind, ItemID: id, ReporterID: strings.ToLower(reporterID), Reason: reason, Text: text,
		CreatedAt: now, UpdatedAt: now}
	if err := m.s.DB.Tx(ctx, func(tx *sql.Tx) error { return upsertFlag(ctx, tx, fl) }); err != nil {
		return nil, err
	}
	return fl, nil
}

// HoldForReview makes an item wait for a coordinator's approval. The
// calling module has already stored it hidden, in tx; Approve will call
// its Target's SetHidden(false), Remove its Remove.
func (m *Module) HoldForReview(ctx context.Context, tx *sql.Tx, kind, id, ownerID string) error {
	if _, err := m.target(kind); err != nil {
		return apperr.Wrap(apperr.Internal, fmt.Errorf("moderation: hold of an item of unregistered kind %q", kind))
	}
	if !ids.Valid(id) || (ownerID != "" && !ids.Valid(ownerID)) {
		return apperr.Wrap(apperr.Internal, fmt.Errorf("moderation: hold of %s %q owned by %q: not an id", kind, id, ownerID))
	}
	return insertHold(ctx, tx, kind, strings.ToLower(id), strings.ToLower(ownerID), m.s.Clock.Now())
}

// Pending reports whether the item waits for approval.
func (m *Module) Pending(ctx context.Context, kind, id string) (bool, error) {
	if !ids.Valid(id) {
		return false, nil
	}
	_, err := pendingHold(ctx, m.s.DB, kind, strings.ToLower(id))
	if apperr.Is(err, apperr.NotFound) {
		return false, nil
	}
	return err == nil, err
}

// ShouldHold answers a posting module's question "must this wait for a
// coordinator?": yes when the text NeedsReview and the owner is still new,
// meaning no coordinator has approved a held post of theirs yet. Modules
// may add rules of their own (an account's age, its number of posts).
func (m *Module) ShouldHold(ctx context.Context, ownerID, text string) (bool, error) {
	if !NeedsReview(text) {
		return false, nil
	}
	if !ids.Valid(ownerID) {
		return true, nil
	}
	var approved int
	err := m.s.DB.QueryRowContext(ctx, `SELECT count(*) FROM moderation_holds WHERE owner_id = $1 AND decision = $2`,
		strings.ToLower(ownerID), string(Approve)).Scan(&approved)
	if err != nil {
		return false, apperr.Wrap(apperr.Internal, err)
	}
	return approved == 0, nil
}

// Action is a coordinator's decision on an item.
type Action string

const (
	Hide    Action = "hide"    // hide from everybody but the owner; can be restored
	Restore Action = "restore" // show a hidden item again
	Remove  Action = "remove"  // delete or withdraw the item for good
	Approve Action = "approve" // publish an item that waited for approval
	Dismiss Action = "dismiss" // close the flags: no action needed
	Suspend Action = "suspend" // suspend the owner's account
)

// Actions lists every decision.
var Actions = []Action{Hide, Restore, Remove, Approve, Dismiss, Suspend}

// ReasonRequired reports whether the decision must be explained: the
// reason is sent to the owner and kept in the audit log.
func (a Action) ReasonRequired() bool {
	return a == Hide || a == Restore || a == Remove || a == Suspend
}

func validAction(a Action) bool {
	for _, x := range Actions {
		if x == a {
			return true
		}
	}
	return false
}

// Hide hides an item and tells its owner why.
func (m *Module) Hide(ctx context.Context, actor *auth.Identity, kind, id, reason string) error {
	return m.Decide(ctx, actor, kind, id, Hide, reason)
}

// Restore shows an item a coordinator hid and tells its owner why.
func (m *Module) Restore(ctx context.Context, actor *auth.Identity, kind, id, reason string) error {
	return m.Decide(ctx, actor, kind, id, Restore, reason)
}

// Remove removes an item for good and tells its owner why.
func (m *Module) Remove(ctx context.Context, actor *auth.Identity, kind, id, reason string) error {
	return m.Decide(ctx, actor, kind, id, Remove, reason)
}

// Approve publishes an item that waited for approval.
func (m *Module) Approve(ctx context.Context, actor *auth.Identity, kind, id, reason string) error {
	return m.Decide(ctx, actor, kind, id, Approve, reason)
}

// DismissFlags closes an item's open flags: no action needed.
func (m *Module) DismissFlags(ctx context.Context, actor *auth.Identity, kind, id, reason string) error {
	return m.Decide(ctx, actor, kind, id, Dismiss, reason)
}

// SuspendOwner suspends the account that wrote the item.
func (m *Module) SuspendOwner(ctx context.Context, actor *auth.Identity, kind, id, reason string) error {
	return m.Decide(ctx, actor, kind, id, Suspend, reason)
}

// Decide carries out a coordinator's decision on an item (coordinators and
// administrators only): the item's Target is called, the open flags are
// closed, an audit entry is written and the owner is told (a notice and a
// mail in their language) with the reason, all in one transaction.
// Suspension goes through the accounts module, which logs it too.
func (m *Module) Decide(ctx context.Context, actor *auth.Identity, kind, id string, action Action, reason string) error {
	if !actor.Staff() {
		return apperr.New(apperr.Forbidden, "")
	}
	if !validAction(action) {
		return apperr.New(apperr.NotFound, "")
	}
	t, err := m.target(kind)
	if err != nil {
		return err
	}
	if !ids.Valid(id) {
		return apperr.New(apperr.NotFound, "")
	}
	id = strings.ToLower(id)
	item, err := t.Describe(ctx, id)
	gone := apperr.Is(err, apperr.NotFound)
	if err != nil && !(gone && action == Dismiss) {
		return err
	}
	reason = strings.TrimSpace(reason)
	switch {
	case action.ReasonRequired() && reason == "":
		return apperr.Field("reason", "moderation.decide.reason_required")
	case utf8.RuneCountInString(reason) > maxDecisionLen:
		return apperr.Field("reason", "form.too_long")
	}
	if action == Suspend {
		return m.suspend(ctx, actor, kind, id, item, reason)
	}
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		switch action {
		case Hide:
			if err := insertHidden(ctx, tx, &Hidden{Kind: kind, ItemID: id, OwnerID: item.OwnerID, HiddenBy: actor.UserID,
				Reason: reason, HiddenAt: now}); err != nil {
				return err
			}
			if err := t.SetHidden(ctx, tx, id, true); err != nil {
				return err
			}
			if _, err := decideHold(ctx, tx, kind, id, actor.UserID, string(Hide), now); err != nil {
				return err
			}
		case Restore:
			was, err := deleteHidden(ctx, tx, kind, id)
			if err != nil {
				return err
			}
			if !was {
				return apperr.New(apperr.Conflict, "moderation.error.not_hidden")
			}
			if err := t.SetHidden(ctx, tx, id, false); err != nil {
				return err
			}
		case Remove:
			if err := t.Remove(ctx, tx, id); err != nil {
				return err
			}
			if _, err := deleteHidden(ctx, tx, kind, id); err != nil {
				return err
			}
			if _, err := decideHold(ctx, tx, kind, id, actor.UserID, string(Remove), now); err != nil {
				return err
			}
		case Approve:
			was, err := decideHold(ctx, tx, kind, id, actor.UserID, string(Approve), now)
			if err != nil {
				return err
			}
			if !was {
				return apperr.New(apperr.Conflict, "moderation.error.not_pending")
			}
			if err := t.SetHidden(ctx, tx, id, false); err != nil {
				return err
			}
		}
		// Approval publishes what waited; flags of it still need a look.
		closed := 0
		if action != Approve {
			var err error
			if closed, err = resolveFlags(ctx, tx, kind, id, actor.UserID, string(action), now); err != nil {
				return err
			}
		}
		if action == Dismiss && closed == 0 {
			return apperr.New(apperr.Conflict, "moderation.error.no_open_flags")
		}
		if err := m.record(ctx, tx, actor, action, kind, id, item, reason, closed, now); err != nil {
			return err
		}
		if gone || action == Dismiss {
			return nil
		}
		return m.tellOwner(ctx, tx, action, kind, id, item, reason, now)
	})
}

// suspend suspends the owner of an item. The accounts module checks the
// actor's rights (a coordinator cannot suspend an administrator, nobody
// themselves) and logs "user.suspend"; this adds which item it was about
// and tells the owner, whose address is read before the account closes.
func (m *Module) suspend(ctx context.Context, actor *auth.Identity, kind, id string, item Item, reason string) error {
	if !ids.Valid(item.OwnerID) {
		return apperr.New(apperr.NotFound, "")
	}
	owner, err := m.contact(ctx, item.OwnerID)
	if err != nil {
		return err
	}
	if err := m.accounts.SetSuspended(ctx, actor, item.OwnerID, true); err != nil {
		return err
	}
	now := m.s.Clock.Now()
	return m.s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := m.record(ctx, tx, actor, Suspend, kind, id, item, reason, 0, now); err != nil {
			return err
		}
		if owner == nil {
			return nil
		}
		return m.mailSuspended(ctx, tx, owner, item, reason, now)
	})
}

// contact is the owner's address and language; nil when the account is
// gone or suspended (such owners are not written to).
func (m *Module) contact(ctx context.Context, ownerID string) (*account.Contact, error) {
	if !ids.Valid(ownerID) {
		return nil, nil
	}
	c, err := m.accounts.ContactByID(ctx, ownerID)
	if apperr.Is(err, apperr.NotFound) {
		return nil, nil
	}
	return c, err
}

// record writes the audit entry of a decision.
func (m *Module) record(ctx context.Context, tx *sql.Tx, actor *auth.Identity, action Action, kind, id string, item Item,
	reason string, flags int, now time.Time) error {
	details := map[string]any{"flags": flags}
	if item.Title != "" {
		details["title"] = item.Title
	}
	if item.OwnerID != "" {
		details["owner_id"] = item.OwnerID
	}
	if reason != "" {
		details["reason"] = reason
	}
	return audit.Record(ctx, tx, audit.Entry{At: now, ActorID: actor.UserID, Action: "moderation." + string(action),
		ObjectType: kind, ObjectID: id, Details: details})
}
